"""Before a database is opened: its key, its schema revision, and whether it may be
written, created or must first be backed up (store/database.py opens it after)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import DatabaseError, DatabaseRefused, FibroMapError, ReadOnlyDatabase
from fibromap.i18n import _
from fibromap.store import cipher, wal
from fibromap.store.backups import backed_up_today, backup_sqlite, missing_records, naming_the_backup
from fibromap.store.connections import read_only_engine
from fibromap.store.revisions import describe_url, head_revision, known_revision
from fibromap.store.schema import APPLICATION_MARK, MetaRow
from fibromap.store.sqlite_files import check_sqlite_header, friendly_operational_error, writable

log = logging.getLogger(__name__)


def damaged_log(path: Path, *, keep_copy: bool) -> tuple[wal.WalDamage, Path | None] | None:
    """Damage in the write-ahead log beside ``path`` that SQLite would pass over in silence
    (store/wal.py), and where a copy of the log was kept (``keep_copy``, before anything
    opens the file to write and folds the readable part of the log into it)."""
    log_file = path.with_name(path.name + "-wal")
    found = wal.inspect(log_file)
    if found is None:
        return None
    kept = None
    if keep_copy:
        kept = atomic.free_name(path.with_name(f"{path.name}-wal.damaged"))
        try:
            with atomic.replacing(kept, failure="cannot keep a copy of the damaged log") as copy:
                shutil.copyfile(log_file, copy)
        except FibroMapError as exc:
            log.warning("%s", exc)
            kept = None
    log.warning("the write-ahead log of %s is damaged: %s", path, found)
    return found, kept


def existing_to_write(path: Path, url: URL, passphrase: str | None,
                       paths: Paths) -> tuple[cipher.Key | None, str | None]:
    """The key (None: plain) and schema revision of an existing SQLite file that is to be
    written, read without writing; refused when it is in a read-only place."""
    key = unlock(path, passphrase)
    if not writable(path):
        # Opening it for writing would try to create -wal and -shm beside it.
        raise ReadOnlyDatabase(_("{path} is read-only, so nothing can be saved to it; its "
                                 "records can still be viewed, checked and exported").format(
            path=path))
    if key is None:
        with naming_the_backup(paths):
            check_sqlite_header(path)
    return key, probe(read_only_engine(path, key), url)


def new_file(path: Path, paths: Paths, passphrase: str | None) -> cipher.Key | None:
    """Make ready for a new database at ``path`` (protected from the start with
    ``passphrase``: its key); refused where a database used to be (missing_records)."""
    refused = missing_records(path, paths)
    if refused:
        raise refused
    paths.ensure(path.parent)
    if passphrase is None:
        return None
    path.unlink(missing_ok=True)
    return cipher.create(path, passphrase)


def back_up_before_writing(path: Path, paths: Paths, revision: str | None,
                            routine_backup: bool) -> str:
    """Back up an existing file before it is upgraded (required), or take the day's first
    backup (a precaution); returns a warning when the day's backup could not be taken."""
    if revision != head_revision():
        backup_sqlite(path, paths, f"before-upgrade-{revision or 'empty'}")
    elif routine_backup and not backed_up_today(paths):
        try:
            backup_sqlite(path, paths, "daily")
        except DatabaseError as exc:
            # The day's backup is a precaution: a full disk must not lock the person
            # out of their records. (Before an upgrade, a backup is required.)
            warning = _("Today's backup was not taken: {reason}.").format(reason=exc)
            log.warning(warning)
            return warning
    return ""


def unlock(path: Path, passphrase: str | None) -> cipher.Key | None:
    """The key of a protected file (from ``passphrase``, checked, or unlocked earlier in
    this process), or None for a plain one."""
    if path.is_dir():
        raise DatabaseError(_("{path} is a folder, not a database file: name a file in it "
                              "(such as fibromap.sqlite3)").format(path=path))
    if not cipher.is_protected(path):
        return None
    if passphrase is not None:
        return cipher.unlock(path, passphrase)  # WrongPassphrase, changing nothing
    key = cipher.known_key(path)
    if key is None:
        raise cipher.PassphraseNeeded(
            _("{path} is protected with a passphrase: give it (in the app, or with "
              "--passphrase-file FILE or FIBROMAP_PASSPHRASE_FILE on the command line)").format(
                path=path))
    return key


def probe(engine: Engine, url: URL) -> str | None:
    """The schema revision of a FibroMap database, None for an empty one; refuse the rest."""
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
                raise DatabaseRefused(_("{where} is not a FibroMap database (it holds other "
                                        "tables: {shown}); it was left untouched").format(
                    where=where, shown=shown))
            mark = connection.execute(
                select(MetaRow.value).where(MetaRow.key == "application")).scalar()
            if mark != APPLICATION_MARK:
                raise DatabaseRefused(_("{where} is not a FibroMap database; it was left "
                                        "untouched").format(where=where))
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except FibroMapError:
        raise
    except OperationalError as exc:
        raise DatabaseError(_("cannot open {where}: {reason}").format(
            where=where, reason=friendly_operational_error(exc))) from exc
    except SQLAlchemyError as exc:
        raise DatabaseRefused(_("{where} cannot be read as a FibroMap database "
                                "({reason}); it was left untouched").format(
            where=where, reason=friendly_operational_error(exc))) from exc
    finally:
        engine.dispose()
    if revision is not None and not known_revision(revision):
        raise DatabaseRefused(
            _("{where} was written by a newer version of FibroMap (schema {revision}, this "
              "version knows up to {head}); update FibroMap to open it. "
              "It was left untouched").format(where=where, revision=revision,
                                              head=head_revision()))
    return revision
