"""Settings › Privacy, the passphrase asked at start, and exports while protected, as a
person uses them: typed, clicked, and the files on the disk checked afterwards."""

import json

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from fibromap.domain import sealing
from fibromap.exchange.files import HEALTH_DATA_WARNING, PROTECTED_PLAIN_WARNING
from fibromap.i18n import _, formats, ngettext
from fibromap.store import cipher, remembered
from fibromap.store.backups import backup_sqlite, list_backups
from fibromap.ui.app import open_main_window
from fibromap.ui.dialogs.exchange_dialogs import ExportDialog, run_import
from fibromap.ui.dialogs.privacy_dialog import RECOVERY, PrivacyDialog
from fibromap.ui.dialogs.unlock_dialog import UnlockDialog, unlock_at_start
from fibromap.ui.settings import Settings
from tests.helpers.dialogs import answer_next_box
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits
from tests.store.test_cipher import readable

PASS = "lavender pillow night"


@pytest.fixture
def file_keyring(tmp_path):
    """A real keyring (keyrings.alt's file keyring) in the test's folder."""
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def privacy(qtbot, window, _paths) -> PrivacyDialog:
    dialog = window.privacy_dialog()  # as Settings › Privacy opens it
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_protect_change_and_turn_off_from_the_privacy_dialog(qtbot, window, paths,
                                                             file_keyring):
    flare = window.store.flares.add(full_flare())
    backup_sqlite(paths.database_file, paths, "manual")
    dialog = privacy(qtbot, window, paths)
    fits(dialog.status.text(), "Your records in {file} are not protected: anyone who can read this "
         "computer's disk or its backups can read them.")
    assert dialog.on_box.isVisible()
    assert not dialog.lock_minutes.isEnabled()  # a lock needs a passphrase to unlock with
    dialog.new.setText("short")
    dialog.again.setText("short")
    dialog.protect_button.click()
    assert dialog.feedback.is_error
    fits(dialog.feedback.text(), "Choose a passphrase of at least {n} characters (a few words are "
         "easier to remember than symbols).", n=8)
    dialog.new.setText(PASS)
    dialog.again.setText(PASS + "x")
    dialog.protect_button.click()
    assert dialog.feedback.text() == _("The two passphrases differ; type the same one twice.")
    assert not cipher.is_protected(paths.database_file)
    dialog.again.setText(PASS)
    dialog.keep.setChecked(True)
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.No)  # no recovery export this time
    dialog.protect_button.click()
    assert seen and seen[0].text.startswith(_(RECOVERY).split("{")[0])
    assert not dialog.feedback.is_error
    assert dialog.feedback.text().startswith(_("Protected, with every backup and the unsaved flare."))
    assert cipher.is_protected(paths.database_file)
    assert all(cipher.is_protected(b) for b in list_backups(paths))
    assert not readable(paths.database_file, "neck locked.")
    assert remembered.recall(paths.database_file) == PASS
    assert dialog.off_box.isVisible() and dialog.keep_kept.isChecked()
    assert window.store.flares.get(flare.id).notes == flare.notes  # the window carries on

    dialog.current.setText("not the passphrase")
    dialog.changed_new.setText("a brand new one")
    dialog.changed_again.setText("a brand new one")
    dialog.change_button.click()
    assert dialog.feedback.is_error
    fits(fits(dialog.feedback.text(), "Nothing was changed: {problem}.")["problem"],
         "the passphrase does not open {path}")
    dialog.current.setText(PASS)
    dialog.changed_new.setText("a brand new one")
    dialog.changed_again.setText("a brand new one")
    dialog.change_button.click()
    assert not dialog.feedback.is_error
    assert remembered.recall(paths.database_file) == "a brand new one"
    cipher.forget_all()
    with pytest.raises(cipher.WrongPassphrase):
        cipher.unlock(paths.database_file, PASS)
    cipher.unlock(paths.database_file, "a brand new one")

    dialog.current.setText("a brand new one")
    answer_next_box(seen, QMessageBox.StandardButton.Yes)
    dialog.off_button.click()
    assert not cipher.is_protected(paths.database_file) and "plain text" in seen[-1].text
    assert remembered.recall(paths.database_file) is None
    assert readable(paths.database_file, "neck locked.") and dialog.on_box.isVisible()


def test_the_recovery_export_and_the_lock_setting(qtbot, window, paths, tmp_path):
    window.store.flares.add(full_flare())
    dialog = privacy(qtbot, window, paths)
    dialog.new.setText(PASS)
    dialog.again.setText(PASS)
    answer_next_box([], QMessageBox.StandardButton.No)
    dialog.protect_button.click()
    target = dialog.write_recovery_export(tmp_path / "recovery.json")
    assert target is not None and readable(target, "neck locked.")  # plain, by design
    assert dialog.lock_minutes.isEnabled()
    dialog.lock_minutes.setValue(5)
    assert Settings(paths.settings_file).lock_minutes == 5


def answer_unlock(passphrase: str, remember: bool = False):
    def answer():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, UnlockDialog):
            dialog.passphrase.setText(passphrase)
            dialog.remember.setChecked(remember)
            dialog.unlock_button.click()
        else:
            QTimer.singleShot(20, answer)
    QTimer.singleShot(20, answer)


def test_a_protected_database_asks_for_its_passphrase_at_start(qtbot, sqlite_url, paths,
                                                               file_keyring):
    from fibromap.store.store import Store

    store = Store.open(sqlite_url, paths, passphrase=PASS)
    store.flares.add(full_flare())
    store.close()
    cipher.forget_all()
    answer_unlock(PASS, remember=True)
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    assert window is not None and window.store.flares.count() == 1
    window.close()
    # Kept in the keyring: the next start asks nothing.
    cipher.forget_all()
    assert unlock_at_start(paths.database_file, paths, None)
    assert cipher.known_key(paths.database_file) is not None


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_wrong_passphrases_say_so_and_five_in_a_row_make_the_next_wait(qtbot, sqlite_url,
                                                                       paths):
    from fibromap.store.attempts import UnlockAttempts
    from fibromap.store.store import Store

    Store.open(sqlite_url, paths, passphrase=PASS).close()
    cipher.forget_all()
    clock = Clock()
    dialog = UnlockDialog(paths.database_file, paths, attempts=UnlockAttempts(paths, clock))
    qtbot.addWidget(dialog)
    dialog.show()
    for _try in range(4):
        dialog.passphrase.setText("guess")
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
        assert dialog.feedback.text() == _("That passphrase does not open these records; nothing "
                                           "was changed.") and dialog.unlock_button.isEnabled()
    dialog.passphrase.setText("guess")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not dialog.unlock_button.isEnabled()
    assert dialog.feedback.text() == ngettext(
        "{n} wrong passphrase in a row: try again in {seconds} s.",
        "{n} wrong passphrases in a row: try again in {seconds} s.", 5).format(
        n=5, seconds=formats.decimal(10, 0))
    clock.now += 10.5
    dialog._tick()
    assert dialog.unlock_button.isEnabled()
    dialog.passphrase.setText(PASS)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.key is not None


def test_exports_are_sealed_by_default_while_protected(qtbot, window, paths, tmp_path):
    from fibromap.store import protection
    from fibromap.store.store import Store

    window.store.flares.add(full_flare())
    protection.protect(window.store.database, paths, PASS)
    dialog = ExportDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.seal.isChecked() and dialog.seal_passphrase.isVisible()
    target = tmp_path / "sealed.json"
    assert not dialog.export_to(target)
    assert dialog.feedback.text() == _("Not exported: give a passphrase to seal it with.")
    dialog.seal_passphrase.setText("for the doctor")
    dialog.seal_confirm.setText("for the doctor")
    assert dialog.export_to(target)
    fits(dialog.feedback.text(), "Exported {size} bytes to {target}, sealed with the passphrase.",
         target=target)
    assert sealing.is_sealed(target.read_bytes()) and not readable(target, "neck locked.")
    # Plain text only when asked, after a question.
    dialog.seal.setChecked(False)
    assert dialog.warning.text() == _(HEALTH_DATA_WARNING) + " " + _(PROTECTED_PLAIN_WARNING)
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.No)
    assert not dialog.export_to(tmp_path / "plain.json")
    assert not (tmp_path / "plain.json").exists()
    assert seen[0].text == _("{warning} Write {name} all the same?").format(
        warning=_(PROTECTED_PLAIN_WARNING), name="plain.json")
    answer_next_box(seen, QMessageBox.StandardButton.Yes)
    assert dialog.export_to(tmp_path / "plain.json")
    assert json.loads((tmp_path / "plain.json").read_text())

    # Importing the sealed file asks for its passphrase, again after a wrong one.
    answers = ["wrong", "for the doctor"]
    labels = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog):
            labels.append(box.labelText())
            box.setTextValue(answers.pop(0))
            box.accept()
            if answers:
                QTimer.singleShot(20, answer)
        else:
            QTimer.singleShot(20, answer)

    def import_then_close():
        box = QApplication.activeModalWidget()
        if box is None or not box.windowTitle().startswith(_("Import")):
            QTimer.singleShot(50, import_then_close)
        elif box.report is not None:
            box.accept()
        else:
            if box.import_button.isEnabled() and not box.worker.busy:
                box.start_import()
            QTimer.singleShot(50, import_then_close)
    other = Store.open(f"sqlite:///{tmp_path / 'other.sqlite3'}", paths)
    QTimer.singleShot(20, answer)
    QTimer.singleShot(100, import_then_close)
    report = run_import(window, other, target)
    assert labels[0] == _("{name} is a sealed FibroMap export. Its passphrase:").format(name=target.name)
    fits(labels[1], "{problem}. Try again; the passphrase of {name}:", name=target.name)
    assert report is not None and report.result.added.get("flares") == 1
    assert other.flares.count() == 1
    other.close()


def test_the_window_lock_follows_protection_and_unlocks_with_the_passphrase(qtbot, window,
                                                                            paths):
    assert not window.menu_actions.lock.isEnabled()
    window.log.form.notes.setPlainText("half-typed flare")
    dialog = privacy(qtbot, window, paths)
    dialog.new.setText(PASS)
    dialog.again.setText(PASS)
    answer_next_box([], QMessageBox.StandardButton.No)
    dialog.protect_button.click()
    assert window.menu_actions.lock.isEnabled()
    dialog.lock_minutes.setValue(7)
    assert window.app_lock.minutes == 7
    dialog.close()
    window.menu_actions.lock.trigger()
    assert window.app_lock.is_locked() and not window.log.form.notes.isVisible()
    window.app_lock.form.passphrase.setText("wrong one")
    window.app_lock.form.unlock_button.click()
    assert window.app_lock.is_locked()
    window.app_lock.form.passphrase.setText(PASS)
    window.app_lock.form.unlock_button.click()
    assert not window.app_lock.is_locked()
    assert window.log.form.notes.toPlainText() == "half-typed flare"
    # Protection off: nothing to unlock with, so no lock.
    dialog = privacy(qtbot, window, paths)
    dialog.current.setText(PASS)
    answer_next_box([], QMessageBox.StandardButton.Yes)
    dialog.off_button.click()
    assert not window.menu_actions.lock.isEnabled() and window.app_lock.minutes == 0


def test_the_report_dialog_says_a_saved_report_is_not_protected(qtbot, window, paths):
    from fibromap.store import protection
    from fibromap.ui.dialogs.report_dialog import ReportDialog

    plain = ReportDialog(window.store, window.settings, window.log.map.atlas, parent=window)
    qtbot.addWidget(plain)
    assert plain.plain_warning is None
    protection.protect(window.store.database, paths, PASS)
    dialog = ReportDialog(window.store, window.settings, window.log.map.atlas, parent=window)
    qtbot.addWidget(dialog)
    assert "a saved report is not" in dialog.plain_warning.text()
