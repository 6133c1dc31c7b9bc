"""The words' tests run on a SQLite file: a language is the same whatever keeps the records."""

import pytest

from fibromap.store.store import Store


@pytest.fixture
def store(sqlite_url, paths):
    opened = Store.open(sqlite_url, paths)
    yield opened
    opened.close()
