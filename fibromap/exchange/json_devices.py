"""What devices measured, in FibroMap JSON (version 2): a night or nap with its source,
start and end and minutes; a day's steps. A time with its UTC offset where the person
was, or without one where the device's export gave none (a wall-clock time)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment
from fibromap.domain.device_merge import DeviceZone
from fibromap.exchange.json_values import Fields, shown
from fibromap.i18n import _

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


def parse_device_sleep(item: Any) -> DeviceSleep:
    fields = Fields(item)
    return DeviceSleep(_source(fields), _moment(fields, "start"), _moment(fields, "end"),
                       fields.whole("in_bed_minutes", null=False),
                       **{name: fields.whole(name, None) for name in SLEEP_MINUTES[1:]},
                       nap=fields.flag("nap", False))


def parse_device_steps(item: Any) -> DeviceSteps:
    fields = Fields(item)
    return DeviceSteps(_source(fields), fields.day("day"), fields.whole("steps", null=False))


def _source(fields: Fields) -> DeviceSource:
    app, device = fields.text("app"), fields.text("device")
    if not app.strip():
        raise ValueError(_("app must name the app the figures came from"))
    return DeviceSource(app, device)


def _moment(fields: Fields, key: str) -> Moment:
    """With an offset, or a wall-clock time without one."""
    value = fields.text(key)
    try:
        return Moment.of(datetime.fromisoformat(value))
    except ValueError:
        raise ValueError(_("{field} must be a date and time like 2026-03-01T23:10:00+01:00 "
                           "(not {value})").format(field=key, value=shown(value))) from None


def device_zone(zone: DeviceZone) -> dict[str, Any]:
    return {"app": zone.source.app, "device": zone.source.device, "zone": zone.zone}


def parse_device_zone(item: Any) -> DeviceZone:
    fields = Fields(item)
    zone = fields.text("zone")
    if len(zone) > 64:
        raise ValueError(_("zone must be the name of a time zone, such as Europe/Berlin"))
    return DeviceZone(_source(fields), zone)


def device_steps(steps: DeviceSteps) -> dict[str, Any]:
    return {"app": steps.source.app, "device": steps.source.device,
            "day": steps.day.isoformat(), "steps": steps.steps}
