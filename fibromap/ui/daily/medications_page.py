"""Medications: what is taken, since when, at which dose; change a dose or stop."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.daily import Medication
from fibromap.errors import FibroMapError
from fibromap.store.store import Store
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.day_field import day_field, day_of
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.record_table import EmptyNote, fit_columns, record_table

COLUMNS = ("Medication", "Dose", "From", "Until")


class MedicationsPage(QWidget):
    @classmethod
    def for_window(cls, context: PageContext) -> MedicationsPage:
        """The Medications tab."""
        return cls(context.store)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._medications: list[Medication] = []
        self.table = record_table(COLUMNS)
        # Dose and dates as wide as they need (fit_columns, on each reload); the name
        # takes what is left.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Medications")
        self.empty_note = EmptyNote(self.table, (
            "No medications yet.\n\nTo add one, type its name and dose on the right, choose the day "
            "you started taking it, then click Add."))
        self.name = QLineEdit(placeholderText="e.g. Cyclobenzaprine")
        self.dose = QLineEdit(placeholderText="e.g. 5 mg at night")
        self.when = day_field(QDate.currentDate())
        self.add_button = QPushButton("Add")
        self.change_button = QPushButton("Change dose from this date")
        self.stop_button = QPushButton("Stopped on this date")
        self.feedback = FeedbackLabel()
        self._build()
        self.add_button.clicked.connect(self.add)
        self.change_button.clicked.connect(self.change_dose)
        self.stop_button.clicked.connect(self.stop)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.reload()

    def _build(self) -> None:
        # The list on the left, what to do with it on the right: the whole width is used
        # and a dose stays near its name.
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Dose", self.dose)
        form.addRow("Date", self.when)
        changes = QHBoxLayout()
        changes.addWidget(self.change_button)
        changes.addWidget(self.stop_button)
        changes.addStretch(1)
        add = QHBoxLayout()
        add.addWidget(self.add_button)
        add.addStretch(1)
        heading = QLabel("Add a medication, or change the one chosen in the list")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        panel = QVBoxLayout()
        panel.addWidget(heading)
        panel.addLayout(form)
        panel.addLayout(add)
        panel.addLayout(changes)
        panel.addWidget(self.feedback)
        panel.addStretch(1)
        side = QWidget()
        side.setLayout(panel)
        side.setMaximumWidth(460)
        panel.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addSpacing(8)
        layout.addWidget(side, 2)

    def reload(self) -> None:
        """Show the medications the database holds now."""
        self._medications = self._store.medications.all()
        self.table.setRowCount(len(self._medications))
        for row, medication in enumerate(self._medications):
            values = (medication.name, medication.dose, f"{medication.start:%d %b %Y}",
                      f"{medication.stop:%d %b %Y}" if medication.stop else "still taking")
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, medication.id)
                self.table.setItem(row, column, item)
        fit_columns(self.table, (1, 2, 3), samples=("00 Mmm 0000", "still taking"))
        self._selection_changed()

    def selected(self) -> Medication | None:
        rows = self.table.selectionModel().selectedRows()
        return self._medications[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.change_button.setEnabled(chosen is not None and chosen.stop is None)
        self.stop_button.setEnabled(chosen is not None and chosen.stop is None)
        if chosen is not None:
            self.name.setText(chosen.name)
            self.dose.setText(chosen.dose)

    def _day(self) -> date:
        return day_of(self.when)

    def add(self) -> Medication | None:
        return self._do(lambda: self._store.medications.add(
            Medication(self.name.text().strip(), self.dose.text().strip(), self._day())), "Added")

    def change_dose(self) -> Medication | None:
        chosen = self.selected()
        if chosen is None:
            return None
        medication_id = chosen.id
        assert medication_id is not None  # listed from the database, so saved
        return self._do(lambda: self._store.medications.change_dose(
            medication_id, self.dose.text().strip(), self._day()), "Changed the dose of")

    def stop(self) -> Medication | None:
        chosen = self.selected()
        if chosen is None:
            return None
        medication_id = chosen.id
        assert medication_id is not None  # listed from the database, so saved
        return self._do(lambda: self._store.medications.stop(medication_id, self._day()), "Stopped")

    def _do(self, action, verb: str) -> Medication | None:
        try:
            medication = action()
        except FibroMapError as exc:
            self.feedback.say(f"Not saved: {exc}.", error=True)
            return None
        self.reload()
        self.feedback.say(f"{verb} {medication.name}.", error=False)
        return medication
