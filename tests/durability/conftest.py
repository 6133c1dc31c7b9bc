import pytest


@pytest.fixture(autouse=True)
def on_each_database_kind(database_kind):
    """Each test here that uses the person's database runs on a plain and on a protected
    one (tests/helpers/database_kinds.py)."""
    return database_kind
