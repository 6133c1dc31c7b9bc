"""Opening a database safely: recognise it, back it up, upgrade it, or refuse it.

A file that is not FibroMap's, or one written by a newer FibroMap, is refused
and left byte-for-byte untouched: it is only ever read through a read-only
connection before FibroMap decides it may write.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import DatabaseDamaged, DatabaseError, DiskFull, FibroMapError
from fibromap.i18n import N_, _, formats, ngettext
from fibromap.store import cipher, wal
from fibromap.store.backups import (
    missing_records,
    naming_the_backup,
    newest_good_backup,
    restore_backup,
    with_backup,
)
from fibromap.store.connections import (
    CHANGED_KEY,
    MARK_CHANGED,
    READING,
    WROTE,
    engine_for,
    hold_first_open_lock,
    read_only_engine,
)
from fibromap.store.opening import (
    back_up_before_writing,
    damaged_log,
    existing_to_write,
    new_file,
    probe,
    unlock,
)
from fibromap.store.revisions import alembic_config, describe_url, head_revision
from fibromap.store.schema import FlareRow, MetaRow
from fibromap.store.sqlite_files import (
    DISK_FULL,
    SQLITE_APPLICATION_ID,
    check_sqlite_header,
    friendly_operational_error,
    means_damage,
    writable,
)

log = logging.getLogger(__name__)

PROTECTION_CHANGED = N_("the records' protection with a passphrase was changed in another "
                        "window or program: close this window and start FibroMap again")

def _parse_url(raw: str) -> URL:
    try:
        return make_url(raw)
    except ArgumentError:
        raise DatabaseError(_("{url} is not a database URL (expected e.g. "
                              "sqlite:///path/file.sqlite3 or postgresql://host/db)").format(
            url=repr(raw))) from None


class Database:
    """An open, up-to-date FibroMap database."""

    def __init__(self, engine: Engine, url: URL):
        self.engine = engine
        self.url = url
        self.warning = ""  # something the person should know, such as a skipped backup
        self.damage = ""  # damage found on opening (a write-ahead log), said in full
        self.damage_problem = ""  # ... without the backup that holds what it cost
        self.read_only = False  # an SQLite file opened only to read: every write is refused
        self.key: cipher.Key | None = None  # a protected SQLite file's key
        self.own_changes: set[int] = set()  # the changes() counts this program's saves made
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening: one way in for each purpose -------------------------------------------
    @classmethod
    def open(cls, raw_url: str, paths: Paths, *, routine_backup: bool = False,
             passphrase: str | None = None) -> Database:
        """Open ``raw_url`` to write, refusing anything that is not a FibroMap database we
        can use: a new one is created (protected from the start with ``passphrase``), one
        from an older FibroMap is backed up, then upgraded. ``routine_backup`` also takes
        the day's first backup of an existing file."""
        url = _parse_url(raw_url)
        sqlite_path = cls._sqlite_path(url)
        damage = None
        if sqlite_path is None:
            revision, key, warning = probe(engine_for(url), url), None, ""
        elif sqlite_path.exists() and sqlite_path.stat().st_size > 0:
            damage = damaged_log(sqlite_path, keep_copy=writable(sqlite_path))
            key, revision = existing_to_write(sqlite_path, url, passphrase, paths)
            warning = back_up_before_writing(sqlite_path, paths, revision, routine_backup)
        else:
            revision, key, warning = None, new_file(sqlite_path, paths, passphrase), ""
        database = cls(engine_for(url, key), url)
        database.key, database.warning = key, warning
        if revision != head_revision():
            database._upgrade()
        database._tell(damage, paths)
        return database

    @classmethod
    def open_read_only(cls, raw_url: str, paths: Paths, *,
                       passphrase: str | None = None) -> Database:
        """Open an existing database, at the current schema, to view it: an SQLite file
        is read without writing a byte in or beside it, so records can be read and
        exported from a full disk or a read-only place."""
        database, revision = cls._open_unchanged(raw_url, paths, passphrase)
        if revision != head_revision():
            database.close()
            raise DatabaseError(_("{where} is from an older FibroMap (schema {revision}); open "
                                  "FibroMap once to upgrade it").format(
                where=database.display_name, revision=revision))
        return database

    @classmethod
    def open_for_checking(cls, raw_url: str, paths: Paths) -> Database:
        """Open a database of any known schema revision to check it, without changing it
        (an SQLite file is opened read-only and nothing is created beside it)."""
        return cls._open_unchanged(raw_url, paths, None)[0]

    @classmethod
    def _open_unchanged(cls, raw_url: str, paths: Paths,
                        passphrase: str | None) -> tuple[Database, str | None]:
        """An existing database, opened without changing it, and its schema revision."""
        url = _parse_url(raw_url)
        sqlite_path = cls._sqlite_path(url)
        if sqlite_path is None:  # a server: reading writes nothing on this machine
            revision = probe(engine_for(url), url)
            if revision is None:
                raise DatabaseError(_("there is no FibroMap database at {where} yet").format(
                    where=describe_url(url)))
            if revision != head_revision():
                log.info("database at revision %s, head is %s (not upgraded)", revision,
                         head_revision())
            return cls(engine_for(url), url), revision
        if not sqlite_path.exists() or sqlite_path.stat().st_size == 0:
            raise (missing_records(sqlite_path, paths)
                   or DatabaseError(_("there is no FibroMap database at {where}").format(
                       where=sqlite_path)))
        key = unlock(sqlite_path, passphrase)
        if key is None:
            with naming_the_backup(paths):
                check_sqlite_header(sqlite_path)
        damage = damaged_log(sqlite_path, keep_copy=False)
        revision = probe(read_only_engine(sqlite_path, key), url)
        database = cls(read_only_engine(sqlite_path, key), url)
        database.read_only, database.key = True, key
        if revision == head_revision():
            database._tell(damage, paths)
        return database, revision

    @classmethod
    def sqlite_file(cls, raw_url: str) -> Path | None:
        """The SQLite file a URL names (None for a server or a bad URL)."""
        try:
            return cls._sqlite_path(_parse_url(raw_url))
        except DatabaseError:
            return None

    @staticmethod
    def _sqlite_path(url: URL) -> Path | None:
        if url.get_backend_name() != "sqlite":
            return None
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            return None
        return Path(url.database).expanduser().absolute()

    def _upgrade(self) -> None:
        try:
            from alembic import command

            with self.engine.begin() as connection:
                hold_first_open_lock(connection)
                command.upgrade(alembic_config(connection), "head")
                if connection.dialect.name == "sqlite":
                    connection.exec_driver_sql(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
        except OperationalError as exc:
            raise DatabaseError(_("cannot prepare the database {where}: {reason}").format(
                where=describe_url(self.url), reason=friendly_operational_error(exc))) from exc

    def _tell(self, damage: tuple[wal.WalDamage, Path | None] | None, paths: Paths) -> None:
        """Say what a damaged write-ahead log cost (``damage``, from damaged_log), which
        flares it may concern, and which backup holds them: in ``damage`` and ``warning``."""
        if damage is None:
            return
        found, kept = damage
        with self.reading() as session:
            newest = session.scalar(select(func.max(FlareRow.modified_utc)))
        when = (formats.dated(newest.replace(tzinfo=UTC).astimezone(), "%d %b %Y %H:%M",
                              "yMMMdHm") if newest else "")
        self.damage_problem = _damage_text(found, when, self.display_name,
                                           kept.name if kept else None)
        self.damage = with_backup(self.damage_problem, newest_good_backup(paths))
        said = _said_briefly(found, when)
        self.warning = " ".join(filter(None, (said, self.warning)))

    # -- using -----------------------------------------------------------------------
    @property
    def display_name(self) -> str:
        return describe_url(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return self._sqlite_path(self.url)

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all, with readable errors.

        When it wrote anything it also counts one more change (see ``changes``)."""
        written = None
        with self._errors(), self._sessions() as session, session.begin():
            yield session
            session.flush()
            if session.connection().info.get(WROTE):
                written = int(session.execute(MARK_CHANGED, {"key": CHANGED_KEY}).scalar_one())
        if written is not None:  # committed
            self.own_changes.add(written)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: it sees one consistent snapshot and, on SQLite, does
        not hold the write lock, so other windows and programs can save meanwhile."""
        with self._errors(), self.engine.connect() as connection:
            connection.execution_options(**{READING: True})
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session

    def changes(self) -> int:
        """How many times FibroMap programs have saved something here (counted from when
        the count began): while it stays the same, nothing has changed. The numbers of this
        program's own saves are in ``own_changes``."""
        with self.reading() as session:
            value = session.scalar(select(MetaRow.value).where(MetaRow.key == CHANGED_KEY))
        try:
            return int(value or 0)
        except ValueError:
            return 0

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except FibroMapError:
            raise
        except OperationalError as exc:
            message = self._explain(exc)
            raise (DiskFull if message == _(DISK_FULL) else DatabaseError)(message) from exc
        except SQLAlchemyError as exc:
            if self._protection_changed():
                raise DatabaseError(_(PROTECTION_CHANGED)) from exc
            said = friendly_operational_error(exc)
            if means_damage(exc):  # reading or writing alike
                raise DatabaseDamaged(said) from exc
            raise DatabaseError(_("the database refused the change: {said}").format(
                said=said)) from exc

    def _protection_changed(self) -> bool:
        """Whether another window or program turned this file's protection on or off, or
        changed its passphrase, since it was opened here (this key no longer fits)."""
        path = self.sqlite_path
        if path is None or not path.exists():
            return False
        if self.key is None:
            return cipher.is_protected(path)
        return not cipher.is_protected(path) or cipher.salt_of(path) != self.key.salt

    def _explain(self, exc: OperationalError) -> str:
        """SQLite reports a write that found no room as "disk I/O error": say what it is."""
        message = friendly_operational_error(exc)
        path = self.sqlite_path
        if "not a database" in message and self._protection_changed():
            return _(PROTECTION_CHANGED)
        if path is not None and "disk i/o error" in message.lower():
            if atomic.nearly_full(path.parent):
                return _(DISK_FULL)
        return message

    def restore(self, backup: Path, paths: Paths) -> Path | None:
        """Put ``backup`` in place of this SQLite file and carry on with it (upgraded if it
        came from an older FibroMap); returns where the replaced file was kept."""
        if self.sqlite_path is None:
            raise DatabaseError(_("only an SQLite database is restored from a backup"))
        self.engine.dispose()
        set_aside = restore_backup(backup, self.sqlite_path, self.key)
        self.reopen(paths)
        return set_aside

    def reopen(self, paths: Paths) -> None:
        """Carry on with the file at this URL after it was replaced (restored, or its
        protection changed; its key, if any, unlocked in this process)."""
        self.engine.dispose()
        fresh = Database.open(self.url.render_as_string(hide_password=False), paths)
        self.engine, self._sessions, self.key = fresh.engine, fresh._sessions, fresh.key

    def close(self) -> None:
        self.engine.dispose()


def _damage_text(found: wal.WalDamage, when: str, name: str, kept: str | None) -> str:
    """What a damaged write-ahead log cost, in full (the backup note follows)."""
    if found.header:
        saves = ngettext("All the latest save to {name} could not be read back",
                         "All {n} of the latest saves to {name} could not be read back",
                         found.lost)
    else:
        saves = ngettext("The latest save to {name} could not be read back",
                         "{n} of the latest saves to {name} could not be read back", found.lost)
    saves = saves.format(n=found.lost, name=name)
    since = (_("flares saved or changed after {when} may be missing").format(when=when) if when
             else _("flares saved lately may be missing"))
    if kept:
        return _("{saves} (its write-ahead log was damaged), so {since}; the log is kept as "
                 "{kept}.").format(saves=saves, since=since, kept=kept)
    return _("{saves} (its write-ahead log was damaged), so {since}.").format(
        saves=saves, since=since)


def _said_briefly(found: wal.WalDamage, when: str) -> str:
    if found.header:
        saves = ngettext("All the latest save could not be read back",
                         "All {n} of the latest saves could not be read back", found.lost)
    else:
        saves = ngettext("The latest save could not be read back",
                         "{n} of the latest saves could not be read back", found.lost)
    return _("{saves}: flares saved after {when} may be missing (Help › Backups).").format(
        saves=saves.format(n=found.lost), when=when or _("the last whole save"))
