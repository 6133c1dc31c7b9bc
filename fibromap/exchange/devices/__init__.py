"""Sleep and steps from the exports of device apps: Apple Health, Fitbit (Google Takeout)
and Gadgetbridge. Each reader gives a DeviceExport; the store adds it in one transaction
(store/devices.py)."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fibromap.domain.device_data import (
    DeviceSleep,
    DeviceSource,
    DeviceSteps,
    Stretch,
    sleep_periods,
    steps_per_day,
)

# (what is being done, how much of it is done, how much there is), as exchange.files has it;
# it may raise Cancelled to stop, and then nothing is written.
Progress = Callable[[str, int, int], None]


@dataclass
class DeviceExport:
    """What one export holds: each device's sleep periods (overlaps between devices not yet
    settled) and its steps per day."""

    kind: str                                 # "Apple Health export"
    sleeps: list[DeviceSleep] = field(default_factory=list)
    steps: list[DeviceSteps] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # what was read and how

    def gather(self, stretches: dict[DeviceSource, list[Stretch]],
               steps: Mapping[DeviceSource, Mapping[date, float]]) -> None:
        """Each device's stretches as periods of sleep and its steps per day; what had to
        be left out (a period too long for a sleep, an impossible day) is said in a note."""
        left_out: list[str] = []
        for source, found in stretches.items():
            self.sleeps += sleep_periods(source, found, left_out)
        for source, days in steps.items():
            self.steps += steps_per_day(source, days, left_out)
        if left_out:
            more = f" and {len(left_out) - 3} more" if len(left_out) > 3 else ""
            self.notes.append(f"Left out: {'; '.join(left_out[:3])}{more}.")

    def sources(self) -> list[DeviceSource]:
        return sorted({s.source for s in self.sleeps} | {s.source for s in self.steps})


HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileSample:
    """What recognising a device export looks at, read once for all the formats: whether
    it is a folder, the names in a zip archive, or a plain file's first bytes."""

    path: Path
    folder: bool = False
    names: tuple[str, ...] | None = None  # a zip archive's members; None when not a zip
    head: bytes = b""                      # a plain file's first HEAD_BYTES

    @property
    def plain(self) -> bool:
        return not self.folder and self.names is None


def sample(path: Path) -> FileSample | None:
    """``path`` as the device formats recognise it; None when it cannot be one (gone, a
    device or a pipe, a damaged zip archive)."""
    try:
        info = path.stat()
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):  # an unpacked Takeout, or its Fitbit folder
        return FileSample(path, folder=True)
    if not stat.S_ISREG(info.st_mode):
        return None
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                return FileSample(path, names=tuple(archive.namelist()))
        except (zipfile.BadZipFile, OSError):
            return None
    with open(path, "rb") as handle:
        return FileSample(path, head=handle.read(HEAD_BYTES))
