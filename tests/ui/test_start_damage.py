"""At start, records that cannot be opened as they are — a damaged header, a missing file
beside its backups — are said in the window's words with the newest good backup offered;
restoring it opens the window on its records, and the damaged file is kept beside them."""

import pytest
from PySide6.QtWidgets import QMessageBox

from fibromap.i18n import _
from fibromap.store.backups import backup_sqlite
from fibromap.store.store import Store
from fibromap.ui import app
from fibromap.ui.dialogs import unlock_dialog
from fibromap.ui.dialogs.restore_offer import flares_text
from fibromap.ui.dialogs.start_check import TITLE
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits

pytestmark = pytest.mark.plain_only("the damage is to a plain file")


@pytest.fixture
def asked(monkeypatch):
    questions = []

    def answer(_parent, title, text, *args, **kwargs):
        questions.append((title, text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(unlock_dialog, "UnlockDialog", None)  # never asked for a passphrase
    return questions


def _records(paths):
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    store.flares.add(full_flare())
    store.close()
    return backup_sqlite(paths.database_file, paths, "manual")


@pytest.mark.parametrize("damage", ["header", "missing"])
def test_the_newest_good_backup_is_offered_and_restored(qtbot, paths, asked, damage):
    backup = _records(paths)
    if damage == "header":
        data = bytearray(paths.database_file.read_bytes())
        data[0:6] = b"\x00" * 6
        paths.database_file.write_bytes(bytes(data))
    else:
        for suffix in ("", "-wal", "-shm"):
            paths.database_file.with_name(paths.database_file.name + suffix).unlink(missing_ok=True)
    window = app.open_main_window(f"sqlite:///{paths.database_file}", paths)
    assert window is not None
    qtbot.addWidget(window)
    try:
        (title, text), = asked
        assert title == _("{app} cannot open the database").format(app="FibroMap")
        problem, offer = text.split("\n\n")
        assert problem == (_("{path} is damaged: its first bytes, which name it an SQLite file, "
                             "were overwritten; it was left untouched").format(
            path=paths.database_file) + "." if damage == "header" else
            _("{path} is missing although FibroMap has kept backups of it; nothing was created "
              "in its place.").format(path=paths.database_file))
        fits(text, "{problem}\n\nThe newest good backup is from {taken} ({flares}). Restore it? {kept}",
             problem=problem, flares=flares_text(1),
             kept=_("The file that cannot be opened is kept beside it."))
        assert window.store.flares.count() == 1
        kept = list(paths.data_dir.glob("fibromap.sqlite3.before-restore-*"))
        assert len(kept) == (1 if damage == "header" else 0)
        assert backup.exists()
    finally:
        window.close()
        window.store.close()


def test_damage_check_finds_is_said_after_opening_with_the_backup_and_how_it_differs(
        qtbot, paths, asked):
    import sqlite3

    _records(paths)
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    store.flares.add(full_flare(notes="a second flare, after the backup"))
    store.close()
    connection = sqlite3.connect(paths.database_file)  # a value changed on disk
    connection.execute("UPDATE flare SET notes = 'changed' WHERE id = (SELECT min(id) FROM flare)")
    connection.commit()
    connection.close()
    window = app.open_main_window(f"sqlite:///{paths.database_file}", paths)
    assert window is not None
    qtbot.addWidget(window)
    try:
        assert asked == []  # the window opened first
        qtbot.waitUntil(lambda: window.start_check.report is not None, timeout=20_000)
        (title, text), = asked
        assert title == _(TITLE)
        problem = fits(text, "{problem}\n\nThe newest good backup is from {taken}. It holds "
                       "{flares}; your records now hold {holds}. Restore it? {kept}",
                       flares=flares_text(1), holds=2)["problem"]
        fits(problem, "FibroMap found damage in your records: {problems}.")
        assert window.store.flares.count() == 1  # restored
        restored = fits(window.statusBar().currentMessage(), "Restored the backup {name}.")
        assert restored["name"].startswith("fibromap-")
    finally:
        window.close()
        window.store.close()


def test_sound_records_are_checked_without_a_word(qtbot, paths, asked):
    _records(paths)
    window = app.open_main_window(f"sqlite:///{paths.database_file}", paths)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.start_check.report is not None, timeout=20_000)
        assert window.start_check.report.ok and asked == []
    finally:
        window.close()
        window.store.close()


def test_a_check_ending_after_the_window_closed_says_nothing(qtbot, paths, asked):
    import sqlite3

    _records(paths)
    connection = sqlite3.connect(paths.database_file)
    connection.execute("UPDATE flare SET notes = 'changed'")
    connection.commit()
    connection.close()
    window = app.open_main_window(f"sqlite:///{paths.database_file}", paths)
    qtbot.addWidget(window)
    window.start_check._run()  # begun while open ...
    window.close()             # ... ended after
    qtbot.waitUntil(lambda: not window.start_check.worker.busy, timeout=20_000)
    assert window.start_check.report is not None and not window.start_check.report.ok
    assert asked == []
