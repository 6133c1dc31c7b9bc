import dataclasses
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from fibromap.config import Paths, database_url
from fibromap.store.store import Store
from tests.helpers.strategies import flares


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
