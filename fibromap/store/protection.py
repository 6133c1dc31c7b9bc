"""Turning a database's protection on, off, or to a new passphrase, with everything that
follows it: its backups and the draft of the flare being typed take the same protection,
and the open database carries on.

The conversions themselves are in store/cipher.py; this is the one place that applies
them to a person's whole record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.store import cipher
from fibromap.store.backups import convert_backups
from fibromap.store.database import Database
from fibromap.store.drafts import DraftFile


@dataclass(frozen=True, slots=True)
class ProtectionChange:
    protected: bool
    backups_left: list[Path] = field(default_factory=list)  # could not be converted


def _file(database: Database) -> Path:
    path = database.sqlite_path
    if path is None:
        raise FibroMapError("protection with a passphrase is for the SQLite file on this "
                            "computer; a PostgreSQL server protects its data its own way")
    if database.read_only:
        raise FibroMapError(f"{path} is open read-only, so its protection cannot change")
    return path


def _apply(database: Database, paths: Paths, conversion) -> ProtectionChange:
    """Run ``conversion`` (which returns the database's new key, None for plain) with the
    database's connections closed, carry on with the file it leaves, and give the backups
    and the draft the same protection."""
    database.engine.dispose()
    try:
        key = conversion()
    finally:
        database.reopen(paths)
    left = convert_backups(paths, key)
    DraftFile(paths, lambda: key).reseal()
    return ProtectionChange(key is not None, left)


def protect(database: Database, paths: Paths, passphrase: str) -> ProtectionChange:
    """Protect the open database and its backups with ``passphrase``."""
    path = _file(database)
    if database.key is not None:
        raise FibroMapError(f"{path} is protected already")
    return _apply(database, paths, lambda: cipher.protect(path, passphrase))


def unprotect(database: Database, paths: Paths, passphrase: str) -> ProtectionChange:
    """Turn protection off (the passphrase asked again, so that an unlocked window left
    alone cannot be made plain by someone else)."""
    path = _file(database)
    if database.key is None:
        raise FibroMapError(f"{path} is not protected")
    key = cipher.unlock(path, passphrase)
    return _apply(database, paths, lambda: cipher.unprotect(path, key))


def change_passphrase(database: Database, paths: Paths, old: str,
                      new: str) -> ProtectionChange:
    """Re-key the database and its backups from ``old`` to ``new``."""
    path = _file(database)
    if database.key is None:
        raise FibroMapError(f"{path} is not protected")
    key = cipher.unlock(path, old)
    return _apply(database, paths, lambda: cipher.change_passphrase(path, key, new))
