"""Insights from a device's nights and steps, counted by hand: busy days against the
person's own usual, short and broken nights, the days each comparison rests on."""

import random
from datetime import date, datetime, timedelta

import pytest

from fibromap.analysis.device_insights import (
    PEM,
    bedtime_comparison,
    busy_days,
    busy_words,
    exertion_comparisons,
    irregular_bedtimes,
    measured_sleep_comparisons,
)
from fibromap.analysis.insights import Observed
from fibromap.analysis.timeline import Timeline
from fibromap.domain.daily import CheckIn
from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment, device_days
from fibromap.i18n import _
from tests.helpers.refusals import fits
from tests.helpers.sentences import SHORT, parts, short

PHONE = DeviceSource("Apple Health", "iPhone")
WATCH = DeviceSource("Apple Health", "Apple Watch")
START = date(2026, 1, 1)
EVERY_DAY = Observed(date(2025, 1, 1), date(2027, 1, 1))


def day(n: int) -> date:
    return START + timedelta(days=n)


def timeline(counts: dict[date, int], hour: int = 12) -> Timeline:
    """``counts[d]`` flares at ``hour`` o'clock on each day d."""
    return Timeline.of((datetime.combine(d, datetime.min.time()) + timedelta(hours=hour), False)
                       for d, n in counts.items() for _ in range(n))


def night(ends: date, asleep: int, awakenings: int) -> DeviceSleep:
    end = datetime.combine(ends, datetime.min.time()) + timedelta(hours=7)
    start = end - timedelta(minutes=asleep + 20)
    return DeviceSleep(WATCH, Moment(start, 0), Moment(end, 0), asleep + 20, asleep, 20,
                       awakenings)


def test_a_busy_day_is_one_well_above_the_median_of_the_28_days_before():
    counts = [5000] * 20 + [9000, 7400, 7600, 300]
    days = device_days([], [DeviceSteps(PHONE, day(i), n) for i, n in enumerate(counts)])
    busy = busy_days(days)
    # Days 0-13 have fewer than 14 days before them: no usual yet.
    assert min(busy) == day(14)
    assert busy[day(19)] is False
    assert busy[day(20)] is True           # 9000 > 1.5 × 5000
    assert busy[day(21)] is False          # 7400 < 7500: the median is still 5000
    assert busy[day(22)] is True           # 7600 > 7500
    assert busy[day(23)] is False


def test_busy_days_against_flares_later_and_fatigue_over_the_next_three_days():
    # 60 days of 5000 steps, and every fifth day from day 30 a busy 9000.
    counts = {day(i): 9000 if i >= 30 and i % 5 == 0 else 5000 for i in range(60)}
    days = device_days([], [DeviceSteps(PHONE, d, n) for d, n in counts.items()])
    busy = [d for d, b in busy_days(days).items() if b]
    # Two flares on each day after a busy day, none otherwise.
    flares_on = {d + timedelta(days=1): 2 for d in busy}
    fatigue = [CheckIn(d + timedelta(days=k), fatigue=8 if k == 1 else 4) for d in busy
               for k in (1, 2, 3)]
    one, two, three, tired = exertion_comparisons(days, flares_on, fatigue, EVERY_DAY)
    assert len(busy) == 6 and one.n_exposed == 6 and one.n_other == 60 - 14 - 6
    assert one.mean_exposed == 2.0 and one.mean_other == 0.0
    assert two.mean_exposed == 0.0 and two.pattern == PEM
    # The pattern is named only where the rise is notable, never for a drop or chance.
    assert _(PEM) not in two.sentence()
    # The day after a busy day is not itself busy; only days 31.. have flares.
    assert three.mean_exposed == 0.0
    assert tired.n_exposed == 6 and tired.mean_exposed == pytest.approx((8 + 4 + 4) / 3)
    # Six busy days are too few to say anything: the sentence says how many more it needs.
    assert tired.title == _("Busy days and fatigue over the next 3 days")
    assert tired.exposed == busy_words() and tired.days == 30
    short(tired, (4, busy_words()))


def test_short_and_broken_nights_against_flares_that_day_and_the_next_two():
    nights = [night(day(i), 300 if i % 3 == 0 else 450, 4 if i % 4 == 0 else 1)
              for i in range(40)]
    days = device_days(nights, [])
    flares_on = {day(i): 3 for i in range(40) if i % 3 == 0}
    comparisons = measured_sleep_comparisons(days, timeline(flares_on), EVERY_DAY)
    titles = [c.title for c in comparisons]
    assert titles == [_(f"Measured {what} and spasms {{hours}} h later").format(hours=h)
                      for what in ("sleep", "awakenings") for h in (24, 48, 72)]
    short_24 = comparisons[0]
    assert (short_24.n_exposed, short_24.n_other) == (14, 26)   # days 0, 3, … 39
    assert short_24.mean_exposed == 3.0 and short_24.mean_other == 0.0
    broken_24 = comparisons[3]
    assert broken_24.n_exposed == 10                              # days 0, 4, … 36
    # Days 0, 12, 24, 36 are short and broken: 4 of the 10 broken nights had 3 flares.
    assert broken_24.mean_exposed == pytest.approx(4 * 3 / 10)


def test_days_before_the_period_give_the_usual_but_are_not_compared():
    counts = {day(i): 9000 if i % 5 == 0 and i >= 15 else 5000 for i in range(60)}
    days = device_days([], [DeviceSteps(PHONE, d, n) for d, n in counts.items()])
    everything = exertion_comparisons(days, {}, [], EVERY_DAY)[0]
    from_day_40 = exertion_comparisons(days, {}, [], EVERY_DAY, first=day(40))[0]
    assert everything.days == 60 - 14               # days 14 to 59 have a usual
    assert from_day_40.days == 20 and from_day_40.n_exposed == 4   # days 40, 45, 50, 55


def test_an_irregular_bedtime_is_an_hour_or_more_from_the_usual_one():
    def at(n: int, hour: int, minute: int) -> DeviceSleep:
        start = datetime.combine(day(n - 1), datetime.min.time()) + timedelta(hours=hour,
                                                                              minutes=minute)
        return DeviceSleep(WATCH, Moment(start, 0), Moment(start + timedelta(hours=8), 0), 480,
                           460, 20, 1)
    nights = [at(n, 23, 0) for n in range(20)]
    nights += [at(20, 23, 55), at(21, 22, 5)]     # 55 min late, 55 min early: regular
    late = DeviceSleep(WATCH, Moment(datetime.combine(day(22), datetime.min.time())
                                     + timedelta(minutes=30), 0),
                       Moment(datetime.combine(day(22), datetime.min.time())
                              + timedelta(hours=8), 0), 450, 430, 20, 1)   # 00:30: 90 min late
    days = device_days(nights + [late], [])
    irregular = irregular_bedtimes(days)
    assert min(irregular) == day(14)
    assert irregular[day(20)] is False and irregular[day(21)] is False
    assert irregular[day(22)] is True
    night_flares = {day(22): 2, day(15): 1}
    compared = bedtime_comparison(days, timeline(night_flares, hour=2), EVERY_DAY)
    assert (compared.n_exposed, compared.n_other) == (1, 8)
    assert compared.mean_exposed == 2.0 and compared.mean_other == pytest.approx(1 / 8)
    fits(compared.sentence(), SHORT, title=compared.title)  # not enough data yet


def test_the_post_exertional_pattern_is_named_only_for_a_notable_rise():
    from fibromap.analysis.insights import adjust, compare

    # At random: a pattern that repeats matches its own shifts.
    busy = set(random.Random(6).sample(range(80), 20))
    rise = [(day(i), i in busy, 3.0 if i in busy else float(i % 2)) for i in range(80)]
    drop = [(d, busy, 1.0 - outcome / 3) for d, busy, outcome in rise]
    named, unnamed = adjust([compare("Busy days and flares 1 day later", "after busy days",
                                     "after other days", "flares a day", rows,
                                     "a possible post-exertional pattern")
                             for rows in (rise, drop)])
    assert named.notable and parts(named, pattern=PEM)
    assert unnamed.difference < 0 and parts(unnamed)  # no pattern named
