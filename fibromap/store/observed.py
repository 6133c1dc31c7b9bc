"""Which days were observed, and when each flare began: what the insights rest on.

A day is observed when it has a flare, a check-in or a "no spasms today" mark: only then
can a day without flares be told from a day nobody wrote down.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from fibromap.store.database import Database
from fibromap.store.flares import in_period
from fibromap.store.local_time import local_day
from fibromap.store.schema import CheckInRow, FlareRow, NoSpasmDayRow


def _day(value) -> date:
    return date.fromisoformat(str(value)[:10])


def observed_days(database: Database, start: date | None = None,
                  end: date | None = None) -> set[date]:
    """The local days from ``start`` to ``end`` with a flare, a check-in or a "no
    spasms" mark."""
    flare_day = local_day(FlareRow.onset_local)
    with database.reading() as session:
        days = {_day(d) for (d,) in session.execute(
            in_period(select(flare_day).distinct(), start, end))}
        for column in (CheckInRow.day, NoSpasmDayRow.day):
            query = select(column)
            if start:
                query = query.where(column >= start)
            if end:
                query = query.where(column <= end)
            days.update(session.scalars(query))
    return days


def flare_onsets(database: Database, start: date | None = None,
                 end: date | None = None) -> list[tuple[datetime, bool]]:
    """Each flare's onset on the person's own clock, and whether it is known only to the
    day, oldest first."""
    query = in_period(select(FlareRow.onset_local, FlareRow.day_only), start, end).order_by(
        FlareRow.onset_local)
    with database.reading() as session:
        return [(onset, bool(day_only)) for onset, day_only in session.execute(query)]
