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

from fibromap.domain.day_bounds import latest_day
from fibromap.domain.device_bounds import bounded, sleep_out_of_bounds, steps_out_of_bounds
from fibromap.domain.device_data import (
    STAGES,
    DeviceSleep,
    DeviceSource,
    DeviceSteps,
    SleepStage,
    Stretch,
    sleep_periods,
    steps_per_day,
)
from fibromap.domain.device_merge import Placement
from fibromap.i18n import _, formats, ngettext

# (what is being done, how much of it is done, how much there is), as exchange.files has it;
# it may raise Cancelled to stop, and then nothing is written.
Progress = Callable[[str, int, int], None]
# What was left out is named, each kind of sample or record once (Gadgetbridge's samples
# are counted by reason), up to this many in the note.
SAID_AT_MOST = 10
# The time zone remembered for each device whose export names none (store.devices.zones).
Zones = Mapping[DeviceSource, str]


@dataclass
class DeviceExport:
    """What one export holds: each device's sleep periods (overlaps between devices not yet
    settled) and its steps per day, what was left out, and the time zone each device's
    times were placed in where the export names none of its own."""

    kind: str                                 # "Apple Health export" (marked N_)
    sleeps: list[DeviceSleep] = field(default_factory=list)
    steps: list[DeviceSteps] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # what was read and how
    left_out: list[str] = field(default_factory=list)  # each thing left out, in a few words
    placements: dict[DeviceSource, Placement] = field(default_factory=dict)

    def gather(self, stretches: dict[DeviceSource, list[Stretch]],
               steps: Mapping[DeviceSource, Mapping[date, float]],
               told: Mapping[DeviceSource, frozenset[SleepStage]] | None = None) -> None:
        """Each device's stretches as periods of sleep (the stages it can tell apart:
        ``told``, all where not said) and its steps per day; what had to be left out (a
        period too long for a sleep, an impossible day) goes to ``left_out``."""
        for source, found in stretches.items():
            self.sleeps += sleep_periods(source, found, self.left_out,
                                         (told or {}).get(source, STAGES))
        for source, days in steps.items():
            self.steps += steps_per_day(source, days, self.left_out)

    def settle(self, today: date | None = None) -> None:
        """Leave out what falls outside the days a record may have (1900 to tomorrow) or
        a day cannot hold, then say in one note all that was left out."""
        latest = latest_day(today)
        self.sleeps = bounded(self.sleeps, sleep_out_of_bounds, latest, self.left_out)
        self.steps = bounded(self.steps, steps_out_of_bounds, latest, self.left_out)
        if self.left_out:
            shown = self.left_out[:SAID_AT_MOST]
            more = len(self.left_out) - len(shown)
            said = "; ".join(shown)
            if more:
                said = ngettext("{left_out} and {n} more", "{left_out} and {n} more", more).format(
                    left_out=said, n=formats.whole(more))
            self.notes.append(_("Left out: {left_out}.").format(left_out=said))

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
