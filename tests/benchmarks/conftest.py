"""On-demand performance checks (`make bench`), not part of `make test`.

Timings on these shared machines are noisy, so every figure is reported as a ratio
against a baseline measured in the same run.
"""

import time

import pytest


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
    from tests.helpers.big_history import build_big_store

    store = build_big_store(tmp_path_factory.mktemp("bench-home"))
    yield store
    store.close()
