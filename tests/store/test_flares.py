import dataclasses
from datetime import date, datetime, timedelta

import pytest

from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.errors import DatabaseError, ValidationError
from fibromap.store.bulk_flares import read_all_flares
from tests.helpers.records import at, full_flare
from tests.helpers.refusals import fits, refused


def bare(flare: Flare) -> Flare:
    return dataclasses.replace(flare, id=None, created=None, modified=None)


def test_every_field_of_a_flare_survives_the_round_trip(store):
    original = full_flare()
    saved = store.flares.add(original)
    assert saved.id is not None
    loaded = store.flares.get(saved.id)
    assert bare(loaded) == original
    assert loaded.onset == original.onset and loaded.onset.utcoffset() == timedelta(hours=1)
    assert loaded.created is not None and loaded.created == loaded.modified
    assert loaded.created.tzinfo is not None


def test_a_flare_with_no_length_given_and_empty_optional_fields(store):
    minimal = Flare(onset=at(2026, 5, 1, 9), sites=(SpasmSite("gastrocnemius.right", 9),))
    loaded = store.flares.get(store.flares.add(minimal).id)
    assert bare(loaded) == minimal and not loaded.length_given and not loaded.still_going


def test_still_going_and_an_unrated_referred_zone_are_stored_as_such(store):
    """Before: no flag (a NULL duration read as going or not by the clock), and a zone's
    intensity could not be NULL (the source's was copied in)."""
    flare = Flare(onset=at(2026, 5, 1, 9), still_going=True,
                  sites=(SpasmSite("masseter.right", 7),
                         SpasmSite("temple.right", None, SiteRole.REFERRED)),
                  referrals=(Referral("masseter.right", "temple.right", None),))
    saved = store.flares.add(flare)
    for loaded in (store.flares.get(saved.id), read_all_flares(store.database)[0]):
        assert bare(loaded) == flare and loaded.still_going and loaded.unrated_zones == (
            "temple.right",)
    summary, = store.flares.summaries()
    assert (summary.still_going, summary.unrated, summary.max_intensity) == (
        True, ("temple.right",), 7)
    unsaid = store.flares.update(dataclasses.replace(saved, still_going=False))
    assert not store.flares.get(unsaid.id).still_going


def test_an_edit_keeps_creation_time_and_records_modification(store):
    saved = store.flares.add(full_flare())
    changed = dataclasses.replace(saved, sites=(SpasmSite("upper_trapezius.left", 4),),
                                  referrals=(), notes="calmer", triggers=frozenset({"stress"}))
    updated = store.flares.update(changed)
    assert updated.created == saved.created
    assert updated.modified > saved.modified
    loaded = store.flares.get(saved.id)
    assert loaded.sites == (SpasmSite("upper_trapezius.left", 4),)
    assert loaded.referrals == () and loaded.notes == "calmer"
    assert loaded.triggers == frozenset({"stress"})


def test_delete_then_restore_gives_back_the_same_flare(store):
    saved = store.flares.add(full_flare())
    deleted = store.flares.delete(saved.id)
    assert store.flares.count() == 0
    with refused(ValidationError, "id", saved.id):
        store.flares.get(saved.id)
    restored = store.flares.restore(deleted)
    assert bare(restored) == bare(saved)
    assert restored.created == saved.created and restored.modified == saved.modified


def test_flares_are_found_by_the_persons_local_day(store):
    # 23:30 at UTC+2 is 21:30 UTC on the same day; 00:30 at UTC+2 is 22:30 UTC the day before.
    late = store.flares.add(full_flare(onset=at(2026, 7, 1, 23, 30, offset_hours=2)))
    early = store.flares.add(full_flare(onset=at(2026, 7, 2, 0, 30, offset_hours=2)))
    july_first = store.flares.between(date(2026, 7, 1), date(2026, 7, 1))
    assert [f.id for f in july_first] == [late.id]
    assert [f.id for f in store.flares.between(date(2026, 7, 2), None)] == [early.id]
    assert [f.id for f in store.flares.between()] == [late.id, early.id]
    assert store.flares.count(date(2026, 7, 1), date(2026, 7, 2)) == 2
    assert store.flares.latest().id == early.id


def test_unknown_region_or_word_is_refused_and_nothing_is_saved(store):
    with refused(ValidationError, "region", "'tail.left'"):
        store.flares.add(full_flare(sites=(SpasmSite("tail.left", 3),), referrals=()))
    with refused(ValidationError, "trigger", "'full_moon'"):
        store.flares.add_many([full_flare(), full_flare(triggers=frozenset({"full_moon"}))])
    assert store.flares.count() == 0


def test_the_database_itself_refuses_out_of_range_values(store):
    from sqlalchemy import text

    store.flares.add(full_flare())
    with pytest.raises(DatabaseError) as told:
        with store.database.transaction() as session:
            session.execute(text("UPDATE site SET intensity = 11"))
    fits(told.value, "the database refused the change: {said}")
    assert store.flares.latest().max_intensity == 8


def test_update_of_a_flare_that_was_never_saved_is_refused(store):
    with refused(ValidationError, "id"):
        store.flares.update(full_flare())


def test_many_flares_in_one_transaction(store):
    start = at(2026, 1, 1, 8)
    flares = [full_flare(onset=start + timedelta(hours=5 * i)) for i in range(200)]
    store.flares.add_many(flares)
    assert store.flares.count() == 200
    assert store.flares.latest().onset == flares[-1].onset
    assert isinstance(store.flares.latest().created, datetime)


def test_summaries_page_newest_first_with_filters(store):
    from fibromap.store.flares import FlareFilter

    base = at(2026, 3, 1, 8)
    flares = [full_flare(onset=base + timedelta(hours=7 * i),
                         triggers=frozenset({"stress"} if i % 3 == 0 else {"cold"}),
                         sites=(SpasmSite("soleus.left" if i % 2 else "upper_trapezius.left", i % 11),),
                         referrals=())
              for i in range(25)]
    store.flares.add_many(flares)
    first = store.flares.summaries(limit=10)
    assert [s.onset for s in first] == sorted((f.onset for f in flares), reverse=True)[:10]
    rest = store.flares.summaries(after=first[-1].position, limit=100)
    assert len(first) + len(rest) == 25
    assert {s.id for s in first}.isdisjoint({s.id for s in rest})
    newest = first[0]
    assert newest.regions == ("upper_trapezius.left",) and newest.max_intensity == 24 % 11
    assert newest.onset.utcoffset() == timedelta(hours=1)
    where = FlareFilter(region="soleus.left", trigger="stress")
    expected = [i for i in range(25) if i % 2 and i % 3 == 0]
    assert store.flares.count_matching(where) == len(expected)
    assert len(store.flares.summaries(where)) == len(expected)
    assert store.flares.count_matching(FlareFilter(date(2026, 3, 1), date(2026, 3, 1))) == 3


def test_filtering_by_a_region_finds_the_flares_marked_on_its_parts(store):
    """"Right palm and fingers" lists a flare marked on the right thumb in the hands' view;
    the thumb lists only its own."""
    from fibromap.store.flares import FlareFilter

    store.flares.add_many([
        full_flare(onset=at(2026, 3, 1, 8), sites=(SpasmSite("thumb.right", 4),), referrals=()),
        full_flare(onset=at(2026, 3, 2, 8), sites=(SpasmSite("palm.right", 3),), referrals=()),
        full_flare(onset=at(2026, 3, 3, 8), sites=(SpasmSite("thumb.left", 5),), referrals=()),
    ])
    assert store.flares.count_matching(FlareFilter(region="palm.right")) == 2
    assert store.flares.count_matching(FlareFilter(region="thumb.right")) == 1
    assert store.flares.count_matching(FlareFilter(region="palm.left")) == 1
