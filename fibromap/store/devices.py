"""Sleep and steps from devices: added from an export in one transaction, read back by
period, listed and removed by source.

Every device's own record is kept, even where two devices measured the same night; those
who read them choose one a night (domain.device_data.keep_one_per_night), so removing one
device's records brings the other's back into view.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, delete, func, select

from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps
from fibromap.domain.device_merge import Placement
from fibromap.errors import FibroMapError
from fibromap.i18n import _, formats, ngettext
from fibromap.store.database import Database
from fibromap.store.device_merging import DeviceImportResult, merge_into, sleep_of, stored_zones
from fibromap.store.schema import DeviceSleepRow, DeviceStepsRow, DeviceZoneRow

__all__ = ["DeviceImportResult", "DeviceRepository", "SourceHoldings", "merge_into"]


@dataclass(frozen=True, slots=True)
class SourceHoldings:
    """What is kept from one device: nights (naps apart), days of steps, the days they span."""

    source: DeviceSource
    nights: int
    days_of_steps: int
    first: date | None
    last: date | None
    naps: int = 0

    def described(self) -> str:
        """"3 nights, 1 nap and 40 days of steps"; "nothing"."""
        parts = [ngettext("{n} night", "{n} nights", self.nights) if self.nights else "",
                 ngettext("{n} nap", "{n} naps", self.naps) if self.naps else "",
                 ngettext("{n} day of steps", "{n} days of steps", self.days_of_steps)
                 if self.days_of_steps else ""]
        parts = [part.format(n=formats.whole(n)) for part, n in
                 zip(parts, (self.nights, self.naps, self.days_of_steps), strict=True) if part]
        if not parts:
            return _("nothing")
        if len(parts) == 1:
            return parts[0]
        return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


class _DryRun(FibroMapError):
    """Raised inside the transaction to undo a trial."""


class DeviceRepository:
    def __init__(self, database: Database):
        self._db = database

    # -- adding -----------------------------------------------------------------------------
    def merge(self, sleeps: list[DeviceSleep], steps: list[DeviceSteps], *,
              dry_run: bool = False,
              placements: Mapping[DeviceSource, Placement] | None = None) -> DeviceImportResult:
        """Add what is new, bring up to date what a fuller record completes (a night or a
        day an earlier export had only in part), in one transaction; ``placements``: the
        time zone the import placed each device in, remembered for the next import that
        names none. Nothing is written in a dry run, which goes through the same
        statements and is then undone."""
        result = DeviceImportResult()
        try:
            with self._db.transaction() as session:
                merge_into(session, sleeps, steps, result, placements)
                if dry_run:
                    session.flush()
                    raise _DryRun("dry run")
        except _DryRun:
            pass
        return result

    def zones(self) -> dict[DeviceSource, str]:
        """The time zone each device's times were placed in, where its export named none."""
        with self._db.reading() as session:
            return stored_zones(session)

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
            return [sleep_of(row) for row in session.scalars(query)]

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
        naps = func.sum(case((DeviceSleepRow.nap, 1), else_=0))
        with self._db.reading() as session:
            sleep = {(app, device): (n, int(napped or 0), first, last)
                     for app, device, n, napped, first, last in
                     session.execute(select(DeviceSleepRow.app, DeviceSleepRow.device,
                                            func.count(), naps, func.min(DeviceSleepRow.day),
                                            func.max(DeviceSleepRow.day))
                                     .group_by(DeviceSleepRow.app, DeviceSleepRow.device))}
            steps = {(app, device): (n, first, last) for app, device, n, first, last in
                     session.execute(select(DeviceStepsRow.app, DeviceStepsRow.device,
                                            func.count(), func.min(DeviceStepsRow.day),
                                            func.max(DeviceStepsRow.day))
                                     .group_by(DeviceStepsRow.app, DeviceStepsRow.device))}
        out = []
        for key in sorted(set(sleep) | set(steps)):
            periods, napped, s_first, s_last = sleep.get(key, (0, 0, None, None))
            days, d_first, d_last = steps.get(key, (0, None, None))
            firsts = [d for d in (s_first, d_first) if d]
            lasts = [d for d in (s_last, d_last) if d]
            out.append(SourceHoldings(DeviceSource(*key), periods - napped, days,
                                      min(firsts, default=None), max(lasts, default=None),
                                      napped))
        return out

    def count(self) -> int:
        with self._db.reading() as session:
            return (session.scalars(select(func.count(DeviceSleepRow.id))).one()
                    + session.scalars(select(func.count(DeviceStepsRow.id))).one())

    # -- removing ---------------------------------------------------------------------------
    def remove(self, source: DeviceSource, *, dry_run: bool = False) -> SourceHoldings:
        """Remove everything that came from ``source`` (and the time zone remembered for
        it): what was removed, or would be in a dry run."""
        removed = SourceHoldings(source, 0, 0, None, None)
        of_sleep = (DeviceSleepRow.app == source.app, DeviceSleepRow.device == source.device)
        of_steps = (DeviceStepsRow.app == source.app, DeviceStepsRow.device == source.device)
        try:
            with self._db.transaction() as session:
                periods, naps = session.execute(select(
                    func.count(), func.sum(case((DeviceSleepRow.nap, 1), else_=0)))
                    .where(*of_sleep)).one()
                days = session.scalar(select(func.count()).select_from(DeviceStepsRow)
                                      .where(*of_steps)) or 0
                session.execute(delete(DeviceSleepRow).where(*of_sleep))
                session.execute(delete(DeviceStepsRow).where(*of_steps))
                session.execute(delete(DeviceZoneRow).where(DeviceZoneRow.app == source.app,
                                                            DeviceZoneRow.device == source.device))
                removed = SourceHoldings(source, periods - int(naps or 0), days, None, None,
                                         int(naps or 0))
                if dry_run:
                    raise _DryRun("dry run")
        except _DryRun:
            pass
        return removed
