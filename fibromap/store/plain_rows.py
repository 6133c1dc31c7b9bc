"""Rows written with one plain executemany, and the driver's parameter marker: the
fastest path on SQLite and PostgreSQL alike, for imports of many records."""

from __future__ import annotations

from sqlalchemy.orm import Session

CHUNK = 2_000  # records per round of statements: bounded memory, few round trips


def placeholder(dialect) -> str:
    """The driver's parameter marker: ``?`` for sqlite3, ``%s`` for psycopg."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def insert_rows(session: Session, row_class, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``rows`` (values in ``columns`` order) added with one plain executemany: the
    driver's own speed, each value still converted as the column's type converts it for
    this database (a time becomes SQLite's text with its microseconds, for one), so the
    rows are stored exactly as the ORM stores them and compare alike in every query."""
    if not rows:
        return
    connection = session.connection()
    dialect, table = connection.dialect, row_class.__table__
    converters = [(index, convert) for index, name in enumerate(columns)
                  if (convert := table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
                  is not None]
    if converters:
        changed = []
        for row in rows:
            values = list(row)
            for index, convert in converters:
                values[index] = convert(values[index])
            changed.append(tuple(values))
        rows = changed
    quote = dialect.identifier_preparer.quote
    mark = placeholder(dialect)
    connection.exec_driver_sql(
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(name) for name in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})", rows)
