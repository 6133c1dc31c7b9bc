"""The statistics behind the insights: a difference in daily means with an interval that
allows for autocorrelation, and a false-discovery-rate correction across comparisons.

Method (also in the README and the Insights view):
- The difference is the mean of the outcome on exposed days minus on other days (the
  slope of a regression of the outcome on a 0/1 exposure).
- Its standard error is Newey–West's HAC estimate (Bartlett weights, lag
  floor(4 (n/100)^(2/9)), small-sample factor n/(n-2)): daily counts follow each other,
  and a day's flares are not independent of the day before's. Missing calendar days stay
  in the time order as gaps (they contribute nothing), so a lag is always in days.
- The 95 % interval and the two-sided p-value use Student's t with the Welch–Satterthwaite
  degrees of freedom of the two groups, from the exact t distribution
  (fibromap/analysis/distributions.py, checked against SciPy).
- Across all comparisons shown, p-values are adjusted by Benjamini–Hochberg, controlling
  the false discovery rate at 5 %; only adjusted values below 0.05 are called notable.
- A rating that changes slowly (overall pain, a symptom) leans on the day before far more
  than a day's count of flares, and with a poor night that also comes in runs, Newey–West's
  short lag leaves the interval too narrow: in simulations with no effect at all, a
  same-day pain comparison had p < 0.05 in up to a quarter of histories instead of one in
  twenty (tests/analysis/test_pain_insights.py has the table). For ratings,
  persistent_difference takes the wider of that interval and one from the effective number
  of days when both the exposure and the outcome follow the day before (AR(1): variance
  times (1 + r) / (1 - r), r the product of the two lag-1 autocorrelations, each corrected
  for its small-sample bias), with degrees of freedom no more than that number less 2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from fibromap.analysis.distributions import t_quantile, t_upper_tail

FDR = 0.05
NO_VARIATION = "the interval cannot be estimated: the counts did not vary from day to day"
CONFIDENCE = 0.95
MAX_PERSISTENCE = 0.95  # the product of the two autocorrelations, at most


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
        return Difference(len(a), len(b), _mean(a), _mean(b), None, None, None, lag, None, None,
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


def lag_one(series: dict[int, float]) -> float:
    """The lag-1 autocorrelation of a series of days (day number -> value) that may have
    gaps, from the pairs of neighbouring days present, with Kendall's correction of its
    small-sample bias (r + (1 + 3 r) / n); 0 when there is too little to tell."""
    values = list(series.values())
    n = len(values)
    mean = sum(values) / n if n else 0.0
    spread = sum((v - mean) ** 2 for v in values) / n if n else 0.0
    pairs = [(value, series[day - 1]) for day, value in series.items() if day - 1 in series]
    if len(pairs) < 3 or spread == 0:
        return 0.0
    r = sum((a - mean) * (b - mean) for a, b in pairs) / len(pairs) / spread
    return min(1.0, r + (1 + 3 * r) / n) if r > 0 else r


def persistent_difference(days: Sequence[tuple[date, bool, float]]) -> Difference:
    """hac_difference, its interval widened where the exposure and the outcome both follow
    the day before (see the module's words): for ratings, which change slowly."""
    base = hac_difference(days)
    if base.se is None or base.df is None or base.mean_a is None or base.mean_b is None:
        return base
    rows = sorted(days)
    first = rows[0][0]
    exposure = {(d - first).days: float(x) for d, x, _y in rows}
    residual = {(d - first).days: y - (base.mean_a if x else base.mean_b) for d, x, y in rows}
    r = min(MAX_PERSISTENCE, max(0.0, lag_one(exposure)) * max(0.0, lag_one(residual)))
    inflation = (1 + r) / (1 - r)
    a = [y for _d, x, y in rows if x]
    b = [y for _d, x, y in rows if not x]
    se = max(base.se, math.sqrt((_variance(a) / len(a) + _variance(b) / len(b)) * inflation))
    df = max(1.0, min(base.df, len(rows) / inflation - 2))
    assert base.difference is not None  # both groups have days
    margin = t_quantile(0.5 + CONFIDENCE / 2, df) * se
    return replace(base, se=se, df=df, ci_low=base.difference - margin,
                   ci_high=base.difference + margin,
                   p_value=2 * t_upper_tail(abs(base.difference) / se, df))


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


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _variance(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / (len(values) - 1)
