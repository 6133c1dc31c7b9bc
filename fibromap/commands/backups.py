"""`fibromap backup` and `fibromap restore`: the SQLite file's backups from the command line."""

from __future__ import annotations

from pathlib import Path

from fibromap.config import Paths
from fibromap.domain.wording import counted
from fibromap.errors import FibroMapError, ReadOnlyDatabase


def _sqlite_file(url: str) -> Path:
    from fibromap.store.database import Database

    path = Database.sqlite_file(url)
    if path is None:
        raise FibroMapError("backups are of the SQLite file; for a PostgreSQL database use "
                            "pg_dump, or `fibromap export --format json`")
    return path


def backup(url: str, paths: Paths, list_only: bool) -> str:
    from fibromap.store.backups import backup_sqlite, describe_backup, list_backups
    from fibromap.store.database import Database

    path = _sqlite_file(url)
    if list_only:
        found = [describe_backup(b) for b in list_backups(paths)]
        if not found:
            return f"No backups yet in {paths.backups_dir}"
        lines = [f"Backups in {paths.backups_dir}, newest first:"]
        for info in found:
            taken = f"{info.taken:%Y-%m-%d %H:%M:%S}" if info.taken else "unknown time"
            if info.locked:
                held = "protected (locked: give the passphrase to read it)"
            else:
                held = counted(info.flares, "flares") if info.flares is not None else "unreadable"
                held += ", protected" if info.protected else ""
            check = ("" if info.locked else "passed the integrity check" if info.sound
                     else "FAILED the integrity check")
            lines.append(f"  {info.path.name}  {taken}  {info.reason}  {held}  {check}")
        return "\n".join(lines)
    try:
        Database.open(url, paths).close()  # a FibroMap database, at the current schema
    except ReadOnlyDatabase:  # nothing can be saved to it, but it can be copied
        Database.open_for_checking(url, paths).close()
    target = backup_sqlite(path, paths, "manual")
    return f"Backed up {path} to {target}"


def restore(url: str, paths: Paths, chosen: Path, backup_passphrase: str | None = None) -> str:
    """Put the backup ``chosen`` in place of the database; one protected with an earlier
    passphrase than the database's is unlocked with ``backup_passphrase``."""
    from fibromap.store import cipher
    from fibromap.store.backups import describe_backup, restore_backup
    from fibromap.store.database import Database

    path = _sqlite_file(url)
    backup_file = chosen if chosen.exists() else paths.backups_dir / chosen.name
    if not backup_file.is_file():
        raise FibroMapError(f"there is no backup {chosen} (see `fibromap backup --list`)")
    info = describe_backup(backup_file)
    if info.locked:
        if backup_passphrase is None:
            raise cipher.PassphraseNeeded(
                f"{backup_file.name} is protected with another passphrase than the database's "
                "(an earlier one?): give it with --backup-passphrase-file FILE")
        try:
            cipher.unlock(backup_file, backup_passphrase)
        except cipher.WrongPassphrase:
            raise cipher.WrongPassphrase(f"the passphrase given does not open the backup "
                                         f"{backup_file.name}; nothing was changed") from None
        info = describe_backup(backup_file)
    key = None
    if cipher.is_protected(path):  # the restored copy stays protected with the same key
        key = cipher.known_key(path)
        if key is None:
            raise cipher.PassphraseNeeded(
                f"{path} is protected: give its passphrase (--passphrase-file FILE) to restore "
                "a backup into it")
    set_aside = restore_backup(backup_file, path, key)
    Database.open(url, paths).close()  # upgraded if it came from an older FibroMap
    kept = f"; the file it replaced is kept as {set_aside}" if set_aside else ""
    return f"Restored {backup_file.name} ({counted(info.flares, 'flares')}) to {path}{kept}"
