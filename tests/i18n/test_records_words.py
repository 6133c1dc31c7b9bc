"""The records' messages (imports, backups, interrupted changes, a refused database) in the
language of the process, French counting 0 and 1 alike, and the restore offer taking the
backup note off a translated problem; the process is always left in English."""

from datetime import datetime
from pathlib import Path

from fibromap.exchange.files import ImportReport, progress_text
from fibromap.exchange.record_kinds import counted_kind, listed
from fibromap.i18n import _, using
from fibromap.store import jobs
from fibromap.store.backups import BackupInfo, missing_records, restore_hint, with_backup
from fibromap.store.bulk import ImportResult

GOOD = BackupInfo(Path("/b/fibromap-20261101-0900-daily.sqlite3"), datetime(2026, 11, 1, 9, 0),
                  "daily", 12, sound=True)


def report() -> ImportReport:
    return ImportReport("FibroMap JSON", ImportResult(
        added={"flares": 2, "check-ins": 1, "medications": 0},
        already_there={"flares": 9}))


def test_an_import_outcome_in_german_and_english():
    with using("de"):
        assert report().outcome() == "hinzugefügt: 2 Schübe, 1 Tagesprotokoll; 9 schon in der Datenbank"
        assert report().would_add() == "2 Schübe, 1 Tagesprotokoll; 9 schon in der Datenbank"
        assert progress_text("Writing", 40_000, 100_000) == "Schreiben: 40.000 von 100.000 Schüben (40\u00a0%)"
        assert listed(["A", "B", "C"]) == "A, B und C"
    assert report().outcome() == "added 2 flares, 1 check-in; 9 already in the database"
    assert report().would_add() == "2 flares, 1 check-in; 9 already in the database"


def test_french_counts_0_and_1_alike():
    with using("fr"):
        assert counted_kind(0, "flares") == "0 crise"
        assert counted_kind(1, "flares") == "1 crise"
        assert counted_kind(2, "check-ins") == "2 bilans du jour"


def test_backup_notes_and_refusals_in_german(paths):
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    with using("de"):
        hint = restore_hint(GOOD)
        assert hint.startswith("Die neueste intakte Sicherung ist /b/fibromap-20261101")
        assert "12 Schübe" in hint
        missing = missing_records(paths.data_dir / "fibromap.sqlite3", paths)
        assert missing is None  # no backups: a first start
        assert with_backup("Die Datei ist beschädigt.", GOOD) == "Die Datei ist beschädigt. " + hint
        assert _(jobs.WHAT["restore"]) == "Das Wiederherstellen einer Sicherung"
    assert restore_hint(GOOD) == ("The newest good backup is /b/fibromap-20261101-0900-daily."
                                  "sqlite3 (taken 01 Nov 2026 09:00, 12 flares): restore it "
                                  "with `fibromap restore fibromap-20261101-0900-daily.sqlite3`")



def test_store_errors_in_german_and_english():
    from fibromap.store.sqlite_files import friendly_operational_error

    with using("de"):
        assert friendly_operational_error(Exception("database is locked")) == (
            "die Datenbank wird gerade von einem anderen Programm verwendet; versuchen Sie es "
            "gleich noch einmal")
        assert friendly_operational_error(Exception("database or disk is full")).startswith(
            "der Datenträger ist voll")
    assert friendly_operational_error(Exception("database or disk is full")) == (
        "the disk is full, so nothing was saved; free some space and try again")
