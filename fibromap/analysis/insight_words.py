"""Insights in plain words: one sentence a tired person can read first, then the exact
figures, then the statistics for whoever opens "How this is worked out".

Each sentence is made whole from one template per kind of comparison (``Comparison.kind``)
with named fields, never from English fragments glued together; counts go through
``counted``. The first sentence rounds for reading ("about 1 more flare", "about 0.3
points lower") and names no method: the exact means, days and intervals follow it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fibromap.analysis.insights import ASSOCIATION, MIN_DAYS, Comparison
from fibromap.analysis.statistics import FDR
from fibromap.domain.wording import counted

# The first sentence of each kind of comparison. Fields: {change} (how much more or less,
# rounded), {basis} (the exposed days or nights it rests on), {verdict} (chance or not),
# and the kind's own names (Comparison.terms).
LEADS = {
    "sleep.flares.1": "After poor nights you had {change} the next day — {basis}; {verdict}.",
    "sleep.flares.2": "Two days after a poor night you had {change} — {basis}; {verdict}.",
    "sleep.flares.3": "Three days after a poor night you had {change} — {basis}; {verdict}.",
    "sleep.pain.1": "After poor nights your overall pain was {change} the next day — {basis}; "
                    "{verdict}.",
    "sleep.pain.2": "Two days after a poor night your overall pain was {change} — {basis}; "
                    "{verdict}.",
    "sleep.symptom": "After poor nights your {symptom} rating was {change} the next day — "
                     "{basis}; {verdict}.",
    "trigger": "After days you logged {trigger}, you had {change} the night after — {basis}; "
               "{verdict}.",
    "water": "After days with {level} glasses of water or fewer you had {change} the night "
             "after — {basis}; {verdict}.",
    "stress": "After days with stress of {level} or more you had {change} the night after — "
              "{basis}; {verdict}.",
    "food": "After days with {food} you had {change} the night after — {basis}; {verdict}.",
    "medication.flares": "Since starting {medication}: {change} a day than in the {window} "
                         "days before — {basis}; {verdict}.",
    "medication.pain": "After starting {medication} your overall pain was {change} than in "
                       "the {window} days before — {basis}; {verdict}.",
    "medication.symptom": "After starting {medication} your {symptom} rating was {change} "
                          "than in the {window} days before — {basis}; {verdict}.",
    "measured.short.1": "After nights of under {hours} hours asleep you had {change} the next "
                        "day — {basis}; {verdict}.",
    "measured.short.2": "Two days after a night of under {hours} hours asleep you had {change} "
                        "— {basis}; {verdict}.",
    "measured.short.3": "Three days after a night of under {hours} hours asleep you had "
                        "{change} — {basis}; {verdict}.",
    "measured.broken.1": "After nights with {awakenings} or more awakenings you had {change} "
                         "the next day — {basis}; {verdict}.",
    "measured.broken.2": "Two days after a night with {awakenings} or more awakenings you had "
                         "{change} — {basis}; {verdict}.",
    "measured.broken.3": "Three days after a night with {awakenings} or more awakenings you "
                         "had {change} — {basis}; {verdict}.",
    "busy.flares.1": "The day after a busy day you had {change} — {basis}; {verdict}.",
    "busy.flares.2": "Two days after a busy day you had {change} — {basis}; {verdict}.",
    "busy.flares.3": "Three days after a busy day you had {change} — {basis}; {verdict}.",
    "busy.fatigue": "In the 3 days after a busy day your fatigue was {change} — {basis}; "
                    "{verdict}.",
    "bedtime": "After bedtimes over {minutes} minutes from your usual you had {change} that "
               "night — {basis}; {verdict}.",
}
# A comparison of a kind not (yet) in the table still reads whole.
OTHER_LEAD = "{title}: a difference of about {number} in {outcome} — {basis}; {verdict}."
TOO_FEW = "{title}: too few days to tell yet — {needed} needed."
TOO_FEW_NOUN = "more days"

# What a kind's first sentence counts it on: its exposed nights or days, or all its days.
NIGHTS = ("sleep.", "measured.", "bedtime")
ALL_DAYS = ("medication.",)
BASIS = {"nights": "such nights", "days": "such days", "all": "days"}


@dataclass(frozen=True)
class Change:
    """How one unit's difference is said: more or fewer (counts), higher or lower
    (ratings), each a template for ``counted`` with its noun."""

    up: str
    up_noun: str
    down: str
    down_noun: str
    same: str


FLARES = Change("about {count}", "more flares", "about {count}", "fewer flares",
                "about as many flares")
POINTS = Change("about {count} higher", "points", "about {count} lower", "points",
                "about the same")

UNLIKELY = "unlikely to be chance"
COULD_BE = "could be chance"
CANNOT_TELL = "can't tell if it's chance"   # the counts never varied
ROUNDED_AWAY = 0.05   # a difference smaller than this reads "about the same"


def verdict(c: Comparison) -> str:
    """Chance or not, in words. A comparison adjusted with the others is judged on its
    adjusted p; one shown alone (the bedtime pattern) on its own p."""
    if not c.estimable:
        return CANNOT_TELL
    p = c.q_value if c.q_value is not None else c.p_value
    return UNLIKELY if p is not None and p < FDR else COULD_BE


def amount(value: float, noun: str) -> str:
    """A size rounded for reading: whole from about 1 up, else one decimal ("0.3 points")."""
    size = abs(value)
    if size >= 0.95:
        return counted(int(size + 0.5), noun)
    return f"{size:.1f} {noun}"   # a fraction of one: the plural, as in "0.5 points"


def change(c: Comparison) -> str:
    """"about 1 more flare", "about 0.3 points lower", "about as many flares"."""
    words = POINTS if c.rating or c.kind == "busy.fatigue" else FLARES
    difference = c.difference or 0.0
    if abs(difference) < ROUNDED_AWAY:
        return words.same
    if difference > 0:
        return words.up.format(count=amount(difference, words.up_noun))
    return words.down.format(count=amount(difference, words.down_noun))


def basis(c: Comparison) -> str:
    """The days the first sentence says it rests on: "102 such nights", "60 days"."""
    if c.kind.startswith(ALL_DAYS):
        return counted(c.days, BASIS["all"])
    return counted(c.n_exposed, BASIS["nights" if c.kind.startswith(NIGHTS) else "days"])


def lead(c: Comparison) -> str:
    """The first sentence: what went with what, roughly how much, on how many days, and
    whether it could be chance; or how many more days it needs."""
    if not c.enough:
        return TOO_FEW.format(title=c.title, needed=counted(c.more_days_needed, TOO_FEW_NOUN))
    fields = dict(c.terms, change=change(c), basis=basis(c), verdict=verdict(c))
    template = LEADS.get(c.kind)
    if template is None:
        return OTHER_LEAD.format(title=c.title, number=f"{c.difference or 0.0:+.1f}",
                                 outcome=c.outcome, basis=fields["basis"],
                                 verdict=fields["verdict"])
    return template.format(**fields)


FIGURES = ("{title}: {mean_exposed} {outcome} {exposed}, against {mean_other} {other}; "
           "{n_exposed} + {n_other} = {days} days. {association}")
FIGURES_TOO_FEW = "It needs {needs}; it rests on {days} so far."
NEEDS = "{count} {side}"
NAMED = "{association}: {pattern}."
PLAIN_ASSOCIATION = "{association}."


def figures(c: Comparison) -> str:
    """The exact figures under the first sentence: both means and the days on each side
    (no interval, no p-value: those are the method's)."""
    if not c.enough:
        short = [NEEDS.format(count=counted(MIN_DAYS - n, "more days"), side=side)
                 for n, side in ((c.n_exposed, c.exposed), (c.n_other, c.other))
                 if n < MIN_DAYS]
        return FIGURES_TOO_FEW.format(needs=" and ".join(short),
                                      days=counted(c.days, "days"))
    named = c.pattern and c.notable and (c.difference or 0) > 0
    association = (NAMED.format(association=ASSOCIATION.capitalize(), pattern=c.pattern)
                   if named else PLAIN_ASSOCIATION.format(association=ASSOCIATION.capitalize()))
    return FIGURES.format(title=c.title, mean_exposed=f"{c.mean_exposed:.2f}",
                          outcome=c.outcome, exposed=c.exposed,
                          mean_other=f"{c.mean_other:.2f}", other=c.other,
                          n_exposed=c.n_exposed, n_other=c.n_other, days=c.days,
                          association=association)


STATISTICS = ("Difference {difference:+.2f}; 95 % confidence interval {low:+.2f} to {high:+.2f}; "
              "p {p}, adjusted p {q} over {tests}: {verdict}.")
STATISTICS_ALONE = ("Difference {difference:+.2f}; 95 % confidence interval {low:+.2f} to "
                    "{high:+.2f}; p {p}, not adjusted (shown alone): {verdict}.")
P_EQUALS, P_BELOW = "= {value:.2g}", "< 0.001"
NO_INTERVAL = ("Difference {difference:+.2f}; no interval: the counts did not vary from day "
               "to day.")
NOT_YET = "No difference worked out yet: too few days on one side."


def statistics(c: Comparison) -> str:
    """The difference with its interval and p-values, for "How this is worked out"."""
    if not c.enough or c.difference is None:
        return NOT_YET
    if not c.estimable:
        return NO_INTERVAL.format(difference=c.difference)
    words = "notable" if verdict(c) == UNLIKELY else "could well be chance"
    if c.q_value is None:
        return STATISTICS_ALONE.format(difference=c.difference, low=c.ci_low, high=c.ci_high,
                                       p=_p(c.p_value), verdict=words)
    return STATISTICS.format(difference=c.difference, low=c.ci_low, high=c.ci_high,
                             p=_p(c.p_value), q=_p(c.q_value),
                             tests=counted(c.tests, "comparisons"), verdict=words)


def _p(value: float | None) -> str:
    assert value is not None  # an estimable comparison has a p-value
    return P_BELOW if value < 0.001 else P_EQUALS.format(value=value)


def word_count(sentence: str) -> int:
    """Words as a reader counts them: dashes and signs on their own are not words."""
    return sum(any(ch.isalnum() for ch in token) for token in sentence.split())


# "How this is worked out": what the words above stand for, then the method itself.
HOW = (
    "Each comparison sets the days after something (a poor night, a trigger, a busy day, a "
    "medication started) against your other days and takes the difference in the daily "
    "average. The first sentence rounds it for reading; the exact figures follow it.",
    f"“Unlikely to be chance”: the difference stays clear after allowing for chance and for "
    f"the number of comparisons made (adjusted p below {FDR:g}). “Could be chance”: it does "
    "not. Either way it is an association, not a cause.",
)


@dataclass(frozen=True)
class Scale:
    """A forest plot group's words: what its rows measure, the unit of its axis, and which
    side of 0 is which, said right for that outcome."""

    heading: str
    unit: str
    caption: str


SCALES = {
    "flares a day": Scale("Flares a day", "difference in flares a day",
                          "left of 0: fewer flares; right of 0: more"),
    "night-time flares": Scale("Night-time flares", "difference in flares a night",
                               "left of 0: fewer night-time flares; right of 0: more"),
    "overall pain (0–10)": Scale("Overall pain (0–10)", "difference in points of pain",
                                 "left of 0: less pain; right of 0: more"),
    "fatigue (0–10, mean of the rated days)": Scale(
        "Fatigue over the 3 days after (0–10)", "difference in points of fatigue",
        "left of 0: less fatigue; right of 0: more"),
}
SYMPTOM_RATING = " rating (0–10)"
# Symptoms said as an amount ("less fatigue"); others are "rated lower" ("muscle spasms").
AMOUNT_SYMPTOMS = {"fatigue", "brain fog", "fibro fog", "stiffness", "pain", "anxiety",
                   "nausea", "dizziness", "numbness", "tingling", "insomnia"}
SYMPTOM_SCALE = Scale("{Symptom} rating (0–10)", "difference in points of {symptom}",
                      "left of 0: less {symptom}; right of 0: more")
SYMPTOM_SCALE_RATED = Scale("{Symptom} rating (0–10)", "difference in points of {symptom}",
                            "left of 0: {symptom} rated lower; right of 0: rated higher")
OTHER_SCALE = Scale("{Outcome}", "difference in {outcome}", "left of 0: lower; right of 0: higher")


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
        return SCALES[outcome]
    if outcome.endswith(SYMPTOM_RATING):
        symptom = outcome.removesuffix(SYMPTOM_RATING)
        words = SYMPTOM_SCALE if symptom in AMOUNT_SYMPTOMS else SYMPTOM_SCALE_RATED
        names = {"Symptom": symptom.capitalize(), "symptom": symptom}
    else:
        words, names = OTHER_SCALE, {"Outcome": outcome.capitalize(), "outcome": outcome}
    return Scale(words.heading.format(**names), words.unit.format(**names),
                 words.caption.format(**names))
