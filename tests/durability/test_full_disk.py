"""A full disk: nothing half-written is left, writing says "the disk is full", and the
person can still read and export their records (a real, small tmpfs)."""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from fibromap import atomic
from fibromap.i18n import _
from tests.helpers.database_kinds import export_text
from tests.helpers.refusals import fits
from tests.helpers.starting import open_app_window, run_fibromap


@pytest.fixture
def tiny_disk(tmp_path):
    """A tmpfs of 4 MB mounted for the test (skipped where mounting is not allowed)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    """Write until the disk has no byte left."""
    with open(disk / "filler", "wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                continue
    os.sync()


def test_a_report_to_a_full_disk_says_so_and_leaves_nothing(tmp_path, tiny_disk, database_kind):
    home = tmp_path / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    assert run_fibromap(home, "demo", "--into-records", "--days", "60").returncode == 0
    fill(tiny_disk)
    result = run_fibromap(home, "report", "-o", str(tiny_disk / "report.pdf"))
    assert result.returncode == 1
    fits(result.stderr, "{failure}: {reason}; nothing was written", whole=False,
         reason=_(atomic.DISK_FULL))
    assert len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


def test_an_export_to_a_full_disk_leaves_no_partial_file(tmp_path, tiny_disk, database_kind):
    home = tmp_path / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    assert run_fibromap(home, "demo", "--into-records", "--days", "60").returncode == 0
    fill(tiny_disk)
    result = run_fibromap(home, "export", "--format", "json", "-o", str(tiny_disk / "all.json"))
    assert result.returncode == 1
    fits(result.stderr, "{failure}: {reason}; nothing was written", whole=False,
         reason=_(atomic.DISK_FULL))
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler"]


def test_records_on_a_full_disk_can_still_be_read_and_exported(tmp_path, tiny_disk,
                                                               database_kind):
    home = tiny_disk / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    assert run_fibromap(home, "demo", "--into-records", "--days", "30").returncode == 0
    fill(tiny_disk)
    stats = run_fibromap(home, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["flares"] > 20
    export = run_fibromap(home, "export", "--format", "json", "-o", str(tmp_path / "safe.json"))
    assert export.returncode == 0, export.stderr
    assert json.loads(export_text(tmp_path / "safe.json"))["flares"]
    # Writing is refused in words a person understands.
    demo = run_fibromap(home, "demo", "--into-records", "--days", "5", "--force")
    assert demo.returncode == 1 and "disk" in demo.stderr and "I/O" not in demo.stderr
    assert len(demo.stderr.strip().splitlines()) == 1


def test_a_nearly_full_disk_opens_the_window_and_says_the_backup_was_not_taken(
        qtbot, tiny_disk, monkeypatch, database_kind):
    home = tiny_disk / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    assert run_fibromap(home, "demo", "--into-records", "--days", "30").returncode == 0
    # A protected database was there before the demo records, which backed it up first.
    shutil.rmtree(home / "backups", ignore_errors=True)
    fill(tiny_disk)
    with open(tiny_disk / "filler", "r+b") as handle:  # room to work, not for a backup
        handle.truncate(handle.seek(0, os.SEEK_END) - 120_000)
    window = open_app_window(qtbot, home, monkeypatch)
    try:
        assert not window.store.read_only
        said = fits(window.statusBar().currentMessage(), "Today's backup was not taken: {reason}.")
        assert _(atomic.DISK_FULL) in said["reason"]
        assert list((home / "backups").iterdir()) == []  # no half-copied backup, no -journal
        window.log.marks.mark("upper_trapezius.left", 5)
        assert window.log.save() is not None, window.log.feedback.text()
    finally:
        window.close()
        window.store.close()


def test_a_full_disk_opens_the_records_read_only_with_a_word_why(qtbot, tiny_disk, monkeypatch,
                                                                 database_kind):
    home = tiny_disk / "home"
    database_kind.prepare(home / "fibromap.sqlite3")
    assert run_fibromap(home, "demo", "--into-records", "--days", "30").returncode == 0
    fill(tiny_disk)
    window = open_app_window(qtbot, home, monkeypatch)
    try:
        assert window.store.read_only
        assert window.statusBar().currentMessage().startswith(_(
            "The disk is full, so your records are open read-only: free some space and start "
            "FibroMap again to save."))
        assert window.page("history").model.total > 30
    finally:
        window.close()
        window.store.close()


def test_settings_on_a_full_disk_keep_their_last_good_file(tiny_disk):
    from datetime import time

    from fibromap.figure.orientation import Orientation
    from fibromap.ui.settings import Settings

    path = tiny_disk / "settings.ini"
    settings = Settings(path)
    settings.orientation = Orientation.CLINICIAN
    settings.page_size = "letter"
    before = path.read_bytes()
    fill(tiny_disk)
    settings.checkin_reminder = time(7, 30)  # the new file cannot be written
    settings.last_view = "heatmap"
    assert path.read_bytes() == before  # written whole elsewhere, then renamed, or not at all
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", "settings.ini"]
    again = Settings(path)
    assert again.orientation == Orientation.CLINICIAN and again.page_size == "letter"
