"""About 50,000 flares: ten years of demo history, repeated back in time six times (the
benchmarks), or fewer copies (the suite's test of every view, about 25,000)."""

import dataclasses
from datetime import timedelta

from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.store.store import Store


def build_big_store(home, copies: int = 6) -> Store:
    """Written in one transaction the way an import writes (fibromap.store.bulk): a
    quarter of the time of saving the flares one list at a time through the repository."""
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    store = Store.open(f"sqlite:///{home / 'big.sqlite3'}", paths)
    decade = generate(days=3650, seed=11)
    flares = [dataclasses.replace(f, onset=f.onset - timedelta(days=3650 * copy), created=None,
                                  modified=None)
              for copy in range(copies) for f in decade.flares]
    written = write_new(store, Records(flares=flares, checkins=decade.checkins,
                                       medications=decade.medications,
                                       questionnaires=list(decade.questionnaires)))
    assert written.added["flares"] == len(flares)  # no copy taken for another
    return store
