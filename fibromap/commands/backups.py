"""`fibromap backup` and `fibromap restore`: the SQLite file's backups from the command line."""

from __future__ import annotations

from pathlib import Path

from fibromap.config import Paths
from fibromap.errors import FibroMapError, ReadOnlyDatabase
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import whole


def _sqlite_file(url: str) -> Path:
    from fibromap.store.database import Database

    path = Database.sqlite_file(url)
    if path is None:
        raise FibroMapError(_("backups are of the SQLite file; for a PostgreSQL database use "
                              "pg_dump, or `fibromap export --format json`"))
    return path


def backup(url: str, paths: Paths, list_only: bool) -> str:
    from fibromap.store.backups import backup_sqlite, describe_backup, list_backups
    from fibromap.store.database import Database

    path = _sqlite_file(url)
    if list_only:
        found = [describe_backup(b) for b in list_backups(paths)]
        if not found:
            return _("No backups yet in {folder}").format(folder=paths.backups_dir)
        lines = [_("Backups in {folder}, newest first:").format(folder=paths.backups_dir)]
        for info in found:
            taken = f"{info.taken:%Y-%m-%d %H:%M:%S}" if info.taken else _("unknown time")
            if info.locked:
                held = _("protected (locked: give the passphrase to read it)")
            else:
                held = _flares(info.flares) if info.flares is not None else _("unreadable")
                held += _(", protected") if info.protected else ""
            check = ("" if info.locked else _("passed the integrity check") if info.sound
                     else _("FAILED the integrity check"))
            lines.append(f"  {info.path.name}  {taken}  {info.reason}  {held}  {check}")
        return "\n".join(lines)
    try:
        Database.open(url, paths).close()  # a FibroMap database, at the current schema
    except ReadOnlyDatabase:  # nothing can be saved to it, but it can be copied
        Database.open_for_checking(url, paths).close()
    target = backup_sqlite(path, paths, "manual")
    return _("Backed up {database} to {backup}").format(database=path, backup=target)


def restore(url: str, paths: Paths, chosen: Path, backup_passphrase: str | None = None) -> str:
    """Put the backup ``chosen`` in place of the database; one protected with an earlier
    passphrase than the database's is unlocked with ``backup_passphrase``."""
    from fibromap.store import cipher
    from fibromap.store.backups import describe_backup, restore_backup
    from fibromap.store.database import Database

    path = _sqlite_file(url)
    backup_file = chosen if chosen.exists() else paths.backups_dir / chosen.name
    if not backup_file.is_file():
        raise FibroMapError(_("there is no backup {backup} (see `fibromap backup --list`)").format(
            backup=chosen))
    info = describe_backup(backup_file)
    if info.locked:
        if backup_passphrase is None:
            raise cipher.PassphraseNeeded(
                _("{backup} is protected with another passphrase than the database's (an earlier "
                  "one?): give it with --backup-passphrase-file FILE").format(backup=backup_file.name))
        try:
            cipher.unlock(backup_file, backup_passphrase)
        except cipher.WrongPassphrase:
            raise cipher.WrongPassphrase(_("the passphrase given does not open the backup {backup}; "
                                           "nothing was changed").format(backup=backup_file.name)) from None
        info = describe_backup(backup_file)
    key = None
    if cipher.is_protected(path):  # the restored copy stays protected with the same key
        key = cipher.known_key(path)
        if key is None:
            raise cipher.PassphraseNeeded(
                _("{database} is protected: give its passphrase (--passphrase-file FILE) to "
                  "restore a backup into it").format(database=path))
    set_aside = restore_backup(backup_file, path, key)
    Database.open(url, paths).close()  # upgraded if it came from an older FibroMap
    flares = _flares(info.flares) if info.flares is not None else _("an unknown number of flares")
    if set_aside:
        return _("Restored {backup} ({flares}) to {database}; the file it replaced is kept as "
                 "{kept}").format(backup=backup_file.name, flares=flares, database=path, kept=set_aside)
    return _("Restored {backup} ({flares}) to {database}").format(
        backup=backup_file.name, flares=flares, database=path)


def _flares(n: int) -> str:
    return ngettext("{n} flare", "{n} flares", n).format(n=whole(n))
