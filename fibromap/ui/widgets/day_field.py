"""A field for a day: its calendar pops up, and the day is written out in words."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from fibromap.i18n import DEFAULT, current


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


def weekday_and_day(day: date, english: str) -> str:
    """A day by its weekday's whole name, its day and its month, without the year: in
    English ``english`` as given (Monday 07 December), else as the language writes it
    (Montag, 7. Dezember; lundi 7 décembre). CLDR's pattern for the short weekday, widened:
    a skeleton asking for the whole name gets the short one from Babel."""
    language = current()
    if language == DEFAULT:
        return english
    from babel import Locale
    from babel.dates import format_date
    pattern = Locale.parse(language).datetime_skeletons["MMMMEd"].pattern
    return format_date(day, re.sub(r"(?<!E)E(?!E)", "EEEE", pattern), locale=language)
