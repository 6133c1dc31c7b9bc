"""The Store: everything the rest of FibroMap needs from the database, in one object
handed to views and commands (no global registries)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from fibromap.config import Paths
from fibromap.errors import DiskFull, FibroMapError, ReadOnlyDatabase
from fibromap.i18n import _
from fibromap.store.daily import CheckInRepository
from fibromap.store.database import Database
from fibromap.store.flares import FlareRepository
from fibromap.store.no_spasms import NoSpasmDayRepository
from fibromap.store.vocabulary import VocabularyRepository, seed_builtin_terms

if TYPE_CHECKING:
    from fibromap.store.devices import DeviceRepository
    from fibromap.store.medications import MedicationRepository
    from fibromap.store.notes import NoteRepository
    from fibromap.store.stats import PeriodSummary
    from fibromap.store.symptoms import SymptomRatingRepository
    from fibromap.store.visits import AppointmentRepository, QuestionnaireRepository


class Store:
    def __init__(self, database: Database):
        self.database = database
        # What the Log and the start need; the others below are made when first used
        # (their code loaded then, after the window is ready).
        self.flares = FlareRepository(database)
        self.checkins = CheckInRepository(database)
        self.vocabulary = VocabularyRepository(database)
        self.no_spasms = NoSpasmDayRepository(database)

    @cached_property
    def medications(self) -> MedicationRepository:
        from fibromap.store.medications import MedicationRepository
        return MedicationRepository(self.database)

    @cached_property
    def appointments(self) -> AppointmentRepository:
        from fibromap.store.visits import AppointmentRepository
        return AppointmentRepository(self.database)

    @cached_property
    def questionnaires(self) -> QuestionnaireRepository:
        from fibromap.store.visits import QuestionnaireRepository
        return QuestionnaireRepository(self.database)

    @cached_property
    def notes(self) -> NoteRepository:
        from fibromap.store.notes import NoteRepository
        return NoteRepository(self.database)

    @cached_property
    def symptoms(self) -> SymptomRatingRepository:
        from fibromap.store.symptoms import SymptomRatingRepository
        return SymptomRatingRepository(self.database)

    @cached_property
    def devices(self) -> DeviceRepository:
        from fibromap.store.devices import DeviceRepository
        return DeviceRepository(self.database)

    # -- one way in for each purpose ------------------------------------------------------
    @classmethod
    def open(cls, url: str, paths: Paths, *, routine_backup: bool = False,
             passphrase: str | None = None) -> Store:
        """Open the database at ``url`` to write (creating, backing up and upgrading it as
        needed, see Database.open); ``passphrase`` unlocks a protected SQLite file."""
        database = Database.open(url, paths, routine_backup=routine_backup, passphrase=passphrase)
        try:
            with database.transaction() as session:
                seed_builtin_terms(session)
        except FibroMapError:
            database.close()
            raise
        return cls(database)

    @classmethod
    def open_read_only(cls, url: str, paths: Paths, *, passphrase: str | None = None) -> Store:
        """Open an existing database to read it, changing nothing (Database.open_read_only)."""
        return cls(Database.open_read_only(url, paths, passphrase=passphrase))

    @classmethod
    def open_to_view(cls, url: str, paths: Paths, *, routine_backup: bool = False) -> Store:
        """Open for a window: for writing where that is allowed, otherwise (an SQLite file
        in a read-only place, or on a full disk) read-only, so the records can still be seen
        and exported."""
        try:
            return cls.open(url, paths, routine_backup=routine_backup)
        except ReadOnlyDatabase:
            return cls.open_read_only(url, paths)
        except DiskFull:
            if Database.sqlite_file(url) is None:
                raise
            store = cls.open_read_only(url, paths)
            store.database.warning = _("The disk is full, so your records are open read-only: "
                                       "free some space and start FibroMap again to save.")
            return store

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @property
    def display_name(self) -> str:
        return self.database.display_name

    def holds_entries(self) -> bool:
        """Whether the person has recorded anything (flares, check-ins, medications,
        symptom ratings, days marked "no spasms", or sleep and steps from a device)."""
        return bool(self.flares.count() or self.checkins.count() or self.medications.count()
                    or self.symptoms.count() or self.devices.count() or self.no_spasms.count())

    def summary(self, start=None, end=None) -> PeriodSummary:
        from fibromap.store.stats import period_summary
        return period_summary(self.database, start, end)

    def close(self) -> None:
        self.database.close()
