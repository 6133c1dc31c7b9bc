"""Reading everything out, and writing an import in one transaction: all of it or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, text

from fibromap.domain.flare import utc_now
from fibromap.errors import FibroMapError

from fibromap.domain.questionnaires import QuestionnaireKind
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.store.daily import insert_checkins
from fibromap.store.symptoms import insert_ratings
from fibromap.store.bulk_flares import insert_many, read_all_flares
from fibromap.store.schema import (
    AppointmentRow, CheckInRow, FlareRow, MedicationRow, NoteRow, QuestionnaireRow,
    SymptomRatingRow, TermRow,
)
from fibromap.store.store import Store


def read_all(store: Store, *, with_flares: bool = True) -> Records:
    """Everything recorded (the flares too, unless an export streams them on its own)."""
    terms = [t for kind in TermKind for t in store.vocabulary.terms(kind, include_hidden=True)
             if not t.builtin]
    visible = {(t.kind, t.key) for kind in TermKind for t in store.vocabulary.terms(kind)}
    return Records(
        terms=[t for t in terms if (t.kind, t.key) in visible],
        hidden_terms=[t for t in terms if (t.kind, t.key) not in visible],
        flares=read_all_flares(store.database) if with_flares else [],
        checkins=store.checkins.between(),
        medications=store.medications.all(),
        appointments=store.appointments.all(),
        questionnaires=[q for kind in QuestionnaireKind for q in store.questionnaires.between(kind)],
        notes={key: store.notes.get(key) for key in store.notes.keys()},
        symptom_ratings=store.symptoms.between(),
    )


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    already_there: dict[str, int] = field(default_factory=dict)


IMPORT_LOCK = 0x46624D70  # any constant shared by every FibroMap writing an import


class _DryRun(FibroMapError):
    """Raised inside the transaction to undo a trial import."""


def write_new(store: Store, records: Records, *, dry_run: bool = False,
              progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Add what the database does not hold yet, in one transaction (nothing if ``dry_run``).

    Flares are matched by fingerprint, check-ins by day, medications by name, dose and
    start, appointments by day, questionnaires by kind and day, symptom ratings by day
    and symptom, so importing the same file
    twice adds nothing the second time. ``progress(done, total)`` hears of the flares
    written; an exception it raises undoes everything.
    """
    result = ImportResult()
    try:
        _write(store, records, result, dry_run, progress)
    except _DryRun:
        pass
    return result


def _write(store: Store, records: Records, result: ImportResult, dry_run: bool,
           progress: Callable[[int, int], None] | None) -> None:
    with store.database.transaction() as session:
        # What is already there is read inside the writing transaction, so two imports at
        # once see each other's flares: SQLite's BEGIN IMMEDIATE already runs them one after
        # the other; on PostgreSQL a transaction-scoped lock does.
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
        known_flares = set(session.scalars(select(FlareRow.fingerprint)))
        existing_terms = {(k, key): hidden for k, key, hidden in
                          session.execute(select(TermRow.kind, TermRow.key, TermRow.hidden))}
        new_terms = [t for t in records.terms + records.hidden_terms
                     if (t.kind.value, t.key) not in existing_terms]
        hidden = {(t.kind, t.key) for t in records.hidden_terms}
        session.add_all(TermRow(kind=t.kind.value, key=t.key, label=t.label, builtin=False,
                                hidden=(t.kind, t.key) in hidden) for t in new_terms)
        session.flush()

        seen, flares, marks = set(known_flares), [], []
        for flare in records.flares:
            mark = flare_fingerprint(flare)
            if mark not in seen:
                seen.add(mark)
                flares.append(flare)
                marks.append(mark)
        insert_many(session, flares, marks, progress)

        days = set(session.scalars(select(CheckInRow.day)))
        checkins = [c for c in records.checkins if c.day not in days]
        insert_checkins(session, checkins)

        have = {(n, d, s) for n, d, s in session.execute(
            select(MedicationRow.name, MedicationRow.dose, MedicationRow.start))}
        medications = [m for m in records.medications if (m.name, m.dose, m.start) not in have]
        session.add_all(MedicationRow(name=m.name, dose=m.dose, start=m.start, stop=m.stop)
                        for m in medications)

        visit_days = set(session.scalars(select(AppointmentRow.day)))
        appointments = [a for a in records.appointments if a.day not in visit_days]
        session.add_all(AppointmentRow(day=a.day, note=a.note) for a in appointments)

        answered = {(k, d) for k, d in session.execute(select(QuestionnaireRow.kind, QuestionnaireRow.day))}
        questionnaires = [q for q in records.questionnaires if (q.kind.value, q.day) not in answered]
        session.add_all(QuestionnaireRow(kind=q.kind.value, day=q.day,
                                         answers=json.dumps(q.answers, sort_keys=True))
                        for q in questionnaires)

        rated = {(d, s) for d, s in session.execute(
            select(SymptomRatingRow.day, SymptomRatingRow.symptom))}
        ratings = [r for r in records.symptom_ratings if (r.day, r.symptom) not in rated]
        insert_ratings(session, ratings)

        notes = {k: v for k, v in records.notes.items() if session.get(NoteRow, k) is None and v}
        session.add_all(NoteRow(key=k, text=v, modified_utc=utc_now().replace(tzinfo=None))
                        for k, v in notes.items())

        result.added = {"flares": len(flares), "check-ins": len(checkins),
                        "medications": len(medications), "appointments": len(appointments),
                        "questionnaires": len(questionnaires),
                        "symptom ratings": len(ratings), "words": len(new_terms)}
        totals = records.counts()
        result.already_there = {name: totals[name] - result.added[name] for name in result.added}
        if dry_run:
            # Everything goes to the database, so its constraints judge the trial exactly
            # as they judge the real import; then it is all undone.
            session.flush()
            raise _DryRun("dry run")
