"""Fixtures for the exchange tests."""

import pytest

from fibromap.config import Paths
from fibromap.store.store import Store


@pytest.fixture(autouse=True)
def on_each_database_kind(database_kind):
    """Each test here that uses the person's database runs on a plain and on a protected
    one (tests/helpers/database_kinds.py)."""
    return database_kind


@pytest.fixture
def sqlite_store(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    yield store
    store.close()


@pytest.fixture
def second(tmp_path):
    """Another SQLite database, empty, to import into."""
    home = tmp_path / "second"
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    opened = Store.open(f"sqlite:///{tmp_path / 'second.sqlite3'}", paths)
    yield opened
    opened.close()
