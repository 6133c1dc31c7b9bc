"""File › Devices: each watch, ring or phone whose sleep and steps were imported, what came
from it, and removing all of it in one action (after saying exactly what would go)."""

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

from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, formats
from fibromap.store.devices import SourceHoldings
from fibromap.store.store import Store
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.record_table import record_table

COLUMNS = (N_("Device"), N_("From"), N_("Nights"), N_("Naps"), N_("Days of steps"), N_("First day"),
           N_("Last day"))
NUMBERS = (2, 3, 4)  # the columns of counts, aligned right


class DevicesDialog(QDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Devices"))
        self._store = store
        self.holdings: list[SourceHoldings] = []
        self.removed = False
        self.table = record_table([_(column) for column in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("Devices whose sleep and steps were imported"))
        self.empty = QLabel(_("No sleep or steps from a device yet. File › Import… reads the "
                              "exports of Apple Health, Fitbit (Google Takeout) and Gadgetbridge."),
                            wordWrap=True)
        self.remove_button = QPushButton(_("Remove everything from this device…"))
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Sleep and steps imported from each device. Removing a device's "
                                  "records changes nothing else; where two devices measured the "
                                  "same night, the other's record is counted again."),
                                wordWrap=True))
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.resize(720, 360)
        self.reload()

    def reload(self) -> None:
        self.holdings = self._store.devices.sources()
        self.table.setRowCount(len(self.holdings))
        for row, held in enumerate(self.holdings):
            cells = (held.source.device, held.source.app, str(held.nights), str(held.naps),
                     str(held.days_of_steps), formats.day(held.first) if held.first else "",
                     formats.day(held.last) if held.last else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in NUMBERS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.holdings))
        self.empty.setVisible(not self.holdings)
        if self.holdings:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected() is not None and not self._store.read_only)

    def selected(self) -> SourceHoldings | None:
        rows = self.table.selectionModel().selectedRows()
        return self.holdings[rows[0].row()] if rows else None

    def remove_selected(self, confirm=None) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        # The dry run first: what the removal will do, from the database itself.
        trial = self._store.devices.remove(chosen.source, dry_run=True)
        if not (confirm or self._confirm)(chosen, trial):
            return False
        try:
            removed = self._store.devices.remove(chosen.source)
        except FibroMapError as exc:
            self.feedback.say(_("Not removed: {problem}.").format(problem=exc), error=True)
            return False
        self.removed = True
        self.feedback.say(_("Removed {what} from {device}.").format(
            what=removed.described(), device=chosen.source.label), error=False)
        self.reload()
        return True

    def _confirm(self, chosen: SourceHoldings, trial: SourceHoldings) -> bool:
        what = trial.described()
        answer = QMessageBox.question(
            self, _("Remove a device's records"),
            _("Remove {what} that came from {device}?\n\nYour flares, check-ins and other "
              "devices' records stay. Importing the device's export again brings them back.").format(
                what=what, device=chosen.source.label))
        return answer == QMessageBox.StandardButton.Yes
