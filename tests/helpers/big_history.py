"""About 50,000 flares: ten years of demo history, repeated back in time six times (the
benchmarks), or fewer copies (the suite's test of every view, about 25,000)."""

import dataclasses
from datetime import timedelta

from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.store.store import Store


def build_big_store(home, copies: int = 6) -> Store:
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    store = Store.open(f"sqlite:///{home / 'big.sqlite3'}", paths)
    decade = generate(days=3650, seed=11)
    for copy in range(copies):
        shift = timedelta(days=3650 * copy)
        store.flares.add_many([dataclasses.replace(f, onset=f.onset - shift, created=None,
                                                   modified=None) for f in decade.flares])
    store.checkins.put_many(decade.checkins)
    for medication in decade.medications:
        store.medications.add(medication)
    for questionnaire in decade.questionnaires:
        store.questionnaires.put(questionnaire)
    return store
