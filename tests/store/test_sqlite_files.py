"""Reading the SQLite file a URL names without SQLAlchemy, for what runs before the window."""

from pathlib import Path

from fibromap.store.database import Database
from fibromap.store.sqlite_files import sqlite_file_of

URLS = ["sqlite:////tmp/a b/x.sqlite3", "sqlite:///relative.db", "sqlite:///~/x.db",
        "sqlite+pysqlite:////tmp/x", "sqlite:///", "sqlite://", "sqlite:///:memory:",
        "sqlite:///file:x?mode=ro&uri=true", "sqlite:////tmp/x?mode=ro", "sqlite:////tmp/%20x",
        "sqlite:////tmp/x#y", "sqlite://user@/x", "SQLite:///x", "sqlite:/x", "sqlite:////tmp/ü.db",
        "postgresql://u:p@host/db", "postgresql+psycopg://host/db?sslmode=require",
        "mysql://x", "nonsense", "", ":memory:"]


def test_a_url_names_the_same_file_as_sqlalchemy_reads_it():
    asked: list[str] = []

    def whole_reading(url: str) -> Path | None:
        asked.append(url)
        return Database.sqlite_file(url)

    for url in URLS:
        assert sqlite_file_of(url, whole_reading) == Database.sqlite_file(url), url
    # The URLs a start meets are read without SQLAlchemy; the others are left to it.
    assert not {"sqlite:////tmp/a b/x.sqlite3", "sqlite:///relative.db",
                "postgresql://u:p@host/db"} & set(asked)
    assert {"sqlite:////tmp/%20x", "sqlite:////tmp/x?mode=ro", "sqlite://user@/x"} <= set(asked)
