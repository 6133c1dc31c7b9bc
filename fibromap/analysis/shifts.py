"""How large a difference chance alone gives: the exposure slid along the person's own
days (a circular shift), the outcome left where it is.

Why this method. A difference in daily means between exposed and other days is tested
against the differences the same exposure pattern gives when it is moved k days along the
calendar (wrapping round at the end), for every k whose moved pattern no longer matches the
real one (its correlation with it is at most CLOSE: so a real effect does not widen its own
yardstick). A shift keeps everything about each series that fools a test made for
independent days: the outcome's runs of good and bad weeks, the exposure's runs (poor
nights or stress that come in 30-day stretches), a medication's step from "before" to
"after", and the gaps where nothing was recorded. Only the pairing of the two is broken,
which is what "no effect" means. In simulations (tests/simulations/calibration.py, the
table in docs/calibration.md) Newey–West's short fixed lag called noise notable in up to a
third of such histories; this does not.

- The standard error is the root mean square of the shifted differences (each a
  difference chance alone could give).
- Neighbouring shifts give alike differences, so they count for fewer independent ones:
  the degrees of freedom are the number of shifts divided by the sum of the squared
  autocorrelations of the shifted differences (Bartlett's variance of a mean square),
  and the interval and the p-value use Student's t with them.
- With fewer than MIN_SHIFTS usable shifts the spread is not known and no interval or
  p-value is given.

A medication's before and after is slid along every observed day of the period (the
``background``): "would a change this large have shown at any other date?".

numpy is loaded with the first comparison (its FFT makes every shift of ten years' days
one step), not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from fibromap.analysis.distributions import t_quantile, t_upper_tail
from fibromap.analysis.statistics import CONFIDENCE, NO_VARIATION, Difference, mean
from fibromap.i18n import N_

MIN_SHIFTS = 20   # fewer shifts leave the spread of chance unknown
CLOSE = 0.2       # a shift whose pattern still matches the real one this much is left out
MIN_PAIRS = 2     # days a side a shifted difference needs
TOO_REGULAR = N_("the interval cannot be estimated: too few other days to compare with, or the "
               "days come in too regular a pattern to tell chance from a difference")


def shifted_difference(days: Sequence[tuple[date, bool, float]],
                       background: Mapping[date, float] | None = None,
                       strata: Mapping[date, int] | None = None) -> Difference:
    """Mean of the outcome on exposed days minus on the others, each row (day, exposed,
    outcome), with its interval and p-value from circular shifts (the module's words).
    ``background``: the outcome on days with no exposure to compare (a medication's
    days outside its window), where the shifted pattern may land. ``strata``: each
    row's day in a group (a trigger's day by its number of flares): exposed and other
    days are compared within each group, and the groups' differences averaged with
    weights n_exposed n_other / (n_exposed + n_other); the means shown are the groups'
    means so weighted."""
    rows = sorted(days)
    group = (lambda d: strata[d]) if strata is not None else (lambda d: 0)
    both, n_a, n_b, mean_a, mean_b = _group_means(rows, group)
    if not both:
        return Difference(n_a, n_b, mean_a, mean_b, None, None, None, 0, None, None, None)
    assert mean_a is not None and mean_b is not None  # a group has days on both sides
    difference = mean_a - mean_b
    kept = [(d, x, y) for d, x, y in rows if group(d) in both]
    spread = (_chance(kept, background, group)
              if n_a >= MIN_PAIRS and n_b >= MIN_PAIRS else None)
    if not isinstance(spread, tuple):
        return Difference(n_a, n_b, mean_a, mean_b, difference, None, None, 0, None, None,
                          None, reason=spread or NO_VARIATION)
    se, df, shifts = spread
    margin = t_quantile(0.5 + CONFIDENCE / 2, df) * se
    return Difference(n_a, n_b, mean_a, mean_b, difference, se, df, 0,
                      difference - margin, difference + margin,
                      2 * t_upper_tail(abs(difference) / se, df), shifts)


def _group_means(rows: Sequence[tuple[date, bool, float]], group: Callable[[date], int]):
    """The groups with days on both sides, the days each side has in them, and each side's
    mean over those groups (weighted as shifted_difference says); with no such group,
    the plain means of all the days, which are then not compared."""
    levels: dict[int, tuple[list[float], list[float]]] = {}
    for day, x, y in rows:
        levels.setdefault(group(day), ([], []))[0 if x else 1].append(y)
    both = {g: ab for g, ab in levels.items() if ab[0] and ab[1]}
    if not both:
        a = [y for _d, x, y in rows if x]
        b = [y for _d, x, y in rows if not x]
        return both, len(a), len(b), mean(a), mean(b)
    weights = {g: len(a) * len(b) / (len(a) + len(b)) for g, (a, b) in both.items()}
    total = sum(weights.values())

    def weighted_mean(side: int) -> float:
        means = {g: sum(ab[side]) / len(ab[side]) for g, ab in both.items()}
        if len(means) == 1:  # one group: its plain mean, exactly
            return next(iter(means.values()))
        return sum(weights[g] * m for g, m in means.items()) / total

    return (both, sum(len(a) for a, _b in both.values()), sum(len(b) for _a, b in both.values()),
            weighted_mean(0), weighted_mean(1))


def _chance(rows: Sequence[tuple[date, bool, float]], background: Mapping[date, float] | None,
            group: Callable[[date], int]) -> tuple[float, float, int] | str:
    """The standard error, degrees of freedom and number of shifts, or why they cannot be
    known: too few shifts can be made, or none of them differs from another."""
    import numpy as np  # loaded with the first comparison, not at start-up

    outcome = dict(background or {})
    outcome.update((d, y) for d, _x, y in rows)
    first = min(outcome)
    length = (max(outcome) - first).days + 1
    known, value = np.zeros(length), np.zeros(length)
    for day, y in outcome.items():
        known[(day - first).days] = 1.0
        value[(day - first).days] = y
    # Each group's exposed and other days, as 0/1 along the calendar.
    sides: dict[int, tuple] = {}
    for day, x, _y in rows:
        level = group(day)
        if level not in sides:
            sides[level] = (np.zeros(length), np.zeros(length))
        sides[level][0 if x else 1][(day - first).days] = 1.0
    spectrum_known, spectrum_value = np.fft.rfft(known), np.fft.rfft(value)

    def paired(left, right_spectrum):
        """Sum over days t of left[t] * right[t + k], for every shift k (circularly)."""
        return np.fft.irfft(np.conj(np.fft.rfft(left)) * right_spectrum, n=length)

    weighted, weights = np.zeros(length), np.zeros(length)
    n_a, n_b = np.zeros(length), np.zeros(length)
    for exposed, other in sides.values():
        na, nb = np.rint(paired(exposed, spectrum_known)), np.rint(paired(other, spectrum_known))
        both = (na > 0) & (nb > 0)
        w = np.where(both, na * nb / np.maximum(na + nb, 1), 0.0)
        gap = np.where(both, paired(exposed, spectrum_value) / np.maximum(na, 1)
                       - paired(other, spectrum_value) / np.maximum(nb, 1), 0.0)
        weighted += w * gap
        weights += w
        n_a += np.where(both, na, 0)
        n_b += np.where(both, nb, 0)
    usable = (n_a >= MIN_PAIRS) & (n_b >= MIN_PAIRS) & (weights > 0)
    shifted = np.where(usable, weighted / np.maximum(weights, 1e-300), 0.0)
    exposed_all = sum(e for e, _o in sides.values())
    other_all = sum(o for _e, o in sides.values())
    share = exposed_all.sum() / (exposed_all.sum() + other_all.sum())
    centred = np.where(exposed_all + other_all > 0, exposed_all - share, 0.0)
    match = paired(centred, np.fft.rfft(centred))
    keep = usable & (np.abs(match) <= CLOSE * match[0])
    keep[0] = False  # the real pairing
    shifts = int(keep.sum())
    if shifts < MIN_SHIFTS:
        return TOO_REGULAR
    kept = np.where(keep, shifted, 0.0)
    variance = float(np.sum(kept ** 2)) / shifts
    if variance <= 1e-24:
        return NO_VARIATION
    # How alike shifts j apart are: the autocorrelation of the kept differences.
    on = keep.astype(float)
    pairs = np.rint(paired(on, np.fft.rfft(on)))
    alike = np.where(pairs > 5, paired(kept, np.fft.rfft(kept)) / np.maximum(pairs, 1)
                     / variance, 0.0)
    alike[0] = 1.0
    df = min(float(shifts), max(1.0, shifts / float(np.sum(alike ** 2))))
    return variance ** 0.5, df, shifts
