"""Two programs on one database (SQLite and PostgreSQL): each can tell when the other
saved something, and neither saves over a change it has not seen."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from fibromap.domain.daily import CheckIn
from fibromap.errors import ChangedElsewhere
from fibromap.store.schema import FlareRow
from fibromap.store.store import Store
from tests.helpers.records import full_flare


@pytest.fixture
def two(any_url, paths):
    one, other = Store.open(any_url, paths), Store.open(any_url, paths)
    yield one, other
    one.close()
    other.close()


def test_every_save_counts_one_change_and_reading_counts_none(two):
    one, other = two
    before = other.database.changes()
    flare = one.flares.add(full_flare())
    one.checkins.put(CheckIn(date(2026, 3, 29), sleep_hours=6.5))
    assert other.database.changes() == before + 2
    assert one.database.own_changes >= {before + 1, before + 2}
    assert not other.database.own_changes & {before + 1, before + 2}
    one.flares.get(flare.id), one.flares.between(), one.summary(), one.checkins.count()
    assert other.database.changes() == before + 2
    other.flares.delete(flare.id)
    assert one.database.changes() == before + 3 and before + 3 in other.database.own_changes


def test_a_correction_made_to_an_older_version_is_refused(two):
    one, other = two
    saved = one.flares.add(full_flare(notes="first"))
    other.flares.update(replace(other.flares.get(saved.id), notes="changed by the other"))
    with pytest.raises(ChangedElsewhere) as told:
        one.flares.update(replace(saved, notes="changed by the first"))
    assert one.flares.get(saved.id).notes == "changed by the other"
    # Building on the version it was told of, the first may now replace it.
    assert told.value.current.notes == "changed by the other"
    one.flares.update(replace(told.value.current, notes="changed by the first"))
    assert other.flares.get(saved.id).notes == "changed by the first"


def test_correcting_a_flare_deleted_elsewhere_is_refused_and_says_so(two):
    one, other = two
    saved = one.flares.add(full_flare())
    other.flares.delete(saved.id)
    with pytest.raises(ChangedElsewhere) as told:
        one.flares.update(replace(saved, notes="too late"))
    assert told.value.current is None and one.flares.count() == 0


def test_a_check_in_saved_elsewhere_is_not_overwritten_unseen(two):
    one, other = two
    day = date(2026, 3, 29)
    shown = one.checkins.get(day)  # nothing yet
    other.checkins.put(CheckIn(day, sleep_hours=5.0, water_glasses=2))
    with pytest.raises(ChangedElsewhere) as told:
        one.checkins.put(CheckIn(day, stress=7), replacing=shown)
    assert told.value.current == CheckIn(day, sleep_hours=5.0, water_glasses=2)
    assert "29" in str(told.value)  # the day named
    assert other.checkins.get(day) == CheckIn(day, sleep_hours=5.0, water_glasses=2)
    one.checkins.put(CheckIn(day, stress=7), replacing=told.value.current)
    assert other.checkins.get(day) == CheckIn(day, stress=7)


def test_a_long_read_does_not_keep_another_program_from_saving(sqlite_url, paths):
    reader, writer = Store.open(sqlite_url, paths), Store.open(sqlite_url, paths)
    reader.flares.add(full_flare())
    saved = threading.Event()
    try:
        with reader.database.reading() as session:
            assert len(session.scalars(select(FlareRow)).all()) == 1
            # While this read is open, the other program saves at once (a reader holding
            # the write lock would make it wait 5 s and fail as "busy").
            thread = threading.Thread(target=lambda: (writer.flares.add(full_flare(notes="2")),
                                                      saved.set()))
            thread.start()
            assert saved.wait(3), "the save waited for the read to end"
            # The read keeps its own consistent snapshot.
            assert len(session.scalars(select(FlareRow)).all()) == 1
        thread.join()
        assert reader.flares.count() == 2
    finally:
        reader.close()
        writer.close()
