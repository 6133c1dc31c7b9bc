"""Free text the app keeps, such as the questions to ask at the next appointment."""

from __future__ import annotations

from sqlalchemy import select

from fibromap.domain.flare import utc_now
from fibromap.domain.validation import text
from fibromap.store.database import Database
from fibromap.store.schema import NoteRow

QUESTIONS = "questions_for_doctor"
# Optional, for the report's header: typed in the report dialog and kept.
PATIENT_NAME = "patient_name"
PATIENT_BIRTH_DATE = "patient_birth_date"


class NoteRepository:
    def __init__(self, database: Database):
        self._db = database

    def get(self, key: str) -> str:
        with self._db.reading() as session:
            row = session.get(NoteRow, key)
            return row.text if row else ""

    def put(self, key: str, value: str) -> None:
        text("note", value)
        with self._db.transaction() as session:
            row = session.get(NoteRow, key) or NoteRow(key=key)
            row.text = value
            row.modified_utc = utc_now().replace(tzinfo=None)
            session.add(row)

    def keys(self) -> list[str]:
        with self._db.reading() as session:
            return list(session.scalars(select(NoteRow.key).order_by(NoteRow.key)))
