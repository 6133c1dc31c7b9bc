"""The medication regimen: what is taken, at which dose, from when until when.

The same medication (name, dose and start, as typed) is recorded once: adding or changing
to one already there is refused with a message, and a unique index stops any other way in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fibromap.domain.daily import Medication
from fibromap.errors import ChangedElsewhere, ValidationError
from fibromap.i18n import _
from fibromap.store.database import Database
from fibromap.store.schema import MedicationRow

# A medication's rows as they were and as they are after a change, by id (None: no such
# row): what undo and redo put back (MedicationRepository.put_back).
States = Sequence[tuple[int, Medication | None]]


def _medication(row: MedicationRow) -> Medication:
    return Medication(id=row.id, name=row.name, dose=row.dose, start=row.start, stop=row.stop)


class AlreadyListed(ValidationError):
    """The same medication (name, dose and start) is in the list already: ``listed``."""

    def __init__(self, listed: Medication):
        super().__init__(_("{medication} is already in the list (number {number})").format(
            medication=listed.described(), number=listed.id), "name")
        self.listed = listed


def _refuse_repeat(session: Session, medication: Medication, besides: int | None = None) -> None:
    """AlreadyListed if the list holds ``medication`` already (other than row ``besides``)."""
    query = select(MedicationRow).where(MedicationRow.name == medication.name,
                                        MedicationRow.dose == medication.dose,
                                        MedicationRow.start == medication.start)
    if besides is not None:
        query = query.where(MedicationRow.id != besides)
    listed = session.scalars(query.limit(1)).first()
    if listed is not None:
        raise AlreadyListed(_medication(listed))


class MedicationRepository:
    def __init__(self, database: Database):
        self._db = database

    def add(self, medication: Medication) -> Medication:
        """Save a new medication; refused if the same one (name, dose, start) is there."""
        with self._db.transaction() as session:
            _refuse_repeat(session, medication)
            row = MedicationRow(name=medication.name, dose=medication.dose,
                                start=medication.start, stop=medication.stop)
            session.add(row)
            session.flush()
            return _medication(row)

    def update(self, medication: Medication) -> Medication:
        """Change the medication numbered ``medication.id`` to ``medication``."""
        with self._db.transaction() as session:
            row = self._row(session, medication.id)
            _refuse_repeat(session, medication, besides=row.id)
            row.name, row.dose = medication.name, medication.dose
            row.start, row.stop = medication.start, medication.stop
            return _medication(row)

    def stop(self, medication_id: int, day: date) -> Medication:
        """Stopped on ``day`` (the last day it was taken)."""
        with self._db.transaction() as session:
            row = self._row(session, medication_id)
            stopped = Medication(row.name, row.dose, row.start, day, row.id)  # checks the day
            row.stop = stopped.stop
            return stopped

    def change_dose(self, medication_id: int, dose: str, day: date) -> Medication:
        """Stop the current dose the day before ``day`` and start the new one on ``day``."""
        with self._db.transaction() as session:
            row = self._row(session, medication_id)
            if day <= row.start:
                raise ValidationError(_("a dose change must come after the start date "
                                        "{start}").format(start=row.start.isoformat()), "start")
            new = Medication(row.name, dose, day)
            _refuse_repeat(session, new)
            row.stop = day - timedelta(days=1)
            added = MedicationRow(name=new.name, dose=new.dose, start=new.start, stop=None)
            session.add(added)
            session.flush()
            return _medication(added)

    def delete(self, medication_id: int) -> Medication:
        """Delete a medication and return it, so that the deletion can be undone."""
        with self._db.transaction() as session:
            removed = _medication(self._row(session, medication_id))
            session.execute(delete(MedicationRow).where(MedicationRow.id == medication_id))
            return removed

    def put_back(self, states: States, *, replacing: States) -> None:
        """Make each row numbered in ``states`` what it says, all at once: deleted where
        it says None, made again with its own number where it is missing (undo, redo).

        ``replacing`` is what those rows are expected to be now: if one is not (another
        window or program changed it, or gave its number to a new one), nothing is done
        and ChangedElsewhere says so."""
        with self._db.transaction() as session:
            for medication_id, expected in replacing:
                row = session.get(MedicationRow, medication_id)
                now = _medication(row) if row is not None else None
                if now != expected:
                    what = (expected or now)
                    raise ChangedElsewhere((_(
                        "{medication} was changed in another window or program since, so it was "
                        "left as it is now").format(medication=what.described()) if what else _(
                        "the medication was changed in another window or program since, so it "
                        "was left as it is now")), now)
            for medication_id, _state in states:  # first out of the way, then each as it was
                session.execute(delete(MedicationRow).where(MedicationRow.id == medication_id))
            for medication_id, state in states:
                if state is not None:
                    _refuse_repeat(session, state)
                    session.add(MedicationRow(id=medication_id, name=state.name, dose=state.dose,
                                              start=state.start, stop=state.stop))
                    session.flush()

    def get(self, medication_id: int | None) -> Medication:
        with self._db.reading() as session:
            return _medication(self._row(session, medication_id))

    def all(self) -> list[Medication]:
        with self._db.reading() as session:
            rows = session.scalars(select(MedicationRow).order_by(MedicationRow.start,
                                                                  MedicationRow.id))
            return [_medication(row) for row in rows]

    def count(self) -> int:
        with self._db.reading() as session:
            return session.scalars(select(func.count(MedicationRow.id))).one()

    @staticmethod
    def _row(session, medication_id: int | None) -> MedicationRow:
        row = session.get(MedicationRow, medication_id) if medication_id is not None else None
        if row is None:
            raise ValidationError(_("there is no medication number {number}").format(
                number=medication_id), "id")
        return row
