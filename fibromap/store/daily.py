"""Daily check-ins (the medication regimen is in medications.py)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from fibromap.domain.daily import CheckIn
from fibromap.errors import ChangedElsewhere
from fibromap.i18n import _, formats
from fibromap.store.database import Database
from fibromap.store.plain_rows import CHUNK, insert_rows
from fibromap.store.schema import CheckInFoodRow, CheckInRow

ANY = object()  # put() without a check of what it replaces

_CHECKIN_FIELDS = ("sleep_hours", "sleep_quality", "woken_by_spasms", "water_glasses", "stress",
                   "fatigue", "mood", "activity_level", "notes", "pain", "stiffness",
                   "fibro_fog", "waking_unrefreshed")


def _checkin(row: CheckInRow) -> CheckIn:
    return CheckIn(day=row.day, foods=frozenset(f.food for f in row.foods),
                   **{name: getattr(row, name) for name in _CHECKIN_FIELDS})


def insert_checkins(session, checkins: list[CheckIn]) -> None:
    """Add check-ins for days that have none, within the caller's transaction: plain
    executemany, as flares are (a decade of check-ins in a tenth of the ORM's time)."""
    for start in range(0, len(checkins), CHUNK):
        part = checkins[start:start + CHUNK]
        insert_rows(session, CheckInRow, ("day", *_CHECKIN_FIELDS),
                    [(c.day, *(getattr(c, n) for n in _CHECKIN_FIELDS)) for c in part])
        ids = dict(session.execute(select(CheckInRow.day, CheckInRow.id)
                                   .where(CheckInRow.day.in_([c.day for c in part]))).all())
        insert_rows(session, CheckInFoodRow, ("checkin_id", "food"),
                    [(ids[c.day], food) for c in part for food in sorted(c.foods)])


class CheckInRepository:
    def __init__(self, database: Database):
        self._db = database

    def put(self, checkin: CheckIn, *, replacing: CheckIn | None | object = ANY) -> CheckIn:
        """Save the day's check-in, replacing an earlier one for the same day.

        ``replacing`` is the check-in the form was showing (None: the day had none): if the
        day's check-in is no longer that (another window or computer saved one meanwhile),
        nothing is saved and ChangedElsewhere carries the one saved now.
        """
        with self._db.transaction() as session:
            row = session.scalar(select(CheckInRow).where(CheckInRow.day == checkin.day)
                                 .options(selectinload(CheckInRow.foods)).with_for_update())
            current = _checkin(row) if row is not None else None
            if replacing is not ANY and current != replacing:
                said = (_("the check-in for {day} was changed in another window or program "
                          "after you opened it, so yours was not saved over it; save again to "
                          "replace it with what you see here") if current else
                        _("the check-in for {day} was deleted in another window or program "
                          "after you opened it, so yours was not saved over it; save again to "
                          "replace it with what you see here"))
                raise ChangedElsewhere(said.format(
                    day=formats.dated(checkin.day, "%A %d %B", "MMMMEEEEd")), current)
            if row is None:
                row = CheckInRow(day=checkin.day)
                session.add(row)
            for name in _CHECKIN_FIELDS:
                setattr(row, name, getattr(checkin, name))
            row.foods = [CheckInFoodRow(food=food) for food in sorted(checkin.foods)]
            session.flush()
            return _checkin(row)

    def put_many(self, checkins: list[CheckIn]) -> None:
        """Save many new check-ins at once (the demo history)."""
        with self._db.transaction() as session:
            insert_checkins(session, checkins)

    def get(self, day: date) -> CheckIn | None:
        with self._db.reading() as session:
            row = session.scalar(select(CheckInRow).where(CheckInRow.day == day)
                                 .options(selectinload(CheckInRow.foods)))
            return _checkin(row) if row else None

    def between(self, start: date | None = None, end: date | None = None) -> list[CheckIn]:
        query = select(CheckInRow).options(selectinload(CheckInRow.foods)).order_by(CheckInRow.day)
        if start:
            query = query.where(CheckInRow.day >= start)
        if end:
            query = query.where(CheckInRow.day <= end)
        with self._db.reading() as session:
            return [_checkin(row) for row in session.scalars(query)]

    def delete(self, day: date) -> None:
        with self._db.transaction() as session:
            session.execute(delete(CheckInRow).where(CheckInRow.day == day))

    def count(self) -> int:
        with self._db.reading() as session:
            return session.scalars(select(func.count(CheckInRow.id))).one()

