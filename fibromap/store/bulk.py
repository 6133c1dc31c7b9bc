"""Reading everything out, and writing an import in one transaction: all of it or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fibromap.domain.daily import CheckIn, Medication, SymptomRating, merge_repeats
from fibromap.domain.device_merge import DeviceZone, Placement
from fibromap.domain.flare import Flare, utc_now
from fibromap.domain.questionnaires import Appointment, Questionnaire, QuestionnaireKind
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.domain.vocabulary import Term, TermKind, builtin_label
from fibromap.errors import FibroMapError
from fibromap.store.bulk_flares import insert_many, read_all_flares
from fibromap.store.daily import insert_checkins
from fibromap.store.devices import DeviceImportResult, merge_into
from fibromap.store.flares import TermLookup
from fibromap.store.no_spasms import insert_days
from fibromap.store.plain_rows import CHUNK, among
from fibromap.store.schema import (
    AppointmentRow,
    CheckInRow,
    MedicationRow,
    NoSpasmDayRow,
    NoteRow,
    QuestionnaireRow,
    SymptomRatingRow,
    TermRow,
)
from fibromap.store.store import Store
from fibromap.store.symptoms import insert_ratings
from fibromap.store.vocabulary import NOT_RENAMED, label_to_store


def _theirs(term: Term, visible: set[tuple[TermKind, str]]) -> bool:
    """A word the person made, or a built-in one they renamed or took off their list."""
    return (not term.builtin or term.label != builtin_label(term.kind, term.key)
            or (term.kind, term.key) not in visible)


def read_all(store: Store, *, with_flares: bool = True) -> Records:
    """Everything recorded (the flares too, unless an export streams them on its own)."""
    visible = {(t.kind, t.key) for kind in TermKind for t in store.vocabulary.terms(kind)}
    terms = [t for kind in TermKind for t in store.vocabulary.terms(kind, include_hidden=True)
             if _theirs(t, visible)]
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
    with importing(store, dry_run=dry_run) as writing:
        writing.add_words(records.terms, records.hidden_terms)
        writing.add_flares(records.flares, progress)
        writing.finish(records)
    return writing.result


@contextmanager
def importing(store: Store, *, dry_run: bool = False) -> Iterator[Importing]:
    """An import's transaction, open while its file is read (see Importing): all of it is
    written, or nothing (an exception in it, or ``dry_run``)."""
    try:
        with store.database.transaction() as session:
            # What is already there is read inside the writing transaction, so two imports
            # at once see each other's flares: SQLite's BEGIN IMMEDIATE already runs them one
            # after the other; on PostgreSQL a transaction-scoped lock does.
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})
            yield Importing(session)
            if dry_run:
                # Everything went to the database, so its constraints judged the trial
                # exactly as they judge the real import; now it is all undone.
                session.flush()
                raise _DryRun("dry run")
    except _DryRun:
        pass


class Importing:
    """What an import adds, as its file is read: words and flares as they come (each
    batch of flares matched against the database by fingerprint, so a file of a million
    flares never has them all in memory), then the rest (``finish``). ``result`` says
    what was added once it is finished."""

    def __init__(self, session: Session):
        self.session = session
        self.result = ImportResult()
        self.words = 0
        self.flares = 0      # read
        self.added = 0       # of them written
        self._terms: TermLookup | None = None

    def add_words(self, terms: Sequence[Term], hidden_terms: Sequence[Term]) -> None:
        """The person's own words not in the database yet (before the flares using them)."""
        existing = {(kind, key) for kind, key in self.session.execute(
            select(TermRow.kind, TermRow.key))}
        hidden = {(t.kind, t.key) for t in hidden_terms}
        self._builtin_choices([*terms, *hidden_terms], hidden)
        new = list({(t.kind, t.key): t for t in [*terms, *hidden_terms]
                    if (t.kind.value, t.key) not in existing}.values())
        self.session.add_all(TermRow(kind=t.kind.value, key=t.key, label=t.label,
                                     builtin=False, hidden=(t.kind, t.key) in hidden)
                             for t in new)
        self.session.flush()
        self.words += len(new)
        if new:
            self._terms = None

    def _builtin_choices(self, terms: Sequence[Term], hidden: set[tuple[TermKind, str]]) -> None:
        """A built-in word the file has renamed or taken off its list: so here too, where
        the person has not made a choice of their own about it (its label and list as
        given)."""
        given = {(t.kind.value, t.key): t for t in terms
                 if builtin_label(t.kind, t.key) is not None}
        if not given:
            return
        for row in self.session.scalars(select(TermRow).where(TermRow.builtin.is_(True))):
            term = given.get((row.kind, row.key))
            if term is None or row.label != NOT_RENAMED or row.hidden:
                continue
            row.label = label_to_store(row.kind, row.key, term.label)
            row.hidden = (term.kind, term.key) in hidden
        self.session.flush()

    def add_flares(self, flares: Sequence[Flare],
                   progress: Callable[[int, int], None] | None = None) -> None:
        """Those of ``flares`` the database does not hold (nor ``flares`` before), a few
        thousand at a time; ``progress(done, total)`` hears of each."""
        for start in range(0, len(flares), CHUNK):
            part = flares[start:start + CHUNK]
            marks = [flare_fingerprint(flare) for flare in part]
            there = {mark for mark, in among(
                self.session, "SELECT fingerprint FROM flare WHERE fingerprint IN ({})",
                list(set(marks)))}
            new, new_marks = [], []
            for flare, mark in zip(part, marks, strict=True):
                if mark not in there:
                    there.add(mark)
                    new.append(flare)
                    new_marks.append(mark)
            if new:
                if self._terms is None:  # made again after words are added
                    self._terms = TermLookup(self.session)
                self.added += insert_many(self.session, new, new_marks, terms=self._terms)
            self.flares += len(part)
            if progress is not None:
                progress(start + len(part), len(flares))

    def finish(self, records: Records) -> None:
        """The rest of ``records`` (their flares given to add_flares)."""
        session = self.session
        self.add_words(records.terms, records.hidden_terms)  # any given after the flares
        # In this order: a dict is built from left to right.
        self.result.added = {
            "flares": self.added,
            "check-ins": _add_checkins(session, records.checkins),
            "medications": _add_medications(session, records.medications),
            "appointments": _add_appointments(session, records.appointments),
            "questionnaires": _add_questionnaires(session, records.questionnaires),
            "symptom ratings": _add_ratings(session, records.symptom_ratings),
            "no-spasm days": _add_no_spasm_days(session, records.no_spasm_days),
            **_add_devices(session, records),
            "words": self.words}
        _add_notes(session, records.notes)
        totals = {**records.counts(), "flares": self.flares}
        self.result.already_there = {name: totals[name] - self.result.added[name]
                                     for name in self.result.added}


# Each adds what the database does not hold yet and returns how many it added.

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
