"""Settings › Privacy: protect the records with a passphrase, change it, turn protection
off, keep the passphrase in the keyring, and lock the window when it is left alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, ngettext
from fibromap.store import protection, remembered
from fibromap.store.store import Store
from fibromap.ui.dialogs.unlock_dialog import keyring_box, passphrase_field
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.blank_spin import BlankSpinBox
from fibromap.ui.widgets.feedback import FeedbackLabel

SHORTEST = 8
FORGOTTEN = N_("If you forget the passphrase, your records cannot be recovered: not by you, not "
             "by anyone. Keep it somewhere safe.")
OLD_BLOCKS = N_("The plain file is overwritten. On an SSD or a copy-on-write file system pieces "
              "of it may stay on the disk until they are written over; backups copied "
              "elsewhere before now stay as they were.")
RECOVERY = N_("Write a recovery export now? It is a FibroMap JSON file in plain text, to keep "
            "somewhere only you can reach (a USB stick in a drawer): if the passphrase is ever "
            "lost, your records can be imported from it.")


class PrivacyDialog(QDialog):
    protection_changed = Signal()

    def __init__(self, store: Store, settings: Settings, paths: Paths,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Privacy"))
        self.setMinimumWidth(560)
        self._store, self._settings, self._paths = store, settings, paths
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback = FeedbackLabel()
        self.feedback.reserve(2)
        # Turning protection on.
        self.new = passphrase_field(_("New passphrase"))
        self.again = passphrase_field(_("The new passphrase again"))
        self.keep = keyring_box()
        self.protect_button = QPushButton(_("Protect with a passphrase"))
        self.on_box = QGroupBox(_("Protect with a passphrase"))
        on = QFormLayout(self.on_box)
        on.addRow(_("Passphrase"), self.new)
        on.addRow(_("Again"), self.again)
        on.addRow(self.keep)
        forgotten = QLabel(_(FORGOTTEN), wordWrap=True)
        forgotten.setStyleSheet("font-weight: bold;")
        on.addRow(forgotten)
        on.addRow(self.protect_button)
        # Changing it, or turning it off.
        self.current = passphrase_field(_("Current passphrase"))
        self.changed_new = passphrase_field(_("New passphrase"))
        self.changed_again = passphrase_field(_("The new passphrase again"))
        self.change_button = QPushButton(_("Change passphrase"))
        self.off_button = QPushButton(_("Turn protection off…"))
        self.keep_kept = keyring_box()
        self.off_box = QGroupBox(_("Protected with a passphrase"))
        off = QFormLayout(self.off_box)
        off.addRow(_("Current passphrase"), self.current)
        off.addRow(_("New passphrase"), self.changed_new)
        off.addRow(_("Again"), self.changed_again)
        off.addRow(self.keep_kept)
        row = QDialogButtonBox()
        row.addButton(self.change_button, QDialogButtonBox.ButtonRole.ActionRole)
        row.addButton(self.off_button, QDialogButtonBox.ButtonRole.ActionRole)
        off.addRow(row)
        # The app lock.
        self.lock_minutes = BlankSpinBox(minimum=0, maximum=240, suffix=_(" min"))
        self.lock_minutes.setSpecialValueText(_("never"))
        self.lock_minutes.setAccessibleName(_("Lock after this many minutes idle"))
        self.lock_minutes.setValue(settings.lock_minutes)
        lock_box = QGroupBox(_("Lock the window"))
        lock = QFormLayout(lock_box)
        lock.addRow(_("Lock after idle for"), self.lock_minutes)
        lock.addRow(QLabel(_("Locking hides every view until the passphrase is given; the flare "
                             "being typed is kept."), wordWrap=True))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.on_box)
        layout.addWidget(self.off_box)
        layout.addWidget(lock_box)
        layout.addWidget(self.feedback)
        layout.addWidget(close)
        self.protect_button.clicked.connect(self.protect)
        self.change_button.clicked.connect(self.change)
        self.off_button.clicked.connect(self.turn_off)
        self.keep_kept.toggled.connect(self._keep_toggled)
        self.lock_minutes.valueChanged.connect(self._lock_changed)
        self._show_state()
        # A longer language's keyring box, which cannot wrap, is read whole.
        self.setMinimumWidth(max(560, self.minimumSizeHint().width()))

    # -- state -----------------------------------------------------------------------
    @property
    def _file(self) -> Path | None:
        return self._store.database.sqlite_path

    @property
    def _protectable(self) -> Path:
        """The SQLite file: only it can be protected, so the boxes that act on it show only
        for one (and only it can hold a key)."""
        path = self._file
        assert path is not None, "protection's boxes are hidden for a database on a server"
        return path

    def _show_state(self) -> None:
        database = self._store.database
        protected = database.key is not None
        usable = self._file is not None and not database.read_only
        if self._file is None:
            text = _("Your records are on a PostgreSQL server, which protects them its own way; "
                     "protection with a passphrase is for the file on this computer.")
        elif protected:
            text = _("Your records in {file} and their backups are protected with a "
                     "passphrase.").format(file=self._file)
        else:
            text = _("Your records in {file} are not protected: anyone who can read this "
                     "computer's disk or its backups can read them.").format(file=self._file)
        self.status.setText(text)
        self.on_box.setVisible(usable and not protected)
        self.off_box.setVisible(usable and protected)
        self.lock_minutes.setEnabled(protected)
        self.keep_kept.blockSignals(True)
        self.keep_kept.setChecked(protected and remembered.kept(self._protectable))
        self.keep_kept.blockSignals(False)
        for field in (self.new, self.again, self.current, self.changed_new, self.changed_again):
            field.clear()

    def _new_passphrase(self, first, second) -> str | None:
        text = first.text()
        if len(text) < SHORTEST:
            self.feedback.say(_("Choose a passphrase of at least {n} characters (a few "
                                "words are easier to remember than symbols).").format(n=SHORTEST),
                              error=True)
        elif text != second.text():
            self.feedback.say(_("The two passphrases differ; type the same one twice."), error=True)
        else:
            return text
        return None

    def _run(self, action, done: str) -> bool:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            change = action()
        except FibroMapError as exc:
            self.feedback.say(_("Nothing was changed: {problem}.").format(problem=exc), error=True)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        n = len(change.backups_left)
        left = (" " + ngettext("{n} backup could not be converted and stays as it was.",
                               "{n} backups could not be converted and stay as they were.",
                               n).format(n=n) if n else "")
        self._show_state()
        self.feedback.say(done + left, error=False)
        self.protection_changed.emit()
        return True

    # -- actions -----------------------------------------------------------------------
    def protect(self) -> None:
        passphrase = self._new_passphrase(self.new, self.again)
        if passphrase is None:
            return
        keep = self.keep.isChecked()
        if self._run(lambda: protection.protect(self._store.database, self._paths, passphrase),
                     _("Protected, with every backup and the unsaved flare.") + " " + _(OLD_BLOCKS)):
            if keep:
                remembered.keep(self._protectable, passphrase)
                self._show_state()
            self.offer_recovery_export()

    def change(self) -> None:
        passphrase = self._new_passphrase(self.changed_new, self.changed_again)
        if passphrase is None:
            return
        old, kept = self.current.text(), remembered.kept(self._protectable)
        if self._run(lambda: protection.change_passphrase(self._store.database, self._paths,
                                                          old, passphrase),
                     _("The passphrase is changed, for the records and every backup.")) and kept:
            remembered.keep(self._protectable, passphrase)
            self._show_state()

    def turn_off(self) -> None:
        current = self.current.text()
        answer = QMessageBox.question(
            self, _("Turn protection off?"),
            _("Your records and their backups will be written in plain text, readable by anyone "
              "who can read this computer's disk. Turn protection off?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._run(lambda: protection.unprotect(self._store.database, self._paths, current),
                     _("Protection is off: the records and their backups are plain files again.")):
            remembered.forget(self._protectable)
            self._show_state()

    def _keep_toggled(self, keep: bool) -> None:
        if not keep:
            remembered.forget(self._protectable)
            self.feedback.say(_("The passphrase is no longer kept; FibroMap asks for it at start."),
                              error=False)
            return
        from fibromap.store import cipher
        try:
            cipher.unlock(self._protectable, self.current.text())
        except FibroMapError:
            self.feedback.say(_("Type the current passphrase first, then tick the box."),
                              error=True)
            self._show_state()
            return
        remembered.keep(self._protectable, self.current.text())
        self.feedback.say(_("The passphrase is kept in this computer's keyring."), error=False)

    def _lock_changed(self, minutes: int) -> None:
        self._settings.lock_minutes = minutes
        self.protection_changed.emit()

    def offer_recovery_export(self) -> Path | None:
        if QMessageBox.question(self, _("Recovery export"), _(RECOVERY)) \
                != QMessageBox.StandardButton.Yes:
            return None
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Recovery export to"), str(Path.home() / "fibromap-recovery.json"))
        return self.write_recovery_export(Path(path)) if path else None

    def write_recovery_export(self, target: Path) -> Path | None:
        from fibromap.exchange.files import export_file
        try:
            export_file(self._store, "json", target)
        except FibroMapError as exc:
            self.feedback.say(_("The recovery export was not written: {problem}.").format(problem=exc),
                              error=True)
            return None
        self.feedback.say(_("Recovery export written to {target}: keep it safe, and apart from "
                            "this computer.").format(target=target), error=False)
        return target
