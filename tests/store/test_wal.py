"""Damage to the write-ahead log: store/wal.py counts the saves SQLite would drop in
silence, checked against SQLite itself; opening says which flares may be missing, keeps a
copy of the log, and `check` fails until the person has dealt with it."""

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from fibromap import cli
from fibromap.config import Paths
from fibromap.store import wal
from fibromap.i18n import ngettext
from fibromap.store.backups import backup_sqlite, newest_good_backup, restore_hint
from fibromap.store.database import Database
from fibromap.store.store import Store
from tests.helpers.records import at, full_flare
from tests.helpers.refusals import fits, quoted

SAVES = 30


def _log_with_saves(folder: Path) -> Path:
    """A database whose last SAVES saves are only in its log (a reader kept it from being
    folded in, as another window does), copied as an unclean stop leaves it."""
    live = folder / "live"
    live.mkdir()
    writer = sqlite3.connect(live / "a.sqlite3")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reader = sqlite3.connect(live / "a.sqlite3")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for number in range(SAVES):
        writer.execute("INSERT INTO t VALUES (?)", (f"save {number} " * 20,))
        writer.commit()
    stopped = folder / "stopped"
    stopped.mkdir()
    for name in ("a.sqlite3", "a.sqlite3-wal"):
        shutil.copyfile(live / name, stopped / name)
    reader.close()
    writer.close()
    return stopped / "a.sqlite3"


def _rows_sqlite_reads(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        connection.close()


def test_a_whole_log_is_not_damage(tmp_path):
    database = _log_with_saves(tmp_path)
    assert wal.inspect(database.with_name("a.sqlite3-wal")) is None
    assert _rows_sqlite_reads(database) == SAVES


def test_the_saves_counted_lost_are_those_sqlite_drops(tmp_path):
    """200 single-bit flips at random places of the log: wherever SQLite drops saves, the
    reader counts the same number, except for a flip in the last save's own frame (taken
    for a crash while that save was written, never acknowledged)."""
    original = _log_with_saves(tmp_path)
    log = original.with_name("a.sqlite3-wal").read_bytes()
    page_size = int.from_bytes(log[8:12], "big")
    last_frame = len(log) - (24 + page_size)
    rng = random.Random(29)
    agreed = 0
    for trial in range(200):
        folder = tmp_path / f"flip-{trial}"
        folder.mkdir()
        shutil.copyfile(original, folder / "a.sqlite3")
        damaged = bytearray(log)
        position = rng.randrange(len(damaged))
        damaged[position] ^= 1 << rng.randrange(8)
        (folder / "a.sqlite3-wal").write_bytes(bytes(damaged))
        found = wal.inspect(folder / "a.sqlite3-wal")
        dropped = SAVES - _rows_sqlite_reads(folder / "a.sqlite3")
        counted = found.lost if found else 0
        if position >= last_frame:
            assert counted == 0, (position, found)
        else:
            assert counted == dropped, (position, found, dropped)
            agreed += 1
    assert agreed > 180


def test_a_damaged_header_loses_every_save_and_is_said(tmp_path):
    database = _log_with_saves(tmp_path)
    log = database.with_name("a.sqlite3-wal")
    damaged = bytearray(log.read_bytes())
    damaged[13] ^= 0x40  # in the checkpoint sequence, under the header's checksum
    log.write_bytes(bytes(damaged))
    assert wal.inspect(log) == wal.WalDamage(SAVES, 0, header=True)
    assert _rows_sqlite_reads(database) == 0


def _unclean_home(tmp_path: Path, paths: Paths, database_kind) -> tuple[Path, Paths]:
    """The person's records, the last SAVES flares only in the log when the program stopped,
    copied to a second home as the stop left them."""
    url = f"sqlite:///{paths.database_file}"
    store = Store.open(url, paths, passphrase=database_kind.passphrase)
    store.flares.add(full_flare(onset=at(2026, 1, 1)))
    backup_sqlite(paths.database_file, paths, "manual")
    with store.database.reading():  # another window reading: the log is not folded
        for number in range(SAVES):
            store.flares.add(full_flare(onset=at(2026, 2, 1 + number % 27, number % 24)))
        home = tmp_path / "stopped"
        shutil.copytree(paths.data_dir, home)
    store.close()
    return home, Paths(home, home / "backups", home / "logs", home / "settings.ini")


def test_opening_says_which_flares_may_be_missing_and_keeps_the_log(tmp_path, paths,
                                                                    database_kind, capsys):
    home, stopped = _unclean_home(tmp_path, paths, database_kind)
    log = stopped.database_file.with_name("fibromap.sqlite3-wal")
    damaged = bytearray(log.read_bytes())
    damaged[len(damaged) // 3] ^= 0x10
    log.write_bytes(bytes(damaged))
    found = wal.inspect(log)
    assert found is not None and 0 < found.lost < SAVES
    url = f"sqlite:///{stopped.database_file}"

    checking = Database.open_for_checking(url, stopped)
    checking.close()
    # It says how many saves of which file were lost; checking keeps no copy of the log.
    quoted(checking.damage, found.lost, stopped.database_file)
    assert "fibromap.sqlite3-wal.damaged" not in checking.damage

    database = Database.open(url, stopped)
    try:
        # In full: how many saves, since when, where the log is kept, the backup to restore.
        fits(database.damage, "{saves} (its write-ahead log was damaged), so {since}; the log "
             "is kept as {kept}.", whole=False, kept="fibromap.sqlite3-wal.damaged")
        fits(database.damage, "flares saved or changed after {when} may be missing", whole=False)
        quoted(database.damage, found.lost, restore_hint(newest_good_backup(stopped)))
        fits(database.warning, "{saves}: flares saved after {when} may be missing (Help › "
             "Backups).", saves=ngettext("The latest save could not be read back",
                                         "{n} of the latest saves could not be read back",
                                         found.lost).format(n=found.lost))
    finally:
        database.close()
    kept = home / "fibromap.sqlite3-wal.damaged"
    assert kept.read_bytes() == bytes(damaged)
    store = Store.open(url, stopped)
    try:
        assert store.flares.count() == 1 + SAVES - found.lost
        assert store.database.damage == ""  # the readable part was folded in
    finally:
        store.close()
    capsys.readouterr()
    code = cli.main(["check", "--database", url])
    error = capsys.readouterr().err
    assert code != 0
    assert [line for line in error.splitlines() if "fibromap.sqlite3-wal.damaged" in line
            and f"{found.lost} " in line], error  # the kept log named, with what it lost


@pytest.mark.plain_only("numbering is the same for any file")
def test_a_second_damaged_log_is_kept_beside_the_first(tmp_path):
    from fibromap.store.opening import damaged_log

    database = _log_with_saves(tmp_path)
    log = database.with_name("a.sqlite3-wal")
    damaged = bytearray(log.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    log.write_bytes(bytes(damaged))
    first = damaged_log(database, keep_copy=True)
    second = damaged_log(database, keep_copy=True)
    assert first[1].name == "a.sqlite3-wal.damaged"
    assert second[1].name == "a.sqlite3-wal.damaged-2"
