"""A field for a day: its calendar pops up, and the day is written out in words."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from fibromap.i18n import DEFAULT, current
from fibromap.i18n.formats import by_pattern, cldr_pattern


def day_field(day: QDate | date | None = None, display_format: str = "d MMM yyyy",
              skeleton: str = "yMMMd") -> QDateEdit:
    """A date field showing ``day`` (Qt's own default without one) in ``display_format``
    in English, in another language as it writes CLDR's ``skeleton`` (7. Dez. 2026)."""
    if isinstance(day, date):
        day = QDate(day.year, day.month, day.day)
    field = QDateEdit(day) if day is not None else QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat(display_format if current() == DEFAULT else _qt_format(skeleton))
    return field


def _qt_format(skeleton: str) -> str:
    """The QDateEdit display format of the language of the moment for ``skeleton``
    (CLDR's letters in Qt's: EEEE is dddd, y is yyyy); the month's names come from QLocale."""
    pattern = cldr_pattern(skeleton)
    pattern = re.sub(r"E+", lambda m: "dddd" if len(m.group()) == 4 else "ddd", pattern)
    pattern = re.sub(r"L", "M", pattern)
    return re.sub(r"y+", "yyyy", pattern)


def day_of(field: QDateEdit) -> date:
    """The day a date field shows."""
    day = field.date()
    return date(day.year(), day.month(), day.day())


def weekday_and_day(day: date, english: str) -> str:
    """A day by its weekday's whole name, its day and its month, without the year: in
    English ``english`` as given (Monday 07 December), else as the language writes it
    (Montag, 7. Dezember; lundi 7 décembre). CLDR's pattern for the short weekday, widened:
    a skeleton asking for the whole name gets the short one from Babel."""
    if current() == DEFAULT:
        return english
    return by_pattern(day, "", "MMMMEEEEd")
