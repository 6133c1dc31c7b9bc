"""The date ranges people review: the last week, month, quarter, since the last visit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fibromap.i18n import _, formats


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return _("{start} – {end}").format(start=formats.day(self.start),
                                           end=formats.day(self.end))


def last_days(days: int, today: date) -> Period:
    return Period(today - timedelta(days=days - 1), today)


def weeks_ending(period: Period) -> tuple[list[Period], Period | None]:
    """Whole 7-day weeks ending on the period's last day, oldest first, and the days left
    over at its start (None when the period is a whole number of weeks).

    The WPI asks about the past 7 days, so every week figure covers 7 days and the latest
    one ends on the last day; a calendar week cut by the period would not.
    """
    weeks = []
    end = period.end
    while end - timedelta(days=6) >= period.start:
        weeks.append(Period(end - timedelta(days=6), end))
        end -= timedelta(days=7)
    rest = Period(period.start, end) if end >= period.start else None
    return weeks[::-1], rest


def months_ending(end: date, count: int = 12) -> list[Period]:
    """The ``count`` calendar months up to the one holding ``end``, oldest first."""
    periods = []
    year, month = end.year, end.month
    for _count in range(count):
        first = date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        periods.append(Period(first, following - timedelta(days=1)))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return periods[::-1]
