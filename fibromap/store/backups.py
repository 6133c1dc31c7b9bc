"""Backups of the SQLite database: taken with SQLite's online-backup API, rotated without
ever losing the last good copy, listed with what they hold, and restored safely.

The backups of a protected database are protected with the same key (the same salt), so
whatever unlocked the database reads them too; they follow every change of protection."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import DatabaseDamaged, DatabaseError, DatabaseRefused, FibroMapError
from fibromap.i18n import _, formats, ngettext
from fibromap.store import cipher, jobs
from fibromap.store.sqlite_files import friendly_operational_error, readonly_uri

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10


def _connect(path: Path, key: cipher.Key | None, *, read_only: bool = False):
    """A DB-API connection to a backup or the database: the standard module for a plain
    file (read-only: writing nothing beside it), SQLCipher's keyed with ``key``."""
    if key is not None:
        return cipher.raw_connect(path, key, read_only=read_only)
    return sqlite3.connect(readonly_uri(path), uri=True) if read_only else sqlite3.connect(path)


def _copy(source_file: Path, target: Path, source_key: cipher.Key | None = None,
          target_key: cipher.Key | None = None) -> None:
    """SQLite's online backup of ``source_file`` (read without writing beside it) into
    ``target``: page for page when both are plain or share a key, otherwise copied, then
    converted to ``target_key`` (store/cipher.py)."""
    source = _connect(source_file, source_key, read_only=True)
    try:
        destination = _connect(target, source_key)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    if source_key != target_key:
        cipher.convert(target, source_key, target_key)


def key_of(path: Path) -> cipher.Key | None:
    """The key a protected file opens with (unlocked in this process); None when plain.
    Raises PassphraseNeeded for a protected file not unlocked."""
    if not cipher.is_protected(path):
        return None
    key = cipher.known_key(path)
    if key is None:
        raise cipher.PassphraseNeeded(_("{path} is protected with a passphrase not given here"
                                        ).format(path=path))
    return key


def backup_sqlite(path: Path, paths: Paths, reason: str) -> Path:
    """Copy the database with SQLite's online-backup API and keep the newest few copies
    (a protected database's copies protected with its key)."""
    folder = paths.ensure(paths.backups_dir)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"fibromap-{stamp}-{reason}.sqlite3"
    key = key_of(path)
    # Copied under a hidden name and renamed when whole: a backup listed is never half of one.
    partial = folder / f".{target.name}.partial"
    try:  # the folder held (shared) meanwhile: no start takes the copy for a leftover
        with jobs.holding(folder, shared=True), \
                atomic.replacing(target, failure=_("cannot back up {path}").format(path=path),
                                 temporary=partial):
            _copy(path, partial, key, key)
    except (sqlite3.Error, cipher.driver().Error) as exc:
        raise DatabaseError(_("cannot back up {path}: {reason}").format(
            path=path, reason=friendly_operational_error(exc))) from exc
    finally:
        for leftover in ("-journal", "-wal", "-shm"):  # nothing half-written stays
            partial.with_name(partial.name + leftover).unlink(missing_ok=True)
    rotate_backups(paths)
    log.info("backed up %s to %s", path, target)
    return target


def _inspect(path: Path, key: cipher.Key | None) -> tuple[int | None, bool]:
    """The flares a backup holds (None: not a readable FibroMap database) and whether it
    passes SQLite's integrity check (and SQLCipher's page check), over one read-only
    connection keyed with ``key`` (None: plain)."""
    try:
        connection = _connect(path, key, read_only=True)
        try:
            sound = connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            if key is not None:
                sound = sound and not connection.execute(
                    "PRAGMA cipher_integrity_check").fetchall()
            flares = connection.execute("SELECT count(*) FROM flare").fetchone()[0]
            return flares, sound
        finally:
            connection.close()
    except (sqlite3.Error, cipher.driver().Error, FibroMapError):
        return None, False


def backup_passes_check(path: Path) -> bool:
    """Whether a backup is a sound FibroMap database (SQLite's integrity check)."""
    return describe_backup(path).sound


def rotate_backups(paths: Paths) -> list[Path]:
    """Keep the newest BACKUPS_KEPT backups, and whatever the count never remove the newest
    before-upgrade backup or the newest one that passes the integrity check: a string of
    failed starts must not rotate away the last good copy. Returns what was removed."""
    backups = list_backups(paths)
    keep = backups[:BACKUPS_KEPT]
    older = backups[BACKUPS_KEPT:]
    upgrades = [b for b in backups if "-before-upgrade-" in b.name]
    if upgrades and upgrades[0] not in keep:
        keep.append(upgrades[0])
    if not any(backup_passes_check(b) for b in keep):
        sound = next((b for b in older if b not in keep and backup_passes_check(b)), None)
        if sound is not None:
            keep.append(sound)
    removed = [b for b in backups if b not in keep]
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def newest_good_backup(paths: Paths) -> BackupInfo | None:
    return next((info for info in map(describe_backup, list_backups(paths)) if info.sound), None)


@contextmanager
def naming_the_backup(paths: Paths) -> Iterator[None]:
    """Add the newest good backup, and how to restore it, to DatabaseDamaged raised inside."""
    try:
        yield
    except DatabaseDamaged as exc:
        good = newest_good_backup(paths)
        if good is None:
            raise
        problem = f"{exc}."  # the damage said (a clause), ended as a sentence
        raise DatabaseDamaged(with_backup(problem, good), problem) from exc


def with_backup(problem: str, good: BackupInfo | None) -> str:
    """``problem`` (whole sentences), then the one naming ``good`` and how to restore it:
    two sentences, each translated whole. The problem alone goes with the error (its
    ``problem``), for the restore offer, which asks instead of naming the command."""
    return problem if good is None else f"{problem} {restore_hint(good)}"


def restore_hint(good: BackupInfo) -> str:
    """"The newest good backup is …: restore it with …", as with_backup adds it."""
    if good.taken is None:
        return _("The newest good backup is {path}: restore it with `fibromap restore {name}`"
                 ).format(path=good.path, name=good.path.name)
    return _("The newest good backup is {path} (taken {taken}, {flares}): restore it with "
             "`fibromap restore {name}`").format(
        path=good.path, name=good.path.name, flares=_flares(good.flares),
        taken=formats.dated(good.taken, "%d %b %Y %H:%M", "yMMMdHm"))


def _flares(count: int | None) -> str:
    if count is None:
        return _("an unknown number of flares")
    return ngettext("{n} flare", "{n} flares", count).format(n=formats.whole(count))


def missing_records(path: Path, paths: Paths) -> DatabaseRefused | None:
    """Why no new, empty database may be made at ``path`` although there is none (a
    missing or empty file where FibroMap has kept backups of one), naming the newest backup
    that passes the integrity check; None for a first start."""
    backups = list_backups(paths)
    in_place = path.exists() or path.parent == paths.data_dir
    if not backups or not in_place:
        return None
    good = newest_good_backup(paths)
    empty = path.exists()
    if good is None:
        return DatabaseRefused((
            _("{path} is empty (0 bytes) although FibroMap has kept backups of it, and none "
              "of them can be read; nothing was created in its place (the backups are in "
              "{folder})") if empty else
            _("{path} is missing although FibroMap has kept backups of it, and none of "
              "them can be read; nothing was created in its place (the backups are in "
              "{folder})")).format(path=path, folder=paths.backups_dir))
    problem = (_("{path} is empty (0 bytes) although FibroMap has kept backups of it; nothing "
                 "was created in its place.") if empty else
               _("{path} is missing although FibroMap has kept backups of it; nothing was "
                 "created in its place.")).format(path=path)
    return DatabaseRefused(with_backup(problem, good), problem)


def list_backups(paths: Paths) -> list[Path]:
    """Backups, newest first."""
    if not paths.backups_dir.is_dir():
        return []
    return sorted(paths.backups_dir.glob("fibromap-*.sqlite3"), reverse=True)


def backed_up_today(paths: Paths) -> bool:
    today = datetime.now().strftime("%Y%m%d")
    return any(p.name.startswith(f"fibromap-{today}-") for p in list_backups(paths))


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken: datetime | None
    reason: str
    flares: int | None   # None: not readable as a FibroMap database
    sound: bool          # passed SQLite's integrity check
    protected: bool = False  # protected with a passphrase
    locked: bool = False     # ... one not given in this program (flares then None)


def describe_backup(path: Path) -> BackupInfo:
    """When a backup was taken and why (from its name), how many flares it holds, and
    whether it passes the integrity check — read without writing a byte."""
    parts = path.stem.split("-", 4)  # fibromap, date, time, microseconds, reason
    try:
        taken = datetime.strptime(f"{parts[1]}-{parts[2]}", "%Y%m%d-%H%M%S")
    except (IndexError, ValueError):
        taken = None
    reason = parts[4] if len(parts) > 4 else ""
    protected = cipher.is_protected(path)
    key = cipher.known_key(path) if protected else None
    locked = protected and key is None
    flares, sound = (None, False) if locked else _inspect(path, key)
    return BackupInfo(path, taken, reason, flares, sound and flares is not None, protected,
                      locked)


def restore_backup(backup: Path, database_file: Path,
                   key: cipher.Key | None = None) -> Path | None:
    """Put ``backup`` in place of the database; returns where the current file was set aside.

    The backup is checked first. The copy is written to a hidden file and synced, then the
    current file is set aside and the copy renamed into place, as one job (store/jobs.py):
    an interruption at any moment is finished or undone by the next start, never leaving
    the person without a database.
    The copy takes the database's protection: ``key``, or plain.
    """
    info = describe_backup(backup)
    if info.locked:
        raise DatabaseError(_("{backup} is protected with a passphrase that was not given (an "
                              "earlier one?); nothing was changed").format(backup=backup))
    if info.flares is None:
        raise DatabaseError(_("{backup} is not a FibroMap backup that can be read; nothing "
                              "was changed").format(backup=backup))
    if not info.sound:
        raise DatabaseError(_("{backup} fails SQLite's integrity check; nothing was "
                              "changed").format(backup=backup))
    folder = database_file.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    set_aside = (folder / f"{database_file.name}.before-restore-{stamp}"
                 if database_file.exists() else None)
    temporary = folder / f".{database_file.name}.restoring-{stamp}"
    # The current file goes aside with its write-ahead log, so that nothing in it is lost
    # and no stale -wal or -shm is replayed over the restored copy.
    job = jobs.Job("restore", database_file, replace=[(temporary, database_file)],
                   set_aside=[(database_file.with_name(database_file.name + suffix),
                               set_aside.with_name(set_aside.name + suffix))
                              for suffix in ("", "-wal", "-shm")] if set_aside else [])

    def prepare() -> None:
        try:
            _copy(backup, temporary, key_of(backup), key)
            atomic.sync_file(temporary)
        except (sqlite3.Error, cipher.driver().Error, OSError, FibroMapError) as exc:
            raise DatabaseError(_("cannot restore {backup}: {reason}; nothing was changed").format(
                backup=backup, reason=friendly_operational_error(exc))) from exc

    try:
        jobs.run(job, prepare)
    except OSError as exc:  # while renaming: the next start finishes it
        raise DatabaseError(_("cannot finish restoring {backup}: {reason}; it is finished when "
                              "FibroMap next starts").format(
            backup=backup, reason=atomic.reason(exc))) from exc
    log.info("restored %s over %s (the old file is %s)", backup, database_file, set_aside)
    return set_aside
