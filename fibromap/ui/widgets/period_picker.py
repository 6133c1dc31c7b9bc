"""Choosing the period to review: the last week, month, quarter, since the last visit, or any.

A view that shows whole calendar months (the heat-map's one map per month) switches the
picker to months, so that what it says is what is shown: "Last 12 months", 1 Dec 2025
to 22 Nov 2026, or 12 months ending on a chosen day.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from fibromap.analysis.periods import Period, last_days, months_ending
from fibromap.i18n import N_, _, ngettext, pgettext
from fibromap.store.store import Store
from fibromap.ui.widgets.day_field import day_field, day_of

# English, marked; shown translated.
PRESETS = ((N_("Last 7 days"), 7), (N_("Last 30 days"), 30), (N_("Last 90 days"), 90),
           (N_("Last year"), 365), (N_("Since last appointment"), "appointment"),
           (N_("Custom"), None))
MONTH_PRESETS = ("today", None)  # the last months to today, or to a chosen day


def _months_label(count: int, kind: str | None) -> str:
    """Last 12 months, 12 months to a chosen day."""
    if kind == "today":
        words = ngettext("Last {count} month", "Last {count} months", count)
    else:
        words = ngettext("{count} month to a chosen day", "{count} months to a chosen day", count)
    return words.format(count=count)


class PeriodPicker(QWidget):
    changed = Signal(object)   # a Period
    message = Signal(str)

    def __init__(self, store: Store, today=date.today, initial: int = 1,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self.months: int | None = None  # whole calendar months shown, or None
        self._usual_index = initial      # the preset to go back to from months
        self._usual_period: Period | None = None
        self.preset = QComboBox()
        for label, _days in PRESETS:
            self.preset.addItem(_(label))
        self.start = day_field()
        self.end = day_field()
        self.preset.setAccessibleName(_("Period"))
        self.start.setAccessibleName(_("First day"))
        self.end.setAccessibleName(_("Last day"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(_("Period")), self.preset, self.start,
                       QLabel(pgettext("from a day to a day", "to")), self.end):
            layout.addWidget(widget)
        self.preset.setCurrentIndex(initial)
        self.preset.currentIndexChanged.connect(self.apply_preset)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)
        self.apply_preset(initial, emit=False)

    def choose(self, label: str) -> None:
        """Choose a preset by its English label ("Last 30 days")."""
        self.preset.setCurrentIndex(self.preset.findText(_(label)))

    def set_months(self, count: int | None) -> None:
        """Show ``count`` whole calendar months up to the last day, or (None) the usual
        presets again, and say the new period."""
        if count == self.months:
            return
        custom = self.end.isEnabled()
        self.preset.blockSignals(True)
        if count is None:
            self.months = None
            self.preset.clear()
            for label, _days in PRESETS:
                self.preset.addItem(_(label))
            self.preset.setCurrentIndex(self._usual_index)
            if PRESETS[self._usual_index][1] is None:  # custom: its own dates, not the months'
                assert self._usual_period is not None, "kept when the months were shown"
                self._set(self._usual_period)
        else:
            if self.months is None:  # what to go back to: the preset, and its dates
                self._usual_index = self.preset.currentIndex()
                self._usual_period = self.period()
            self.months = count
            self.preset.clear()
            for kind in MONTH_PRESETS:
                self.preset.addItem(_months_label(count, kind))
            self.preset.setCurrentIndex(1 if custom else 0)
        self.preset.blockSignals(False)
        self.apply_preset()

    def apply_preset(self, index: int | None = None, emit: bool = True) -> None:
        index = self.preset.currentIndex() if index is None else index
        if self.months is not None:
            self._apply_months(self.months, MONTH_PRESETS[index] is None, emit)
            return
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
                note = _("No appointment yet: add its date with “Appointments…”.")
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
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _apply_months(self, months: int, custom: bool, emit: bool) -> None:
        end = day_of(self.end) if custom else self._today()
        self._set(Period(months_ending(end, months)[0].start, end))
        self.start.setEnabled(False)  # the first month follows from the last day
        self.end.setEnabled(custom)
        if emit:
            self.changed.emit(self.period())

    def _edited(self) -> None:
        if self.months is not None:
            self._apply_months(self.months, True, emit=True)
            return
        self.changed.emit(self.period())

    def period(self) -> Period:
        return Period(day_of(self.start), day_of(self.end))

    def is_since_appointment(self) -> bool:
        return self.months is None and PRESETS[self.preset.currentIndex()][1] == "appointment"
