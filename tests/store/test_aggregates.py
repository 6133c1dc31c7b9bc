"""Every aggregate against a small dataset worked out by hand."""

from datetime import date

import pytest

from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.store.aggregates import (
    daily_figures, duration_counts, durations, night_flares, region_figures, referral_counts,
    regions_between, regions_by_day, time_of_day, unrated_zones, weekday_counts,
    weekly_region_counts,
)
from tests.helpers.records import at, temple_flare


@pytest.fixture
def seeded(store):
    """Four flares; 6 April 2026 is a Monday."""
    store.flares.add_many([
        # Mon 6 Apr 03:00 local (+2), 60 s: calf 8, referred heel 5 from it
        Flare(onset=at(2026, 4, 6, 3, 0, offset_hours=2), duration_seconds=60,
              sites=(SpasmSite("gastrocnemius.left", 8), SpasmSite("heel.left", 5, SiteRole.REFERRED)),
              referrals=(Referral("gastrocnemius.left", "heel.left", 5),)),
        # Mon 6 Apr 23:30 local: still Monday on the person's clock; 120 s: calf 4
        Flare(onset=at(2026, 4, 6, 23, 30, offset_hours=2), duration_seconds=120,
              sites=(SpasmSite("gastrocnemius.left", 4),)),
        # Wed 8 Apr 03:45, ongoing: trapezius 6, referred temple 3
        Flare(onset=at(2026, 4, 8, 3, 45, offset_hours=2),
              sites=(SpasmSite("upper_trapezius.right", 6), SpasmSite("temple.right", 3, SiteRole.REFERRED)),
              referrals=(Referral("upper_trapezius.right", "temple.right", 3),)),
        # Mon 13 Apr 14:10, 30 s: calf 2, heel referred 1
        Flare(onset=at(2026, 4, 13, 14, 10, offset_hours=2), duration_seconds=30,
              sites=(SpasmSite("gastrocnemius.left", 2), SpasmSite("heel.left", 1, SiteRole.REFERRED)),
              referrals=(Referral("gastrocnemius.left", "heel.left", 1),)),
    ])
    return store


def test_region_figures(seeded):
    figures = region_figures(seeded.database)
    calf = figures["gastrocnemius.left"]
    assert (calf.flares, calf.max_intensity, calf.referred) == (3, 8, 0)
    assert calf.mean_intensity == pytest.approx((8 + 4 + 2) / 3)
    assert calf.burden == pytest.approx((8 * 60 + 4 * 120 + 2 * 30) / 60)
    heel = figures["heel.left"]
    assert (heel.flares, heel.referred, heel.max_intensity) == (2, 2, 5)
    assert figures["upper_trapezius.right"].burden == 0  # ongoing: duration unknown
    first_week = region_figures(seeded.database, date(2026, 4, 6), date(2026, 4, 12))
    assert first_week["gastrocnemius.left"].flares == 2
    assert set(first_week) == {"gastrocnemius.left", "heel.left", "upper_trapezius.right",
                               "temple.right"}


def test_referral_counts(seeded):
    assert referral_counts(seeded.database) == [
        ("gastrocnemius.left", "heel.left", 2), ("upper_trapezius.right", "temple.right", 1)]
    assert referral_counts(seeded.database, date(2026, 4, 13), None) == [
        ("gastrocnemius.left", "heel.left", 1)]


def test_time_of_day_and_weekday_on_the_persons_clock(seeded):
    hours = time_of_day(seeded.database)
    assert hours[3] == 2 and hours[23] == 1 and hours[14] == 1 and sum(hours) == 4
    assert weekday_counts(seeded.database) == [3, 0, 1, 0, 0, 0, 0]


def test_regions_by_week_for_the_wpi(seeded):
    assert regions_between(seeded.database, date(2026, 4, 7), date(2026, 4, 13)) == {
        "upper_trapezius.right", "temple.right", "gastrocnemius.left", "heel.left"}
    days = regions_by_day(seeded.database, date(2026, 4, 7), date(2026, 4, 19))
    assert days == {date(2026, 4, 8): {"upper_trapezius.right", "temple.right"},
                    date(2026, 4, 13): {"gastrocnemius.left", "heel.left"}}


def test_daily_figures_all_and_one_region(seeded):
    days = daily_figures(seeded.database)
    assert [(d.day, d.flares, d.max_intensity) for d in days] == [
        (date(2026, 4, 6), 2, 8), (date(2026, 4, 8), 1, 6), (date(2026, 4, 13), 1, 2)]
    assert days[0].mean_intensity == pytest.approx((8 + 5 + 4) / 3)
    heel = daily_figures(seeded.database, region="heel.left")
    assert [(d.day, d.flares, d.max_intensity) for d in heel] == [
        (date(2026, 4, 6), 1, 5), (date(2026, 4, 13), 1, 1)]


def test_night_flares_and_durations(seeded):
    assert night_flares(seeded.database) == {date(2026, 4, 6): 1, date(2026, 4, 8): 1}
    counts = dict(duration_counts(seeded.database))
    assert counts == {"under 30 s": 0, "30 s – 2 min": 2, "2 – 10 min": 1, "10 – 60 min": 0,
                      "1 – 6 h": 0, "over 6 h": 0, "still going": 0, "not given": 1}


def test_weekly_region_counts(seeded):
    weeks = weekly_region_counts(seeded.database, date(2026, 4, 6), date(2026, 4, 19))
    assert weeks[date(2026, 4, 6)] == {"gastrocnemius.left": 2, "heel.left": 1,
                                       "upper_trapezius.right": 1, "temple.right": 1}
    assert weeks[date(2026, 4, 13)] == {"gastrocnemius.left": 1, "heel.left": 1}


def test_a_site_marked_0_counts_nowhere_as_pain(store):
    """Jaw and chest marked 0 in a week: no pain there, so no WPI areas, no heat, no mean."""
    from fibromap.analysis.scores import wpi
    from fibromap.domain.atlas import load_atlas

    store.flares.add_many([
        Flare(onset=at(2026, 4, 20, 9), sites=(SpasmSite("masseter.left", 0),
                                               SpasmSite("pectoralis.right", 0))),
        Flare(onset=at(2026, 4, 21, 9), sites=(SpasmSite("soleus.left", 6), SpasmSite("temple.left", 0,
                                                                                  SiteRole.REFERRED)),
              referrals=(Referral("soleus.left", "temple.left", 0),)),
    ])
    week = regions_between(store.database, date(2026, 4, 20), date(2026, 4, 26))
    assert week == {"soleus.left"}
    assert wpi(week, load_atlas()).score == 1  # the left lower leg only; 0 marks give none
    assert set(region_figures(store.database)) == {"soleus.left"}
    assert referral_counts(store.database) == []
    assert regions_by_day(store.database, date(2026, 4, 20), date(2026, 4, 26)) == {
        date(2026, 4, 21): {"soleus.left"}}
    monday, tuesday = daily_figures(store.database)
    assert (monday.flares, monday.mean_intensity, monday.max_intensity) == (1, None, None)
    assert (tuesday.flares, tuesday.mean_intensity, tuesday.max_intensity) == (1, 6, 6)
    assert weekly_region_counts(store.database, date(2026, 4, 20), date(2026, 4, 26)) == {
        date(2026, 4, 20): {"soleus.left": 1}}
    summary = store.summary()
    assert (summary.flares, summary.sites, summary.mean_intensity, summary.max_intensity) == (2, 1, 6, 6)
    assert [r.region for r in summary.top_regions] == ["soleus.left"]


def test_detail_regions_roll_up_to_the_whole_figure_each_flare_counted_once(store):
    """A flare on the thumb and the thenar, one on the palm itself, one on the thumb:
    worked by hand. On the whole figure the palm has 3 flares (not 4 marks), a mean over
    the 4 marks, the highest mark; a referral from the thumb web to the index finger is
    one from the back of the hand to the palm; one within the palm is no arrow."""
    from fibromap.domain.atlas import load_atlas

    rolled = load_atlas().roll_up()
    store.flares.add_many([
        Flare(onset=at(2026, 4, 6, 9, 0), duration_seconds=60,
              sites=(SpasmSite("thumb.right", 6), SpasmSite("thenar.right", 3))),
        Flare(onset=at(2026, 4, 7, 9, 0), duration_seconds=120,
              sites=(SpasmSite("palm.right", 2),)),
        Flare(onset=at(2026, 4, 8, 9, 0),
              sites=(SpasmSite("first_dorsal_interosseous.right", 5),
                     SpasmSite("index_finger.right", 4, SiteRole.REFERRED),
                     SpasmSite("thumb.right", 7)),
              referrals=(Referral("first_dorsal_interosseous.right", "index_finger.right", 4),
                         Referral("thumb.right", "index_finger.right", 4))),
    ])
    raw = region_figures(store.database)
    assert raw["thumb.right"].flares == 2 and "palm.right" in raw
    figures = region_figures(store.database, rolled_up=rolled)
    palm = figures["palm.right"]
    assert (palm.flares, palm.max_intensity, palm.referred) == (3, 7, 1)
    assert palm.mean_intensity == pytest.approx((6 + 3 + 2 + 4 + 7) / 5)
    assert palm.burden == pytest.approx((6 * 60 + 3 * 60 + 2 * 120) / 60)
    assert set(figures) == {"palm.right", "hand_back.right"}
    assert referral_counts(store.database, rolled_up=rolled) == [
        ("hand_back.right", "palm.right", 1)]
    assert referral_counts(store.database) == [
        ("first_dorsal_interosseous.right", "index_finger.right", 1),
        ("thumb.right", "index_finger.right", 1)]


def test_an_unrated_referred_zone_counts_where_felt_and_in_no_intensity(store):
    """The temple, never rated, used to be stored at its source's 7: it counted in the mean
    intensity and among the regions in pain."""
    day = date(2026, 3, 30)
    store.flares.add(temple_flare())
    temple = region_figures(store.database)["temple.left"]
    assert (temple.flares, temple.referred, temple.mean_intensity, temple.max_intensity) == (
        1, 1, None, None)
    assert [d.mean_intensity for d in daily_figures(store.database)] == [7.0]
    assert regions_between(store.database, day, day) == {"masseter.left"}
    summary = store.summary(day, day)
    assert (summary.sites, summary.mean_intensity, summary.unrated_zones) == (1, 7.0, 1)
    assert unrated_zones(store.database, day, day) == 1
    assert referral_counts(store.database) == [("masseter.left", "temple.left", 1)]
    assert [(d.flares, d.mean_intensity) for d in daily_figures(
        store.database, region="temple.left")] == [(1, None)]


def test_still_going_and_not_given_are_counted_apart(store):
    store.flares.add_many([temple_flare(), temple_flare(onset=at(2026, 3, 31, 8), still_going=False),
                           temple_flare(onset=at(2026, 4, 1, 8), still_going=False,
                                        duration_seconds=90)])
    counts = dict(duration_counts(store.database))
    assert (counts["still going"], counts["not given"], counts["30 s – 2 min"]) == (1, 1, 1)
    assert durations(store.database) == [90]
