"""The store's own words in the language of the process: the check's findings, protection's
refusals, a French count of 0 and of 1 alike, and the restore offer, which says a damaged
file's problem and the newest good backup as two whole sentences (never one cut apart);
the process is always left in English."""

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from fibromap.errors import DatabaseDamaged, FibroMapError
from fibromap.i18n import activate, using
from fibromap.store import check, cipher
from fibromap.store.backups import backup_sqlite
from fibromap.store.check import check_database
from fibromap.store.database import Database
from fibromap.store.store import Store
from fibromap.ui import app
from fibromap.ui.dialogs import unlock_dialog
from tests.helpers.records import full_flare


def test_the_checks_findings_in_german(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    try:
        store.flares.add(full_flare())
        with store.database.transaction() as session:
            session.execute(text("UPDATE site SET region = 'wing.left' "
                                 "WHERE region = 'brow_eye.left'"))
            session.execute(text("UPDATE flare SET fingerprint = NULL"))
        with using("de"):
            german = check_database(store.database).problems
        english = check_database(store.database).problems
    finally:
        store.close()
    assert "unbekannte Körperregionen: wing.left" in german
    assert "1 Schub hat keinen Fingerabdruck" in german
    assert "unknown body regions: wing.left" in english
    assert "1 flare has no fingerprint" in english


def test_protection_refuses_in_german(sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    key = cipher.new_key("correct horse")
    with using("de"), pytest.raises(FibroMapError) as refused:
        cipher.unprotect(paths.database_file, key)
    assert str(refused.value) == f"{paths.database_file} ist nicht geschützt"
    with pytest.raises(FibroMapError, match="is not protected$"):
        cipher.unprotect(paths.database_file, key)


def test_french_counts_0_and_1_alike():
    with using("fr"):
        said = [check._out_sleep(n).format(n=n, which="id 7") for n in (0, 1, 2)]
    assert said == ["0 relevé de sommeil d’un appareil hors limites : id 7",
                    "1 relevé de sommeil d’un appareil hors limites : id 7",
                    "2 relevés de sommeil d’un appareil hors limites : id 7"]


def _damaged_beside_a_backup(paths):
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    store.flares.add(full_flare())
    store.close()
    backup_sqlite(paths.database_file, paths, "manual")
    data = bytearray(paths.database_file.read_bytes())
    data[0:6] = b"\x00" * 6
    paths.database_file.write_bytes(bytes(data))


@pytest.mark.plain_only("the damage is to a plain file")
def test_the_damage_and_the_backup_are_two_german_sentences(paths):
    _damaged_beside_a_backup(paths)
    with using("de"), pytest.raises(DatabaseDamaged) as damaged:
        Database.open(f"sqlite:///{paths.database_file}", paths)
    problem = damaged.value.problem
    assert problem.startswith(f"{paths.database_file} ist beschädigt: Seine ersten Bytes")
    assert problem.endswith(".") and "Sicherung" not in problem
    assert str(damaged.value).startswith(problem + " Die neueste intakte Sicherung ist ")
    assert str(damaged.value).endswith(" wieder her")


@pytest.mark.plain_only("the damage is to a plain file")
def test_the_restore_offer_in_german(qtbot, paths, monkeypatch):
    _damaged_beside_a_backup(paths)
    asked = []

    def answer(_parent, title, words, *args, **kwargs):
        asked.append((title, words))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(unlock_dialog, "UnlockDialog", None)  # never asked for a passphrase
    monkeypatch.setattr(app, "show_problem", lambda *args: None)
    activate("de")
    try:
        window = app.open_main_window(f"sqlite:///{paths.database_file}", paths)
        (title, words), = asked
    finally:
        activate("en")
    if window is not None:
        qtbot.addWidget(window)
        window.close()
    assert title == "FibroMap kann die Datenbank nicht öffnen"
    problem, offer = words.split("\n\n")
    assert problem == (f"{paths.database_file} ist beschädigt: Seine ersten Bytes, die es als "
                       "SQLite-Datei ausweisen, wurden überschrieben; es blieb unverändert.")
    assert offer.startswith("Die neueste intakte Sicherung ist vom ")
    assert offer.endswith("(1 Schub). Wiederherstellen? Die Datei, die sich nicht öffnen lässt, "
                          "bleibt daneben erhalten.")
    assert "fibromap restore" not in words  # the command line's way: the question asks instead
