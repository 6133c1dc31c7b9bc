"""A comparison's words below the sentences of insight_words.py: its outcome, signed
differences and p-values in the reader's language, and the one-sentence summary the
insights command gives (``Comparison.sentence``)."""

from __future__ import annotations

from typing import Protocol

from fibromap.analysis.statistics import Difference
from fibromap.i18n import N_, _, formats, ngettext

ASSOCIATION = N_("association, not cause")  # shown through _


class Described(Protocol):
    """What the sentence reads of a comparison (insights.Comparison)."""

    @property
    def title(self) -> str: ...
    @property
    def exposed(self) -> str: ...
    @property
    def other(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def result(self) -> Difference: ...
    @property
    def q_value(self) -> float | None: ...
    @property
    def tests(self) -> int: ...
    @property
    def pattern(self) -> str: ...
    @property
    def rating(self) -> bool: ...
    @property
    def notable(self) -> bool: ...
    @property
    def enough(self) -> bool: ...
    @property
    def estimable(self) -> bool: ...
    @property
    def difference(self) -> float | None: ...
    @property
    def mean_exposed(self) -> float | None: ...
    @property
    def mean_other(self) -> float | None: ...
    @property
    def ci_low(self) -> float | None: ...
    @property
    def ci_high(self) -> float | None: ...
    @property
    def n_exposed(self) -> int: ...
    @property
    def n_other(self) -> int: ...
    @property
    def days(self) -> int: ...


def association_words() -> str:
    """"Association, not cause" in the reader's words, its first letter a capital."""
    text = _(ASSOCIATION)
    return text[:1].upper() + text[1:]


SYMPTOM_RATING = " rating (0–10)"   # a symptom's outcome ends so (an English key)


def outcome_words(outcome: str) -> str:
    """An outcome (an English key: forest plot groups go by it) in the reader's words."""
    if outcome.endswith(SYMPTOM_RATING):
        return _("{symptom} rating (0–10)").format(symptom=outcome.removesuffix(SYMPTOM_RATING))
    return _(outcome)


def signed(value: float, places: int = 1) -> str:
    """A difference with its sign: "+0.3", "-1.2" (the language's decimal sign)."""
    return format(value, f"+.{places}f")[0] + formats.decimal(abs(value), places)


def two_figures(value: float) -> str:
    """``value`` to two significant figures, as ``{:.2g}`` writes it, in the language's
    decimal sign."""
    text = f"{value:.2g}"
    if "e" in text or "." not in text:
        return text
    return formats.decimal(float(text), len(text.split(".")[1]))


def sentence(c: Described, min_days: int) -> str:
    """A comparison in one sentence with its method's figures (the insights command's
    "sentence")."""
    if not c.enough:
        short = [ngettext("{count} more day {side}", "{count} more days {side}", min_days - n)
                 .format(count=min_days - n, side=label)
                 for n, label in ((c.n_exposed, c.exposed), (c.n_other, c.other))
                 if n < min_days]
        needs = short[0] if len(short) == 1 else _("{first} and {second}").format(
            first=short[0], second=short[1])
        return _("{title}: not enough data yet — needs {needs} (rests on {days} so "
                 "far).").format(title=c.title, needs=needs, days=ngettext(
                     "{count} day", "{count} days", c.days).format(
                     count=formats.whole(c.days)))
    difference = c.difference
    assert difference is not None  # enough days on both sides make a difference
    return (_("{title}: {mean_exposed} {outcome} {exposed} against {mean_other} {other} — "
              "{change} ({detail}); {n_exposed} + {n_other} = {days} days. "
              "{association}: {pattern}.")
            if c.pattern and c.notable and difference > 0 else
            _("{title}: {mean_exposed} {outcome} {exposed} against {mean_other} {other} — "
              "{change} ({detail}); {n_exposed} + {n_other} = {days} days. "
              "{association}.")).format(
        title=c.title, mean_exposed=formats.decimal(c.mean_exposed or 0.0, 2),
        outcome=outcome_words(c.outcome), exposed=c.exposed,
        mean_other=formats.decimal(c.mean_other or 0.0, 2), other=c.other,
        change=_change(c, difference), detail=_detail(c),
        n_exposed=c.n_exposed, n_other=c.n_other, days=c.days,
        association=association_words(), pattern=_(c.pattern))

def _change(c: Described, difference: float) -> str:
    if difference == 0:
        return _("no difference")
    size = formats.decimal(abs(difference), 2)
    if c.rating:
        words = _("{amount} higher") if difference > 0 else _("{amount} lower")
    else:
        words = _("{amount} more") if difference > 0 else _("{amount} fewer")
    return words.format(amount=size)

def _detail(c: Described) -> str:
    if not c.estimable:
        return _(c.result.reason)
    low, high = signed(c.ci_low or 0.0, 2), signed(c.ci_high or 0.0, 2)
    if c.q_value is None:
        return _("95 % CI {low} to {high}").format(low=low, high=high)
    verdict = _("notable") if c.notable else _("could well be chance")
    return ngettext("95 % CI {low} to {high}; adjusted p = {q} over {tests} comparison: "
                    "{verdict}",
                    "95 % CI {low} to {high}; adjusted p = {q} over {tests} comparisons: "
                    "{verdict}", c.tests).format(
        low=low, high=high, q=two_figures(c.q_value), tests=c.tests, verdict=verdict)
