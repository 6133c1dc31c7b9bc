"""What devices measured, in FibroMap JSON (version 2): a night or nap with its source,
start and end and minutes; a day's steps. A time with its UTC offset where the person
was, or without one where the device's export gave none (a wall-clock time)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment

SLEEP_MINUTES = ("in_bed_minutes", "asleep_minutes", "awake_minutes", "awakenings",
                 "light_minutes", "deep_minutes", "rem_minutes")


def _moment_text(moment: Moment) -> str:
    """With its UTC offset; without one where the offset is not known (a wall-clock time)."""
    if moment.offset is None:
        return moment.utc.isoformat()
    offset = timedelta(minutes=moment.offset)
    return (moment.utc + offset).replace(tzinfo=timezone(offset)).isoformat()


def device_sleep(sleep: DeviceSleep) -> dict[str, Any]:
    return {"app": sleep.source.app, "device": sleep.source.device,
            "start": _moment_text(sleep.start), "end": _moment_text(sleep.end),
            **{name: getattr(sleep, name) for name in SLEEP_MINUTES}, "nap": sleep.nap}


def parse_device_sleep(item: dict) -> DeviceSleep:
    def minutes(name: str) -> int | None:
        value = item.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{name} must be a whole number or null, got {value!r}")
        return value
    in_bed = minutes("in_bed_minutes")
    if in_bed is None:
        raise KeyError("in_bed_minutes")
    nap = item.get("nap", False)
    if not isinstance(nap, bool):
        raise ValueError(f"nap must be true or false, got {nap!r}")
    return DeviceSleep(_source(item), _device_moment(item["start"]), _device_moment(item["end"]),
                       in_bed, **{name: minutes(name) for name in SLEEP_MINUTES[1:]}, nap=nap)


def parse_device_steps(item: dict) -> DeviceSteps:
    steps = item["steps"]
    if isinstance(steps, bool) or not isinstance(steps, int):
        raise ValueError(f"steps must be a whole number, got {steps!r}")
    return DeviceSteps(_source(item), read_date(item["day"]), steps)


def _source(item: dict) -> DeviceSource:
    app, device = item["app"], item["device"]
    if not isinstance(app, str) or not isinstance(device, str) or not app.strip():
        raise ValueError("app and device must be names")
    return DeviceSource(app, device)


def _device_moment(value: Any) -> Moment:
    if not isinstance(value, str):
        raise ValueError(f"expected a date and time, got {value!r}")
    return Moment.of(datetime.fromisoformat(value))


def device_steps(steps: DeviceSteps) -> dict[str, Any]:
    return {"app": steps.source.app, "device": steps.source.device,
            "day": steps.day.isoformat(), "steps": steps.steps}


def read_date(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2026-03-01, got {value!r}")
    return date.fromisoformat(value)
