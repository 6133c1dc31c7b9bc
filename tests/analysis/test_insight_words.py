"""Insights and patterns in plain words: the first sentence names no method, stays short,
rounds for reading, says how many days it rests on, and says "could be chance" or not; each
forest plot group's words are right for its outcome."""

import random
from datetime import date, timedelta

import pytest

from fibromap.analysis.device_insights import Rhythm
from fibromap.analysis.insight_words import (
    LEADS,
    TOO_FEW,
    UNLIKELY,
    figures,
    lead,
    scale_for,
    statistics,
    word_count,
)
from fibromap.analysis.insights import MIN_DAYS, adjust, compare
from fibromap.analysis.pattern_words import (
    rhythm_figures,
    rhythm_leads,
    rounded_clock,
    spread_figures,
    spread_lead,
)
from fibromap.analysis.patterns import spread
from fibromap.analysis.periods import Period
from fibromap.analysis.review import load_insights
from fibromap.demo import generate
from fibromap.domain.atlas import load_atlas
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new

D0 = date(2026, 1, 1)
METHOD_WORDS = ("Newey", "Welch", "Benjamini", "Hochberg", "CI", "confidence", "interval",
                "p =", "q =", "p <", "adjusted", "Student", "notable")
MOST_WORDS = 25
VERDICTS = ("unlikely to be chance.", "could be chance.", "can't tell if it's chance.")


def assert_plain(sentence: str) -> None:
    assert not [w for w in METHOD_WORDS if w in sentence], sentence
    assert word_count(sentence) <= MOST_WORDS, (word_count(sentence), sentence)


def rows(exposed, other, start=D0):
    values = [(True, v) for v in exposed] + [(False, v) for v in other]
    return [(start + timedelta(days=i), x, y) for i, (x, y) in enumerate(values)]


def mixed(exposed, other, seed=1):
    """As rows, the exposed days scattered at random among the others (a pattern that
    repeats, or a step, matches its own shifts and leaves chance unmeasured)."""
    values = [(True, v) for v in exposed] + [(False, v) for v in other]
    random.Random(seed).shuffle(values)
    return [(D0 + timedelta(days=i), x, y) for i, (x, y) in enumerate(values)]


@pytest.fixture(scope="module")
def a_year(tmp_path_factory):
    """The demo's year: every kind of comparison, the device ones too."""
    from fibromap.config import Paths, database_url
    from fibromap.store.store import Store

    home = tmp_path_factory.mktemp("words")
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    store = Store.open(database_url(paths, environ={}), paths)
    end = date(2026, 6, 30)
    history = generate(days=365, seed=1, end=end)
    write_new(store, Records(flares=history.flares, checkins=history.checkins,
                             medications=history.medications))
    store.devices.merge(list(history.device_sleeps), list(history.device_steps))
    insights = load_insights(store, Period(end - timedelta(days=364), end), end)
    store.close()
    return insights


def test_every_first_sentence_of_a_year_is_plain_short_and_has_its_days(a_year):
    comparisons = a_year.comparisons
    assert len(comparisons) >= 30 and any(c.notable for c in comparisons)
    assert {c.kind for c in comparisons} >= {"sleep.flares.1", "sleep.pain.1", "trigger",
                                             "water", "stress", "food", "medication.flares",
                                             "measured.short.1", "busy.fatigue", "bedtime"}
    for c in comparisons:
        assert c.kind in LEADS, c.title  # no comparison falls back on the generic sentence
        sentence = lead(c)
        assert_plain(sentence)
        assert sentence.endswith(VERDICTS) or "too few days to tell yet" in sentence
        said = c.days if c.kind.startswith("medication.") else c.n_exposed
        assert f"— {said:,} " in sentence  # the days (or nights) it rests on
        assert (sentence.endswith(UNLIKELY + ".")) == (c.enough and c.notable)
        # The exact figures follow it, with the days on each side; the method does not.
        assert f"{c.n_exposed} + {c.n_other} = {c.days} days" in figures(c)
        assert not [w for w in ("Newey", "Welch", "Benjamini", "CI") if w in figures(c)]


@pytest.mark.parametrize("exposed, other, words", [
    ([3.0, 3.0] * 6, [1.0, 1.0] * 6, "about 2 more flares the next day"),
    ([2.0, 2.0] * 6, [1.0, 1.0] * 6, "about 1 more flare the next day"),
    ([1.8, 1.8] * 6, [1.0, 1.0] * 6, "about 0.8 more flares the next day"),
    ([1.0, 1.02] * 6, [1.0, 1.0] * 6, "about as many flares the next day"),
    ([0.0, 1.0] * 6, [2.0, 2.0] * 6, "about 2 fewer flares the next day"),
])
def test_sizes_are_rounded_for_reading_with_the_right_plural(exposed, other, words):
    c = compare("Poor sleep and spasms 24 h later", "after a poor night", "after a better night",
                "flares a day", rows(exposed, other), kind="sleep.flares.1")
    assert words in lead(c)
    assert f"{c.mean_exposed:.2f} flares a day" in figures(c)  # the exact figure stays


def test_ratings_are_higher_or_lower_in_points_and_medications_say_a_day():
    pain = compare("Poor sleep and overall pain the same day", "after a poor night",
                   "after a better night", "overall pain (0–10)",
                   rows([6.0, 5.0] * 6, [4.0, 5.0] * 6), rating=True, kind="sleep.pain.1")
    assert "your overall pain was about 1 point higher the next day — 12 such nights" in lead(pain)
    started = compare("Low dose naltrexone 4.5 mg started 01 Feb 2026", "in the 30 days after",
                      "in the 30 days before", "flares a day",
                      rows([1.0, 2.0] * 6, [3.0, 3.0] * 6), kind="medication.flares",
                      medication="Low dose naltrexone", window="30")
    assert lead(started).startswith("Since starting Low dose naltrexone: about 2 fewer "
                                    "flares a day than in the 30 days before — 24 days;")
    assert_plain(lead(started))


def test_the_verdict_follows_the_adjusted_p_value_and_the_figures_keep_the_statistics():
    clear = compare("Clear", "a", "b", "flares a day", mixed([3.0, 4.0, 3.5, 4.5] * 5,
                                                            [1.0, 1.5, 0.5, 1.0] * 5),
                    kind="sleep.flares.1")
    noise = compare("Noise", "a", "b", "flares a day", mixed([1.0, 2.0, 1.0, 2.0, 3.0] * 4,
                                                            [2.0, 1.0, 2.0, 1.0, 2.0] * 4),
                    kind="sleep.flares.1")
    clear, noise = adjust([clear, noise])
    assert lead(clear).endswith("unlikely to be chance.") and clear.notable
    assert lead(noise).endswith("could be chance.") and not noise.notable
    # The interval and the p-values are for "How this is worked out".
    assert "95 % confidence interval" in statistics(clear) and "over 2 comparisons" in statistics(clear)
    assert "95 %" not in lead(clear) + figures(clear)


def test_too_few_days_says_how_many_more_with_the_right_plural():
    one_short = compare("Cold and the following night", "after days with cold logged",
                        "after other days", "night-time flares",
                        rows([1.0] * (MIN_DAYS - 1), [0.0, 1.0] * MIN_DAYS), kind="trigger",
                        trigger="cold")
    assert lead(one_short) == TOO_FEW.format(title="Cold and the following night",
                                             needed="1 more day")
    assert lead(one_short).endswith("too few days to tell yet — 1 more day needed.")
    assert figures(one_short) == ("It needs 1 more day after days with cold logged; it rests on "
                                  f"{3 * MIN_DAYS - 1} days so far.")


def test_a_kind_not_in_the_table_still_reads_whole():
    c = compare("Something new", "a", "b", "flares a day", rows([2.0, 3.0] * 6, [1.0, 1.0] * 6))
    assert lead(c).startswith("Something new: a difference of about +1.5 in flares a day — 12 "
                              "such days;")


@pytest.mark.parametrize("outcome, heading, unit, says, never", [
    ("flares a day", "Flares a day", "flares a day", "fewer flares", "fatigue"),
    ("night-time flares", "Night-time flares", "flares a night", "fewer night-time flares",
     "fatigue"),
    ("overall pain (0–10)", "Overall pain (0–10)", "points of pain", "less pain", "flares"),
    ("fatigue rating (0–10)", "Fatigue rating (0–10)", "points of fatigue", "less fatigue",
     "flares"),
    ("fatigue (0–10, mean of the rated days)", "Fatigue over the 3 days after (0–10)",
     "points of fatigue", "less fatigue", "flares"),
    ("muscle spasms rating (0–10)", "Muscle spasms rating (0–10)", "points of muscle spasms",
     "muscle spasms rated lower", "less"),
])
def test_each_outcome_has_its_own_unit_and_a_caption_right_for_it(outcome, heading, unit, says,
                                                                  never):
    scale = scale_for(outcome)
    assert scale.heading == heading and unit in scale.unit
    assert scale.caption.startswith("left of 0: ") and says in scale.caption
    assert never not in scale.caption


def test_patterns_first_sentences_follow_the_spread_and_round_the_clock():
    atlas = load_atlas()
    same = spread({D0: {"soleus.left": 5, "soleus.right": 1}}, atlas)
    moving = spread({D0: {r.id: 1 for r in list(atlas)[:20]}}, atlas)
    assert spread_lead(same) == "Your spasms mostly came back to the same few spots."
    assert same.summary.startswith("Mostly the same spots")  # the same bounds as the summary
    assert spread_lead(moving) == "Your spasms moved around, with no spot standing out."
    assert moving.summary.startswith("They move around")
    assert spread_figures(same, atlas.name).startswith("100% of the marks were on the left lower "
                                                       "calf (soleus), right lower calf (soleus).")
    assert "2 regions in all" in spread_figures(same, atlas.name)
    assert spread_figures(same, atlas.name).endswith("over 1 week with flares.")
    assert spread_lead(spread({}, atlas)) == "No flares in this period."
    assert (rounded_clock("22:49"), rounded_clock("23:58"), rounded_clock("05:02")) == (
        "22:50", "00:00", "05:00")


def test_the_bedtime_paragraph_leads_with_plain_sentences():
    """Issue 31: "1.18 night-time flares after bedtimes more than 60 min … 95 % CI −0.24 to
    +0.75; 11 + 78 = 89 days" was the first thing read."""
    irregular = adjust([compare("Irregular bedtime and spasms that night", "after bedtimes far "
                                "from your usual", "after bedtimes near it", "night-time flares",
                                rows([1.0, 2.0, 1.0] * 4, [1.0, 0.0, 1.0] * 26),
                                kind="bedtime", minutes="60")])[0]
    rhythm = Rhythm(89, ("22:16", "22:49", "23:09"), ("05:08", "05:49", "06:54"), irregular)
    times, compared = rhythm_leads(rhythm)
    assert times == "You usually went to bed around 22:50 and woke around 05:50."
    assert compared.startswith("After bedtimes over 60 minutes from your usual you had about "
                               "0.7 more flares that night — 12 such nights;")  # 1.33 against 0.67
    for sentence in (times, compared):
        assert_plain(sentence)
    details = rhythm_figures(rhythm)
    assert "22:16–23:09" in details and "12 + 78 = 90 nights" in details
    assert "CI" not in details and "p =" not in details
