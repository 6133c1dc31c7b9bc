"""Sleep and steps from devices in words, beside what the person typed (the Check-in view)
and in the figures of a day: the person's own answer wins where both exist."""

from __future__ import annotations

from datetime import datetime

from fibromap.domain.device_data import DeviceDay
from fibromap.domain.wording import counted, duration_text


def _sources(day: DeviceDay, sleeps) -> str:
    names = sorted({s.source.label for s in sleeps})
    return " and ".join(names)


def _clock(when: datetime | None) -> str:
    return "–" if when is None else f"{when:%H:%M}"


def night_text(day: DeviceDay, typed_hours: float | None) -> str:
    """The night that ended on ``day`` as the device measured it, and which figure counts."""
    if not day.night:
        return ""
    asleep = day.asleep_minutes
    in_bed = sum(s.in_bed_minutes for s in day.night)
    parts = []
    if asleep is not None:
        parts.append(f"{duration_text(asleep * 60)} asleep")
    parts.append(f"{duration_text(in_bed * 60)} in bed")
    if day.awakenings is not None:
        parts.append(counted(day.awakenings, "awakenings"))
    text = (f"{_sources(day, day.night)}: " + ", ".join(parts)
            + f"; to bed {_clock(day.bedtime)}, up {_clock(day.wake_time)}")
    staged = [s for s in day.night if s.has_stages]
    if staged:
        stages = [(name, sum(getattr(s, f"{key}_minutes") or 0 for s in staged))
                  for name, key in (("deep", "deep"), ("REM", "rem"), ("light", "light"))]
        text += "; " + ", ".join(f"{name} {duration_text(minutes * 60) if minutes else '0 min'}"
                                 for name, minutes in stages)
    if asleep is None:
        return text + "."
    if typed_hours is None:
        return text + ". Counted as this night's sleep while “Slept” is left empty."
    return text + ". Your own answer above is the one counted."


def naps_text(day: DeviceDay) -> str:
    if not day.naps:
        return ""
    naps = [f"{duration_text((n.asleep_minutes or n.in_bed_minutes) * 60)} from "
            f"{n.start.local:%H:%M}" for n in day.naps]
    return (f"{'A nap' if len(naps) == 1 else 'Naps'} of {' and '.join(naps)}, measured by "
            f"{_sources(day, day.naps)}.")


def steps_text(day: DeviceDay) -> str:
    if day.steps is None:
        return ""
    return f"Steps: {day.steps.steps:,}, counted by {day.steps.source.label}."


def sleep_hours(typed: float | None, day: DeviceDay | None) -> float | None:
    """The night's hours asleep: the person's own answer, else the device's."""
    if typed is not None:
        return typed
    if day is None or day.asleep_minutes is None:
        return None
    return round(day.asleep_minutes / 60, 2)
