"""Help › Backups, and the offer of a backup when the database cannot be opened."""

from PySide6.QtWidgets import QMessageBox

from fibromap.store.backups import backup_sqlite, list_backups
from fibromap.store.store import Store
from fibromap.ui.app import open_main_window
from fibromap.ui.dialogs.backups_dialog import BackupsDialog
from tests.helpers.dialogs import answer_next_box
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits


def test_backups_are_listed_and_one_is_restored_in_the_open_window(qtbot, window, paths):
    store = window.store
    store.flares.add(full_flare())
    backup_sqlite(paths.database_file, paths, "manual")
    store.flares.add(full_flare(notes="after the backup"))
    dialog = BackupsDialog(store, paths, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 2, 3)] == [
        "backed up by hand", "1", "passed"]
    assert dialog.restore_selected(confirm=lambda info: True)
    assert store.flares.count() == 1  # the same store, now on the restored file
    kept = next(paths.data_dir.glob("fibromap.sqlite3.before-restore-*[0-9]"))
    said = fits(dialog.feedback.text(), "Restored the backup of {taken} ({flares}). The file it "
                "replaced is kept as {kept}.")
    assert said["kept"].endswith(kept.name)
    assert kept.exists()
    dialog.back_up()
    assert dialog.table.rowCount() == 2 and "Backed up." in dialog.feedback.text()


def test_a_database_that_cannot_be_opened_is_offered_its_newest_good_backup(qtbot, sqlite_url,
                                                                           paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([full_flare(), full_flare(notes="two")])
    store.close()
    backup_sqlite(paths.database_file, paths, "daily")
    for suffix in ("-wal", "-shm"):
        paths.database_file.with_name("fibromap.sqlite3" + suffix).unlink(missing_ok=True)
    paths.database_file.write_bytes(b"")  # where a database used to be
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.Yes)
    window = open_main_window(sqlite_url, paths)
    assert window is not None
    qtbot.addWidget(window)
    assert "is empty (0 bytes)" in seen[0].text and "(2 flares)" in seen[0].text
    assert window.store.flares.count() == 2
    assert len(list_backups(paths)) >= 1
