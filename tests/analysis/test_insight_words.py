"""Insights and patterns in plain words: the first sentence names no method, stays short,
rounds for reading, says how many days it rests on, and says "could be chance" or not; each
forest plot group's words are right for its outcome."""

import random
from datetime import date, timedelta

import pytest

from fibromap.analysis.comparison_words import outcome_words, signed
from fibromap.analysis.device_insights import Rhythm
from fibromap.analysis.insight_words import (
    CANNOT_TELL,
    COULD_BE,
    LEADS,
    OTHER_LEAD,
    UNLIKELY,
    figures,
    lead,
    scale_for,
    statistics,
    word_count,
)
from fibromap.analysis.insights import MIN_DAYS, adjust, compare
from fibromap.analysis.pattern_words import (
    MOVED,
    NO_FLARES,
    RHYTHM,
    SAME,
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
from fibromap.i18n import _, formats, ngettext
from fibromap.store.bulk import write_new
from tests.helpers.refusals import fits, says

D0 = date(2026, 1, 1)
METHOD_WORDS = ("Newey", "Welch", "Benjamini", "Hochberg", "CI", "confidence", "interval",
                "p =", "q =", "p <", "adjusted", "Student", "notable")
MOST_WORDS = 25
VERDICTS = (UNLIKELY, COULD_BE, CANNOT_TELL)
TOO_FEW = ("{title}: too few days to tell yet — {count} more day needed.",
           "{title}: too few days to tell yet — {count} more days needed.")
MORE = ("about {count} more flare", "about {count} more flares")
FEWER = ("about {count} fewer flare", "about {count} fewer flares")


def counted(words: tuple[str, str], n: int) -> str:
    return ngettext(*words, n).format(count=formats.whole(n))


def fraction(words: str, size: float) -> str:
    """A fraction of one in its phrase (its note to translators is not said in English)."""
    text = _(words)
    return (words.removesuffix(" (a fraction of one)") if text == words else text).format(
        count=formats.decimal(size, 1))


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
        if not c.enough:
            says(sentence, ngettext(*TOO_FEW, c.more_days_needed), title=c.title,
                 count=c.more_days_needed)
            continue
        said = fits(sentence, LEADS[c.kind])
        assert said["verdict"] in [_(v) for v in VERDICTS]
        rests = c.days if c.kind.startswith("medication.") else c.n_exposed
        assert formats.whole(rests) in said["basis"]  # the days (or nights) it rests on
        assert (said["verdict"] == _(UNLIKELY)) == c.notable
        # The exact figures follow it, with the days on each side; the method does not.
        assert f"{c.n_exposed} + {c.n_other} = {c.days}" in figures(c)
        assert not [w for w in ("Newey", "Welch", "Benjamini", "CI") if w in figures(c)]


@pytest.mark.parametrize("exposed, other, words", [
    ([3.0, 3.0] * 6, [1.0, 1.0] * 6, lambda: counted(MORE, 2)),
    ([2.0, 2.0] * 6, [1.0, 1.0] * 6, lambda: counted(MORE, 1)),
    ([1.8, 1.8] * 6, [1.0, 1.0] * 6, lambda: fraction("about {count} more flares (a fraction of one)", 0.8)),
    ([1.0, 1.02] * 6, [1.0, 1.0] * 6, lambda: _("about as many flares")),
    ([0.0, 1.0] * 6, [2.0, 2.0] * 6, lambda: counted(FEWER, 2)),
])
def test_sizes_are_rounded_for_reading_with_the_right_plural(exposed, other, words):
    c = compare("Poor sleep and spasms 24 h later", "after a poor night", "after a better night",
                "flares a day", rows(exposed, other), kind="sleep.flares.1")
    change = fits(lead(c), LEADS["sleep.flares.1"])["change"]
    assert change == words()
    assert formats.decimal(c.mean_exposed, 2) in figures(c)  # the exact figure stays


def test_ratings_are_higher_or_lower_in_points_and_medications_say_a_day():
    pain = compare("Poor sleep and overall pain the same day", "after a poor night",
                   "after a better night", "overall pain (0–10)",
                   rows([6.0, 5.0] * 6, [4.0, 5.0] * 6), rating=True, kind="sleep.pain.1")
    says(lead(pain), LEADS["sleep.pain.1"], verdict=fits(lead(pain), LEADS["sleep.pain.1"])["verdict"],
         change=counted(("about {count} point higher", "about {count} points higher"), 1),
         basis=counted(("{count} such night", "{count} such nights"), 12))
    started = compare("Low dose naltrexone 4.5 mg started 01 Feb 2026", "in the 30 days after",
                      "in the 30 days before", "flares a day",
                      rows([1.0, 2.0] * 6, [3.0, 3.0] * 6), kind="medication.flares",
                      medication="Low dose naltrexone", window="30")
    fits(lead(started), LEADS["medication.flares"], medication="Low dose naltrexone",
         window="30", change=counted(FEWER, 2), basis=counted(("{count} day", "{count} days"), 24))
    assert_plain(lead(started))


def test_the_verdict_follows_the_adjusted_p_value_and_the_figures_keep_the_statistics():
    clear = compare("Clear", "a", "b", "flares a day", mixed([3.0, 4.0, 3.5, 4.5] * 5,
                                                            [1.0, 1.5, 0.5, 1.0] * 5),
                    kind="sleep.flares.1")
    noise = compare("Noise", "a", "b", "flares a day", mixed([1.0, 2.0, 1.0, 2.0, 3.0] * 4,
                                                            [2.0, 1.0, 2.0, 1.0, 2.0] * 4),
                    kind="sleep.flares.1")
    clear, noise = adjust([clear, noise])
    assert fits(lead(clear), LEADS["sleep.flares.1"])["verdict"] == _(UNLIKELY) and clear.notable
    assert fits(lead(noise), LEADS["sleep.flares.1"])["verdict"] == _(COULD_BE) and not noise.notable
    # The interval and the p-values are for "How this is worked out".
    fits(statistics(clear), ngettext(
        "Difference {difference}; 95 % confidence interval {low} to {high}; p {p}, adjusted "
        "p {q} over {tests} comparison: {verdict}.",
        "Difference {difference}; 95 % confidence interval {low} to {high}; p {p}, adjusted "
        "p {q} over {tests} comparisons: {verdict}.", 2), tests=2, verdict=_("notable"),
        difference=signed(clear.difference, 2))
    assert "95 %" not in lead(clear) + figures(clear)


def test_too_few_days_says_how_many_more_with_the_right_plural():
    one_short = compare("Cold and the following night", "after days with cold logged",
                        "after other days", "night-time flares",
                        rows([1.0] * (MIN_DAYS - 1), [0.0, 1.0] * MIN_DAYS), kind="trigger",
                        trigger="cold")
    says(lead(one_short), ngettext(*TOO_FEW, 1), title="Cold and the following night", count=1)
    says(figures(one_short), "It needs {needs}; it rests on {days} so far.",
         needs=ngettext("{count} more day {side}", "{count} more days {side}", 1).format(
             count=1, side="after days with cold logged"),
         days=counted(("{count} day", "{count} days"), 3 * MIN_DAYS - 1))


def test_a_kind_not_in_the_table_still_reads_whole():
    c = compare("Something new", "a", "b", "flares a day", rows([2.0, 3.0] * 6, [1.0, 1.0] * 6))
    fits(lead(c), OTHER_LEAD, title="Something new", number=signed(1.5),
         outcome=outcome_words("flares a day"),
         basis=counted(("{count} such day", "{count} such days"), 12))


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
    assert spread_lead(same) == _(SAME)
    assert same.top_share >= 0.6  # the same bounds as the summary's "mostly the same spots"
    assert spread_lead(moving) == _(MOVED)
    assert moving.top_share <= 0.35  # and as its "they move around"
    says(spread_figures(same, atlas.name), "{share} of the marks were on the {names}. {regions} "
         "in all, on average {per_week} different regions a week, over {weeks} with flares.",
         share=formats.percent(1.0), names=_(", ").join(
             atlas.name(r).lower() for r in ("soleus.left", "soleus.right")),
         regions=counted(("{count} region", "{count} regions"), 2),
         per_week=formats.decimal(2, 1), weeks=counted(("{count} week", "{count} weeks"), 1))
    assert spread_lead(spread({}, atlas)) == _(NO_FLARES)
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
    says(times, RHYTHM, bed="22:50", wake="05:50")
    said = fits(compared, LEADS["bedtime"], minutes="60",
                basis=counted(("{count} such night", "{count} such nights"), 12))
    # 1.33 against 0.67
    assert said["change"] == fraction("about {count} more flares (a fraction of one)", 0.7)
    for sentence in (times, compared):
        assert_plain(sentence)
    details = rhythm_figures(rhythm)
    nights = counted(("{count} night", "{count} nights"), 90)
    assert "22:16–23:09" in details and f"12 + 78 = {nights}" in details
    assert "CI" not in details and "p =" not in details
