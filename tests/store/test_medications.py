"""Medications are records the person owns: the same one is kept once, each can be
corrected, stopped or deleted, and a change undone puts back exactly what was there."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from fibromap.domain.daily import Medication, later_stop, merge_repeats
from fibromap.domain.records import Records
from fibromap.errors import ChangedElsewhere, DatabaseError, ValidationError
from fibromap.store.bulk import write_new
from fibromap.store.check import check_database
from fibromap.store.database import Database
from fibromap.store.medications import AlreadyListed
from fibromap.store.revisions import HEAD_REVISION
from fibromap.store.store import Store
from tests.helpers.refusals import fits, refused

RELAXANT = Medication("Cyclobenzaprine", "5 mg at night", date(2026, 1, 5))


def listed(store):
    return [(m.name, m.dose, m.start, m.stop) for m in store.medications.all()]


def test_the_same_medication_twice_is_refused_with_a_message(store):
    first = store.medications.add(RELAXANT)
    with refused(AlreadyListed, "name", first.id) as told:
        store.medications.add(RELAXANT)
    assert told.value.listed == first  # the one in the list, named with its number
    with pytest.raises(AlreadyListed):  # stopped or not, it is the same medication
        store.medications.add(Medication(RELAXANT.name, RELAXANT.dose, RELAXANT.start,
                                         date(2026, 2, 1)))
    # Another dose, another start or another name is another entry.
    store.medications.add(Medication("Cyclobenzaprine", "10 mg at night", date(2026, 1, 5)))
    store.medications.add(Medication("Cyclobenzaprine", "5 mg at night", date(2026, 1, 6)))
    store.medications.add(Medication("Magnésium", "", date(2026, 1, 5)))
    assert store.medications.count() == 4


def test_a_correction_or_a_dose_change_into_one_already_there_is_refused(store):
    kept = store.medications.add(RELAXANT)
    other = store.medications.add(Medication("Cyclobenzaprine", "10 mg at night", date(2026, 2, 1)))
    before = listed(store)
    with refused(AlreadyListed, "name") as told:
        store.medications.update(Medication(kept.name, "10 mg at night", date(2026, 2, 1),
                                            id=kept.id))
    assert told.value.listed == other
    with pytest.raises(AlreadyListed):
        store.medications.change_dose(kept.id, "10 mg at night", date(2026, 2, 1))
    assert listed(store) == before  # nothing half-done: the first dose is not stopped
    # A correction that keeps its own name, dose and start is no repeat of itself.
    assert store.medications.update(Medication(other.name, other.dose, other.start,
                                                date(2026, 3, 1), other.id)).stop == date(2026, 3, 1)


def test_edit_stop_and_delete_then_put_back_exactly(store):
    added = store.medications.add(RELAXANT)
    other = store.medications.add(Medication("Pregabalin", "75 mg twice daily", date(2026, 2, 3)))
    edited = store.medications.update(Medication("Cyclobenzaprine", "2.5 mg", date(2026, 1, 4),
                                                 id=added.id))
    assert store.medications.get(added.id) == edited
    stopped = store.medications.stop(added.id, date(2026, 3, 18))
    assert stopped == Medication("Cyclobenzaprine", "2.5 mg", date(2026, 1, 4), date(2026, 3, 18),
                                 added.id)
    with refused(ValidationError, "stop", "2026-01-01", "2026-01-04"):
        store.medications.stop(added.id, date(2026, 1, 1))
    removed = store.medications.delete(added.id)
    assert removed == stopped and store.medications.all() == [other]
    with refused(ValidationError, "id", added.id):
        store.medications.delete(added.id)
    # Undo: the row comes back with its own number and every value; redo takes it again.
    store.medications.put_back([(added.id, removed)], replacing=[(added.id, None)])
    assert store.medications.all() == [removed, other]
    store.medications.put_back([(added.id, None)], replacing=[(added.id, removed)])
    assert store.medications.all() == [other]
    # A dose change undone: two rows at once.
    store.medications.put_back([(added.id, edited)], replacing=[(added.id, None)])
    raised = store.medications.change_dose(added.id, "10 mg at night", date(2026, 2, 1))
    store.medications.put_back([(added.id, edited), (raised.id, None)],
                               replacing=[(added.id, store.medications.get(added.id)),
                                          (raised.id, raised)])
    assert store.medications.all() == [edited, other]


def test_an_undo_over_a_change_made_elsewhere_changes_nothing(store):
    added = store.medications.add(RELAXANT)
    edited = store.medications.update(replace(RELAXANT, dose="2.5 mg", id=added.id))
    stopped = store.medications.stop(added.id, date(2026, 2, 1))  # in another window
    with pytest.raises(ChangedElsewhere):
        store.medications.put_back([(added.id, replace(RELAXANT, id=added.id))],
                                   replacing=[(added.id, edited)])
    assert store.medications.all() == [stopped]
    # A deleted row's number given to a new one (SQLite reuses the highest): its undo
    # would overwrite the new one, so it is refused.
    removed = store.medications.delete(added.id)
    again = store.medications.add(Medication("Magnesium", "300 mg", date(2026, 1, 5)))
    with pytest.raises(ChangedElsewhere):
        store.medications.put_back([(again.id, replace(removed, id=again.id))],
                                   replacing=[(again.id, None)])
    assert store.medications.all() == [again]
    store.medications.add(replace(removed, id=None))
    with pytest.raises(AlreadyListed):  # put back beside the same one, added meanwhile
        store.medications.put_back([(added.id + 100, removed)], replacing=[(added.id + 100, None)])
    assert store.medications.count() == 2


def test_no_way_round_the_store_stores_a_medication_twice(store):
    store.medications.add(RELAXANT)
    with pytest.raises(DatabaseError) as told:
        with store.database.transaction() as session:
            session.execute(text("INSERT INTO medication (name, dose, start) "
                                 "VALUES ('Cyclobenzaprine', '5 mg at night', '2026-01-05')"))
    fits(told.value, "that medication, with that dose and start date, is already in the list",
         whole=False)
    # An import that carries one twice (an export from before they were merged) adds it once.
    copies = [Medication("Pregabalin", "75 mg", date(2026, 2, 3)),
              Medication("Pregabalin", "75 mg", date(2026, 2, 3), date(2026, 4, 1)), RELAXANT]
    added = write_new(store, Records(medications=copies)).added["medications"]
    assert added == 1 and store.medications.count() == 2
    assert store.medications.all()[1].stop == date(2026, 4, 1)


def test_copies_merge_into_one_with_the_stop_date_typed_the_later_of_two():
    start = date(2026, 1, 5)
    assert later_stop([None, None]) is None
    assert later_stop([None, date(2026, 2, 1)]) == date(2026, 2, 1)
    assert later_stop([date(2026, 3, 1), None, date(2026, 2, 1)]) == date(2026, 3, 1)
    once, repeated = merge_repeats([
        Medication("A", "1 mg", start), Medication("B", "", start),
        Medication("A", "1 mg", start, date(2026, 2, 1)), Medication("A", "2 mg", start)])
    assert once == [Medication("A", "1 mg", start, date(2026, 2, 1)), Medication("B", "", start),
                    Medication("A", "2 mg", start)]
    assert repeated == [once[0]]


def _downgraded_with_copies(url, paths, rows):
    """A database at revision 0007 (before the merge) holding ``rows`` as stored then."""
    from alembic import command

    from fibromap.store.revisions import alembic_config

    Store.open(url, paths).close()
    database = Database.open(url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007")
        for name, dose, start, stop in rows:
            connection.execute(text("INSERT INTO medication (name, dose, start, stop) VALUES "
                                    "(:n, :d, :s, :e)"),
                               {"n": name, "d": dose, "s": start.isoformat(),
                                "e": stop.isoformat() if stop else None})
    database.close()


def test_upgrading_merges_the_copies_stored_before(any_url, paths):
    start = date(2026, 1, 5)
    _downgraded_with_copies(any_url, paths, [
        ("Cyclobenzaprine", "5 mg at night", start, None),             # Add pressed twice,
        ("Cyclobenzaprine", "5 mg at night", start, None),
        ("Cyclobenzaprine", "5 mg at night", start, date(2026, 2, 1)),  # and one copy stopped
        ("Pregabalin", "75 mg", start, date(2026, 3, 1)),
        ("Pregabalin", "75 mg", start, date(2026, 4, 1)),
        ("Pregabalin", "150 mg", start, None),                          # another dose: kept
        ("Vitamin D", "", start, None)])
    upgraded = Store.open(any_url, paths)
    try:
        assert upgraded.database.revision() == HEAD_REVISION
        assert listed(upgraded) == [
            ("Cyclobenzaprine", "5 mg at night", start, date(2026, 2, 1)),
            ("Pregabalin", "75 mg", start, date(2026, 4, 1)),
            ("Pregabalin", "150 mg", start, None),
            ("Vitamin D", "", start, None)]
        assert [m.id for m in upgraded.medications.all()][:2] == [1, 4]  # the first of each
        assert check_database(upgraded.database).ok
        with pytest.raises(AlreadyListed):
            upgraded.medications.add(Medication("Vitamin D", "", start))
    finally:
        upgraded.close()


def test_the_check_names_a_medication_recorded_twice(any_url, paths):
    store = Store.open(any_url, paths)
    first = store.medications.add(RELAXANT)
    store.close()
    database = Database.open(any_url, paths)
    try:
        assert check_database(database).ok
        # Changed from outside FibroMap: its index dropped and a copy written.
        with database.engine.begin() as connection:
            connection.execute(text("DROP INDEX uq_medication_name_dose_start"))
            connection.execute(text("INSERT INTO medication (name, dose, start) "
                                    "VALUES ('Cyclobenzaprine', '5 mg at night', '2026-01-05')"))
        report = check_database(database)
    finally:
        database.close()
    assert report.problems == [
        f"1 medication recorded more than once: Cyclobenzaprine 5 mg at night from 2026-01-05 "
        f"(numbers {first.id}, {first.id + 1}); `fibromap medications delete NUMBER` removes a copy"]
