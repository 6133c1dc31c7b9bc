"""Opening a database safely: recognise it, back it up, upgrade it, or refuse it.

A file that is not FibroMap's, or one written by a newer FibroMap, is refused
and left byte-for-byte untouched: it is only ever read through a read-only
connection before FibroMap decides it may write.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from fibromap.config import Paths
from fibromap.errors import DatabaseError, DatabaseRefused, FibroMapError
from fibromap.store.backups import backed_up_today, backup_sqlite, list_backups, restore_backup
from fibromap.store.schema import APPLICATION_MARK, MetaRow
from fibromap.store.sqlite_files import friendly_operational_error, readonly_uri

log = logging.getLogger(__name__)

FULL_BELOW = 1_000_000  # bytes free: below this a failed write is a full disk

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Written into the SQLite header (offset 68) so tools like `file` can tell it is ours.
SQLITE_APPLICATION_ID = 0x46624D70  # "FbMp"


def _alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def known_revision(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def describe_url(url: URL) -> str:
    """What the status bar and messages call this database (never a password)."""
    if url.get_backend_name() == "sqlite":
        return url.database or "in-memory database"
    return url.render_as_string(hide_password=True)


def _parse_url(raw: str) -> URL:
    try:
        return make_url(raw)
    except ArgumentError:
        raise DatabaseError(f"{raw!r} is not a database URL "
                            "(expected e.g. sqlite:///path/file.sqlite3 or postgresql://host/db)") from None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Python's sqlite3 begins transactions only before INSERT/UPDATE/DELETE and runs every
    # CREATE or ALTER on its own, committed at once: a crash half way through a migration
    # left half a schema. FibroMap begins every transaction itself (_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a saved entry survives a crash or power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _read_only_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _sqlite_begin(connection) -> None:
    """Every transaction, schema changes included, is one: all of it or none of it.

    IMMEDIATE takes the write lock at the start, so two programs writing the same file wait
    for each other (busy_timeout) instead of failing when one's snapshot turns stale.
    """
    connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """An open, up-to-date FibroMap database."""

    def __init__(self, engine: Engine, url: URL):
        self.engine = engine
        self.url = url
        self.warning = ""  # something the person should know, such as a skipped backup
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    # -- opening -----------------------------------------------------------------
    @classmethod
    def open(cls, raw_url: str, paths: Paths, *, upgrade: bool = True,
             routine_backup: bool = False, read_only: bool = False) -> Database:
        """Open ``raw_url``, refusing anything that is not a FibroMap database we can use.

        With ``upgrade`` a file from an older FibroMap is backed up, then upgraded.
        ``routine_backup`` also takes the day's first backup of an existing file.
        ``read_only`` reads an existing SQLite file without writing a byte in or beside it,
        so records can be read and exported from a full disk or a read-only place.
        """
        if read_only:
            return cls._open_read_only(raw_url, paths)
        url = _parse_url(raw_url)
        sqlite_path = cls._sqlite_path(url)
        warning = ""
        if sqlite_path is not None:
            existed = sqlite_path.exists() and sqlite_path.stat().st_size > 0
            if sqlite_path.exists() and not existed and list_backups(paths):
                # An empty file where a database used to be is damage, not a fresh start.
                newest = list_backups(paths)[0]
                raise DatabaseRefused(
                    f"{sqlite_path} is empty (0 bytes) although FibroMap has kept backups of "
                    f"it; it was left as it is. The newest backup is {newest}: restore it with "
                    f"`fibromap restore {newest}`")
            if existed:
                _check_sqlite_header(sqlite_path)
            else:
                paths.ensure(sqlite_path.parent)
            revision = _probe(cls._probe_engine(url, sqlite_path) if existed else None, url)
        else:
            existed = True
            revision = _probe(_create_engine(url), url)

        if revision is None and not upgrade:
            raise DatabaseError(f"there is no FibroMap database at {describe_url(url)} yet")
        head = head_revision()
        needs_upgrade = revision != head
        if sqlite_path is not None and existed:
            if upgrade and needs_upgrade:
                backup_sqlite(sqlite_path, paths, f"before-upgrade-{revision or 'empty'}")
            elif routine_backup and not backed_up_today(paths):
                try:
                    backup_sqlite(sqlite_path, paths, "daily")
                except DatabaseError as exc:
                    # The day's backup is a precaution: a full disk must not lock the person
                    # out of their records. (Before an upgrade, a backup is required.)
                    warning = f"Today's backup was not taken: {exc}."
                    log.warning(warning)

        engine = _create_engine(url)
        database = cls(engine, url)
        database.warning = warning
        if needs_upgrade and upgrade:
            database._upgrade()
        elif needs_upgrade:
            log.info("database at revision %s, head is %s (not upgraded)", revision, head)
        return database

    @classmethod
    def _open_read_only(cls, raw_url: str, paths: Paths) -> Database:
        url = _parse_url(raw_url)
        sqlite_path = cls._sqlite_path(url)
        if sqlite_path is None:  # a server: reading writes nothing on this machine
            database = cls.open(raw_url, paths, upgrade=False)
            revision = database.revision()
        else:
            if not sqlite_path.exists() or sqlite_path.stat().st_size == 0:
                raise DatabaseError(f"there is no FibroMap database at {sqlite_path}")
            _check_sqlite_header(sqlite_path)
            revision = _probe(cls._probe_engine(url, sqlite_path), url)
            engine = create_engine(f"sqlite:///{readonly_uri(sqlite_path)}&uri=true",
                                   poolclass=NullPool)
            event.listen(engine, "connect", _read_only_pragmas)
            database = cls(engine, url)
        if revision != head_revision():
            database.close()
            raise DatabaseError(f"{describe_url(url)} is from an older FibroMap (schema "
                                f"{revision}); open FibroMap once to upgrade it")
        return database

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

    @staticmethod
    def _probe_engine(url: URL, path: Path) -> Engine:
        # A read-only connection: deciding whether to refuse never writes a byte.
        return create_engine(f"sqlite:///{readonly_uri(path)}&uri=true", poolclass=NullPool)

    def _upgrade(self) -> None:
        try:
            with self.engine.begin() as connection:
                command.upgrade(_alembic_config(connection), "head")
                if connection.dialect.name == "sqlite":
                    connection.exec_driver_sql(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
        except OperationalError as exc:
            raise DatabaseError(f"cannot prepare the database {describe_url(self.url)}: "
                                f"{friendly_operational_error(exc)}") from exc

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
        """A session whose work is committed together, or not at all, with readable errors."""
        try:
            with self._sessions() as session, session.begin():
                yield session
        except FibroMapError:
            raise
        except OperationalError as exc:
            raise DatabaseError(self._explain(exc)) from exc
        except SQLAlchemyError as exc:
            raise DatabaseError(f"the database refused the change: "
                                f"{friendly_operational_error(exc)}") from exc

    def _explain(self, exc: OperationalError) -> str:
        """SQLite reports a write that found no room as "disk I/O error": say what it is."""
        message = friendly_operational_error(exc)
        path = self.sqlite_path
        if path is not None and "disk i/o error" in message.lower():
            try:
                if shutil.disk_usage(path.parent).free < FULL_BELOW:
                    return "the disk is full, so nothing was saved; free some space and try again"
            except OSError:
                pass
        return message

    def restore(self, backup: Path, paths: Paths) -> Path | None:
        """Put ``backup`` in place of this SQLite file and carry on with it (upgraded if it
        came from an older FibroMap); returns where the replaced file was kept."""
        if self.sqlite_path is None:
            raise DatabaseError("only an SQLite database is restored from a backup")
        self.engine.dispose()
        set_aside = restore_backup(backup, self.sqlite_path)
        fresh = Database.open(self.url.render_as_string(hide_password=False), paths)
        self.engine, self._sessions = fresh.engine, fresh._sessions
        return set_aside

    def close(self) -> None:
        self.engine.dispose()


def _create_engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url, poolclass=NullPool)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        raise DatabaseError(f"FibroMap cannot open {url.get_backend_name()} databases") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"the {url.get_backend_name()} driver is not installed "
                            f"(missing Python module {exc.name}); for PostgreSQL install "
                            "fibromap[postgresql]") from None


def _check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"{path} is not a FibroMap database (it is not an SQLite file); "
                              "it was left untouched")
    application_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    if application_id not in (0, SQLITE_APPLICATION_ID):
        raise DatabaseRefused(f"{path} is not a FibroMap database (it belongs to another "
                              f"application, id {application_id:#x}); it was left untouched")


def _probe(engine: Engine | None, url: URL) -> str | None:
    """The schema revision of a FibroMap database, None for an empty one; refuse the rest."""
    if engine is None:
        return None
    where = describe_url(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            # Empty, or emptied by downgrading every revision: a new database.
            if tables <= {"alembic_version"} and (not tables or connection.execute(
                    text("SELECT count(*) FROM alembic_version")).scalar() == 0):
                return None
            if not {"fibromap_meta", "alembic_version"} <= tables:
                shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
                raise DatabaseRefused(f"{where} is not a FibroMap database (it holds other "
                                      f"tables: {shown}); it was left untouched")
            mark = connection.execute(
                select(MetaRow.value).where(MetaRow.key == "application")).scalar()
            if mark != APPLICATION_MARK:
                raise DatabaseRefused(f"{where} is not a FibroMap database; it was left untouched")
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except FibroMapError:
        raise
    except OperationalError as exc:
        raise DatabaseError(f"cannot open {where}: {friendly_operational_error(exc)}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseRefused(f"{where} cannot be read as a FibroMap database "
                              f"({friendly_operational_error(exc)}); it was left untouched") from exc
    finally:
        engine.dispose()
    if revision is not None and not known_revision(revision):
        raise DatabaseRefused(
            f"{where} was written by a newer version of FibroMap (schema {revision}, this "
            f"version knows up to {head_revision()}); update FibroMap to open it. "
            "It was left untouched")
    return revision
