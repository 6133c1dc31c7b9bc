"""Adding a device import's nights and days to the stored ones, in the caller's transaction
(a device import's own, or a whole FibroMap import's).

Importing again changes nothing: a night met again keeps the fuller record, completed from
the other (domain.device_merge.combine); a day's steps only go up. Where an export names no
time zone of its own, the device's times are placed in the zone remembered for it
(DeviceZoneRow); where an import places them in another zone than the stored ones were (a
Fitbit profile read after a single file; a zone not known by name, as migration 0013 marks
the devices stored before zones were remembered), that device's days the import covers
are counted again in the new zone and the ones it no longer has are taken away, so no day
is counted in two zones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, tuple_

from fibromap.domain.device_data import (
    SLEEP_MARKED,
    STEPS_MARKED,
    DeviceSleep,
    DeviceSource,
    DeviceSteps,
    Moment,
    device_fingerprint,
    keep_one_per_night,
)
from fibromap.domain.device_merge import Placement, combine, combine_steps
from fibromap.i18n import _
from fibromap.store.plain_rows import CHUNK, insert_rows
from fibromap.store.schema import DeviceSleepRow, DeviceStepsRow, DeviceZoneRow


@dataclass
class DeviceImportResult:
    """What an import of device data did (or, in a dry run, would do)."""

    nights: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "same": 0})
    days: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "same": 0})
    naps: int = 0
    # Nights two devices measured: (the device whose record is shown, how many nights).
    overlaps: dict[DeviceSource, int] = field(default_factory=dict)
    # Devices whose days were counted again in another time zone: (device, the zone).
    rezoned: dict[DeviceSource, str] = field(default_factory=dict)


def sleep_values(sleep: DeviceSleep) -> dict:
    return {"start_utc": sleep.start.utc, "end_utc": sleep.end.utc,
            "start_offset": sleep.start.offset, "end_offset": sleep.end.offset, "day": sleep.day,
            "in_bed_minutes": sleep.in_bed_minutes, "asleep_minutes": sleep.asleep_minutes,
            "awake_minutes": sleep.awake_minutes, "awakenings": sleep.awakenings,
            "light_minutes": sleep.light_minutes, "deep_minutes": sleep.deep_minutes,
            "rem_minutes": sleep.rem_minutes, "nap": bool(sleep.nap)}


def sleep_of(row: DeviceSleepRow) -> DeviceSleep:
    return DeviceSleep(DeviceSource(row.app, row.device), Moment(row.start_utc, row.start_offset),
                       Moment(row.end_utc, row.end_offset), row.in_bed_minutes,
                       row.asleep_minutes, row.awake_minutes, row.awakenings, row.light_minutes,
                       row.deep_minutes, row.rem_minutes, bool(row.nap))


def stored_zones(session) -> dict[DeviceSource, str]:
    return {DeviceSource(row.app, row.device): row.zone
            for row in session.scalars(select(DeviceZoneRow))}


def merge_into(session, sleeps: list[DeviceSleep], steps: list[DeviceSteps],
               result: DeviceImportResult,
               placements: Mapping[DeviceSource, Placement] | None = None) -> None:
    """Add what is new and bring up to date what a fuller record completes, in ``session``;
    ``placements``: the time zone the import placed each device in, where it named one."""
    placements = placements or {}
    moved = _moved(session, placements)
    _merge_sleep(session, sleeps, result, set(moved))
    _merge_steps(session, steps, result, _days_to_count_again(session, placements, moved))
    result.rezoned |= {source: placements[source].zone or _("this computer's time zone")
                       for source in moved}
    _remember(session, placements)


# -- time zones -----------------------------------------------------------------------------
def _has_records(session, source: DeviceSource) -> bool:
    return any(session.scalar(select(row.id).where(row.app == source.app,
                                                   row.device == source.device).limit(1))
               is not None for row in (DeviceSleepRow, DeviceStepsRow))


def _moved(session, placements: Mapping[DeviceSource, Placement]) -> dict[DeviceSource, str | None]:
    """The devices this import places in another time zone than their stored records
    (None: stored with no zone remembered), each with the zone they were stored in."""
    remembered = stored_zones(session)
    return {source: remembered.get(source) for source, placed in sorted(placements.items())
            if placed.zone is not None and placed.zone != remembered.get(source)
            and _has_records(session, source)}


def _days_of(zone: str | None, first: datetime, last: datetime) -> tuple[date, date]:
    """The days, in ``zone``, of the UTC instants ``first`` and ``last``: UTC days with no
    zone; a day more on each side in a zone whose name is not known (or is no longer)."""
    if zone is None:
        return first.date(), last.date()
    try:
        there = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return first.date() - timedelta(days=1), last.date() + timedelta(days=1)
    return tuple(at.replace(tzinfo=UTC).astimezone(there).date()  # type: ignore[return-value]
                 for at in (first, last))


def _days_to_count_again(session, placements: Mapping[DeviceSource, Placement],
                         moved: Mapping[DeviceSource, str | None]) -> dict[tuple, DeviceStepsRow]:
    """The stored days of steps that the import counts again in its own zone: those of a
    moved device between the days (in the old zone) of the first and last step it holds."""
    again: dict[tuple, DeviceStepsRow] = {}
    for source, old_zone in moved.items():
        placed = placements[source]
        if placed.first_step is None or placed.last_step is None:
            continue
        first, last = _days_of(old_zone, placed.first_step, placed.last_step)
        again |= {(row.app, row.device, row.day): row for row in session.scalars(
            select(DeviceStepsRow).where(DeviceStepsRow.app == source.app,
                                         DeviceStepsRow.device == source.device,
                                         DeviceStepsRow.day >= first, DeviceStepsRow.day <= last))}
    return again


def _remember(session, placements: Mapping[DeviceSource, Placement]) -> None:
    rows = {DeviceSource(row.app, row.device): row for row in session.scalars(select(DeviceZoneRow))}
    for source, placed in sorted(placements.items()):
        if placed.zone is None:
            continue
        row = rows.get(source)
        if row is None:
            session.add(DeviceZoneRow(app=source.app, device=source.device, zone=placed.zone))
        elif row.zone != placed.zone:
            row.zone = placed.zone
    session.flush()


# -- nights ---------------------------------------------------------------------------------
def _one_a_night(sleeps: list[DeviceSleep]) -> list[DeviceSleep]:
    """One record a night from each device (an export holding a night twice: the richer)."""
    sources = sorted({s.source for s in sleeps})
    return [s for source in sources
            for s in keep_one_per_night([s for s in sleeps if s.source == source]).kept]


# Stored rows by source and the day they began.
_StoredNights = dict[tuple[DeviceSource, date], list[DeviceSleepRow]]


def _stored_nights(session, sources: set[DeviceSource]) -> _StoredNights:
    """The stored rows of ``sources``, so a night is matched against the few that could
    hold it (a decade of nights imported again stays quick)."""
    stored: _StoredNights = {}
    for source in sorted(sources):
        for row in session.scalars(select(DeviceSleepRow).where(
                DeviceSleepRow.app == source.app, DeviceSleepRow.device == source.device)):
            stored.setdefault((source, row.start_utc.date()), []).append(row)
    return stored


def _stored_night(stored: _StoredNights, sleep: DeviceSleep) -> DeviceSleepRow | None:
    """The stored row of the same night from the same device: the same start, or else
    most of the same hours."""
    day = sleep.start.utc.date()
    rows = [r for shift in (-1, 0, 1)
            for r in stored.get((sleep.source, day + timedelta(days=shift)), [])]
    return next((r for r in rows if r.start_utc == sleep.start.utc), None) or next(
        (r for r in rows if keep_one_per_night([sleep_of(r), sleep]).dropped), None)


def _bring_up_to_date(row: DeviceSleepRow, sleep: DeviceSleep, moved: bool) -> bool:
    """Give ``row`` what a fuller ``sleep`` adds (all of ``sleep``, placed in another time
    zone, when ``moved``); whether anything changed."""
    stored = sleep_of(row)
    kept = combine(sleep, stored) if moved else combine(stored, sleep)
    if kept == stored:
        return False
    for name, value in sleep_values(kept).items():
        setattr(row, name, value)
    row.fingerprint = device_fingerprint(getattr(row, name) for name in SLEEP_MARKED)
    return True


def _insert_nights(session, new: list[DeviceSleep]) -> None:
    for start in range(0, len(new), CHUNK):
        rows = []
        for sleep in new[start:start + CHUNK]:
            values = sleep_values(sleep) | {"app": sleep.source.app, "device": sleep.source.device}
            marked = tuple(values[name] for name in SLEEP_MARKED)
            rows.append((*marked, device_fingerprint(marked)))
        insert_rows(session, DeviceSleepRow, (*SLEEP_MARKED, "fingerprint"), rows)


def _count_overlaps(session, sleeps: list[DeviceSleep],
                    overlaps: dict[DeviceSource, int]) -> None:
    """Count which record each night shared by two devices shows, among all stored
    around ``sleeps``."""
    first = min(s.start.utc for s in sleeps)
    last = max(s.end.utc for s in sleeps)
    around = [sleep_of(row) for row in session.scalars(
        select(DeviceSleepRow).where(DeviceSleepRow.end_utc >= first,
                                     DeviceSleepRow.start_utc <= last))]
    for dropped, kept in keep_one_per_night(around).dropped:
        if dropped.source != kept.source:
            overlaps[kept.source] = overlaps.get(kept.source, 0) + 1


def _merge_sleep(session, sleeps: list[DeviceSleep], result: DeviceImportResult,
                 moved: set[DeviceSource]) -> None:
    # One record a night from each device: an export holding a night twice keeps the
    # richer, and a night already stored (the same start, or most of the same hours: a
    # later export, or one read with a time zone the first lacked) is completed.
    incoming = _one_a_night(sleeps)
    result.nights["same"] += len(sleeps) - len(incoming)
    stored = _stored_nights(session, {s.source for s in sleeps})
    new = []
    for sleep in incoming:
        row = _stored_night(stored, sleep)
        if row is None:
            new.append(sleep)
        else:
            changed = _bring_up_to_date(row, sleep, sleep.source in moved)
            result.nights["updated" if changed else "same"] += 1
    session.flush()
    _insert_nights(session, new)
    result.nights["added"] = len(new)
    result.naps = sum(1 for s in new if s.nap)
    if sleeps:
        _count_overlaps(session, sleeps, result.overlaps)


# -- steps ----------------------------------------------------------------------------------
def _stored_days(session, steps: list[DeviceSteps]) -> dict[tuple, DeviceStepsRow]:
    keys = sorted({(s.source.app, s.source.device, s.day) for s in steps})
    stored: dict[tuple, DeviceStepsRow] = {}
    for start in range(0, len(keys), 500):
        query = select(DeviceStepsRow).where(tuple_(
            DeviceStepsRow.app, DeviceStepsRow.device, DeviceStepsRow.day).in_(keys[start:start + 500]))
        stored |= {(row.app, row.device, row.day): row for row in session.scalars(query)}
    return stored


def _set_steps(row: DeviceStepsRow, steps: int) -> bool:
    if row.steps == steps:
        return False
    row.steps = steps
    row.fingerprint = device_fingerprint(getattr(row, name) for name in STEPS_MARKED)
    return True


def _merge_steps(session, steps: list[DeviceSteps], result: DeviceImportResult,
                 again: dict[tuple, DeviceStepsRow]) -> None:
    """Add new days, raise a day a fuller count completes; a day counted ``again`` (in
    another time zone) takes the import's count, or goes when the import has none."""
    stored = _stored_days(session, steps)
    new = []
    for count in steps:
        key = (count.source.app, count.source.device, count.day)
        row = stored.get(key)
        if row is None:
            new.append(count)
            continue
        value = count.steps if again.pop(key, None) is not None else combine_steps(row.steps, count.steps)
        result.days["updated" if _set_steps(row, value) else "same"] += 1
    for row in again.values():  # a day of the old zone that the new one has not
        session.delete(row)
        result.days["updated"] += 1
    session.flush()
    marked = [(s.source.app, s.source.device, s.day, s.steps) for s in new]
    insert_rows(session, DeviceStepsRow, (*STEPS_MARKED, "fingerprint"),
                [(*values, device_fingerprint(values)) for values in marked])
    result.days["added"] = len(new)
