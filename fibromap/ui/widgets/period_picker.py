"""Choosing the period to review: the last week, month, quarter, since the last visit, or any."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from fibromap.analysis.periods import Period, last_days
from fibromap.store.store import Store

PRESETS = (("Last 7 days", 7), ("Last 30 days", 30), ("Last 90 days", 90),
           ("Last year", 365), ("Since last appointment", "appointment"), ("Custom", None))


class PeriodPicker(QWidget):
    changed = Signal(object)   # a Period
    message = Signal(str)

    def __init__(self, store: Store, today=date.today, initial: int = 1,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self.preset = QComboBox()
        for label, _days in PRESETS:
            self.preset.addItem(label)
        self.start = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.end = QDateEdit(calendarPopup=True, displayFormat="d MMM yyyy")
        self.start.setAccessibleName("First day")
        self.end.setAccessibleName("Last day")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("Period"), self.preset, self.start, QLabel("to"), self.end):
            layout.addWidget(widget)
        self.preset.setCurrentIndex(initial)
        self.preset.currentIndexChanged.connect(self.apply_preset)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)
        self.apply_preset(initial, emit=False)

    def choose(self, label: str) -> None:
        self.preset.setCurrentIndex([p[0] for p in PRESETS].index(label))

    def apply_preset(self, index: int | None = None, emit: bool = True) -> None:
        index = self.preset.currentIndex() if index is None else index
        _label, days = PRESETS[index]
        today = self._today()
        self.start.setEnabled(days is None)
        self.end.setEnabled(days is None)
        note = ""
        if isinstance(days, int):
            self._set(last_days(days, today))
        elif days == "appointment":
            last = self._store.appointments.last_before(today)
            if last is None:
                note = "No appointment yet: add its date with “Appointments…”."
                self._set(last_days(30, today))
            else:
                self._set(Period(last.day, today))
        if emit:
            self.changed.emit(self.period())
        if note:
            self.message.emit(note)

    def _set(self, period: Period) -> None:
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)

    def _edited(self) -> None:
        self.changed.emit(self.period())

    def period(self) -> Period:
        return Period(self.start.date().toPython(), self.end.date().toPython())

    def is_since_appointment(self) -> bool:
        return PRESETS[self.preset.currentIndex()][1] == "appointment"
