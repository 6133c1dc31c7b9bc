"""Insights in plain words: one sentence a tired person can read first, then the exact
figures, then the statistics for whoever opens "How this is worked out".

Each sentence is made whole from one template per kind of comparison (``Comparison.kind``)
with named fields, never from English fragments glued together; counts are said by
``ngettext`` with the whole phrase they are in (each language's own plurals). The first
sentence rounds for reading ("about 1 more flare", "about 0.3
points lower") and names no method: the exact means, days and intervals follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fibromap.analysis.comparison_words import (
    SYMPTOM_RATING,
    association_words,
    outcome_words,
    signed,
    two_figures,
)
from fibromap.analysis.insights import MIN_DAYS, Comparison
from fibromap.analysis.statistics import FDR
from fibromap.i18n import N_, _, formats, ngettext

# The first sentence of each kind of comparison. Fields: {change} (how much more or less,
# rounded), {basis} (the exposed days or nights it rests on), {verdict} (chance or not),
# and the kind's own names (Comparison.terms).
LEADS = {
    "sleep.flares.1": N_("After poor nights you had {change} the next day — {basis}; {verdict}."),
    "sleep.flares.2": N_("Two days after a poor night you had {change} — {basis}; {verdict}."),
    "sleep.flares.3": N_("Three days after a poor night you had {change} — {basis}; {verdict}."),
    "sleep.pain.1": N_("After poor nights your overall pain was {change} the next day — {basis}; "
                    "{verdict}."),
    "sleep.pain.2": N_("Two days after a poor night your overall pain was {change} — {basis}; "
                    "{verdict}."),
    "sleep.symptom": N_("After poor nights your {symptom} rating was {change} the next day — "
                     "{basis}; {verdict}."),
    "trigger": N_("After days you logged {trigger}, you had {change} the night after — {basis}; "
               "{verdict}."),
    "water": N_("After days with {level} glasses of water or fewer you had {change} the night "
             "after — {basis}; {verdict}."),
    "stress": N_("After days with stress of {level} or more you had {change} the night after — "
              "{basis}; {verdict}."),
    "food": N_("After days with {food} you had {change} the night after — {basis}; {verdict}."),
    "medication.flares": N_("Since starting {medication}: {change} a day than in the {window} "
                         "days before — {basis}; {verdict}."),
    "medication.pain": N_("After starting {medication} your overall pain was {change} than in "
                       "the {window} days before — {basis}; {verdict}."),
    "medication.symptom": N_("After starting {medication} your {symptom} rating was {change} "
                          "than in the {window} days before — {basis}; {verdict}."),
    "measured.short.1": N_("After nights of under {hours} hours asleep you had {change} the next "
                        "day — {basis}; {verdict}."),
    "measured.short.2": N_("Two days after a night of under {hours} hours asleep you had {change} "
                        "— {basis}; {verdict}."),
    "measured.short.3": N_("Three days after a night of under {hours} hours asleep you had "
                        "{change} — {basis}; {verdict}."),
    "measured.broken.1": N_("After nights with {awakenings} or more awakenings you had {change} "
                         "the next day — {basis}; {verdict}."),
    "measured.broken.2": N_("Two days after a night with {awakenings} or more awakenings you had "
                         "{change} — {basis}; {verdict}."),
    "measured.broken.3": N_("Three days after a night with {awakenings} or more awakenings you "
                         "had {change} — {basis}; {verdict}."),
    "busy.flares.1": N_("The day after a busy day you had {change} — {basis}; {verdict}."),
    "busy.flares.2": N_("Two days after a busy day you had {change} — {basis}; {verdict}."),
    "busy.flares.3": N_("Three days after a busy day you had {change} — {basis}; {verdict}."),
    "busy.fatigue": N_("In the 3 days after a busy day your fatigue was {change} — {basis}; "
                    "{verdict}."),
    "bedtime": N_("After bedtimes over {minutes} minutes from your usual you had {change} that "
               "night — {basis}; {verdict}."),
}
# A comparison of a kind not (yet) in the table still reads whole.
OTHER_LEAD = N_("{title}: a difference of about {number} in {outcome} — {basis}; {verdict}.")

# The English of lead()'s sentence for too few days (its ngettext templates say it whole).
TOO_FEW = "{title}: too few days to tell yet — {needed} needed."

# What a kind's first sentence counts it on: its exposed nights or days, or all its days.
NIGHTS = ("sleep.", "measured.", "bedtime")
ALL_DAYS = ("medication.",)


@dataclass(frozen=True)
class Change:
    """How one unit's difference is said: more or fewer (counts), higher or lower
    (ratings); each the whole phrase for a count (ngettext, {count}) and the one for a
    fraction of one ("about 0.3 points lower")."""

    up: Callable[[int], str]
    up_fraction: str
    down: Callable[[int], str]
    down_fraction: str
    same: str


FLARES = Change(lambda n: ngettext("about {count} more flare", "about {count} more flares", n),
                N_("about {count} more flares (a fraction of one)"),
                lambda n: ngettext("about {count} fewer flare", "about {count} fewer flares", n),
                N_("about {count} fewer flares (a fraction of one)"),
                N_("about as many flares"))
POINTS = Change(lambda n: ngettext("about {count} point higher", "about {count} points higher", n),
                N_("about {count} points higher (a fraction of one)"),
                lambda n: ngettext("about {count} point lower", "about {count} points lower", n),
                N_("about {count} points lower (a fraction of one)"),
                N_("about the same"))
FRACTION_NOTE = " (a fraction of one)"   # the fraction templates' note to translators

UNLIKELY = N_("unlikely to be chance")
COULD_BE = N_("could be chance")
CANNOT_TELL = N_("can't tell if it's chance")   # the counts never varied
ROUNDED_AWAY = 0.05   # a difference smaller than this reads "about the same"


def _verdict_key(c: Comparison) -> str:
    if not c.estimable:
        return CANNOT_TELL
    p = c.q_value if c.q_value is not None else c.p_value
    return UNLIKELY if p is not None and p < FDR else COULD_BE


def verdict(c: Comparison) -> str:
    """Chance or not, in words. A comparison adjusted with the others is judged on its
    adjusted p; one shown alone (the bedtime pattern) on its own p."""
    return _(_verdict_key(c))


def amount(value: float, words: Callable[[int], str], fraction: str) -> str:
    """A size rounded for reading, in its phrase: whole from about 1 up ("about 1 more
    flare"), else one decimal ("about 0.3 points lower")."""
    size = abs(value)
    if size >= 0.95:
        n = int(size + 0.5)
        return words(n).format(count=formats.whole(n))
    text = _(fraction)
    if text == fraction:   # English, or not translated: the plural without the note
        text = fraction.removesuffix(FRACTION_NOTE)
    return text.format(count=formats.decimal(size, 1))


def change(c: Comparison) -> str:
    """"about 1 more flare", "about 0.3 points lower", "about as many flares"."""
    words = POINTS if c.rating or c.kind == "busy.fatigue" else FLARES
    difference = c.difference or 0.0
    if abs(difference) < ROUNDED_AWAY:
        return _(words.same)
    if difference > 0:
        return amount(difference, words.up, words.up_fraction)
    return amount(difference, words.down, words.down_fraction)


def basis(c: Comparison) -> str:
    """The days the first sentence says it rests on: "102 such nights", "60 days"."""
    if c.kind.startswith(ALL_DAYS):
        return ngettext("{count} day", "{count} days", c.days).format(count=formats.whole(c.days))
    n = c.n_exposed
    if c.kind.startswith(NIGHTS):
        return ngettext("{count} such night", "{count} such nights", n).format(
            count=formats.whole(n))
    return ngettext("{count} such day", "{count} such days", n).format(count=formats.whole(n))


def lead(c: Comparison) -> str:
    """The first sentence: what went with what, roughly how much, on how many days, and
    whether it could be chance; or how many more days it needs."""
    if not c.enough:
        n = c.more_days_needed
        return ngettext("{title}: too few days to tell yet — {count} more day needed.",
                        "{title}: too few days to tell yet — {count} more days needed.",
                        n).format(title=c.title, count=formats.whole(n))
    fields = dict(c.terms, change=change(c), basis=basis(c), verdict=verdict(c))
    template = LEADS.get(c.kind)
    if template is None:
        return _(OTHER_LEAD).format(title=c.title, number=signed(c.difference or 0.0),
                                    outcome=outcome_words(c.outcome), basis=fields["basis"],
                                    verdict=fields["verdict"])
    return _(template).format(**fields)


def figures(c: Comparison) -> str:
    """The exact figures under the first sentence: both means and the days on each side
    (no interval, no p-value: those are the method's)."""
    if not c.enough:
        short = [ngettext("{count} more day {side}", "{count} more days {side}", MIN_DAYS - n)
                 .format(count=formats.whole(MIN_DAYS - n), side=side)
                 for n, side in ((c.n_exposed, c.exposed), (c.n_other, c.other))
                 if n < MIN_DAYS]
        needs = short[0] if len(short) == 1 else _("{first} and {second}").format(
            first=short[0], second=short[1])
        return _("It needs {needs}; it rests on {days} so far.").format(
            needs=needs, days=ngettext("{count} day", "{count} days", c.days).format(
                count=formats.whole(c.days)))
    named = c.pattern and c.notable and (c.difference or 0) > 0
    association = (_("{association}: {pattern}.").format(association=association_words(),
                                                          pattern=_(c.pattern))
                   if named else _("{association}.").format(association=association_words()))
    return ngettext(
        "{title}: {mean_exposed} {outcome} {exposed}, against {mean_other} {other}; "
        "{n_exposed} + {n_other} = {days} day. {association}",
        "{title}: {mean_exposed} {outcome} {exposed}, against {mean_other} {other}; "
        "{n_exposed} + {n_other} = {days} days. {association}", c.days).format(
        title=c.title, mean_exposed=formats.decimal(c.mean_exposed or 0.0, 2),
        outcome=outcome_words(c.outcome), exposed=c.exposed,
        mean_other=formats.decimal(c.mean_other or 0.0, 2), other=c.other,
        n_exposed=formats.whole(c.n_exposed), n_other=formats.whole(c.n_other),
        days=formats.whole(c.days), association=association)


def statistics(c: Comparison) -> str:
    """The difference with its interval and p-values, for "How this is worked out"."""
    if not c.enough or c.difference is None:
        return _("No difference worked out yet: too few days on one side.")
    if not c.estimable:
        return _("Difference {difference}; no interval: the counts did not vary from day "
                 "to day.").format(difference=signed(c.difference, 2))
    words = (_("notable") if _verdict_key(c) == UNLIKELY else _("could well be chance"))
    numbers = dict(difference=signed(c.difference, 2), low=signed(c.ci_low or 0.0, 2),
                   high=signed(c.ci_high or 0.0, 2), p=_p(c.p_value), verdict=words)
    if c.q_value is None:
        return _("Difference {difference}; 95 % confidence interval {low} to {high}; p {p}, "
                 "not adjusted (shown alone): {verdict}.").format(**numbers)
    return ngettext(
        "Difference {difference}; 95 % confidence interval {low} to {high}; p {p}, adjusted "
        "p {q} over {tests} comparison: {verdict}.",
        "Difference {difference}; 95 % confidence interval {low} to {high}; p {p}, adjusted "
        "p {q} over {tests} comparisons: {verdict}.", c.tests).format(
        q=_p(c.q_value), tests=formats.whole(c.tests), **numbers)


def _p(value: float | None) -> str:
    assert value is not None  # an estimable comparison has a p-value
    if value < 0.001:
        return _("< {value}").format(value=formats.decimal(0.001, 3))
    return _("= {value}").format(value=two_figures(value))


def word_count(sentence: str) -> int:
    """Words as a reader counts them: dashes and signs on their own are not words."""
    return sum(any(ch.isalnum() for ch in token) for token in sentence.split())


# "How this is worked out": what the words above stand for, then the method itself.
HOW_WORDS = (
    N_("Each comparison sets the days after something (a poor night, a trigger, a busy day, a "
       "medication started) against your other days and takes the difference in the daily "
       "average. The first sentence rounds it for reading; the exact figures follow it."),
    N_("“Unlikely to be chance”: the difference stays clear after allowing for chance and for "
       "the number of comparisons made (adjusted p below {fdr}). “Could be chance”: it does "
       "not. Either way it is an association, not a cause."),
)
HOW = tuple(text.format(fdr=f"{FDR:g}") for text in HOW_WORDS)   # English; how() translated


def how() -> tuple[str, ...]:
    """HOW in the reader's words."""
    return tuple(_(text).format(fdr=formats.decimal(FDR, 2)) for text in HOW_WORDS)


@dataclass(frozen=True)
class Scale:
    """A forest plot group's words: what its rows measure, the unit of its axis, and which
    side of 0 is which, said right for that outcome."""

    heading: str
    unit: str
    caption: str


SCALES = {
    "flares a day": Scale(N_("Flares a day"), N_("difference in flares a day"),
                          N_("left of 0: fewer flares; right of 0: more")),
    "night-time flares": Scale(N_("Night-time flares"), N_("difference in flares a night"),
                               N_("left of 0: fewer night-time flares; right of 0: more")),
    "overall pain (0–10)": Scale(N_("Overall pain (0–10)"), N_("difference in points of pain"),
                                 N_("left of 0: less pain; right of 0: more")),
    "fatigue (0–10, mean of the rated days)": Scale(
        N_("Fatigue over the 3 days after (0–10)"), N_("difference in points of fatigue"),
        N_("left of 0: less fatigue; right of 0: more")),
}
# Symptoms said as an amount ("less fatigue"); others are "rated lower" ("muscle spasms").
AMOUNT_SYMPTOMS = {"fatigue", "brain fog", "fibro fog", "stiffness", "pain", "anxiety",
                   "nausea", "dizziness", "numbness", "tingling", "insomnia"}
SYMPTOM_SCALE = Scale(N_("{Symptom} rating (0–10)"), N_("difference in points of {symptom}"),
                      N_("left of 0: less {symptom}; right of 0: more"))
SYMPTOM_SCALE_RATED = Scale(N_("{Symptom} rating (0–10)"), N_("difference in points of {symptom}"),
                            N_("left of 0: {symptom} rated lower; right of 0: rated higher"))
OTHER_SCALE = Scale("{Outcome}", N_("difference in {outcome}"),
                    N_("left of 0: lower; right of 0: higher"))


# Outcomes counted over other hours but in the same unit share a group and its scale.
SAME_UNIT = {"flares a day, counted from waking": "flares a day",
             "flares from bedtime to waking": "night-time flares"}


def group_of(outcome: str) -> str:
    """The forest plot group of the rows whose outcome is ``outcome`` (one unit each)."""
    return SAME_UNIT.get(outcome, outcome)


def scale_for(outcome: str) -> Scale:
    """The words of the group of rows whose outcome is ``outcome``."""
    outcome = group_of(outcome)
    if outcome in SCALES:
        words = SCALES[outcome]
        return Scale(_(words.heading), _(words.unit), _(words.caption))
    if outcome.endswith(SYMPTOM_RATING):
        symptom = outcome.removesuffix(SYMPTOM_RATING)
        words = SYMPTOM_SCALE if symptom in AMOUNT_SYMPTOMS else SYMPTOM_SCALE_RATED
        names = {"Symptom": symptom.capitalize(), "symptom": symptom}
    else:
        words, names = OTHER_SCALE, {"Outcome": outcome.capitalize(), "outcome": outcome}
    return Scale(_(words.heading).format(**names), _(words.unit).format(**names),
                 _(words.caption).format(**names))
