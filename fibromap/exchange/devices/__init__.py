"""Sleep and steps from the exports of device apps: Apple Health, Fitbit (Google Takeout)
and Gadgetbridge. Each reader gives a DeviceExport; the store adds it in one transaction
(store/devices.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fibromap.domain.device_data import DeviceSleep, DeviceSteps, DeviceSource

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

    def sources(self) -> list[DeviceSource]:
        return sorted({s.source for s in self.sleeps} | {s.source for s in self.steps})
