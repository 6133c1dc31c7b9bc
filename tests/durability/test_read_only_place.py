"""Records in a read-only place (a read-only file, folder or disk) can always be read,
checked, backed up elsewhere and exported; only saving is refused, in one line, and
nothing is created beside the file."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from fibromap.store.store import Store
from tests.helpers.database_kinds import export_text
from tests.helpers.starting import open_app_window, run_fibromap, run_python


ROOT = Path(__file__).parents[2]
# A program that saves a flare and is killed before it closes the database: its saves
# stay in the write-ahead log (-wal, with its index -shm), not yet in the file.
KILLED_WRITER = """
import os, signal
from fibromap.config import Paths
from fibromap.store.store import Store
from tests.helpers.database_kinds import passphrase_from_environment
from tests.helpers.records import full_flare

paths = Paths.from_environment()
store = Store.open(f"sqlite:///{paths.database_file}", paths,
                   passphrase=passphrase_from_environment())
reading = store.database.reading()  # as another window reading: the log is not folded
reading.__enter__().flares = store.flares.count()
store.flares.add(full_flare(notes="saved just before the crash"))
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def read_only_home(tmp_path, database_kind):
    """A FibroMap folder with 30 days of records, seen through a read-only bind mount
    (as root, where permissions do not stop writing) or made read-only with chmod."""
    home = tmp_path / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    made = run_fibromap(home, "demo", "--into-records", "--days", "30")
    assert made.returncode == 0, made.stderr
    yield from _read_only(tmp_path, home)


@pytest.fixture
def unclean_read_only_home(tmp_path, database_kind):
    """The same after an unclean stop: the last save only in a -wal beside the file."""
    home = tmp_path / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    made = run_fibromap(home, "demo", "--into-records", "--days", "30")
    assert made.returncode == 0, made.stderr
    killed = run_python(home, KILLED_WRITER, env={"PYTHONPATH": str(ROOT)})
    assert killed.returncode == -9, killed.stderr
    assert (home / "fibromap.sqlite3-wal").stat().st_size > 0
    yield from _read_only(tmp_path, home)


def _read_only(tmp_path: Path, home: Path):
    view = tmp_path / f"view-{uuid.uuid4().hex[:6]}"
    view.mkdir()
    if os.geteuid() == 0:
        for command in (["mount", "--bind", str(home), str(view)],
                        ["mount", "-o", "remount,bind,ro", str(view)]):
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                subprocess.run(["umount", str(view)], capture_output=True)
                pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.strip()}")
        yield view
        subprocess.run(["umount", "-l", str(view)], check=False)
    else:
        for path in home.rglob("*"):
            path.chmod(0o400 if path.is_file() else 0o500)
        home.chmod(0o500)
        yield home
        for path in [home, *home.rglob("*")]:
            path.chmod(0o700)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_reading_checking_and_exporting_work_and_create_nothing(read_only_home, tmp_path,
                                                                database_kind):
    before = listing(read_only_home)
    check = run_fibromap(read_only_home, "check")
    assert check.returncode == 0, check.stderr
    assert "Check: ok" in check.stdout
    stats = run_fibromap(read_only_home, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["flares"] > 30
    export = run_fibromap(read_only_home, "export", "--format", "json", "-o", str(tmp_path / "a.json"))
    assert export.returncode == 0, export.stderr
    assert len(json.loads(export_text(tmp_path / "a.json"))["flares"]) == \
        json.loads(stats.stdout)["flares"]
    report = run_fibromap(read_only_home, "report", "-o", str(tmp_path / "r.pdf"))
    assert report.returncode == 0, report.stderr
    assert listing(read_only_home) == before  # no -wal, -shm or anything else


def test_after_an_unclean_stop_every_command_reads_the_last_save(
        unclean_read_only_home, tmp_path, database_kind):
    home = unclean_read_only_home
    before = listing(home)
    assert "fibromap.sqlite3-wal" in before and "fibromap.sqlite3-shm" in before
    check = run_fibromap(home, "check")
    assert check.returncode == 0 and "Check: ok" in check.stdout, check.stderr
    stats = run_fibromap(home, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    export = run_fibromap(home, "export", "--format", "json", "-o", str(tmp_path / "a.json"))
    assert export.returncode == 0, export.stderr
    notes = [flare["notes"] for flare in json.loads(export_text(tmp_path / "a.json"))["flares"]]
    assert "saved just before the crash" in notes
    assert len(notes) == json.loads(stats.stdout)["flares"]
    report = run_fibromap(home, "report", "-o", str(tmp_path / "r.pdf"))
    assert report.returncode == 0, report.stderr
    assert listing(home) == before


def test_after_an_unclean_stop_the_window_shows_the_records_and_closes_cleanly(
        qtbot, unclean_read_only_home, monkeypatch, database_kind):
    window = open_app_window(qtbot, unclean_read_only_home, monkeypatch)
    try:
        assert window.store.read_only
        history = window.page("history")
        assert history.model.total > 30
        assert window.store.flares.count() == history.model.total
        assert "saved just before the crash" in [f.notes for f in window.store.flares.between()]
    finally:
        window.close()  # in a read-only place: nothing to write, no error
        window.store.close()


def test_saving_is_refused_in_one_line_naming_the_file(read_only_home, tmp_path, database_kind):
    source = tmp_path / "other"
    assert run_fibromap(source, "demo", "--into-records", "--days", "3").returncode == 0
    assert run_fibromap(source, "export", "--format", "json", "-o",
                    str(tmp_path / "in.json")).returncode == 0
    for args in (["import", str(tmp_path / "in.json")], ["demo", "--into-records", "--days", "2", "--force"]):
        result = run_fibromap(read_only_home, *args)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert lines == [f"fibromap: {read_only_home / 'fibromap.sqlite3'} is read-only, so "
                         "nothing can be saved to it; its records can still be viewed, checked "
                         "and exported"], result.stderr
    assert not list(read_only_home.glob("*-wal")) and not list(read_only_home.glob("*-shm"))


def test_the_window_opens_read_only_shows_the_records_and_says_saving_is_off(
        qtbot, read_only_home, monkeypatch, database_kind):
    window = open_app_window(qtbot, read_only_home, monkeypatch)
    try:
        assert window.store.read_only
        assert window.page("history").model.total > 30
        assert "Read-only" in window.read_only_label.text()
        assert not window.log.save_button.isEnabled()
        window.log.marks.mark("upper_trapezius.left", 5)
        assert window.log.save() is None  # Ctrl+S still answers, in words
        assert "read-only" in window.log.feedback.text()
    finally:
        window.close()
        window.store.close()
    assert not list(read_only_home.glob("*-wal"))


def test_a_store_opened_to_view_a_writable_file_can_save(sqlite_url, paths):
    store = Store.open_to_view(sqlite_url, paths)
    try:
        assert not store.read_only
    finally:
        store.close()


def test_wrong_passphrases_wait_in_a_read_only_place_too(read_only_home, tmp_path,
                                                          monkeypatch, database_kind):
    import tempfile

    from fibromap.config import Paths
    from fibromap.store.attempts import FREE_TRIES, UnlockAttempts

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    paths = Paths(read_only_home, read_only_home / "backups", read_only_home / "logs",
                  read_only_home / "settings.ini")
    before = listing(read_only_home)
    for _ in range(FREE_TRIES + 1):
        UnlockAttempts(paths).failed()
    assert UnlockAttempts(paths).failures == FREE_TRIES + 1
    assert UnlockAttempts(paths).wait() > 5  # a new program counts them too
    assert listing(read_only_home) == before
    UnlockAttempts(paths).succeeded()
    assert UnlockAttempts(paths).wait() == 0
