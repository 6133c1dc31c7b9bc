"""Turning a database's protection on, off, or to a new passphrase, with everything that
follows it: its backups and the draft of the flare being typed take the same protection,
and the open database carries on.

The whole set is converted as one job (store/jobs.py): every new file is written as a
checked, synced copy first, then the copies are renamed into place; a job stopped at any
moment is finished or undone by the next start, so no plain copy outlives it while the
records are protected, and no file is left under an old key. The conversion of one file
is in store/cipher.py.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.store import cipher, jobs
from fibromap.store.backups import key_of, list_backups
from fibromap.store.database import Database
from fibromap.store.drafts import DraftFile

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProtectionChange:
    protected: bool
    backups_left: list[Path] = field(default_factory=list)  # could not be converted


def _file(database: Database) -> Path:
    path = database.sqlite_path
    if path is None:
        raise FibroMapError(_("protection with a passphrase is for the SQLite file on this "
                              "computer; a PostgreSQL server protects its data its own way"))
    if database.read_only:
        raise FibroMapError(_("{path} is open read-only, so its protection cannot change"
                              ).format(path=path))
    return path


def _copy_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.converting")


def _apply(database: Database, paths: Paths, kind: str, new_key: cipher.Key | None
           ) -> ProtectionChange:
    """Convert the database, every backup and the draft from their keys now to ``new_key``
    (None: plain) as one job, with the database's connections closed, and carry on with
    the file it leaves."""
    path, old_key = database.sqlite_path, database.key
    assert path is not None  # _file() said so
    backups = list_backups(paths)
    draft = DraftFile(paths, lambda: old_key)
    job = jobs.Job(kind, path, overwrite_replaced=kind != "unprotect")
    job.replace = [(_copy_of(path), path)] + [(_copy_of(b), b) for b in backups]
    if draft.path.exists():
        job.replace.append((_copy_of(draft.path), draft.path))
    left: list[Path] = []

    def prepare() -> None:
        # The backups and the draft first, the database last: the moment between its copy
        # and its rename, when another program's save would be lost, stays short.
        for backup in backups:
            if not _prepare_backup(backup, new_key):
                left.append(backup)
                job.replace.remove((_copy_of(backup), backup))
        _prepare_draft(draft, paths, new_key, job)
        cipher.export_to(path, old_key, _copy_of(path), new_key)
        atomic.sync_file(_copy_of(path))

    database.engine.dispose()
    try:
        jobs.run(job, prepare)
    finally:
        database.reopen(paths)
    return ProtectionChange(new_key is not None, left)


def _prepare_backup(backup: Path, new_key: cipher.Key | None) -> bool:
    """Write the backup's converted copy; False when it cannot be (protected with a
    passphrase not given here, or unreadable): it is then left as it is."""
    try:
        current = key_of(backup)
        cipher.export_to(backup, current, _copy_of(backup), new_key)
        atomic.sync_file(_copy_of(backup))
        return True
    except (FibroMapError, sqlite3.Error, cipher.driver().Error, OSError) as exc:
        jobs.discard(_copy_of(backup))
        log.warning("backup %s kept as it was: %s", backup, exc)
        return False


def _prepare_draft(draft: DraftFile, paths: Paths, new_key: cipher.Key | None,
                   job: jobs.Job) -> None:
    """Write the draft's copy sealed with ``new_key`` (plain for None); a draft that
    cannot be read is set aside by DraftFile.load and left out of the job."""
    pair = (_copy_of(draft.path), draft.path)
    if pair not in job.replace:
        return
    flare = draft.load()
    if flare is None:
        job.replace.remove(pair)
        return
    atomic.write_bytes(pair[0], DraftFile(paths, lambda: new_key).encoded(flare),
                       failure=_("cannot convert the unsaved flare"))


def protect(database: Database, paths: Paths, passphrase: str) -> ProtectionChange:
    """Protect the open database and its backups with ``passphrase``."""
    path = _file(database)
    if database.key is not None:
        raise FibroMapError(_("{path} is protected already").format(path=path))
    # Remembered first: the database is opened again with it once converted.
    return _apply(database, paths, "protect", cipher.remember(cipher.new_key(passphrase)))


def unprotect(database: Database, paths: Paths, passphrase: str) -> ProtectionChange:
    """Turn protection off (the passphrase asked again, so that an unlocked window left
    alone cannot be made plain by someone else)."""
    path = _file(database)
    if database.key is None:
        raise FibroMapError(_("{path} is not protected").format(path=path))
    cipher.unlock(path, passphrase)  # asked again; WrongPassphrase changes nothing
    return _apply(database, paths, "unprotect", None)


def change_passphrase(database: Database, paths: Paths, old: str,
                      new: str) -> ProtectionChange:
    """Re-key the database and its backups from ``old`` to ``new``."""
    path = _file(database)
    if database.key is None:
        raise FibroMapError(_("{path} is not protected").format(path=path))
    cipher.unlock(path, old)  # WrongPassphrase changes nothing
    return _apply(database, paths, "change-passphrase", cipher.remember(cipher.new_key(new)))
