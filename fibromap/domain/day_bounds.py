"""The days a record may fall on: from 1 January 1900 to tomorrow (the person's clock may
be a little behind the one that wrote the file). Imports refuse or leave out what falls
outside, flares and check-ins as well as what a device measured, and `fibromap check`
names what a database holds outside."""

from __future__ import annotations

from datetime import date, timedelta

EARLIEST = date(1900, 1, 1)
FUTURE_DAYS = 1


def latest_day(today: date | None = None) -> date:
    """The last day a record may fall on."""
    return (today or date.today()) + timedelta(days=FUTURE_DAYS)


def date_range_text(latest: date) -> str:
    return f"{EARLIEST.isoformat()} to {latest.isoformat()}"


def within(day: date, latest: date) -> bool:
    return EARLIEST <= day <= latest
