"""What a device's record may hold, for every device app alike: a day from 1900 to
tomorrow (day_bounds, the rule of flares and check-ins), steps that a person could take,
and minutes of sleep a day can hold (DeviceSleep checks those itself). An import leaves out
what is outside and says so; `fibromap check` names such rows in a database.

Steps: no count is negative, none is more than MAX_STEPS_A_MINUTE for each minute of the
time it covers (a minute at least: more than 16 steps a second is three times a sprinter's
cadence), and no day holds more than MAX_STEPS_A_DAY (about 100 miles on foot).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from fibromap.domain.day_bounds import EARLIEST, within
from fibromap.domain.device_data import MAX_STEPS_A_DAY, DeviceSleep, DeviceSteps
from fibromap.i18n import _, formats, ngettext

MAX_STEPS_A_MINUTE = 1_000
Record = TypeVar("Record", DeviceSleep, DeviceSteps)

__all__ = ["MAX_STEPS_A_DAY", "MAX_STEPS_A_MINUTE", "bounded",
           "sleep_out_of_bounds", "steps_out_of_bounds", "impossible_steps"]


def impossible_steps(count: float, minutes: float = 1) -> str | None:
    """Why ``count`` steps in ``minutes`` cannot be, in a few words; None when they can."""
    if math.isnan(count) or math.isinf(count):
        return _("a step count that is not a number")
    if count < 0:
        return _("a negative step count ({count})").format(count=formats.whole(round(count)))
    if count > MAX_STEPS_A_MINUTE * max(minutes, 1):
        steps, most = formats.whole(round(count)), formats.whole(MAX_STEPS_A_MINUTE)
        if minutes <= 1:
            return _("{count} steps in a minute, more than {most} a minute").format(
                count=steps, most=most)
        return _("{count} steps in {minutes} minutes, more than {most} a minute").format(
            count=steps, minutes=formats.whole(round(minutes)), most=most)
    return None


def sleep_out_of_bounds(sleep: DeviceSleep, latest: date) -> str | None:
    """Why ``sleep`` cannot be kept (a date outside the days a record may fall on)."""
    for moment in (sleep.start, sleep.end):
        if not within(moment.local.date(), latest):
            return _("a sleep of {device} dated {day}, outside {earliest} to {latest}").format(
                device=sleep.source.device, day=f"{moment.local:%Y-%m-%d}",
                earliest=EARLIEST.isoformat(), latest=latest.isoformat())
    return None


def steps_out_of_bounds(steps: DeviceSteps, latest: date) -> str | None:
    if not within(steps.day, latest):
        return _("steps of {device} on {day}, outside {earliest} to {latest}").format(
            device=steps.source.device, day=steps.day.isoformat(), earliest=EARLIEST.isoformat(),
            latest=latest.isoformat())
    if not 0 <= steps.steps <= MAX_STEPS_A_DAY:
        return ngettext("{count} step of {device} on {day}, more than a day can hold",
                        "{count} steps of {device} on {day}, more than a day can hold",
                        steps.steps).format(count=formats.whole(steps.steps),
                                            device=steps.source.device, day=steps.day)
    return None


def bounded(records: Iterable[Record], out_of_bounds: Callable[[Record, date], str | None],
            latest: date, left_out: list[str]) -> list[Record]:
    """``records`` within bounds (``sleep_out_of_bounds``, ``steps_out_of_bounds``); each
    left out described in ``left_out``."""
    kept = []
    for record in records:
        why = out_of_bounds(record, latest)
        if why is None:
            kept.append(record)
        else:
            left_out.append(why)
    return kept

