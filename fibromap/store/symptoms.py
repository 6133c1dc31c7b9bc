"""Daily ratings of symptoms with no body part (fatigue, brain fog, muscle spasms)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from fibromap.domain.daily import SymptomRating
from fibromap.store.database import Database
from fibromap.store.plain_rows import insert_rows
from fibromap.store.schema import SymptomRatingRow


def insert_ratings(session, ratings: list[SymptomRating]) -> None:
    """Add ratings within the caller's transaction (plain executemany, as check-ins)."""
    insert_rows(session, SymptomRatingRow, ("day", "symptom", "rating", "source"),
                [(r.day, r.symptom, r.rating, r.source) for r in ratings])


class SymptomRatingRepository:
    def __init__(self, database: Database):
        self._db = database

    def put_many(self, ratings: list[SymptomRating]) -> None:
        with self._db.transaction() as session:
            insert_ratings(session, ratings)

    def between(self, start: date | None = None, end: date | None = None) -> list[SymptomRating]:
        """The ratings of the days from ``start`` to ``end`` (both included), by day."""
        query = select(SymptomRatingRow).order_by(SymptomRatingRow.day, SymptomRatingRow.symptom)
        if start:
            query = query.where(SymptomRatingRow.day >= start)
        if end:
            query = query.where(SymptomRatingRow.day <= end)
        with self._db.reading() as session:
            return [SymptomRating(row.day, row.symptom, row.rating, row.source)
                    for row in session.scalars(query)]

    def symptoms(self) -> list[tuple[str, int]]:
        """Each symptom rated, with the number of days it was rated on, most rated first."""
        days = func.count(SymptomRatingRow.id)
        query = (select(SymptomRatingRow.symptom, days).group_by(SymptomRatingRow.symptom)
                 .order_by(days.desc(), SymptomRatingRow.symptom))
        with self._db.reading() as session:
            return [(symptom, n) for symptom, n in session.execute(query)]

    def count(self) -> int:
        with self._db.reading() as session:
            return session.scalars(select(func.count(SymptomRatingRow.id))).one()
