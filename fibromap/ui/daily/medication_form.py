"""The fields of one medication: name, dose, from, and until (or still taking)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from fibromap.domain.daily import Medication
from fibromap.i18n import _
from fibromap.ui.widgets.day_field import day_field, day_of


class MedicationForm(QWidget):
    """A new medication's fields, or those of the one chosen, to change."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = QLineEdit(placeholderText=_("e.g. Cyclobenzaprine"))
        self.dose = QLineEdit(placeholderText=_("e.g. 5 mg at night"))
        self.start = day_field(QDate.currentDate())
        self.until = day_field(QDate.currentDate())
        self.still_taking = QCheckBox(_("Still taking"))
        self.name.setAccessibleName(_("Name"))
        self.dose.setAccessibleName(_("Dose"))
        self.start.setAccessibleName(_("Taken from"))
        self.until.setAccessibleName(_("Taken until"))
        for day in (self.start, self.until):  # a day is as wide as its words, not the form
            day.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        until = QHBoxLayout()
        until.setContentsMargins(0, 0, 0, 0)
        until.addWidget(self.until)
        until.addWidget(self.still_taking)
        until.addStretch(1)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Name"), self.name)
        form.addRow(_("Dose"), self.dose)
        form.addRow(_("From"), self.start)
        form.addRow(_("Until"), until)
        self.still_taking.toggled.connect(lambda taking: self.until.setEnabled(not taking))
        self.clear()

    def clear(self) -> None:
        """Empty, for a new medication taken from today."""
        self.name.clear()
        self.dose.clear()
        self.start.setDate(QDate.currentDate())
        self.until.setDate(QDate.currentDate())
        self.still_taking.setChecked(True)

    def show_medication(self, medication: Medication) -> None:
        """Its fields; while it is still taken, Until offers today."""
        self.name.setText(medication.name)
        self.dose.setText(medication.dose)
        self.start.setDate(_qdate(medication.start))
        self.until.setDate(_qdate(medication.stop or date.today()))
        self.still_taking.setChecked(medication.stop is None)

    def medication(self, medication_id: int | None = None) -> Medication:
        """What the fields say (ValidationError if it cannot be a medication)."""
        return Medication(self.name.text().strip(), self.dose.text().strip(), day_of(self.start),
                          None if self.still_taking.isChecked() else day_of(self.until),
                          medication_id)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
