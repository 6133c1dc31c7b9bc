"""Fixtures for the exchange tests."""

import pytest

from fibromap.store.store import Store
from tests.helpers.records import store_from


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
def second(tmp_path, empty_database):
    """Another SQLite database, empty, to import into."""
    opened = store_from(empty_database, tmp_path / "second")
    yield opened
    opened.close()
