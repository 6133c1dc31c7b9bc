"""Issue 31, deliverables 2 and 4, on a real database: a day with no flare, no check-in
and no "no spasms" mark is left out of every comparison (the flat history with a 20-day
gap in logging before a medication finds nothing), a day marked "no spasms" counts as a
day with none, and a night's own spasms are never counted as its next day's (night
spasms that cause the poor night find nothing)."""

import random
from datetime import date, datetime, timedelta, timezone

import pytest

from fibromap.analysis.periods import Period
from fibromap.analysis.review import load_insights
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.device_data import DeviceSleep, DeviceSource, Moment
from fibromap.domain.flare import Flare, SpasmSite
from tests.helpers.records import at

START = date(2026, 1, 1)
TODAY = date(2026, 9, 1)
WATCH = DeviceSource("Apple Health", "Apple Watch")


def flare(day: date, hour: int, minute: int = 0) -> Flare:
    return Flare(onset=at(day.year, day.month, day.day, hour, minute),
                 sites=(SpasmSite("soleus.left", 5),))


def test_a_flat_history_with_a_logging_gap_before_a_medication_finds_nothing(store):
    """Issue 31: 1 to 3 flares every day, logged, and nothing at all in the 20 days before a
    medication started: those days were counted as 20 days without a flare ("+1.03 flares
    a day, notable"); they are left out, and the 10 days before that remain are compared."""
    rng = random.Random(31)
    started = START + timedelta(days=120)
    gap = {started - timedelta(days=k) for k in range(1, 21)}
    counts = {START + timedelta(days=i): rng.randint(1, 3) for i in range(200)}
    store.flares.add_many([flare(day, 9 + n) for day, count in counts.items() if day not in gap
                           for n in range(count)])
    store.medications.add(Medication("Cyclobenzaprine", "5 mg", started))
    insights = load_insights(store, Period(START, START + timedelta(days=199)), TODAY)
    [medication] = insights.medication
    before = [counts[started - timedelta(days=k)] for k in range(21, 31)]
    after = [counts[started + timedelta(days=k)] for k in range(30)]
    assert (medication.n_other, medication.n_exposed) == (10, 30)
    assert medication.mean_other == pytest.approx(sum(before) / 10)
    assert medication.mean_exposed == pytest.approx(sum(after) / 30)
    assert not medication.notable and medication.q_value > 0.2
    assert not any(c.notable for c in insights.comparisons)
    assert insights.left_out == 20


def test_a_day_marked_no_spasms_counts_as_a_day_without_flares(store):
    """A person who logs only flares, and marks the days without any: those days are
    observed, with none; the days neither logged nor marked stay out."""
    started = START + timedelta(days=60)
    days = [START + timedelta(days=i) for i in range(120)]
    flared = {d for i, d in enumerate(days) if i % 5 in (0, 2) or (i >= 60 and i % 5 == 1)}
    store.flares.add_many([flare(d, 10) for d in flared])
    marked = [d for i, d in enumerate(days) if d not in flared and i % 5 != 4]
    store.no_spasms.put_many(marked)
    store.medications.add(Medication("Magnesium", "", started))
    insights = load_insights(store, Period(START, days[-1]), TODAY)
    [medication] = insights.medication
    # Days 30-59 before: flares on i % 5 in (0, 2), marked on 1 and 3, nothing on 4.
    assert (medication.n_other, medication.mean_other) == (24, 0.5)
    # Days 60-89 after: flares on i % 5 in (0, 1, 2), marked on 3, nothing on 4.
    assert (medication.n_exposed, medication.mean_exposed) == (24, 0.75)
    assert insights.left_out == 24  # the days with i % 5 == 4


def reverse_causation(store, seed: int):
    """Spasms at night (before 7) make the night poor and broken, and nothing else: the
    spasms of the day (from 9) come at their own steady rate."""
    rng = random.Random(seed)
    flares, checkins, nights = [], [], []
    for i in range(150):
        day = START + timedelta(days=i)
        night = rng.choice((0, 0, 1, 2))
        flares += [flare(day, 1 + 2 * n, rng.randrange(60)) for n in range(night)]
        flares += [flare(day, 9 + n, rng.randrange(60)) for n in range(rng.randint(0, 3))]
        checkins.append(CheckIn(day, sleep_hours=4.0 if night else 7.5))
        bedtime = datetime.combine(day - timedelta(days=1), datetime.min.time()) + timedelta(
            hours=23)
        nights.append(DeviceSleep(WATCH, Moment(bedtime, 60), Moment(bedtime + timedelta(
            hours=8), 60), 480, 440, 40, 3 * night))
    store.flares.add_many(flares)
    store.checkins.put_many(checkins)
    store.devices.merge(nights, [])
    return load_insights(store, Period(START, START + timedelta(days=149)), TODAY)


def test_night_spasms_that_cause_the_poor_night_are_not_counted_after_it(store):
    """The night's own spasms once made "1.03 more flares a day after a poor night,
    notable"; counted from waking, a poor night and a broken one change nothing."""
    insights = reverse_causation(store, 4)
    comparisons = {c.title: c for c in insights.comparisons}
    for title in ("Poor sleep and spasms 24 h later", "Measured awakenings and spasms 24 h later"):
        after = comparisons[title]
        assert after.enough and abs(after.difference) < 0.4, after.sentence()
        assert not after.notable, after.sentence()
    assert not any(c.notable for c in insights.comparisons)
