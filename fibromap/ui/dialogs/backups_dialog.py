"""Help › Backups: the backups of the database, what each holds, and restoring one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, formats
from fibromap.store.backups import BackupInfo, backup_sqlite, describe_backup, list_backups
from fibromap.store.store import Store
from fibromap.ui.dialogs.restore_offer import flares_text
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.record_table import record_table

COLUMNS = (N_("Taken"), N_("Why"), N_("Flares"), N_("Integrity check"))
REASONS = {"daily": N_("the day's first start"), "manual": N_("backed up by hand")}


def taken_text(info: BackupInfo) -> str:
    """When a backup was taken (its file's name when that cannot be told)."""
    return formats.dated(info.taken, "%a %d %b %Y, %H:%M", "yMMMEdHm") if info.taken else info.path.name


def reason_text(reason: str) -> str:
    if reason.startswith("before-upgrade-"):
        return _("before upgrading (schema {schema})").format(
            schema=reason.removeprefix("before-upgrade-"))
    return _(REASONS[reason]) if reason in REASONS else reason


class BackupsDialog(QDialog):
    def __init__(self, store: Store, paths: Paths, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Backups"))
        self._store = store
        self._paths = paths
        self.backups: list[BackupInfo] = []
        self.restored = False
        self.table = record_table([_(column) for column in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Backups, newest first"))
        self.back_up_button = QPushButton(_("Back up now"))
        self.restore_button = QPushButton(_("Restore…"))
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("In {folder}, newest first. Restoring keeps your current file "
                                  "beside the database, so nothing is lost.").format(
                                    folder=paths.backups_dir),
                                wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resize(680, 380)
        self.reload()

    def reload(self) -> None:
        self.backups = [describe_backup(path) for path in list_backups(self._paths)]
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = (taken_text(info), reason_text(info.reason),
                     str(info.flares) if info.flares is not None else _("cannot be read"),
                     _("passed") if info.sound else _("FAILED"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.sound)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def back_up(self) -> None:
        path = self._store.database.sqlite_path
        try:
            if path is None:
                raise FibroMapError(_("backups are of the SQLite file; a PostgreSQL database "
                                      "is backed up with its own tools"))
            backup_sqlite(path, self._paths, "manual")
        except FibroMapError as exc:
            self.feedback.say(_("Not backed up: {problem}.").format(problem=exc), error=True)
            return
        self.reload()
        self.feedback.say(_("Backed up."), error=False)

    def restore_selected(self, confirm=None) -> bool:
        chosen = self.selected()
        if chosen is None or not chosen.sound:
            return False
        confirm = confirm or self._confirm
        if not confirm(chosen):
            return False
        try:
            kept = self._store.database.restore(chosen.path, self._paths)
        except FibroMapError as exc:
            self.feedback.say(_("Not restored: {problem}.").format(problem=exc), error=True)
            return False
        self.restored = True
        shown = self.table.item(self.table.currentRow(), 0)
        assert shown is not None, "reload() gives every backup's row its cells"
        self.feedback.say(_("Restored the backup of {taken} ({flares}). The file it replaced is "
                            "kept as {kept}.").format(taken=shown.text(),
                                                      flares=flares_text(chosen.flares), kept=kept),
                          error=False)
        self.reload()
        return True

    def _confirm(self, chosen: BackupInfo) -> bool:
        answer = QMessageBox.question(
            self, _("Restore a backup"),
            _("Replace your records with the backup of {taken} ({flares})?\n\nYour current file "
              "is kept beside the database, so this can be undone by hand.").format(
                taken=taken_text(chosen), flares=flares_text(chosen.flares)))
        return answer == QMessageBox.StandardButton.Yes
