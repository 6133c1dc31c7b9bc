"""Protection with a passphrase from the command line: unlocking a protected database for
any command (`--passphrase-file FILE` or FIBROMAP_PASSPHRASE_FILE, never the passphrase
itself on the command line, where other users and the shell's history could read it), and
`fibromap protect`, `unprotect` and `change-passphrase`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, ngettext
from fibromap.i18n.formats import whole

PASSPHRASE_ENV = "FIBROMAP_PASSPHRASE_FILE"
FORGOTTEN = N_("Keep the passphrase safe: without it these records cannot be recovered, by "
             "you or anyone else.")
OLD_BLOCKS = N_("On an SSD or a copy-on-write file system, pieces of the plain file may stay "
              "on the disk until they are overwritten.")


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file", metavar="FILE", type=Path, default=argparse.SUPPRESS,
        help=_("a file holding the passphrase of a protected database (default: {variable}); "
               "never give the passphrase itself on the command line").format(variable=PASSPHRASE_ENV))


def add_parsers(commands, database: argparse.ArgumentParser) -> None:
    commands.add_parser("protect", parents=[database],
                        help=_("protect the database and its backups with the passphrase "
                             "in --passphrase-file"))
    commands.add_parser("unprotect", parents=[database],
                        help=_("turn protection off (the passphrase in --passphrase-file)"))
    change = commands.add_parser("change-passphrase", parents=[database],
                                 help=_("change the passphrase, from --passphrase-file to "
                                      "--new-passphrase-file"))
    change.add_argument("--new-passphrase-file", metavar="FILE", type=Path, required=True,
                        help=_("a file holding the new passphrase"))


def read_passphrase(path: Path) -> str:
    """The passphrase in ``path``: its text without the line ending after it."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FibroMapError(_("the passphrase file {file} is not UTF-8 text").format(file=path)) from None
    except OSError as exc:
        raise FibroMapError(_("cannot read the passphrase file {file}: {reason}").format(
            file=path, reason=exc.strerror or exc)) from None
    passphrase = text[:-1] if text.endswith("\n") else text
    passphrase = passphrase[:-1] if passphrase.endswith("\r") else passphrase
    if not passphrase:
        raise FibroMapError(_("the passphrase file {file} is empty").format(file=path))
    return passphrase


def given_passphrase(args) -> str | None:
    chosen = getattr(args, "passphrase_file", None) or os.environ.get(PASSPHRASE_ENV)
    return read_passphrase(Path(chosen)) if chosen else None


def unlock(path: Path, passphrase: str, paths: Paths):
    """Unlock ``path`` with ``passphrase`` after any wait wrong tries have earned; a wrong
    one counts, a right one clears the count."""
    from fibromap.store import cipher
    from fibromap.store.attempts import UnlockAttempts

    attempts = UnlockAttempts(paths)
    wait = attempts.wait()
    if wait > 0:
        print(ngettext("fibromap: {n} wrong passphrase in a row: waiting {seconds} s before "
                       "trying this one", "fibromap: {n} wrong passphrases in a row: waiting "
                       "{seconds} s before trying this one", attempts.failures).format(
            n=attempts.failures, seconds=f"{wait:.0f}"), file=sys.stderr)
        time.sleep(wait)
    try:
        key = cipher.unlock(path, passphrase)
    except cipher.WrongPassphrase:
        attempts.failed()
        raise
    attempts.succeeded()
    return key


def unlock_for_command(args, url: str, paths: Paths) -> None:
    """Before a command reads a protected database: unlock it with the passphrase file
    given (nothing to do for a plain one)."""
    from fibromap.store import cipher
    from fibromap.store.database import Database

    path = Database.sqlite_file(url)
    if path is None or not cipher.is_protected(path):
        return
    passphrase = given_passphrase(args)
    if passphrase is not None:
        unlock(path, passphrase, paths)


def finish_interrupted(url: str, paths: Paths) -> str:
    """Before anything else opens the records: finish or undo a change of several files
    (protection, a restore) that was stopped halfway (store/jobs.py); what was done, in
    one line ("" when nothing was)."""
    from fibromap.store import jobs
    from fibromap.store.sqlite_files import sqlite_file_of

    # Run before the app's window too: the usual URL is read without loading SQLAlchemy.
    path = sqlite_file_of(url, _sqlite_file)
    return "" if path is None else jobs.finish_interrupted(path, paths)


def _sqlite_file(url: str) -> Path | None:
    from fibromap.store.database import Database

    return Database.sqlite_file(url)


def _required(args, what: str) -> str:
    passphrase = given_passphrase(args)
    if passphrase is None:
        raise FibroMapError(_("{what}: give --passphrase-file FILE (or {variable})").format(
            what=what, variable=PASSPHRASE_ENV))
    return passphrase


def _backups_note(change) -> str:
    if not change.backups_left:
        return ""
    names = ", ".join(p.name for p in change.backups_left[:3])
    left = len(change.backups_left)
    return "\n" + ngettext("{n} backup could not be converted and was left as it was: {names}",
                           "{n} backups could not be converted and were left as they were: {names}",
                           left).format(n=whole(left), names=names)


def _change(url: str, paths: Paths, change) -> tuple[str, str]:
    """Open the database, apply ``change`` (a function of store/protection.py, given the
    database and the folders), close it; the database's name and what to add about the
    backups that could not be converted."""
    from fibromap.store.store import Store

    store = Store.open(url, paths)  # unlocked before the command (unlock_for_command)
    try:
        done = change(store.database, paths)
    finally:
        store.close()
    return store.display_name, _backups_note(done)


def protect(args, url: str, paths: Paths) -> int:
    from fibromap.store import cipher, protection
    from fibromap.store.database import Database

    path = Database.sqlite_file(url)
    if path is not None and cipher.is_protected(path):
        raise FibroMapError(_("{database} is protected already; change its passphrase with "
                              "`fibromap change-passphrase`").format(database=path))
    passphrase = _required(args, _("protect needs the passphrase to protect with"))
    name, note = _change(url, paths,
                         lambda database, where: protection.protect(database, where, passphrase))
    print(_("Protected {database} and its backups with the passphrase.").format(database=name)
          + f"{note}\n{_(FORGOTTEN)}\n{_(OLD_BLOCKS)}")
    return 0


def unprotect(args, url: str, paths: Paths) -> int:
    from fibromap.store import protection

    passphrase = _required(args, _("unprotect needs the database's passphrase"))
    name, note = _change(url, paths, lambda database, where: protection.unprotect(
        database, where, passphrase))
    print(_("{database} and its backups are no longer protected: anyone who can read these "
            "files can read your records.").format(database=name) + note)
    return 0


def change_passphrase(args, url: str, paths: Paths) -> int:
    from fibromap.store import protection

    old = _required(args, _("change-passphrase needs the current passphrase"))
    new = read_passphrase(args.new_passphrase_file)
    name, note = _change(url, paths, lambda database, where: protection.change_passphrase(
        database, where, old, new))
    print(_("Changed the passphrase of {database} and its backups.").format(database=name)
          + f"{note}\n{_(FORGOTTEN)}")
    return 0
