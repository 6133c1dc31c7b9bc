"""The day, hour and weekday of a stored local time, read in SQL alike on SQLite and
PostgreSQL.

SQLite's date functions round a time's fractional seconds to milliseconds, so
'2026-11-30 23:59:59.999999' is Tuesday to them although it is still Monday. A stored time
has one text form there ('YYYY-MM-DD HH:MM:SS.ffffff', migration 0011), so its day and hour
are read from the text itself; PostgreSQL's timestamps are exact.
"""

from __future__ import annotations

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class local_day(FunctionElement):  # noqa: N801 - used like a SQL function
    """The local day of a time column."""
    type = Date()
    inherit_cache = True
    name = "local_day"


class local_hour(FunctionElement):  # noqa: N801
    """The hour (0-23) of a time column."""
    type = Integer()
    inherit_cache = True
    name = "local_hour"


class local_weekday(FunctionElement):  # noqa: N801
    """The weekday of a time column, 0 = Sunday (as SQLite's %w and PostgreSQL's dow)."""
    type = Integer()
    inherit_cache = True
    name = "local_weekday"


def _column(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(local_day)
def _day(element, compiler, **kw) -> str:
    return f"CAST({_column(element, compiler, **kw)} AS DATE)"


@compiles(local_day, "sqlite")
def _day_sqlite(element, compiler, **kw) -> str:
    return f"substr({_column(element, compiler, **kw)}, 1, 10)"


@compiles(local_hour)
def _hour(element, compiler, **kw) -> str:
    return f"CAST(EXTRACT(HOUR FROM {_column(element, compiler, **kw)}) AS INTEGER)"


@compiles(local_hour, "sqlite")
def _hour_sqlite(element, compiler, **kw) -> str:
    return f"CAST(substr({_column(element, compiler, **kw)}, 12, 2) AS INTEGER)"


@compiles(local_weekday)
def _weekday(element, compiler, **kw) -> str:
    return f"CAST(EXTRACT(DOW FROM {_column(element, compiler, **kw)}) AS INTEGER)"


@compiles(local_weekday, "sqlite")
def _weekday_sqlite(element, compiler, **kw) -> str:
    return f"CAST(strftime('%w', substr({_column(element, compiler, **kw)}, 1, 10)) AS INTEGER)"
