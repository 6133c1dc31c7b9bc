"""Backups: never rotated away when they are the last good one, listed with what they
hold, restored without replaying a stale write-ahead log, and a 0-byte file is damage."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fibromap.cli import main
from fibromap.errors import DatabaseRefused
from fibromap.i18n import _, ngettext
from fibromap.store import cipher
from fibromap.store.backups import (
    BACKUPS_KEPT, backup_sqlite, describe_backup, list_backups, newest_good_backup,
    restore_backup, restore_hint, rotate_backups,
)
from fibromap.store.database import Database
from fibromap.store.store import Store
from tests.helpers.database_kinds import opened
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits, quoted, says


def flares_in(path: Path) -> int:
    with opened(path) as connection:
        return connection.execute("SELECT count(*) FROM flare").fetchone()[0]


def test_the_last_good_and_the_newest_before_upgrade_backup_are_never_rotated_away(
        sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    store.close()
    good = backup_sqlite(paths.database_file, paths, "before-upgrade-0002")
    # Then a string of starts that each backed up a damaged file.
    for i in range(BACKUPS_KEPT + 2):
        broken = paths.backups_dir / f"fibromap-29990101-0000{i:02d}-000000-daily.sqlite3"
        broken.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    removed = rotate_backups(paths)
    kept = list_backups(paths)
    assert good in kept and len(removed) == 2
    assert len(kept) == BACKUPS_KEPT + 1  # the ten newest and the good one
    assert not describe_backup(kept[0]).sound and describe_backup(good).sound


def test_backups_are_listed_with_flares_and_check(capsys, sqlite_url, paths, database_kind):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([full_flare(), full_flare(notes="two")])
    store.close()
    assert main(["backup"]) == 0
    assert main(["backup", "--list"]) == 0
    out = capsys.readouterr().out
    held = ngettext("{n} flare", "{n} flares", 2).format(n=2) + (
        _(", protected") if database_kind.protected else "")
    assert f"manual  {held}  {_('passed the integrity check')}" in out
    info = describe_backup(list_backups(paths)[0])
    assert (info.reason, info.flares, info.sound) == ("manual", 2, True)
    assert (info.protected, info.locked) == (database_kind.protected, False)


def test_restore_does_not_replay_a_stale_write_ahead_log(capsys, sqlite_url, paths):
    """Copying a backup over the file used to replay the -wal left by a crash: 80 flares
    came back instead of the backup's 75."""
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([full_flare(notes=str(i)) for i in range(75)])
    store.close()
    backup = backup_sqlite(paths.database_file, paths, "manual")
    # Five more flares, then the process dies before SQLite folds its log into the file.
    child = ("import os, signal\n"
             "from fibromap.store import cipher\n"
             "from fibromap.store.store import Store\nfrom fibromap.config import Paths\n"
             "from tests.helpers.database_kinds import connect, passphrase_from_environment\n"
             "from tests.helpers.records import full_flare\n"
             "paths = Paths.from_environment()\n"
             "if passphrase_from_environment():\n"
             "    cipher.unlock(paths.database_file, passphrase_from_environment())\n"
             # A second reader keeps SQLite from folding the log in when the store closes.
             "reader = connect(paths.database_file)\n"
             "reader.execute('SELECT count(*) FROM flare').fetchone()\n"
             "store = Store.open(%r, paths)\n"
             "store.flares.add_many([full_flare(notes='late %%d' %% i) for i in range(5)])\n"
             "os.kill(os.getpid(), signal.SIGKILL)\n") % sqlite_url
    died = subprocess.run([sys.executable, "-c", child], env=os.environ, timeout=60,
                          cwd=Path(__file__).parents[2], capture_output=True)
    assert died.returncode == -signal.SIGKILL
    wal = paths.database_file.with_name("fibromap.sqlite3-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert main(["restore", backup.name]) == 0
    out = capsys.readouterr().out
    said = fits(out.strip(), "Restored {backup} ({flares}) to {database}; the file it replaced "
                "is kept as {kept}", backup=backup.name,
                flares=ngettext("{n} flare", "{n} flares", 75).format(n=75))
    assert "before-restore" in said["kept"]
    store = Store.open(sqlite_url, paths)
    assert store.flares.count() == 75
    store.close()
    # What was replaced is kept, log and all: its 80 flares are there to be had.
    aside = next(paths.data_dir.glob("fibromap.sqlite3.before-restore-*[0-9]"))
    assert flares_in(aside) == 80


def test_a_damaged_backup_is_not_restored(capsys, sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    bad = paths.backups_dir / "fibromap-20260101-000000-000000-daily.sqlite3"
    paths.backups_dir.mkdir(exist_ok=True)
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = paths.database_file.read_bytes()
    assert main(["restore", str(bad)]) == 1
    fits(capsys.readouterr().err.strip(), "{backup} is not a FibroMap backup that can be read; "
         "nothing was changed", whole=False, backup=bad)
    assert paths.database_file.read_bytes() == before


def test_an_empty_file_where_the_database_was_is_reported_with_the_newest_backup(
        sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    store.close()
    newest = backup_sqlite(paths.database_file, paths, "daily")
    for suffix in ("", "-wal", "-shm"):
        paths.database_file.with_name("fibromap.sqlite3" + suffix).unlink(missing_ok=True)
    paths.database_file.write_bytes(b"")
    with pytest.raises(DatabaseRefused) as refused:
        Database.open(sqlite_url, paths, routine_backup=True)
    fits(refused.value, "{path} is empty (0 bytes) although FibroMap has kept backups of it; "
         "nothing was created in its place.", whole=False, path=paths.database_file)
    quoted(str(refused.value), newest, restore_hint(newest_good_backup(paths)))
    assert paths.database_file.stat().st_size == 0 and list_backups(paths) == [newest]


def test_a_new_empty_file_without_backups_is_a_fresh_start(sqlite_url, paths):
    paths.database_file.parent.mkdir(parents=True, exist_ok=True)
    paths.database_file.write_bytes(b"")
    Database.open(sqlite_url, paths).close()
    assert paths.database_file.stat().st_size > 0


def test_restore_puts_a_checked_copy_in_place(tmp_path, sqlite_url, paths, database_kind):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    key = store.database.key
    store.close()
    backup = backup_sqlite(paths.database_file, paths, "manual")
    aside = restore_backup(backup, paths.database_file, key)
    assert aside is not None and flares_in(paths.database_file) == 1
    assert cipher.is_protected(paths.database_file) == database_kind.protected
    assert not [p for p in paths.data_dir.iterdir() if ".restoring-" in p.name]


def test_a_failing_daily_backup_does_not_stop_the_database_opening(sqlite_url, paths,
                                                                    monkeypatch):
    from fibromap.errors import DatabaseError
    from fibromap.store import opening

    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    store.close()

    def full_disk(*_args):
        raise DatabaseError("cannot back up: the disk is full, so nothing was saved")

    monkeypatch.setattr(opening, "backup_sqlite", full_disk)
    database = Database.open(sqlite_url, paths, routine_backup=True)
    try:
        says(database.warning, "Today's backup was not taken: {reason}.",
             reason="cannot back up: the disk is full, so nothing was saved")
    finally:
        database.close()
    store = Store.open(sqlite_url, paths)
    assert store.flares.count() == 1
    store.close()


def test_a_backup_that_fails_half_way_is_never_listed_and_leaves_nothing(sqlite_url, paths,
                                                                       monkeypatch):
    """The copy is made under a hidden name and renamed only when whole."""
    import sqlite3

    from fibromap.errors import DatabaseError
    from fibromap.store import backups

    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    store.close()
    database_file = paths.database_file
    before = list_backups(paths)
    copy = backups._copy

    def cut_short(source, target, *keys):
        copy(source, target, *keys)  # the pages are written, then the copy fails
        assert target.name.startswith(".") and not list_backups(paths)[len(before):]
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy", cut_short)
    with pytest.raises(DatabaseError) as told:
        backup_sqlite(database_file, paths, "manual")
    fits(told.value, "cannot back up {path}: {reason}", path=database_file)
    assert list_backups(paths) == before
    assert sorted(p.name for p in paths.backups_dir.iterdir() if p.name.startswith(".")) == []
    monkeypatch.setattr(backups, "_copy", copy)
    made = backup_sqlite(database_file, paths, "manual")
    assert made in list_backups(paths) and flares_in(made) == 1
