"""Fixtures for the exchange tests."""

import pytest

from fibromap.store.store import Store


@pytest.fixture
def sqlite_store(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    yield store
    store.close()
