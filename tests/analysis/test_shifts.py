"""Chance by circular shifts (fibromap/analysis/shifts.py), checked against the same
definition worked out shift by shift with numpy (no FFT) and SciPy's t, on days with gaps,
a medication's background and groups; and the windows of a timeline, by hand."""

import random
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from scipy import stats

from fibromap.analysis.shifts import NO_VARIATION, TOO_REGULAR, shifted_difference
from fibromap.analysis.timeline import Observed, Timeline

D0 = date(2026, 1, 1)


def brute_force(exposed, outcome, group=None):
    """SE, degrees of freedom and shifts: ``exposed`` {day index: bool}, ``outcome``
    {day index: value} (any days), circular over the days from the first outcome to the
    last."""
    first = min(outcome)
    length = max(outcome) - first + 1
    exposed = {t - first: x for t, x in exposed.items()}
    outcome = {t - first: y for t, y in outcome.items()}
    group = {t - first: g for t, g in (group or {}).items()}
    levels = sorted({group.get(t, 0) for t in exposed})

    def difference(k):
        total = weights = 0.0
        n_a = n_b = 0
        for level in levels:
            a = [outcome[(t + k) % length] for t, x in exposed.items()
                 if x and group.get(t, 0) == level and (t + k) % length in outcome]
            b = [outcome[(t + k) % length] for t, x in exposed.items()
                 if not x and group.get(t, 0) == level and (t + k) % length in outcome]
            if a and b:
                w = len(a) * len(b) / (len(a) + len(b))
                total += w * (np.mean(a) - np.mean(b))
                weights += w
                n_a, n_b = n_a + len(a), n_b + len(b)
        return total / weights if weights and n_a >= 2 and n_b >= 2 else None

    share = np.mean(list(exposed.values()))
    centred = np.zeros(length)
    for t, x in exposed.items():
        centred[t] = x - share
    kept = {}
    for k in range(1, length):
        if abs(centred @ np.roll(centred, -k)) <= 0.2 * (centred @ centred):
            value = difference(k)
            if value is not None:
                kept[k] = value
    variance = np.mean([v * v for v in kept.values()])
    alike = [1.0]
    for j in range(1, length):
        pairs = [(k, (k + j) % length) for k in kept if (k + j) % length in kept]
        alike.append(sum(kept[a] * kept[b] for a, b in pairs) / len(pairs) / variance
                     if len(pairs) > 5 else 0.0)
    return np.sqrt(variance), min(len(kept), len(kept) / np.sum(np.square(alike))), len(kept)


def test_gaps_and_a_persistent_outcome_match_the_shift_by_shift_definition():
    rng = np.random.default_rng(5)
    level, outcome, exposed = 0.0, {}, {}
    for t in range(150):
        level = 0.8 * level + rng.normal()
        if rng.random() < 0.85:  # some days not recorded
            outcome[t] = round(2 + level, 1)
            exposed[t] = bool(rng.random() < 0.3)
    rows = [(D0 + timedelta(days=t), x, outcome[t]) for t, x in exposed.items()]
    result = shifted_difference(rows)
    se, df, shifts = brute_force(exposed, outcome)
    a = [outcome[t] for t, x in exposed.items() if x]
    b = [outcome[t] for t, x in exposed.items() if not x]
    assert result.difference == pytest.approx(np.mean(a) - np.mean(b))
    assert (result.shifts, result.se, result.df) == (shifts, pytest.approx(se), pytest.approx(df))
    half = stats.t.ppf(0.975, df) * se
    assert (result.ci_low, result.ci_high) == (pytest.approx(result.difference - half),
                                               pytest.approx(result.difference + half))
    assert result.p_value == pytest.approx(2 * stats.t.sf(abs(result.difference) / se, df))


def test_a_medication_s_before_and_after_is_slid_along_the_other_days():
    rng = random.Random(2)
    outcome = {t: float(rng.randint(0, 4)) for t in range(200) if t % 9}
    start = 120
    exposed = {t: t >= start for t in range(start - 30, start + 30) if t in outcome}
    rows = [(D0 + timedelta(days=t), x, outcome[t]) for t, x in exposed.items()]
    background = {D0 + timedelta(days=t): y for t, y in outcome.items()}
    result = shifted_difference(rows, background)
    se, df, shifts = brute_force(exposed, outcome)
    assert (result.shifts, result.se, result.df) == (shifts, pytest.approx(se), pytest.approx(df))
    assert shifts > 100  # far more dates than the 60 days around the start


def test_groups_are_compared_within_and_weighted_by_their_days():
    rows, group = [], {}
    rng = random.Random(3)
    for t in range(120):
        flares = rng.randint(1, 3)
        group[t] = flares
        rows.append((D0 + timedelta(days=t), rng.random() < 0.2 * flares, float(flares + rng.random())))
    result = shifted_difference(rows, strata={D0 + timedelta(days=t): g for t, g in group.items()})
    by_hand = []
    for level in (1, 2, 3):
        a = [y for d, x, y in rows if x and group[(d - D0).days] == level]
        b = [y for d, x, y in rows if not x and group[(d - D0).days] == level]
        by_hand.append((len(a) * len(b) / (len(a) + len(b)), np.mean(a), np.mean(b)))
    weights = sum(w for w, _a, _b in by_hand)
    assert result.mean_a == pytest.approx(sum(w * a for w, a, _b in by_hand) / weights)
    assert result.mean_b == pytest.approx(sum(w * b for w, _a, b in by_hand) / weights)
    exposed = {(d - D0).days: x for d, x, _y in rows}
    outcome = {(d - D0).days: y for d, _x, y in rows}
    se, df, shifts = brute_force(exposed, outcome, group)
    assert (result.shifts, result.se, result.df) == (shifts, pytest.approx(se), pytest.approx(df))


def test_no_interval_says_why():
    rng = random.Random(1)
    flat = shifted_difference([(D0 + timedelta(days=t), rng.random() < 0.3, 2.0)
                               for t in range(60)])
    assert flat.se is None and flat.reason == NO_VARIATION
    # Every other day, exactly: each shift matches the days or their opposite.
    regular = shifted_difference([(D0 + timedelta(days=t), t % 2 == 0, float(t % 5))
                                  for t in range(60)])
    assert regular.se is None and regular.reason == TOO_REGULAR


def test_a_window_counts_only_observed_timed_days_from_its_start():
    at = datetime(2026, 1, 2, 8)
    flares = Timeline.of([(datetime(2026, 1, 2, 7, 59), False), (at, False),
                          (datetime(2026, 1, 3, 7, 0), False), (datetime(2026, 1, 3, 8), False),
                          (datetime(2026, 1, 5, 12), True)])
    everything = Observed(date(2026, 1, 1), date(2026, 1, 9))
    assert flares.window(at, at + timedelta(hours=24), everything) == 2  # 08:00 to 08:00
    assert flares.nights() == {date(2026, 1, 2): 1, date(2026, 1, 3): 1}
    assert flares.on(date(2026, 1, 5)) == 1
    gap = Observed(date(2026, 1, 1), date(2026, 1, 9), days=frozenset({date(2026, 1, 2)}))
    assert flares.window(at, at + timedelta(hours=24), gap) is None  # the 3rd not observed
    untimed = datetime(2026, 1, 4, 8)
    assert flares.window(untimed, untimed + timedelta(hours=24), everything) is None
    assert gap.left_out(date(2026, 1, 1), date(2026, 1, 31), today=date(2026, 1, 5)) == 3
