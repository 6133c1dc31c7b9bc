"""The Store: everything the rest of FibroMap needs from the database, in one object
handed to views and commands (no global registries)."""

from __future__ import annotations

from fibromap.config import Paths
from fibromap.errors import DiskFull, FibroMapError, ReadOnlyDatabase
from fibromap.store.daily import CheckInRepository, MedicationRepository
from fibromap.store.devices import DeviceRepository
from fibromap.store.database import Database
from fibromap.store.flares import FlareRepository
from fibromap.store.notes import NoteRepository
from fibromap.store.symptoms import SymptomRatingRepository
from fibromap.store.stats import PeriodSummary, period_summary
from fibromap.store.visits import AppointmentRepository, QuestionnaireRepository
from fibromap.store.vocabulary import VocabularyRepository, seed_builtin_terms


class Store:
    def __init__(self, database: Database):
        self.database = database
        self.flares = FlareRepository(database)
        self.checkins = CheckInRepository(database)
        self.medications = MedicationRepository(database)
        self.vocabulary = VocabularyRepository(database)
        self.appointments = AppointmentRepository(database)
        self.questionnaires = QuestionnaireRepository(database)
        self.notes = NoteRepository(database)
        self.symptoms = SymptomRatingRepository(database)
        self.devices = DeviceRepository(database)

    @classmethod
    def open(cls, url: str, paths: Paths, *, routine_backup: bool = False,
             read_only: bool = False, passphrase: str | None = None) -> Store:
        """Open (creating, backing up and upgrading as needed) the database at ``url``;
        ``read_only`` opens an existing one for reading and changes nothing; ``passphrase``
        unlocks a protected SQLite file."""
        database = Database.open(url, paths, routine_backup=routine_backup, read_only=read_only,
                                 passphrase=passphrase)
        if not read_only:
            try:
                with database.transaction() as session:
                    seed_builtin_terms(session)
            except FibroMapError:
                database.close()
                raise
        return cls(database)

    @classmethod
    def open_to_view(cls, url: str, paths: Paths, *, routine_backup: bool = False) -> Store:
        """Open for a window: for writing where that is allowed, otherwise (an SQLite file
        in a read-only place) read-only, so the records can still be seen and exported."""
        try:
            return cls.open(url, paths, routine_backup=routine_backup)
        except ReadOnlyDatabase:
            return cls.open(url, paths, read_only=True)
        except DiskFull:
            if Database.sqlite_file(url) is None:
                raise
            store = cls.open(url, paths, read_only=True)
            store.database.warning = ("The disk is full, so your records are open read-only: "
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
        symptom ratings, or sleep and steps from a device)."""
        return bool(self.flares.count() or self.checkins.count() or self.medications.count()
                    or self.symptoms.count() or self.devices.count())

    def summary(self, start=None, end=None) -> PeriodSummary:
        return period_summary(self.database, start, end)

    def close(self) -> None:
        self.database.close()
