import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fibromap.config import Paths, database_url
from fibromap.domain.records import flare_fingerprint, in_export_order
from fibromap.store.bulk_flares import flares_in_chunks, insert_many
from fibromap.store.store import Store
from tests.helpers.strategies import flares

pytestmark = pytest.mark.slow  # many examples, each with a database: left to `make test`


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flare=flares())
def test_any_valid_flare_comes_back_exactly_as_saved(flare):
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        store = Store.open(database_url(paths), paths)
        try:
            loaded = store.flares.get(store.flares.add(flare).id)
        finally:
            store.close()
    assert dataclasses.replace(loaded, id=None, created=None, modified=None) == flare
    assert loaded.onset.utcoffset() == flare.onset.utcoffset()


@settings(max_examples=25, deadline=None)
@given(batch=st.lists(flares(), min_size=1, max_size=12,
                      unique_by=lambda f: (f.onset_utc, frozenset(f.regions))))
def test_flares_written_and_read_in_bulk_are_the_flares_saved_one_by_one(batch):
    """The bulk paths (import, export) skip the ORM and the checks on reading back: what
    they give must be exactly what the ordinary path gives."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        store = Store.open(database_url(paths), paths)
        try:
            with store.database.transaction() as session:
                insert_many(session, batch)
            ordinary = {f.id: f for f in store.flares.between()}
            chunks = list(flares_in_chunks(store.database, size=5))
        finally:
            store.close()
    read = [pair for chunk in chunks for pair in chunk]
    assert [flare for flare, _mark in read] == in_export_order(ordinary.values())
    for flare, mark in read:
        same = ordinary[flare.id]
        assert (flare.created, flare.modified) == (same.created, same.modified)
        assert flare.onset.utcoffset() == same.onset.utcoffset()
        assert mark == flare_fingerprint(same)
    assert sorted(map(flare_fingerprint, batch)) == sorted(mark for _flare, mark in read)
