"""The statistics behind the insights: the difference in daily means, Newey–West's
interval, and the false-discovery-rate correction across comparisons.

- A Difference is the mean of the outcome on exposed days minus on other days (the slope
  of a regression of the outcome on a 0/1 exposure), with its interval and p-value.
- The insights judge chance by circular shifts of the exposure (fibromap/analysis/
  shifts.py): Newey–West's fixed short lag below let long spells and month-long
  stretches pass as findings (docs/calibration.md). hac_difference stays for the bundle's
  self-test and as the method the calibration compares with: Newey–West's HAC estimate
  (Bartlett weights, lag floor(4 (n/100)^(2/9)), small-sample factor n/(n-2)), missing
  calendar days kept as gaps, Student's t on the Welch–Satterthwaite degrees of freedom
  (fibromap/analysis/distributions.py, checked against SciPy and statsmodels).
- Across all comparisons shown, p-values are adjusted by Benjamini–Hochberg, controlling
  the false discovery rate at 5 %; only adjusted values below 0.05 are called notable.
  Under no effect at all that is also the chance of any notable finding, when each
  p-value is honest: the calibration checks it by simulation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fibromap.analysis.distributions import t_quantile, t_upper_tail
from fibromap.i18n import N_

FDR = 0.05
NO_VARIATION = N_("the interval cannot be estimated: the counts did not vary from day to day")
CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Difference:
    """Mean of ``a`` minus mean of ``b``, with what it rests on."""

    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    difference: float | None
    se: float | None          # HAC standard error; None when it cannot be estimated
    df: float | None          # Welch–Satterthwaite degrees of freedom
    lag: int                  # Newey–West lag, in days
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    shifts: int = 0           # circular shifts behind se and df (shifts.py); 0: Newey–West
    reason: str = NO_VARIATION  # why there is no interval, when there is none


def newey_west_lag(n: int) -> int:
    """Newey and West's (1994) rule of thumb: floor(4 (n/100)^(2/9))."""
    return int(4 * (n / 100) ** (2 / 9)) if n > 0 else 0


def hac_difference(days: Sequence[tuple[date, bool, float]], lag: int | None = None) -> Difference:
    """The difference in means between exposed and other days, with a HAC interval.

    ``days`` holds (day, exposed, outcome), at most one row per day, in any order.
    """
    rows = sorted(days)
    a = [y for _d, x, y in rows if x]
    b = [y for _d, x, y in rows if not x]
    n = len(rows)
    lag = newey_west_lag(n) if lag is None else lag
    if not a or not b:
        return Difference(len(a), len(b), mean(a), mean(b), None, None, None, lag, None, None,
                          None)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    difference = mean_a - mean_b
    if len(a) < 2 or len(b) < 2:
        return Difference(len(a), len(b), mean_a, mean_b, difference, None, None, lag, None,
                          None, None)
    variance = _hac_variance(rows, len(a) / n, mean_a, mean_b, lag)
    va, vb = _variance(a) / len(a), _variance(b) / len(b)
    if variance <= 0 or va + vb == 0:
        return Difference(len(a), len(b), mean_a, mean_b, difference, None, None, lag, None,
                          None, None)
    se = math.sqrt(variance)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    margin = t_quantile(0.5 + CONFIDENCE / 2, df) * se
    p_value = 2 * t_upper_tail(abs(difference) / se, df)
    return Difference(len(a), len(b), mean_a, mean_b, difference, se, df, lag,
                      difference - margin, difference + margin, p_value)


def _hac_variance(rows: Sequence[tuple[date, bool, float]], share: float, mean_a: float,
                  mean_b: float, lag: int) -> float:
    """Newey–West's variance of the difference (0.0 with two days or fewer): ``rows`` in
    time order, ``share`` of them exposed, each group's mean."""
    n = len(rows)
    # Score of each day: (x - mean x) times the residual from its group's mean.
    first = rows[0][0]
    score: dict[int, float] = {}
    for day, exposed, y in rows:
        centred = (1 - share) if exposed else -share
        score[(day - first).days] = centred * (y - (mean_a if exposed else mean_b))
    long_run = sum(u * u for u in score.values())
    for step in range(1, lag + 1):
        weight = 1 - step / (lag + 1)
        long_run += 2 * weight * sum(u * score.get(t - step, 0.0) for t, u in score.items())
    spread = n * share * (1 - share)  # the sum of (x - mean x)^2
    return long_run / spread ** 2 * n / (n - 2) if n > 2 else 0.0


def benjamini_hochberg(p_values: Sequence[float | None]) -> list[float | None]:
    """Adjusted p-values (q-values) over those given; None stays None."""
    ranked = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(ranked)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 1.0
    for rank in range(m, 0, -1):
        p, index = ranked[rank - 1]
        running = min(running, p * m / rank)
        adjusted[index] = running
    return adjusted


def mean(values: Sequence[float]) -> float | None:
    """The mean, or None for no values."""
    return sum(values) / len(values) if values else None


def _variance(values: Sequence[float]) -> float:
    centre = sum(values) / len(values)
    return sum((v - centre) ** 2 for v in values) / (len(values) - 1)
