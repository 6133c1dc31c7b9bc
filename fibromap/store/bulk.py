"""Reading everything out, and writing an import in one transaction: all of it or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fibromap.domain.daily import CheckIn, Medication, SymptomRating, merge_repeats
from fibromap.domain.device_merge import DeviceZone, Placement
from fibromap.domain.flare import Flare, utc_now
from fibromap.domain.questionnaires import Appointment, Questionnaire, QuestionnaireKind
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.errors import FibroMapError
from fibromap.store.bulk_flares import insert_many, read_all_flares
from fibromap.store.daily import insert_checkins
from fibromap.store.devices import DeviceImportResult, merge_into
from fibromap.store.no_spasms import insert_days
from fibromap.store.schema import (
    AppointmentRow,
    CheckInRow,
    FlareRow,
    MedicationRow,
    NoSpasmDayRow,
    NoteRow,
    QuestionnaireRow,
    SymptomRatingRow,
    TermRow,
)
from fibromap.store.store import Store
from fibromap.store.symptoms import insert_ratings


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
        no_spasm_days=store.no_spasms.between(),
        device_sleeps=store.devices.sleeps(),
        device_steps=store.devices.steps(),
        device_zones=[DeviceZone(source, zone) for source, zone in store.devices.zones().items()],
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
    and symptom, "no spasms" marks by day, so importing the same file
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
        words = _add_words(session, records)
        # In this order: a dict is built from left to right.
        result.added = {"flares": _add_flares(session, records.flares, progress),
                        "check-ins": _add_checkins(session, records.checkins),
                        "medications": _add_medications(session, records.medications),
                        "appointments": _add_appointments(session, records.appointments),
                        "questionnaires": _add_questionnaires(session, records.questionnaires),
                        "symptom ratings": _add_ratings(session, records.symptom_ratings),
                        "no-spasm days": _add_no_spasm_days(session, records.no_spasm_days),
                        **_add_devices(session, records),
                        "words": words}
        _add_notes(session, records.notes)
        totals = records.counts()
        result.already_there = {name: totals[name] - result.added[name] for name in result.added}
        if dry_run:
            # Everything goes to the database, so its constraints judge the trial exactly
            # as they judge the real import; then it is all undone.
            session.flush()
            raise _DryRun("dry run")


# Each adds what the database does not hold yet and returns how many it added.

def _add_words(session: Session, records: Records) -> int:
    existing = {(kind, key) for kind, key in session.execute(select(TermRow.kind, TermRow.key))}
    new = [t for t in records.terms + records.hidden_terms
           if (t.kind.value, t.key) not in existing]
    hidden = {(t.kind, t.key) for t in records.hidden_terms}
    session.add_all(TermRow(kind=t.kind.value, key=t.key, label=t.label, builtin=False,
                            hidden=(t.kind, t.key) in hidden) for t in new)
    session.flush()
    return len(new)


def _add_flares(session: Session, flares: list[Flare],
                progress: Callable[[int, int], None] | None) -> int:
    seen, new, marks = set(session.scalars(select(FlareRow.fingerprint))), [], []
    for flare in flares:
        mark = flare_fingerprint(flare)
        if mark not in seen:
            seen.add(mark)
            new.append(flare)
            marks.append(mark)
    return insert_many(session, new, marks, progress)


def _add_checkins(session: Session, checkins: list[CheckIn]) -> int:
    days = set(session.scalars(select(CheckInRow.day)))
    new = [c for c in checkins if c.day not in days]
    insert_checkins(session, new)
    return len(new)


def _add_medications(session: Session, medications: list[Medication]) -> int:
    have = {(name, dose, start) for name, dose, start in session.execute(
        select(MedicationRow.name, MedicationRow.dose, MedicationRow.start))}
    # A file may give one twice (an export of a database from before they were merged).
    once, _repeated = merge_repeats(medications)
    new = [m for m in once if m.same_as not in have]
    session.add_all(MedicationRow(name=m.name, dose=m.dose, start=m.start, stop=m.stop)
                    for m in new)
    return len(new)


def _add_appointments(session: Session, appointments: list[Appointment]) -> int:
    days = set(session.scalars(select(AppointmentRow.day)))
    new = [a for a in appointments if a.day not in days]
    session.add_all(AppointmentRow(day=a.day, note=a.note) for a in new)
    return len(new)


def _add_questionnaires(session: Session, questionnaires: list[Questionnaire]) -> int:
    answered = {(kind, day) for kind, day in session.execute(
        select(QuestionnaireRow.kind, QuestionnaireRow.day))}
    new = [q for q in questionnaires if (q.kind.value, q.day) not in answered]
    session.add_all(QuestionnaireRow(kind=q.kind.value, day=q.day,
                                     answers=json.dumps(q.answers, sort_keys=True))
                    for q in new)
    return len(new)


def _add_ratings(session: Session, ratings: list[SymptomRating]) -> int:
    rated = {(day, symptom) for day, symptom in session.execute(
        select(SymptomRatingRow.day, SymptomRatingRow.symptom))}
    new = [r for r in ratings if (r.day, r.symptom) not in rated]
    insert_ratings(session, new)
    return len(new)


def _add_no_spasm_days(session: Session, days: list[date]) -> int:
    marked = set(session.scalars(select(NoSpasmDayRow.day)))
    new = sorted(set(days) - marked)
    insert_days(session, new)
    return len(new)


def _add_devices(session: Session, records: Records) -> dict[str, int]:
    """Nights and days of steps a device measured: new ones added, and one an earlier
    export had only in part brought up to date (counted as added: it changed)."""
    merged = DeviceImportResult()
    if records.device_sleeps or records.device_steps or records.device_zones:
        merge_into(session, records.device_sleeps, records.device_steps, merged,
                   {z.source: Placement(z.zone) for z in records.device_zones})
    return {"device nights": merged.nights["added"] + merged.nights["updated"],
            "daily step counts": merged.days["added"] + merged.days["updated"]}


def _add_notes(session: Session, notes: dict[str, str]) -> None:
    new = {k: v for k, v in notes.items() if session.get(NoteRow, k) is None and v}
    session.add_all(NoteRow(key=k, text=v, modified_utc=utc_now().replace(tzinfo=None))
                    for k, v in new.items())
