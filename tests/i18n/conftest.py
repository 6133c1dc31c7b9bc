"""The words' tests run on a SQLite file (a language is the same whatever keeps the
records), each begun and left in English, whatever language it spoke in between."""

import pytest

from fibromap.i18n import activate
from fibromap.store.store import Store


@pytest.fixture
def store(sqlite_url, paths):
    opened = Store.open(sqlite_url, paths)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def english():
    activate("en")
    try:
        yield
    finally:
        activate("en")
