"""Export and import from the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QPushButton,
    QVBoxLayout, QWidget,
)

from fibromap.errors import FibroMapError
from fibromap.exchange.files import HEALTH_DATA_WARNING, ImportReport, export_file
from fibromap.store.store import Store
from fibromap.ui.widgets.feedback import FeedbackLabel

FORMATS = (("json", "FibroMap JSON — everything, to move or restore your records", "json"),
           ("csv", "CSV — one row per region, for a spreadsheet", "csv"),
           ("fhir", "FHIR R4 — observations for health record systems", "json"))


class ExportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export your records")
        self._store = store
        self.format = QComboBox()
        for key, label, _ext in FORMATS:
            self.format.addItem(label, key)
        warning = QLabel(HEALTH_DATA_WARNING, wordWrap=True)
        warning.setStyleSheet("font-weight: bold;")
        self.export_button = QPushButton("Export…")
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Format", self.format)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.export_button.clicked.connect(self._ask)

    def _ask(self) -> None:
        key = self.format.currentData()
        extension = dict((k, e) for k, _l, e in FORMATS)[key]
        suggested = str(Path.home() / f"fibromap-export.{'fhir.' if key == 'fhir' else ''}{extension}")
        path, _filter = QFileDialog.getSaveFileName(self, "Export to", suggested)
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> bool:
        try:
            size = export_file(self._store, self.format.currentData(), target)
        except FibroMapError as exc:
            self.feedback.say(f"Not exported: {exc}.", error=True)
            return False
        self.feedback.say(f"Exported {size:,} bytes to {target}.", error=False)
        return True


def ask_import(parent: QWidget, store: Store) -> ImportReport | None:
    """Choose a file, then check and import it in the import dialog."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Import records", str(Path.home()),
        "Exports FibroMap can read (*.json *.csv *.zip *.xml *.db Gadgetbridge*);;"
        "FibroMap or Flaredown exports (*.json *.csv);;"
        "Apple Health, Google Takeout (Fitbit) or Gadgetbridge (*.zip *.xml *.db Gadgetbridge*);;"
        "All files (*)")
    return run_import(parent, store, Path(path)) if path else None


def run_import(parent: QWidget, store: Store, path: Path) -> ImportReport | None:
    from fibromap.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog(store, path, parent)
    dialog.exec()
    return dialog.report
