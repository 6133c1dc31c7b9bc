from datetime import date, timedelta

import pytest

from fibromap.analysis.insights import (
    ASSOCIATION, MIN_DAYS, compare, following_night_comparisons, medication_comparisons,
    sleep_comparisons, t_critical,
)
from fibromap.analysis.patterns import spread
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn, Medication

D0 = date(2026, 1, 1)


def test_welch_difference_and_interval_by_hand():
    # a: mean 3, variance 1; b: mean 1, variance 1; n = 4 each
    result = compare("x", "a", "b", "flares", [2, 3, 4, 3], [0, 1, 2, 1])
    assert result.difference == 2
    se = (2 / 3 / 4 + 2 / 3 / 4) ** 0.5  # sample variances 2/3
    assert result.ci_low == pytest.approx(2 - t_critical(6) * se)
    assert result.ci_high == pytest.approx(2 + t_critical(6) * se)
    assert t_critical(6) == 2.45 and t_critical(500) == 1.96


def test_too_few_days_is_hidden_and_says_how_many_more():
    result = compare("Poor sleep", "after a poor night", "after a better night", "flares",
                     [1.0] * 4, [0.0] * 12)
    assert not result.enough and result.more_days_needed == MIN_DAYS - 4
    text = result.sentence()
    assert "not enough data yet" in text and "6 more days after a poor night" in text
    assert "rests on 16 days" in text


def test_poor_sleep_is_followed_by_more_flares_at_24_hours():
    checkins, flares = [], {}
    for i in range(40):
        day = D0 + timedelta(days=i)
        poor = i % 2 == 0
        checkins.append(CheckIn(day, sleep_hours=4.5 if poor else 8.0))
        flares[day] = 3 if poor else 1  # the day after a poor night
    day24, day48, day72 = sleep_comparisons(checkins, flares)
    assert day24.n_exposed == 20 and day24.n_other == 20
    assert day24.mean_exposed == 3 and day24.mean_other == 1 and day24.difference == 2
    assert day24.enough and ASSOCIATION.capitalize() in day24.sentence()
    assert "40 days" in day24.sentence()
    assert day48.difference == pytest.approx(-2, abs=0.2)  # alternating: the next day is the other kind


def test_triggers_water_stress_and_foods_against_the_following_night():
    days = [D0 + timedelta(days=i) for i in range(30)]
    checkins = [CheckIn(d, water_glasses=3 if i < 15 else 8, stress=8 if i % 3 == 0 else 2,
                        foods=frozenset({"coffee"} if i % 2 else set()))
                for i, d in enumerate(days)]
    triggers = {d: {"cold"} for d in days[:12]}
    nights = {d + timedelta(days=1): (2 if i < 15 else 0) for i, d in enumerate(days)}
    results = {c.title: c for c in following_night_comparisons(days, checkins, triggers, nights,
                                                               {"cold": "Cold", "meal": "A meal"})}
    cold = results["Cold and the following night"]
    assert (cold.n_exposed, cold.n_other, cold.mean_exposed) == (12, 18, 2)
    assert cold.mean_other == pytest.approx(6 / 18)
    assert "A meal and the following night" not in results  # never logged
    water = results["Little water and the following night"]
    assert (water.n_exposed, water.mean_exposed, water.mean_other) == (15, 2, 0)
    assert results["Coffee and the following night"].n_exposed == 15
    assert results["High stress and the following night"].n_exposed == 10


def test_medication_before_and_after():
    start = D0 + timedelta(days=30)
    flares = {D0 + timedelta(days=i): (4 if i < 30 else 1) for i in range(60)}
    [result] = medication_comparisons([Medication("Cyclobenzaprine", "5 mg", start)], flares,
                                      D0, D0 + timedelta(days=59))
    assert (result.mean_exposed, result.mean_other, result.difference) == (1, 4, -3)
    assert result.n_exposed == result.n_other == 30 and "fewer" in result.sentence()


def test_same_spot_or_moving_around():
    atlas = load_atlas()
    same = {D0: {"quadratus_lumborum.right": 5, "soleus.left": 1},
            D0 + timedelta(days=7): {"quadratus_lumborum.right": 6}, D0 + timedelta(days=14): {}}
    result = spread(same, atlas)
    assert result.weeks_with_flares == 2 and result.regions_per_week == 1.5
    assert result.top_regions[0] == "quadratus_lumborum.right" and result.top_share == 1.0
    assert result.summary.startswith("Mostly the same spots") and "2 weeks with flares" in result.summary
    moving = {D0: {r.id: 1 for r in list(atlas)[:20]}}
    assert spread(moving, atlas).summary.startswith("They move around: 20 different regions")
    assert spread({}, atlas).summary == "No flares in this period."
