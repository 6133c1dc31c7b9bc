"""Days marked "no spasms today" (one click on the Log): observed, with no flare."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select

from fibromap.store.database import Database
from fibromap.store.plain_rows import insert_rows
from fibromap.store.schema import NoSpasmDayRow


def insert_days(session, days: list[date]) -> None:
    """Add marks within the caller's transaction (the caller leaves out days marked)."""
    insert_rows(session, NoSpasmDayRow, ("day",), [(day,) for day in sorted(set(days))])


class NoSpasmDayRepository:
    def __init__(self, database: Database):
        self._db = database

    def mark(self, day: date) -> bool:
        """Mark ``day`` as a day with no spasms; False when it was marked already."""
        with self._db.transaction() as session:
            if session.scalar(select(NoSpasmDayRow.id).where(NoSpasmDayRow.day == day)):
                return False
            session.add(NoSpasmDayRow(day=day))
            return True

    def unmark(self, day: date) -> bool:
        """Take the mark off ``day``; False when it had none."""
        with self._db.transaction() as session:
            if session.scalar(select(NoSpasmDayRow.id).where(NoSpasmDayRow.day == day)) is None:
                return False
            session.execute(delete(NoSpasmDayRow).where(NoSpasmDayRow.day == day))
            return True

    def is_marked(self, day: date) -> bool:
        with self._db.reading() as session:
            return session.scalar(select(NoSpasmDayRow.id).where(NoSpasmDayRow.day == day)) \
                is not None

    def between(self, start: date | None = None, end: date | None = None) -> list[date]:
        """The days marked from ``start`` to ``end`` (both included), oldest first."""
        query = select(NoSpasmDayRow.day).order_by(NoSpasmDayRow.day)
        if start:
            query = query.where(NoSpasmDayRow.day >= start)
        if end:
            query = query.where(NoSpasmDayRow.day <= end)
        with self._db.reading() as session:
            return list(session.scalars(query))

    def put_many(self, days: list[date]) -> None:
        """Mark many days at once (tests, the demo); days marked already are left as they are."""
        with self._db.transaction() as session:
            marked = set(session.scalars(select(NoSpasmDayRow.day)))
            insert_days(session, [d for d in days if d not in marked])

    def count(self) -> int:
        with self._db.reading() as session:
            return session.scalars(select(func.count(NoSpasmDayRow.id))).one()
