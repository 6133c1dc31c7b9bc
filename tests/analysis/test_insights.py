import random
from datetime import date, datetime, time, timedelta

import pytest

from fibromap.analysis.insights import (
    MIN_DAYS,
    POOR_NIGHT_WORDS,
    Observed,
    adjust,
    compare,
    following_night_comparisons,
    medication_comparisons,
    sleep_comparisons,
)
from fibromap.analysis.patterns import spread
from fibromap.analysis.periods import Period
from fibromap.analysis.review import load_insights
from fibromap.analysis.timeline import Timeline
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import _, formats, ngettext
from tests.helpers.records import at
from tests.helpers.refusals import fits, says
from tests.helpers.sentences import SHORT, parts, verdict

D0 = date(2026, 1, 1)
EVERYTHING = Observed(date.min, date.max)


def rows(a, b, start=D0, seed=None):
    """Exposed days first, then the others, one a day; with ``seed``, in a random order
    (a shift of a pattern that repeats, or of two halves, matches itself too often to
    measure chance by)."""
    values = [(True, v) for v in a] + [(False, v) for v in b]
    if seed is not None:
        random.Random(seed).shuffle(values)
    return [(start + timedelta(days=i), x, y) for i, (x, y) in enumerate(values)]


def timeline(counts, hour=12):
    """``counts[day]`` flares at ``hour`` o'clock on each day."""
    return Timeline.of((datetime.combine(d, time(hour)), False)
                       for d, n in counts.items() for _ in range(n))


def test_too_few_days_is_hidden_and_says_how_many_more():
    result = compare("Poor sleep", "after a poor night", "after a better night", "flares",
                     rows([1.0, 2.0] * 2, [0.0, 1.0] * 6))
    assert not result.enough and result.more_days_needed == MIN_DAYS - 4
    text = result.sentence()
    says(text, SHORT, title="Poor sleep",
         needs=ngettext("{count} more day {side}", "{count} more days {side}", 6).format(
             count=6, side="after a poor night"),
         days=ngettext("{count} day", "{count} days", 16).format(count=16))


def test_no_difference_is_not_fewer_and_no_variation_has_no_interval():
    flat = adjust([compare("Same", "on some days", "on others", "flares a day",
                           rows([2.0] * 12, [2.0] * 12))])[0]
    said = parts(flat)
    assert said["change"] == _("no difference")
    assert not flat.estimable and said["detail"] == _(flat.result.reason)  # no interval
    assert flat.q_value is None and not flat.notable


def test_sentences_carry_the_adjusted_p_value_and_the_number_of_comparisons():
    clear = compare("Clear", "on some days", "on others", "flares a day",
                    rows([3.0, 4.0, 3.5, 4.5] * 5, [1.0, 1.5, 0.5, 1.0] * 5, seed=1))
    noise = compare("Noise", "on some days", "on others", "flares a day",
                    rows([1.0, 2.0, 1.0, 2.0, 3.0] * 4, [2.0, 1.0, 2.0, 1.0, 2.0] * 4, seed=2))
    clear, noise = adjust([clear, noise])
    assert clear.notable and clear.tests == 2
    assert verdict(clear) == _("notable")
    assert not noise.notable and verdict(noise) == _("could well be chance")
    assert noise.q_value == pytest.approx(min(1.0, noise.p_value * 2 / 2))  # ranked second of two
    assert clear.q_value == pytest.approx(min(clear.p_value * 2, noise.q_value))


def test_poor_sleep_is_followed_by_more_flares_at_24_hours():
    checkins, flares = [], {}
    poor_nights = set(random.Random(4).sample(range(40), 20))
    for i in range(40):
        day = D0 + timedelta(days=i)
        poor = i in poor_nights
        checkins.append(CheckIn(day, sleep_hours=4.5 if poor else 8.0))
        flares[day] = (3 if poor else 1) + (i % 3 == 0)  # from waking after a poor night
    recorded = Observed(D0, D0 + timedelta(days=40))
    day24, day48, _day72 = sleep_comparisons(checkins, timeline(flares), recorded)
    assert day24.n_exposed == 20 and day24.n_other == 20
    assert day24.mean_exposed == pytest.approx(sum(3 + (i % 3 == 0) for i in poor_nights) / 20)
    assert day24.difference > 1.5 and day24.ci_low > 0
    assert day24.exposed == _("after a poor night ({poor_night})").format(
        poor_night=_(POOR_NIGHT_WORDS).format(hours=6, quality=3))
    assert parts(day24) and day24.days == 40  # the sentence says both sides and the days
    assert day48.n_exposed + day48.n_other == 39  # the 48 h outcome of the last day is unknown


def test_outcome_days_outside_what_was_observed_do_not_count():
    checkins = [CheckIn(D0 + timedelta(days=i), sleep_hours=4 if i % 2 else 8) for i in range(30)]
    flares = {D0 + timedelta(days=i): 2 for i in range(30)}
    observed = Observed(D0, D0 + timedelta(days=26))  # yesterday was day 26
    day24, day48, day72 = sleep_comparisons(checkins, timeline(flares), observed)
    # The 24 h from waking reach 8 a.m. the next day: that day must be over too.
    assert (day24.days, day48.days, day72.days) == (26, 25, 24)
    assert all(c.difference == 0 for c in (day24, day48, day72))


def test_triggers_water_stress_and_foods_against_the_following_night():
    days = [D0 + timedelta(days=i) for i in range(30)]
    checkins = [CheckIn(d, water_glasses=3 if i < 15 else 8, stress=8 if i % 3 == 0 else 2,
                        # one food, written two ways (as typed: foods keep their case)
                        foods=frozenset({"coffee" if i % 8 == 1 else "Coffee"} if i % 2 else set()))
                for i, d in enumerate(days)]
    triggers = {d: {"cold"} for d in days[:12]}
    nights = {d + timedelta(days=1): (2 if i < 15 else 0) for i, d in enumerate(days)}
    recorded = set(days)
    results = {c.title: c for c in following_night_comparisons(
        days, checkins, triggers, nights, {"cold": "Cold", "meal": "A meal"}, recorded, EVERYTHING)}
    cold = results[_("{trigger} and the following night").format(trigger="Cold")]
    assert (cold.n_exposed, cold.n_other, cold.mean_exposed) == (12, 18, 2)
    assert cold.mean_other == pytest.approx(6 / 18)
    assert _("{trigger} and the following night").format(trigger="A meal") not in results  # never logged
    water = results[_("Little water and the following night")]
    assert (water.n_exposed, water.mean_exposed, water.mean_other) == (15, 2, 0)
    assert water.exposed == _("after days with {level} glasses of water or fewer").format(level=4)
    coffee = results[_("{Food} and the following night").format(Food="Coffee")]
    assert coffee.n_exposed == 15  # both spellings, one food
    assert coffee.exposed == _("after days with {food}").format(food="Coffee")  # commonest
    stress = results[_("High stress and the following night")]
    assert stress.n_exposed == 10
    assert stress.exposed == _("after days with stress {level} of 10 or more").format(level=7)


def test_a_day_without_any_record_is_missing_not_a_day_without_the_trigger():
    days = [D0 + timedelta(days=i) for i in range(40)]
    triggers = {d: {"cold"} for d in days[:10]}
    recorded = set(days[:25])  # nothing at all recorded on the last 15 days
    nights = {d: 1 for d in days}
    [cold, *_rest] = following_night_comparisons(days, [], triggers, nights, {"cold": "Cold"},
                                                 recorded, EVERYTHING)
    assert (cold.n_exposed, cold.n_other) == (10, 15)


def test_medication_before_and_after():
    start = D0 + timedelta(days=30)
    flares = {D0 + timedelta(days=i): (4 if i < 30 else 1) + (i % 2) for i in range(60)}
    [result] = medication_comparisons([Medication("Cyclobenzaprine", "5 mg", start)], flares,
                                      D0, D0 + timedelta(days=59), EVERYTHING)
    assert (result.mean_exposed, result.mean_other, result.difference) == (1.5, 4.5, -3)
    assert result.n_exposed == result.n_other == 30
    assert parts(result)["change"] == _("{amount} fewer").format(amount=formats.decimal(3, 2))


def test_two_flares_every_day_up_to_today_show_no_difference_at_any_lag(store):
    """The case a new user met: today and the days after it once read as 0 flares."""
    today = date(2026, 6, 30)
    start = today - timedelta(days=59)
    days = [start + timedelta(days=i) for i in range(60)]
    store.checkins.put_many([CheckIn(d, sleep_hours=4 if i % 3 == 0 else 8)
                             for i, d in enumerate(days)])
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, h), sites=(SpasmSite("soleus.left", 5),))
                           for d in days for h in (2, 15)])
    insights = load_insights(store, Period(start, today), today)
    for comparison in insights.sleep:
        assert comparison.difference == 0, comparison.sentence()
        assert parts(comparison)["change"] == _("no difference")
    # The 24 h from waking (8 a.m.) end at 8 a.m. the next day, which must be over: the
    # last is the day before yesterday's. 58, 57 and 56 days for 24, 48 and 72 h.
    assert [c.days for c in insights.sleep] == [58, 57, 56]
    assert insights.observed.last == today - timedelta(days=1)


SAME_SPOTS = ("Mostly the same spots: {names} account for {share} of the regions "
              "marked (based on {weeks} week with flares).",
              "Mostly the same spots: {names} account for {share} of the regions "
              "marked (based on {weeks} weeks with flares).")
MOVING = ("They move around: {regions} different regions, and even the three "
          "most frequent ({names}) make up only {share} of the marks (based on "
          "{weeks} week with flares).",
          "They move around: {regions} different regions, and even the three "
          "most frequent ({names}) make up only {share} of the marks (based on "
          "{weeks} weeks with flares).")


def test_same_spot_or_moving_around():
    atlas = load_atlas()
    same = {D0: {"quadratus_lumborum.right": 5, "soleus.left": 1},
            D0 + timedelta(days=7): {"quadratus_lumborum.right": 6}, D0 + timedelta(days=14): {}}
    result = spread(same, atlas)
    assert result.weeks_with_flares == 2 and result.regions_per_week == 1.5
    assert result.top_regions[0] == "quadratus_lumborum.right" and result.top_share == 1.0
    says(result.summary, ngettext(*SAME_SPOTS, 2), share=formats.percent(1.0), weeks=2,
         names=_(", ").join(atlas.name(r).lower() for r in result.top_regions))
    moving = spread({D0: {r.id: 1 for r in list(atlas)[:20]}}, atlas)
    assert (moving.distinct_regions, moving.weeks_with_flares) == (20, 1)
    fits(moving.summary, ngettext(*MOVING, 1), regions=20, weeks=1)
    assert spread({}, atlas).summary == _("No flares in this period.")


def test_daily_symptom_ratings_are_outcomes_after_sleep_and_medication(store):
    """Fatigue rated every day, 60 days: worse after a poor night and before the
    medication; the means and the day counts worked out by hand below."""
    from fibromap.domain.daily import SymptomRating

    today = D0 + timedelta(days=70)
    days = [D0 + timedelta(days=i) for i in range(60)]
    poor = {d for i, d in enumerate(days) if i % 3 == 0}  # 20 poor nights, 40 better
    started = D0 + timedelta(days=30)
    store.checkins.put_many([CheckIn(d, sleep_hours=4 if d in poor else 8) for d in days])
    # 7 after a poor night, 3 otherwise; 2 more before the medication started.
    level = {d: (7 if d in poor else 3) + (2 if d < started else 0) for d in days}
    store.symptoms.put_many([SymptomRating(d, "Fatigue", level[d], "test") for d in days])
    store.medications.add(Medication("Low dose naltrexone", "4.5 mg", started))
    insights = load_insights(store, Period(D0, D0 + timedelta(days=59)), today)
    sleep, medication = insights.symptoms
    assert sleep.title == _("Poor sleep and {symptom} the same day").format(symptom="fatigue")
    assert (sleep.n_exposed, sleep.n_other) == (20, 40)
    # Poor nights: 10 before the start (9) and 10 after (7) -> 8; better: 20 at 5, 20 at 3 -> 4.
    assert (sleep.mean_exposed, sleep.mean_other) == (8, 4)
    assert medication.title == _("{medication} started {day}: {symptom}").format(
        medication="Low dose naltrexone 4.5 mg", day=formats.day(started), symptom="fatigue")
    before = [level[d] for d in days if d < started]
    after = [level[d] for d in days if d >= started]
    assert medication.mean_exposed == pytest.approx(sum(after) / len(after))
    assert medication.mean_other == pytest.approx(sum(before) / len(before))
    assert medication.outcome == "fatigue rating (0–10)"
    # Every comparison shown is adjusted together with the others.
    assert sleep.tests == medication.tests == sum(
        c.enough and c.estimable for c in insights.comparisons)


def test_a_symptom_rated_on_few_days_is_not_compared(store):
    from fibromap.domain.daily import SymptomRating

    store.symptoms.put_many([SymptomRating(D0 + timedelta(days=i), "Brain fog", 5)
                             for i in range(2 * MIN_DAYS - 1)])
    insights = load_insights(store, Period(D0, D0 + timedelta(days=59)), D0 + timedelta(days=70))
    assert insights.symptoms == []


def test_a_night_after_a_flare_known_only_to_the_day_is_no_outcome(store):
    """Imported daily ratings say nothing about the night: no "0 night-time flares"."""
    from fibromap.domain.flare import day_only_onset

    days = [D0 + timedelta(days=i) for i in range(40)]
    store.flares.add_many([Flare(onset=day_only_onset(d), day_only=True,
                                 sites=(SpasmSite("soleus.left", 5),)) for d in days])
    store.checkins.put_many([CheckIn(d, stress=8 if i % 2 else 2) for i, d in enumerate(days)])
    insights = load_insights(store, Period(D0, days[-1]), D0 + timedelta(days=60))
    stress = next(c for c in insights.following_night
                  if c.title == _("High stress and the following night"))
    assert stress.days == 0 and not stress.enough
