"""`fibromap check` rebuilds every flare, a couple of thousand at a time: its memory stays
the same for any number of flares (issue 33, deliverable 8; the figure for 100,000 flares
is the benchmark's, `make bench`)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from fibromap.config import Paths
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.store.check import READ_AT_ONCE, check_database
from fibromap.store.schema import FlareRow
from fibromap.store.store import Store
from tests.helpers.big_export import copies, history

FLARES = 5_000


def test_the_check_holds_a_lot_of_flares_at_a_time_never_all(tmp_path):
    paths = Paths(tmp_path, tmp_path / "b", tmp_path / "l", tmp_path / "s.ini")
    store = Store.open(f"sqlite:///{tmp_path / 'many.sqlite3'}", paths)
    flares = [flare for chunk in copies(history(365), 365, FLARES) for flare, _ in chunk]
    assert write_new(store, Records(flares=flares)).added["flares"] == FLARES
    held = []  # the flares in the check's session, each time another thousand is read

    def loaded(session, instance):
        if isinstance(instance, FlareRow) and instance.id % 1_000 == 0:
            held.append(sum(isinstance(o, FlareRow) for o in session.identity_map.values()))

    event.listen(Session, "loaded_as_persistent", loaded)
    try:
        report = check_database(store.database)
    finally:
        event.remove(Session, "loaded_as_persistent", loaded)
        store.close()
    assert report.ok, report.problems
    assert len(held) == FLARES // 1_000
    assert max(held) <= READ_AT_ONCE, held  # all at once: 5,000
