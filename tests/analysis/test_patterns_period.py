"""Patterns counts the flares of its period and no others (issue 31). Its weekly counts
began on the Monday before a period's first day (43 regions where the period held 41),
and a flare at 00:00 on the Monday after a period ending on a Sunday, stored as an import
stores it, raised KeyError in weekly_region_counts."""

from collections import Counter
from datetime import timedelta

import pytest

from fibromap.analysis.review import load_patterns
from fibromap.domain.atlas import load_atlas
from fibromap.store.aggregates import weekly_region_counts
from tests.helpers.period_flares import PERIOD, TODAY, edge_history, inside, save_as_imported, weekly_counts


def save(store, flares, how):
    if how == "typed":
        store.flares.add_many(flares)
    else:
        save_as_imported(store, flares)


@pytest.mark.parametrize("how", ["typed", "imported"])
def test_weekly_counts_hold_only_the_period(store, how):
    flares = edge_history()
    save(store, flares, how)
    expected = weekly_counts(flares)
    weeks = weekly_region_counts(store.database, PERIOD.start, PERIOD.end)
    assert {monday: counts for monday, counts in weeks.items() if counts} == expected
    first = PERIOD.start - timedelta(days=PERIOD.start.weekday())
    assert sorted(weeks) == [first + timedelta(weeks=n) for n in range(len(weeks))]
    assert sorted(weeks)[-1] == PERIOD.end - timedelta(days=6)  # the period ends on a Sunday
    # The edges are where it went wrong: the Monday before, the Monday after.
    assert "pectoralis.right" not in weeks[first] and "adductors.left" in weeks[first]
    assert "sartorius.right" not in set().union(*weeks.values())


@pytest.mark.parametrize("how", ["typed", "imported"])
def test_the_spread_is_worked_out_from_the_period_alone(store, how):
    flares = edge_history()
    save(store, flares, how)
    expected = weekly_counts(flares)
    totals = sum(expected.values(), Counter())
    spread = load_patterns(store, PERIOD, load_atlas(), today=TODAY).spread
    assert spread.distinct_regions == len(totals)
    assert spread.weeks_with_flares == len(expected)
    assert spread.regions_per_week == pytest.approx(
        sum(len(c) for c in expected.values()) / len(expected))
    top = [region for region, _n in totals.most_common(3)]
    assert spread.top_share == pytest.approx(sum(totals[r] for r in top) / sum(totals.values()))


def test_every_count_of_patterns_is_the_periods(store):
    """The flares as the app saves them: hours, weekdays, lengths and regions agree with
    the period's flares counted here (the regions were 14 where the period holds 11)."""
    flares = edge_history()
    store.flares.add_many(flares)
    period_flares = inside(flares)
    data = load_patterns(store, PERIOD, load_atlas(), "soleus.left", today=TODAY)
    assert data.flares == len(period_flares)
    assert data.hours == [sum(1 for f in period_flares if f.onset_local.hour == h) for h in range(24)]
    assert data.weekdays == [sum(1 for f in period_flares if f.onset_local.weekday() == d)
                             for d in range(7)]
    assert sum(n for _label, n in data.durations) == len(period_flares)
    soleus = Counter(f.onset_local.date() for f in period_flares
                     if any(s.region == "soleus.left" and s.intensity for s in f.sites))
    assert {d.day: d.flares for d in data.region_days} == soleus
    assert data.spread.distinct_regions == len(sum(weekly_counts(flares).values(), Counter()))
