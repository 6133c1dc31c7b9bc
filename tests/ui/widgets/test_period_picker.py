"""The period picker shared by the review views and the report dialog."""

from datetime import date

import pytest

from fibromap.analysis.periods import Period
from fibromap.domain.questionnaires import Appointment
from fibromap.i18n import _
from fibromap.ui.widgets.period_picker import PeriodPicker

TODAY = date(2026, 3, 1)  # 2026 is not a leap year: 28 days in February


@pytest.mark.parametrize("label, first", [
    ("Last 7 days", date(2026, 2, 23)),    # 23..28 Feb and 1 Mar: 7 days
    ("Last 30 days", date(2026, 1, 31)),   # 1 day of January, 28 of February, 1 of March
    ("Last 90 days", date(2025, 12, 2)),   # 30 + 31 + 28 + 1
    ("Last year", date(2025, 3, 2)),       # 365 days ending today
])
def test_each_preset_ends_today_and_counts_today_in(qtbot, store, label, first):
    picker = PeriodPicker(store, today=lambda: TODAY, initial=5)  # from "Custom"
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.changed) as emitted:
        picker.choose(label)
    assert emitted.args[0] == Period(first, TODAY) == picker.period()
    assert not picker.start.isEnabled() and not picker.end.isEnabled()


def test_since_the_last_appointment_or_a_note_when_there_is_none(qtbot, store):
    picker = PeriodPicker(store, today=lambda: TODAY)
    qtbot.addWidget(picker)
    notes = []
    picker.message.connect(notes.append)
    picker.choose("Since last appointment")
    assert picker.period() == Period(date(2026, 1, 31), TODAY)  # the last 30 days instead
    assert notes and notes[0] == _("No appointment yet: add its date with “Appointments…”.")
    store.appointments.add(Appointment(date(2026, 2, 10), "Rheumatology"))
    picker.choose("Last 7 days")
    picker.choose("Since last appointment")
    assert picker.period() == Period(date(2026, 2, 10), TODAY) and picker.is_since_appointment()


def test_custom_dates_can_be_typed_and_each_edit_is_announced(qtbot, store):
    picker = PeriodPicker(store, today=lambda: TODAY)
    qtbot.addWidget(picker)
    picker.choose("Custom")
    assert picker.start.isEnabled() and picker.end.isEnabled()
    with qtbot.waitSignal(picker.changed) as emitted:
        picker.start.setDate(date(2025, 1, 1))
    assert emitted.args[0] == Period(date(2025, 1, 1), TODAY)


def test_whole_months_and_back_to_a_custom_period_with_its_own_dates(qtbot, store):
    from PySide6.QtCore import QDate

    picker = PeriodPicker(store, today=lambda: TODAY, initial=5)  # Custom
    qtbot.addWidget(picker)
    picker.start.setDate(QDate(2025, 12, 20))
    picker.end.setDate(QDate(2026, 2, 2))
    picker.set_months(12)
    # 12 whole months up to today: March 2025 to 1 March 2026, the box says so.
    assert picker.preset.currentText() == "12 months to a chosen day"
    assert picker.period() == Period(date(2025, 3, 1), date(2026, 2, 2))
    with qtbot.waitSignal(picker.changed) as emitted:
        picker.set_months(None)
    assert picker.preset.currentText() == "Custom"
    assert emitted.args[0] == Period(date(2025, 12, 20), date(2026, 2, 2)) == picker.period()
    assert picker.start.isEnabled() and picker.end.isEnabled()
