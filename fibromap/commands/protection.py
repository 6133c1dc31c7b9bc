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
from fibromap.domain.wording import counted
from fibromap.errors import FibroMapError

PASSPHRASE_ENV = "FIBROMAP_PASSPHRASE_FILE"
FORGOTTEN = ("Keep the passphrase safe: without it these records cannot be recovered, by "
             "you or anyone else.")
OLD_BLOCKS = ("On an SSD or a copy-on-write file system, pieces of the plain file may stay "
              "on the disk until they are overwritten.")


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file", metavar="FILE", type=Path, default=argparse.SUPPRESS,
        help=f"a file holding the passphrase of a protected database (default: "
             f"{PASSPHRASE_ENV}); never give the passphrase itself on the command line")


def add_parsers(commands, database: argparse.ArgumentParser) -> None:
    commands.add_parser("protect", parents=[database],
                        help="protect the database and its backups with the passphrase "
                             "in --passphrase-file")
    commands.add_parser("unprotect", parents=[database],
                        help="turn protection off (the passphrase in --passphrase-file)")
    change = commands.add_parser("change-passphrase", parents=[database],
                                 help="change the passphrase, from --passphrase-file to "
                                      "--new-passphrase-file")
    change.add_argument("--new-passphrase-file", metavar="FILE", type=Path, required=True,
                        help="a file holding the new passphrase")


def read_passphrase(path: Path) -> str:
    """The passphrase in ``path``: its text without the line ending after it."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FibroMapError(f"the passphrase file {path} is not UTF-8 text") from None
    except OSError as exc:
        raise FibroMapError(f"cannot read the passphrase file {path}: "
                            f"{exc.strerror or exc}") from None
    passphrase = text[:-1] if text.endswith("\n") else text
    passphrase = passphrase[:-1] if passphrase.endswith("\r") else passphrase
    if not passphrase:
        raise FibroMapError(f"the passphrase file {path} is empty")
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
        print(f"fibromap: {attempts.failures} wrong passphrases in a row: waiting "
              f"{wait:.0f} s before trying this one", file=sys.stderr)
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
        raise FibroMapError(f"{what}: give --passphrase-file FILE (or {PASSPHRASE_ENV})")
    return passphrase


def _backups_note(change) -> str:
    if not change.backups_left:
        return ""
    names = ", ".join(p.name for p in change.backups_left[:3])
    return (f"\n{counted(len(change.backups_left), 'backups')} could not be converted and "
            f"were left as they were: {names}")


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
        raise FibroMapError(f"{path} is protected already; change its passphrase with "
                            "`fibromap change-passphrase`")
    passphrase = _required(args, "protect needs the passphrase to protect with")
    name, note = _change(url, paths,
                         lambda database, where: protection.protect(database, where, passphrase))
    print(f"Protected {name} and its backups with the passphrase.{note}\n{FORGOTTEN}\n"
          f"{OLD_BLOCKS}")
    return 0


def unprotect(args, url: str, paths: Paths) -> int:
    from fibromap.store import protection

    passphrase = _required(args, "unprotect needs the database's passphrase")
    name, note = _change(url, paths, lambda database, where: protection.unprotect(
        database, where, passphrase))
    print(f"{name} and its backups are no longer protected: anyone who can read these files "
          f"can read your records.{note}")
    return 0


def change_passphrase(args, url: str, paths: Paths) -> int:
    from fibromap.store import protection

    old = _required(args, "change-passphrase needs the current passphrase")
    new = read_passphrase(args.new_passphrase_file)
    name, note = _change(url, paths, lambda database, where: protection.change_passphrase(
        database, where, old, new))
    print(f"Changed the passphrase of {name} and its backups.{note}\n{FORGOTTEN}")
    return 0
