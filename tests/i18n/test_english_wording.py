"""The English wording, tested once (issue 34): the tests of behaviour check the data, the
field or the message id (tests/helpers/refusals.py), so they hold in any language; here
one message of each kind is held to its exact English sentence, as a person reads it."""

import errno
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from fibromap import atomic
from fibromap.cli import main
from fibromap.domain.atlas import load_atlas
from fibromap.domain.clock_time import ClockTime
from fibromap.domain.daily import Medication
from fibromap.domain.draft import DraftSite, FlareDraft
from fibromap.domain.flare import SpasmSite
from fibromap.domain.wording import counted
from fibromap.errors import FibroMapError, ValidationError
from fibromap.exchange.files import import_text
from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.store import jobs
from fibromap.store.database import _damage_text
from fibromap.store.medications import AlreadyListed
from fibromap.store.sqlite_files import DISK_FULL
from fibromap.store.wal import WalDamage


def refusal(call) -> str:
    with pytest.raises(FibroMapError) as told:
        call()
    return str(told.value)


def test_a_value_out_of_range_or_of_the_wrong_kind():
    assert refusal(lambda: SpasmSite("calf", 11)) == "intensity must be between 0 and 10, got 11"
    assert refusal(lambda: SpasmSite("calf", 7.5)) == "intensity must be a whole number, got 7.5"
    assert refusal(lambda: SpasmSite("calf", "7")) == "intensity must be a whole number, got '7'"
    assert refusal(lambda: Medication("Cyclobenzaprine", "5 mg", date(2026, 1, 1),
                                      date(2025, 12, 31))) == (
        "stop date 2025-12-31 is before start date 2026-01-01")
    assert refusal(lambda: Medication("  ", "5 mg", date(2026, 1, 1))) == (
        "medication name must not be empty")


def test_what_a_flare_still_needs_before_it_is_saved():
    draft = FlareDraft(onset=datetime(2026, 5, 1, 3, 0, tzinfo=timezone(timedelta(hours=2))),
                       sites=[DraftSite("soleus.left", None)])
    with pytest.raises(ValidationError) as told:
        draft.to_flare(load_atlas())
    assert str(told.value) == "give an intensity (0–10) for left lower calf (soleus)"


def test_the_clocks_changing(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    import time

    time.tzset()
    try:
        twice, never = ClockTime.of(datetime(2026, 10, 25, 2, 30)), ClockTime.of(datetime(2026, 3, 29, 2, 30))
        assert twice.question() == ("The clocks went back an hour that night, so 02:30 came "
                                    "twice. Which one was it?")
        assert [twice.option(0), twice.option(1)] == ["The first (CEST, UTC+02:00)",
                                                      "The second (CET, UTC+01:00)"]
        assert never.question() == ("There was no 02:30 on Sun 29 Mar: the clocks went forward "
                                    "an hour that night.")
        assert never.problem() == ("there was no 02:30 on Sun 29 Mar (the clocks went forward an "
                                   "hour): give a time that happened, such as 03:30")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_file_that_is_refused_names_the_place_of_each_problem(store):
    flares = [{"onset": "2026-03-01T03:00:00+01:00",
               "sites": [{"region": "soleus.left", "intensity": 20 + i}]} for i in range(5)]
    import json

    with pytest.raises(ImportRefused) as told:
        import_text(store, json.dumps({"format": "fibromap", "version": 1, "flares": flares}),
                    "flares.json")
    assert str(told.value) == (
        "flares.json was not imported, nothing was written: flares[0]: intensity must be between "
        "0 and 10, got 20; flares[1]: intensity must be between 0 and 10, got 21; flares[2]: "
        "intensity must be between 0 and 10, got 22 (and 2 more)")
    assert str(ImportRefused("latin1.csv", [Problem("line 3", "not UTF-8 text (save the file as "
                                                                "UTF-8 and try again)")])) == (
        "latin1.csv was not imported, nothing was written: line 3: not UTF-8 text (save the file "
        "as UTF-8 and try again)")


def test_the_same_medication_twice():
    listed = Medication("Cyclobenzaprine", "5 mg at night", date(2026, 1, 5), id=1)
    assert str(AlreadyListed(listed)) == ("Cyclobenzaprine 5 mg at night from 2026-01-05 is "
                                          "already in the list (number 1)")


def test_a_full_disk(tmp_path):
    with pytest.raises(FibroMapError) as told:
        with atomic.replacing(tmp_path / "all.json", failure=f"cannot write {tmp_path}/all.json"):
            raise OSError(errno.ENOSPC, "No space left on device")
    assert str(told.value) == f"cannot write {tmp_path}/all.json: the disk is full; nothing was written"
    assert DISK_FULL == "the disk is full, so nothing was saved; free some space and try again"


def test_a_damaged_write_ahead_log():
    assert _damage_text(WalDamage(lost=3, at=10), "09:40", "/home/a/fibromap.sqlite3",
                        "fibromap.sqlite3-wal.damaged") == (
        "3 of the latest saves to /home/a/fibromap.sqlite3 could not be read back (its "
        "write-ahead log was damaged), so flares saved or changed after 09:40 may be missing; "
        "the log is kept as fibromap.sqlite3-wal.damaged.")


def test_an_interrupted_change_of_the_records(tmp_path):
    database = tmp_path / "fibromap.sqlite3"
    database.write_bytes(b"old records")
    copy = tmp_path / ".fibromap.sqlite3.converting"
    copy.write_bytes(b"new records")
    jobs.Job("protect", database, replace=[(copy, database)], overwrite_replaced=True).write(
        jobs.COMMITTING)
    from fibromap.config import Paths

    paths = Paths(tmp_path, tmp_path / "backups", tmp_path / "logs", tmp_path / "settings.ini")
    assert jobs.finish_interrupted(database, paths) == (
        "Turning protection on was interrupted; it was finished now. Your records and their "
        "backups are protected.")


def test_a_check_finding_and_its_verdict(store, capsys):
    from sqlalchemy import text

    from fibromap.store.check import check_database
    from tests.helpers.records import full_flare

    saved = store.flares.add(full_flare())
    with store.database.transaction() as session:
        session.execute(text("UPDATE site SET intensity = 9 WHERE intensity = 8"))
    assert check_database(store.database).problems == [
        f"{counted(1, 'flares')} changed on disk after saving (the content no longer matches the "
        f"fingerprint): ids {saved.id}"]
    assert counted(1, "flares") == "1 flare"


def test_the_command_line_refuses_in_one_line(capsys):
    assert main(["medications", "add", "Pregabalin", "--dose", "75 mg", "--from", "2026-02-03"]) == 0
    capsys.readouterr()
    assert main(["medications", "delete", "9"]) == 1
    assert capsys.readouterr().err == "fibromap: there is no medication number 9\n"
    with pytest.raises(SystemExit):
        main(["medications", "delete", "first"])
    assert capsys.readouterr().err == (
        "fibromap medications delete: argument NUMBER: expected a medication's number (see "
        "`fibromap medications list`), got 'first' (see fibromap medications delete --help)\n")
    assert main(["check", "--database", f"sqlite:///{Path('/nonexistent/x.sqlite3')}"]) == 1
    assert capsys.readouterr().err == (
        "fibromap: there is no FibroMap database at /nonexistent/x.sqlite3\n")
