"""The passphrase asked at start when the records are protected (or taken from the
system's keyring, where the person chose to keep it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fibromap import APP_NAME
from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, formats, ngettext
from fibromap.store import cipher, remembered
from fibromap.store.attempts import UnlockAttempts
from fibromap.ui.widgets.feedback import FeedbackLabel

FORGOTTEN = N_("Forgotten it? Without the passphrase these records cannot be recovered, by you "
             "or by anyone else: a recovery export, if you wrote one, is the only way back.")


def passphrase_field(accessible: str) -> QLineEdit:
    field = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible)
    field.setMinimumWidth(320)
    return field


def keyring_box() -> QCheckBox:
    """"Keep the passphrase in the keyring", or why it cannot be kept here."""
    if remembered.available():
        return QCheckBox(_("Keep the passphrase in this computer's keyring (no asking at start)"))
    box = QCheckBox(_("Keep the passphrase in a keyring (this computer has none)"))
    box.setEnabled(False)
    return box


class UnlockDialog(QDialog):
    """Asks for the passphrase until it opens ``database`` (wrong tries counted, and after
    five in a row each further try waits); keeps it in the keyring when asked to."""

    def __init__(self, database: Path, paths: Paths, parent: QWidget | None = None,
                 attempts: UnlockAttempts | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Unlock {app}").format(app=APP_NAME))
        self._database = database
        self._attempts = attempts or UnlockAttempts(paths)
        self.key: cipher.Key | None = None
        self.passphrase = passphrase_field(_("Passphrase"))
        self._wait_text = ""  # the last "try again in" said
        self.remember = keyring_box()
        self.feedback = FeedbackLabel()
        self.feedback.reserve(2)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(_("Unlock"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        heading = QLabel(_("Your records in {name} are protected with a passphrase.").format(
            name=database.name),
                         wordWrap=True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(heading)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.remember)
        layout.addWidget(self.feedback)
        forgotten = QLabel(_(FORGOTTEN), wordWrap=True)
        layout.addWidget(forgotten)
        layout.addWidget(self.buttons)
        self._countdown = QTimer(self, interval=250)
        self._countdown.timeout.connect(self._tick)
        self._tick()

    def _tick(self) -> None:
        """While wrong tries make the next one wait: the button is off and says how long."""
        wait = self._attempts.wait()
        self.unlock_button.setEnabled(wait <= 0)
        if wait > 0:
            failures = self._attempts.failures
            self._wait_text = ngettext(
                "{n} wrong passphrase in a row: try again in {seconds} s.",
                "{n} wrong passphrases in a row: try again in {seconds} s.", failures).format(
                n=failures, seconds=formats.decimal(wait, 0))
            self.feedback.say(self._wait_text, error=True)
            self._countdown.start()
        else:
            self._countdown.stop()
            if self._wait_text and self.feedback.text() == self._wait_text:
                self.feedback.forget()

    def try_unlock(self) -> None:
        if self._attempts.wait() > 0:
            return
        passphrase = self.passphrase.text()
        try:
            self.key = cipher.unlock(self._database, passphrase)
        except cipher.WrongPassphrase:
            self._attempts.failed()
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            self.feedback.say(_("That passphrase does not open these records; nothing was "
                                "changed."), error=True)
            self._tick()
            return
        except FibroMapError as exc:
            self.feedback.say(str(exc), error=True)
            return
        self._attempts.succeeded()
        if self.remember.isChecked() and not remembered.keep(self._database, passphrase):
            self.feedback.say(_("The keyring did not keep the passphrase; FibroMap will ask "
                                "next time."), error=True)
        self.accept()


def unlock_at_start(database: Path, paths: Paths, parent: QWidget | None) -> bool:
    """Before a protected database is opened: unlock it from the keyring if the person
    kept the passphrase there (and it still opens it), otherwise ask. False: they quit."""
    if not cipher.is_protected(database) or cipher.known_key(database) is not None:
        return True
    kept = remembered.recall(database)
    if kept is not None:
        try:
            cipher.unlock(database, kept)
            return True
        except FibroMapError:  # changed on another computer: ask, and forget the old one
            remembered.forget(database)
    dialog = UnlockDialog(database, paths, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
