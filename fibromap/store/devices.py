"""Sleep and steps from devices: added from an export in one transaction, read back by
period, listed and removed by source.

Every device's own record is kept, even where two devices measured the same night; those
who read them choose one a night (domain.device_data.keep_one_per_night), so removing one
device's records brings the other's back into view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, tuple_

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
from fibromap.errors import FibroMapError
from fibromap.store.database import Database
from fibromap.store.plain_rows import CHUNK, insert_rows
from fibromap.store.schema import DeviceSleepRow, DeviceStepsRow


def _sleep_values(sleep: DeviceSleep) -> dict:
    return {"end_utc": sleep.end.utc, "start_offset": sleep.start.offset,
            "end_offset": sleep.end.offset, "day": sleep.day,
            "in_bed_minutes": sleep.in_bed_minutes, "asleep_minutes": sleep.asleep_minutes,
            "awake_minutes": sleep.awake_minutes, "awakenings": sleep.awakenings,
            "light_minutes": sleep.light_minutes, "deep_minutes": sleep.deep_minutes,
            "rem_minutes": sleep.rem_minutes, "nap": bool(sleep.nap)}


def _sleep(row: DeviceSleepRow) -> DeviceSleep:
    return DeviceSleep(DeviceSource(row.app, row.device), Moment(row.start_utc, row.start_offset),
                       Moment(row.end_utc, row.end_offset), row.in_bed_minutes,
                       row.asleep_minutes, row.awake_minutes, row.awakenings, row.light_minutes,
                       row.deep_minutes, row.rem_minutes, bool(row.nap))


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
        (r for r in rows if keep_one_per_night([_sleep(r), sleep]).dropped), None)


def _bring_up_to_date(row: DeviceSleepRow, sleep: DeviceSleep) -> bool:
    """Give ``row`` the figures of ``sleep`` (and their fingerprint); whether any changed."""
    values = _sleep_values(sleep) | {"start_utc": sleep.start.utc}
    if all(getattr(row, name) == value for name, value in values.items()):
        return False
    for name, value in values.items():
        setattr(row, name, value)
    row.fingerprint = device_fingerprint(getattr(row, name) for name in SLEEP_MARKED)
    return True


def _insert_nights(session, new: list[DeviceSleep]) -> None:
    for start in range(0, len(new), CHUNK):
        rows = []
        for sleep in new[start:start + CHUNK]:
            values = _sleep_values(sleep) | {"app": sleep.source.app,
                                             "device": sleep.source.device,
                                             "start_utc": sleep.start.utc}
            marked = tuple(values[name] for name in SLEEP_MARKED)
            rows.append((*marked, device_fingerprint(marked)))
        insert_rows(session, DeviceSleepRow, (*SLEEP_MARKED, "fingerprint"), rows)


def _count_overlaps(session, sleeps: list[DeviceSleep],
                    overlaps: dict[DeviceSource, int]) -> None:
    """Count which record each night shared by two devices shows, among all stored
    around ``sleeps``."""
    first = min(s.start.utc for s in sleeps)
    last = max(s.end.utc for s in sleeps)
    around = [_sleep(row) for row in session.scalars(
        select(DeviceSleepRow).where(DeviceSleepRow.end_utc >= first,
                                     DeviceSleepRow.start_utc <= last))]
    for dropped, kept in keep_one_per_night(around).dropped:
        if dropped.source != kept.source:
            overlaps[kept.source] = overlaps.get(kept.source, 0) + 1


@dataclass
class DeviceImportResult:
    """What an import of device data did (or, in a dry run, would do)."""

    nights: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "same": 0})
    days: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "same": 0})
    naps: int = 0
    # Nights two devices measured: (the device whose record is shown, how many nights).
    overlaps: dict[DeviceSource, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceHoldings:
    source: DeviceSource
    nights: int
    days_of_steps: int
    first: date | None
    last: date | None


def merge_into(session, sleeps: list[DeviceSleep], steps: list[DeviceSteps],
               result: DeviceImportResult) -> None:
    """Add what is new and bring up to date what changed, in ``session`` (the caller's
    transaction: a device import's own, or a whole import's)."""
    _merge_sleep(session, sleeps, result)
    _merge_steps(session, steps, result)


def _merge_sleep(session, sleeps: list[DeviceSleep], result: DeviceImportResult) -> None:
    # One record a night from each device: an export holding a night twice keeps the
    # richer, and a night already stored (the same start, or most of the same hours: a
    # later export, or one read with a time zone the first lacked) is brought up to date.
    incoming = _one_a_night(sleeps)
    result.nights["same"] += len(sleeps) - len(incoming)
    stored = _stored_nights(session, {s.source for s in sleeps})
    new = []
    for sleep in incoming:
        row = _stored_night(stored, sleep)
        if row is None:
            new.append(sleep)
        else:
            result.nights["updated" if _bring_up_to_date(row, sleep) else "same"] += 1
    session.flush()
    _insert_nights(session, new)
    result.nights["added"] = len(new)
    result.naps = sum(1 for s in new if s.nap)
    if sleeps:
        _count_overlaps(session, sleeps, result.overlaps)


def _merge_steps(session, steps: list[DeviceSteps], result: DeviceImportResult) -> None:
    keys = {(s.source.app, s.source.device, s.day) for s in steps}
    stored: dict[tuple[str, str, date], DeviceStepsRow] = {}
    key_list = sorted(keys)
    for start in range(0, len(key_list), 500):
        part = key_list[start:start + 500]
        query = select(DeviceStepsRow).where(tuple_(
            DeviceStepsRow.app, DeviceStepsRow.device, DeviceStepsRow.day).in_(part))
        stored |= {(row.app, row.device, row.day): row for row in session.scalars(query)}
    new = []
    for count in steps:
        row = stored.get((count.source.app, count.source.device, count.day))
        if row is None:
            new.append(count)
        elif row.steps != count.steps:
            row.steps = count.steps
            row.fingerprint = device_fingerprint(getattr(row, name) for name in STEPS_MARKED)
            result.days["updated"] += 1
        else:
            result.days["same"] += 1
    session.flush()
    marked = [(s.source.app, s.source.device, s.day, s.steps) for s in new]
    insert_rows(session, DeviceStepsRow, (*STEPS_MARKED, "fingerprint"),
                [(*values, device_fingerprint(values)) for values in marked])
    result.days["added"] = len(new)


class _DryRun(FibroMapError):
    """Raised inside the transaction to undo a trial."""


class DeviceRepository:
    def __init__(self, database: Database):
        self._db = database

    # -- adding -----------------------------------------------------------------------------
    def merge(self, sleeps: list[DeviceSleep], steps: list[DeviceSteps], *,
              dry_run: bool = False) -> DeviceImportResult:
        """Add what is new, bring up to date what changed (a night or a day an earlier
        export had only in part), in one transaction; nothing is written in a dry run,
        which goes through the same statements and is then undone."""
        result = DeviceImportResult()
        try:
            with self._db.transaction() as session:
                merge_into(session, sleeps, steps, result)
                if dry_run:
                    session.flush()
                    raise _DryRun("dry run")
        except _DryRun:
            pass
        return result

    # -- reading ----------------------------------------------------------------------------
    def sleeps(self, start: date | None = None, end: date | None = None) -> list[DeviceSleep]:
        """Every device's sleep counted on the days ``start`` to ``end`` (both included)."""
        query = select(DeviceSleepRow).order_by(DeviceSleepRow.start_utc, DeviceSleepRow.app,
                                                DeviceSleepRow.device)
        if start:
            query = query.where(DeviceSleepRow.day >= start)
        if end:
            query = query.where(DeviceSleepRow.day <= end)
        with self._db.reading() as session:
            return [_sleep(row) for row in session.scalars(query)]

    def steps(self, start: date | None = None, end: date | None = None) -> list[DeviceSteps]:
        query = select(DeviceStepsRow).order_by(DeviceStepsRow.day, DeviceStepsRow.app,
                                                DeviceStepsRow.device)
        if start:
            query = query.where(DeviceStepsRow.day >= start)
        if end:
            query = query.where(DeviceStepsRow.day <= end)
        with self._db.reading() as session:
            return [DeviceSteps(DeviceSource(row.app, row.device), row.day, row.steps)
                    for row in session.scalars(query)]

    def sources(self) -> list[SourceHoldings]:
        """Each device with what is kept from it, for the person to see (and remove)."""
        with self._db.reading() as session:
            sleep = {(app, device): (n, first, last) for app, device, n, first, last in
                     session.execute(select(DeviceSleepRow.app, DeviceSleepRow.device,
                                            func.count(), func.min(DeviceSleepRow.day),
                                            func.max(DeviceSleepRow.day))
                                     .group_by(DeviceSleepRow.app, DeviceSleepRow.device))}
            steps = {(app, device): (n, first, last) for app, device, n, first, last in
                     session.execute(select(DeviceStepsRow.app, DeviceStepsRow.device,
                                            func.count(), func.min(DeviceStepsRow.day),
                                            func.max(DeviceStepsRow.day))
                                     .group_by(DeviceStepsRow.app, DeviceStepsRow.device))}
        out = []
        for key in sorted(set(sleep) | set(steps)):
            nights, s_first, s_last = sleep.get(key, (0, None, None))
            days, d_first, d_last = steps.get(key, (0, None, None))
            firsts = [d for d in (s_first, d_first) if d]
            lasts = [d for d in (s_last, d_last) if d]
            out.append(SourceHoldings(DeviceSource(*key), nights, days,
                                      min(firsts, default=None), max(lasts, default=None)))
        return out

    def count(self) -> int:
        with self._db.reading() as session:
            return (session.scalars(select(func.count(DeviceSleepRow.id))).one()
                    + session.scalars(select(func.count(DeviceStepsRow.id))).one())

    # -- removing ---------------------------------------------------------------------------
    def remove(self, source: DeviceSource, *, dry_run: bool = False) -> tuple[int, int]:
        """Remove everything that came from ``source``: (nights, days of steps) removed, or
        that would be in a dry run."""
        removed = (0, 0)
        try:
            with self._db.transaction() as session:
                nights = session.execute(delete(DeviceSleepRow).where(
                    DeviceSleepRow.app == source.app, DeviceSleepRow.device == source.device))
                days = session.execute(delete(DeviceStepsRow).where(
                    DeviceStepsRow.app == source.app, DeviceStepsRow.device == source.device))
                # A DELETE's result is a CursorResult (Session.execute is typed for any statement).
                removed = (cast("CursorResult[Any]", nights).rowcount,
                           cast("CursorResult[Any]", days).rowcount)
                if dry_run:
                    raise _DryRun("dry run")
        except _DryRun:
            pass
        return removed
