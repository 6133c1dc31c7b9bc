"""Writing a file whole or not at all (fibromap/atomic.py), as every writer of a file does."""

import errno
import os
import stat
import subprocess
import uuid

import pytest

from fibromap import atomic
from fibromap.config import Paths, keep_private
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from tests.helpers.refusals import says

NOT_WRITTEN = "{failure}: {reason}; nothing was written"  # the message id of a failed write


@pytest.fixture
def private(tmp_path):
    """A 0700 folder made as FibroMap makes them, with the umask FibroMap sets (0600 files)."""
    previous = os.umask(0o022)
    try:
        keep_private()
        folder = Paths(tmp_path, tmp_path, tmp_path, tmp_path / "s.ini").ensure(tmp_path / "data")
        yield folder
    finally:
        os.umask(previous)


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_file_is_written_whole_and_private(private):
    target = private / "report.pdf"
    atomic.write_bytes(target, b"%PDF whole", failure=f"cannot write {target}")
    assert target.read_bytes() == b"%PDF whole"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert leftovers(private) == ["report.pdf"]


def test_the_new_file_gets_the_mode_any_new_file_gets(tmp_path):
    """As before the one write: the file is made by open(), so the umask decides."""
    previous = os.umask(0o022)
    try:
        atomic.write_bytes(tmp_path / "a.json", b"{}", failure="cannot write a.json")
        (tmp_path / "plain.json").write_bytes(b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    assert (tmp_path / "a.json").stat().st_mode == (tmp_path / "plain.json").stat().st_mode


def test_a_replaced_file_is_replaced_whole(private):
    target = private / "unsaved-flare.json"
    target.write_bytes(b"old draft")
    with atomic.replacing(target, failure="cannot keep it") as temporary:
        assert temporary.parent == private and temporary != target
        temporary.write_bytes(b"new draft")
        assert target.read_bytes() == b"old draft"  # nothing changes until the block ends
    assert target.read_bytes() == b"new draft"
    assert leftovers(private) == ["unsaved-flare.json"]


def test_a_failure_leaves_the_old_file_and_no_temporary_one(private):
    target = private / "all.json"
    target.write_bytes(b"the export of last week")
    with pytest.raises(ValueError, match="stopped"):
        with atomic.replacing(target, failure=f"cannot write {target}") as temporary:
            temporary.write_bytes(b"half an exp")
            raise ValueError("stopped")  # not an OSError: passed on as it is
    assert target.read_bytes() == b"the export of last week"
    assert leftovers(private) == ["all.json"]


def test_no_room_left_says_the_disk_is_full_in_one_line(private):
    target = private / "all.json"
    with pytest.raises(FibroMapError) as raised:
        with atomic.replacing(target, failure=f"cannot write {target}") as temporary:
            temporary.write_bytes(b"half")
            raise OSError(errno.ENOSPC, "No space left on device")
    says(raised.value, NOT_WRITTEN, failure=f"cannot write {target}", reason=_(atomic.DISK_FULL))
    assert isinstance(raised.value.__cause__, OSError)
    assert leftovers(private) == []


def test_a_sync_that_finds_no_room_leaves_nothing(private, monkeypatch):
    """Some file systems (NFS, delayed allocation) only say ENOSPC when the data is synced."""
    def no_room(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", no_room)
    target = private / "report.pdf"
    with pytest.raises(FibroMapError) as raised:
        atomic.write_bytes(target, b"%PDF", failure=f"cannot write the report to {target}")
    says(raised.value, NOT_WRITTEN, failure=f"cannot write the report to {target}",
         reason=_(atomic.DISK_FULL))
    assert leftovers(private) == []


def test_another_failure_says_what_the_system_said(private):
    with pytest.raises(FibroMapError) as raised:
        with atomic.replacing(private / "x", failure="cannot keep it"):
            raise OSError(errno.EACCES, "what the system says")
    says(raised.value, NOT_WRITTEN, failure="cannot keep it", reason="what the system says")


def test_the_file_is_synced_before_the_rename_and_the_folder_after(private, monkeypatch):
    events = []
    sync, replace = os.fsync, os.replace

    def synced(descriptor):
        info = os.fstat(descriptor)
        events.append(("folder" if stat.S_ISDIR(info.st_mode) else "file", info.st_ino))
        sync(descriptor)

    def replaced(source, target):
        events.append(("rename", os.stat(source).st_ino))
        replace(source, target)

    monkeypatch.setattr(atomic.os, "fsync", synced)
    monkeypatch.setattr(atomic.os, "replace", replaced)
    target = private / "all.json"
    atomic.write_bytes(target, b"{}", failure="cannot write")
    written = target.stat().st_ino
    assert events == [("file", written), ("rename", written), ("folder", private.stat().st_ino)]


def test_before_replace_runs_once_the_new_file_is_whole(private):
    target = private / "fibromap.sqlite3"
    target.write_bytes(b"old")
    seen = []
    with atomic.replacing(target, failure="cannot restore",
                          temporary=private / ".fibromap.sqlite3.restoring-1",
                          before_replace=lambda: seen.append(
                              (target.read_bytes(), leftovers(private)))) as temporary:
        temporary.write_bytes(b"restored")
    assert seen == [(b"old", [".fibromap.sqlite3.restoring-1", "fibromap.sqlite3"])]
    assert target.read_bytes() == b"restored" and leftovers(private) == ["fibromap.sqlite3"]


def test_a_folder_that_cannot_be_synced_keeps_the_rename(private, monkeypatch):
    sync = os.fsync

    def files_only(descriptor):
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        sync(descriptor)

    monkeypatch.setattr(atomic.os, "fsync", files_only)
    atomic.write_bytes(private / "a", b"kept", failure="cannot write")
    assert (private / "a").read_bytes() == b"kept"


def test_the_reason_for_a_full_disk_is_found_by_its_errno():
    assert atomic.reason(OSError(errno.ENOSPC, "whatever the system says")) == atomic.DISK_FULL
    assert atomic.reason(OSError(errno.EROFS, "Read-only file system")) == "Read-only file system"


@pytest.fixture
def tiny_disk(tmp_path):
    """A tmpfs of 1 MB mounted for the test (skipped where mounting is not allowed)."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_keeps_the_old_file_and_leaves_nothing_else(tiny_disk):
    target = tiny_disk / "all.json"
    target.write_bytes(b"last week's export")
    with pytest.raises(FibroMapError) as raised:
        atomic.write_bytes(target, b"x" * 2_000_000, failure=f"cannot write {target}")
    says(raised.value, NOT_WRITTEN, failure=f"cannot write {target}", reason=_(atomic.DISK_FULL))
    assert target.read_bytes() == b"last week's export"
    assert leftovers(tiny_disk) == ["all.json"]
