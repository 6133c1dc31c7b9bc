"""Jobs over several files (store/jobs.py): what the next start does with one stopped at
each phase, and what it says. The real kills are in tests/durability/test_every_step.py."""

import json
import os

import pytest

from fibromap.config import Paths
from fibromap.errors import DatabaseError, DatabaseRefused
from fibromap.i18n import _
from fibromap.store import jobs
from fibromap.store.backups import backup_sqlite, describe_backup, list_backups, restore_hint
from fibromap.store.database import Database
from fibromap.store.store import Store
from tests.helpers.records import full_flare
from tests.helpers.refusals import says


def _paths(folder):
    return Paths(folder, folder / "backups", folder / "logs", folder / "settings.ini")


def _job(folder, phase):
    database = folder / "fibromap.sqlite3"
    database.write_bytes(b"old records")
    copy = folder / ".fibromap.sqlite3.converting"
    copy.write_bytes(b"new records")
    job = jobs.Job("protect", database, replace=[(copy, database)], overwrite_replaced=True)
    job.write(phase)
    return database, copy


def test_a_job_stopped_while_preparing_is_undone_and_said_in_one_line(tmp_path):
    database, copy = _job(tmp_path, jobs.PREPARING)
    said = jobs.finish_interrupted(database, _paths(tmp_path))
    says(said, "{what} was interrupted before it changed anything: your records are as they "
         "were; do it again when you want.", what=_(jobs.WHAT["protect"]))
    assert "\n" not in said
    assert database.read_bytes() == b"old records"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fibromap.sqlite3"]


def test_a_job_stopped_while_committing_is_finished(tmp_path):
    database, copy = _job(tmp_path, jobs.COMMITTING)
    said = jobs.finish_interrupted(database, _paths(tmp_path))
    says(said, "{what} was interrupted; it was finished now. {finished}",
         what=_(jobs.WHAT["protect"]), finished=_("Your records and their backups are protected."))
    assert database.read_bytes() == b"new records"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fibromap.sqlite3"]
    assert jobs.finish_interrupted(database, _paths(tmp_path)) == ""  # once only


def test_damaged_notes_are_set_aside_by_name_and_nothing_is_touched(tmp_path):
    database, copy = _job(tmp_path, jobs.COMMITTING)
    jobs.journal_of(database).write_text('{"job": "protect", "pha')
    said = jobs.finish_interrupted(database, _paths(tmp_path))
    says(said, "A change of the records was interrupted and its notes are damaged (kept as "
         "{name}); your records and backups were left as they are.",
         name="fibromap.sqlite3.job-damaged")
    assert database.read_bytes() == b"old records"
    assert (tmp_path / "fibromap.sqlite3.job-damaged").exists()
    assert not copy.exists()  # a copy never replaced is a leftover


def test_a_job_running_in_another_program_is_left_to_it(tmp_path):
    database, copy = _job(tmp_path, jobs.PREPARING)
    with jobs.holding(tmp_path):  # as a job holds the folder while it runs
        assert jobs.finish_interrupted(database, _paths(tmp_path)) == ""
    assert copy.exists() and jobs.journal_of(database).exists()


def test_the_journal_names_every_file_by_its_whole_path(tmp_path):
    database, _copy = _job(tmp_path, jobs.PREPARING)
    notes = json.loads(jobs.journal_of(database).read_text())
    assert notes["replace"] == [[str(tmp_path / ".fibromap.sqlite3.converting"), str(database)]]
    assert notes["job"] == "protect" and notes["phase"] == "preparing"


def test_partial_backups_are_removed_unless_one_is_being_written(tmp_path):
    backups = tmp_path / "backups"
    backups.mkdir()
    partial = backups / ".fibromap-20261207-101010-000001-daily.sqlite3.partial"
    partial.write_bytes(b"half a backup")
    database = tmp_path / "fibromap.sqlite3"
    with jobs.holding(backups, shared=True):  # a backup being written now
        jobs.finish_interrupted(database, _paths(tmp_path))
        assert partial.exists()
    jobs.finish_interrupted(database, _paths(tmp_path))
    assert not partial.exists()


def _with_backup(paths):
    url = f"sqlite:///{paths.database_file}"
    store = Store.open(url, paths)
    store.flares.add(full_flare())
    store.close()
    return url, backup_sqlite(paths.database_file, paths, "manual")


def test_a_missing_database_beside_its_backups_is_not_replaced_by_an_empty_one(paths):
    url, backup = _with_backup(paths)
    for suffix in ("", "-wal", "-shm"):
        paths.database_file.with_name(paths.database_file.name + suffix).unlink(missing_ok=True)
    with pytest.raises(DatabaseRefused) as refused:
        Database.open(url, paths)
    message = str(refused.value)
    # The newest backup named, with its flares, and how to restore it.
    assert message.startswith(_("{path} is missing although FibroMap has kept backups of it; "
                                "nothing was created in its place.").format(path=paths.database_file))
    assert message.endswith(restore_hint(describe_backup(backup)))
    assert not paths.database_file.exists()
    assert list_backups(paths) == [backup]


def test_a_new_database_elsewhere_is_still_a_first_start(paths, tmp_path):
    _with_backup(paths)
    elsewhere = tmp_path / "another" / "records.sqlite3"
    Store.open(f"sqlite:///{elsewhere}", paths).close()
    assert elsewhere.exists()


def test_a_folder_at_the_database_path_is_a_one_line_error(paths, tmp_path):
    folder = tmp_path / "a-folder.sqlite3"
    folder.mkdir()
    for opening in (Database.open, Database.open_read_only, Database.open_for_checking):
        with pytest.raises(DatabaseError) as told:
            opening(f"sqlite:///{folder}", paths)
        says(told.value, "{path} is a folder, not a database file: name a file in it (such as "
             "fibromap.sqlite3)", path=folder)
    assert os.listdir(folder) == []
