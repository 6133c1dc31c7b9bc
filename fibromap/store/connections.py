"""How FibroMap talks to a database engine: SQLite's settings, transactions that begin
as one (and, when they only read, without the write lock), and a count of the
transactions that wrote, by which another window sees that something changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.pool import NullPool

from fibromap.errors import DatabaseError
from fibromap.i18n import _
from fibromap.store import cipher
from fibromap.store.sqlite_files import readonly_uri

# A fibromap_meta key counting the transactions that wrote, so that another window (or
# another computer on the same server) can tell that the records changed.
CHANGED_KEY = "changed"
WROTE = "fibromap_wrote"
READING = "fibromap_reading"  # an execution option: this connection only reads
# Counts up by one with every transaction that writes (SQLite and PostgreSQL alike).
MARK_CHANGED = text(
    "INSERT INTO fibromap_meta (key, value) VALUES (:key, '1') ON CONFLICT (key) DO UPDATE "
    "SET value = CAST(CAST(fibromap_meta.value AS INTEGER) + 1 AS VARCHAR(200)) RETURNING value")


def sqlite_pragmas(dbapi_connection, _record) -> None:
    # Python's sqlite3 begins transactions only before INSERT/UPDATE/DELETE and runs every
    # CREATE or ALTER on its own, committed at once: a crash half way through a migration
    # left half a schema. FibroMap begins every transaction itself (sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a saved entry survives a crash or power cut.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def read_only_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys = ON")


def _keyed_engine(path: Path, key: cipher.Key, *, read_only: bool = False) -> Engine:
    """An engine on a protected SQLite file: SQLCipher's connections, keyed with ``key``."""
    return create_engine("sqlite://", poolclass=NullPool, module=cipher.driver(),
                         creator=lambda: cipher.raw_connect(path, key, read_only=read_only))


def read_only_engine(path: Path, key: cipher.Key | None = None) -> Engine:
    """An engine that reads the SQLite file ``path`` without writing a byte in or beside it
    (a protected one keyed with ``key``)."""
    if key is not None:
        engine = _keyed_engine(path, key, read_only=True)
    else:
        engine = create_engine(f"sqlite:///{readonly_uri(path)}&uri=true", poolclass=NullPool)
    event.listen(engine, "connect", read_only_pragmas)
    return engine


# pg_advisory_xact_lock's key for making a PostgreSQL database ready ("FbMp" as for SQLite).
FIRST_OPEN_LOCK = 0x46624D70


def hold_first_open_lock(connection) -> None:
    """On PostgreSQL, wait for any other program making the same database ready (its schema,
    its built-in terms) to commit, and keep others waiting until this transaction ends:
    two programs opening an empty database at once would both create the tables. SQLite
    needs nothing (its transactions take the write lock at the start)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({FIRST_OPEN_LOCK})")


def sqlite_begin(connection) -> None:
    """Every transaction, schema changes included, is one: all of it or none of it.

    IMMEDIATE takes the write lock at the start, so two programs writing the same file wait
    for each other (busy_timeout) instead of failing when one's snapshot turns stale.
    A transaction that only reads begins DEFERRED: in WAL mode it never holds the write
    lock, so a long figure in one window does not keep another window from saving.
    """
    reading = connection.get_execution_options().get(READING, False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def forget_writes(connection) -> None:
    connection.info[WROTE] = False


def note_writes(connection, _cursor, statement, _parameters, _context, _many) -> None:
    if statement.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
        connection.info[WROTE] = True


def engine_for(url: URL, key: cipher.Key | None = None) -> Engine:
    """The engine for ``url``; an SQLite file protected with ``key`` is opened through
    SQLCipher (store/cipher.py)."""
    try:
        if url.get_backend_name() == "sqlite":
            if key is not None:
                assert url.database is not None  # a protected database is a file
                engine = _keyed_engine(Path(url.database).expanduser().absolute(), key)
            else:
                engine = create_engine(url, poolclass=NullPool)
            event.listen(engine, "connect", sqlite_pragmas)
            event.listen(engine, "begin", sqlite_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "begin", forget_writes)
        event.listen(engine, "before_cursor_execute", note_writes)
        return engine
    except NoSuchModuleError:
        raise DatabaseError(_("FibroMap cannot open {backend} databases").format(
            backend=url.get_backend_name())) from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(_("the {backend} driver is not installed (missing Python module "
                              "{module}); for PostgreSQL install fibromap[postgresql]").format(
            backend=url.get_backend_name(), module=exc.name)) from None
