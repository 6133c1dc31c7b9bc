"""A day field: its calendar pops up, it shows the day it was given, and gives it back."""

from datetime import date

from PySide6.QtCore import QDate

from fibromap.ui.widgets.day_field import day_field, day_of


def test_a_day_field_shows_and_gives_back_its_day(qapp):
    field = day_field(date(2026, 2, 28), "dddd d MMMM yyyy")
    assert field.calendarPopup()
    assert field.displayFormat() == "dddd d MMMM yyyy"
    assert field.date() == QDate(2026, 2, 28)
    assert day_of(field) == date(2026, 2, 28)
    field.setDate(QDate(2025, 12, 31))
    assert day_of(field) == date(2025, 12, 31)


def test_a_day_field_takes_a_qdate_and_writes_the_short_form_by_default(qapp):
    field = day_field(QDate(2024, 2, 29))
    assert field.displayFormat() == "d MMM yyyy"
    assert day_of(field) == date(2024, 2, 29)
