"""On-demand performance checks (`make bench`), not part of `make test`.

Timings on these shared machines are noisy, so every figure is reported as a ratio
against a baseline measured in the same run.
"""

import dataclasses
import time
from datetime import timedelta

import pytest

from fibromap.demo import generate
from fibromap.store.store import Store


def timed(action, repeat: int = 5) -> float:
    """The best of ``repeat`` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.fixture(scope="session")
def big_store(tmp_path_factory):
    """About 50,000 flares: ten years of demo history, repeated back in time."""
    from fibromap.config import Paths

    home = tmp_path_factory.mktemp("bench-home")
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    store = Store.open(f"sqlite:///{home / 'bench.sqlite3'}", paths)
    decade = generate(days=3650, seed=11).flares
    for copy in range(6):
        shift = timedelta(days=3650 * copy)
        store.flares.add_many([dataclasses.replace(f, onset=f.onset - shift, created=None,
                                                   modified=None) for f in decade])
    yield store
    store.close()
