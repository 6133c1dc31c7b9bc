"""A field for a day: its calendar pops up, and the day is written out in words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit


def day_field(day: QDate | date | None = None, display_format: str = "d MMM yyyy") -> QDateEdit:
    """A date field showing ``day`` (Qt's own default without one) in ``display_format``."""
    if isinstance(day, date):
        day = QDate(day.year, day.month, day.day)
    field = QDateEdit(day) if day is not None else QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat(display_format)
    return field


def day_of(field: QDateEdit) -> date:
    """The day a date field shows."""
    day = field.date()
    return date(day.year(), day.month(), day.day())
