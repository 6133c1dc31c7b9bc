"""This period against the previous one of the same length, as a whole: flares a week, mean
intensity, WPI, SSS and FIQR, each with its direction, its size and whether the difference
is beyond what chance gives.

Each figure is the period's own (flares a week over all its days, the mean of every mark
in pain, the mean of the weekly WPIs and of the questionnaires); whether it differs beyond
chance is Welch's t-test on the values it rests on: the flares and the mean intensity of
each whole 7-day week, the WPI of each week with a flare, each SSS and each scored FIQR.
Weeks, not days or marks, because flares come in runs: a day's flares, and the marks of
one flare, follow each other and would overstate the evidence. Weeks come in runs too, so
the test allows for the lag-1 autocorrelation of the values (see ``welch``). The five
p-values are adjusted together (Benjamini–Hochberg); with fewer than 3 values on either
side there is no test, and the report says "too few records to tell".

How often the flares-a-week test calls a difference between two 90-day periods of one
unchanging history (3,000 histories each; daily flares Poisson around a level that
follows the day before with persistence phi; tests/analysis/test_overall.py runs a
smaller version): plain Welch on the weeks 5.3 % (phi 0), 6.1 % (0.5), 12 % (0.8),
22 % (0.9), 36 % (0.95); allowing for runs 4.3 %, 4.3 %, 6.4 %, 9.2 %, 15 %. With a level
that wanders for months (phi 0.9 and above) two quarters do differ, and more often than
chance alone: "beyond chance" then means beyond the week-to-week variation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from fibromap.analysis.distributions import t_upper_tail
from fibromap.analysis.statistics import FDR, benjamini_hochberg
from fibromap.i18n import N_

MIN_VALUES = 3   # on each side, for a test
MAX_PERSISTENCE = 0.9
TOO_FEW = N_("too few records to tell")  # English ids, shown through _
NO_SPREAD = N_("every value the same: no test")


@dataclass(frozen=True, slots=True)
class Welch:
    t: float
    df: float
    p_value: float
    persistence: float   # the lag-1 autocorrelation allowed for (0 to MAX_PERSISTENCE)


def persistence(*series: Sequence[float]) -> float:
    """The lag-1 autocorrelation of values in time order, pooled over the series (each about
    its own mean), with Kendall's small-sample correction (r + (1 + 3r) / n), kept between 0
    and MAX_PERSISTENCE."""
    products = squares = 0.0
    count = 0
    for values in series:
        centre = sum(values) / len(values)
        deviations = [v - centre for v in values]
        products += sum(a * b for a, b in zip(deviations, deviations[1:], strict=False))
        squares += sum(d * d for d in deviations)
        count += len(values)
    r = products / squares if squares > 0 else 0.0
    return min(max(r + (1 + 3 * r) / count, 0.0), MAX_PERSISTENCE)


def welch(now: Sequence[float], before: Sequence[float]) -> Welch | None:
    """Welch's two-sided t-test of the means of ``now`` and ``before`` (each in time order),
    allowing for runs: with lag-1 autocorrelation r, each mean's variance is multiplied by
    (1 + r) / (1 - r) and the degrees of freedom by (1 - r) / (1 + r), as for AR(1) values.
    None with fewer than 2 values on a side or no spread at all."""
    if len(now) < 2 or len(before) < 2:
        return None
    r = persistence(now, before)
    inflation = (1 + r) / (1 - r)
    parts = []
    for values in (now, before):
        centre = sum(values) / len(values)
        variance = sum((v - centre) ** 2 for v in values) / (len(values) - 1)
        parts.append((centre, variance / len(values) * inflation))
    (mean_now, share_now), (mean_before, share_before) = parts
    se2 = share_now + share_before
    if se2 <= 0:
        return None
    df = se2 ** 2 / (share_now ** 2 / (len(now) - 1) + share_before ** 2 / (len(before) - 1))
    df = max(1.0, df / inflation)
    t = (mean_now - mean_before) / math.sqrt(se2)
    return Welch(t, df, min(1.0, 2 * t_upper_tail(abs(t), df)), r)


@dataclass(frozen=True, slots=True)
class Change:
    """One measure in both periods: the figures, the values tested, and the verdict."""

    name: str
    scale: str                        # "0–10", "" for a count
    before: float | None
    now: float | None
    tested_before: tuple[float, ...]  # what the test rests on (weeks, questionnaires)
    tested_now: tuple[float, ...]
    basis: str                        # what one tested value is ("week", "questionnaire")
    p_value: float | None = None
    q_value: float | None = None      # adjusted over the measures tested

    @property
    def difference(self) -> float | None:
        return None if self.now is None or self.before is None else self.now - self.before

    @property
    def enough(self) -> bool:
        return min(len(self.tested_now), len(self.tested_before)) >= MIN_VALUES

    @property
    def beyond_chance(self) -> bool | None:
        """True or False once tested; None when there are too few values or no spread."""
        return None if self.q_value is None else self.q_value < FDR

    @property
    def why_untested(self) -> str:
        return "" if self.q_value is not None else (TOO_FEW if not self.enough else NO_SPREAD)


def change(name: str, scale: str, before: float | None, now: float | None,
           tested_before: Sequence[float], tested_now: Sequence[float], basis: str) -> Change:
    """A measure and its test (p-value; adjusted by ``adjust`` with the others)."""
    result = Change(name, scale, before, now, tuple(tested_before), tuple(tested_now), basis)
    test = welch(tested_now, tested_before) if result.enough else None
    return replace(result, p_value=test.p_value if test else None)


def adjust(changes: Sequence[Change]) -> list[Change]:
    """The changes with their p-values adjusted together (Benjamini–Hochberg)."""
    adjusted = benjamini_hochberg([c.p_value for c in changes])
    return [replace(c, q_value=q) for c, q in zip(changes, adjusted, strict=True)]


