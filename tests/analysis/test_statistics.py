"""The insights' statistics, checked against statsmodels and SciPy, and by hand."""

from datetime import date, timedelta

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from fibromap.analysis.statistics import benjamini_hochberg, hac_difference, newey_west_lag

D0 = date(2026, 1, 1)


def series(exposed, outcome, start=D0, skip=()):
    return [(start + timedelta(days=i), bool(x), float(y))
            for i, (x, y) in enumerate(zip(exposed, outcome)) if i not in skip]


def autocorrelated(n, seed):
    rng = np.random.default_rng(seed)
    exposed = rng.random(n) < 0.35
    noise = rng.normal(0, 1, n)
    for i in range(1, n):  # AR(1): each day leans on the day before
        noise[i] += 0.6 * noise[i - 1]
    return exposed, np.round(2 + 0.8 * exposed + noise, 1)


def welch_df(a, b):
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    return (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))


@pytest.mark.parametrize("n, seed", [(40, 1), (120, 2), (365, 3), (3650, 4)])
def test_difference_and_interval_match_statsmodels_newey_west(n, seed):
    exposed, outcome = autocorrelated(n, seed)
    result = hac_difference(series(exposed, outcome))
    lag = int(4 * (n / 100) ** (2 / 9))
    assert result.lag == lag
    fit = sm.OLS(outcome, sm.add_constant(exposed.astype(float))).fit(
        cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": True})
    assert result.difference == pytest.approx(fit.params[1], abs=1e-9)
    assert result.difference == pytest.approx(outcome[exposed].mean() - outcome[~exposed].mean())
    assert result.se == pytest.approx(fit.bse[1], rel=1e-9)
    df = welch_df(outcome[exposed], outcome[~exposed])
    assert result.df == pytest.approx(df)
    quantile = stats.t.ppf(0.975, df)
    assert result.ci_low == pytest.approx(fit.params[1] - quantile * fit.bse[1])
    assert result.ci_high == pytest.approx(fit.params[1] + quantile * fit.bse[1])
    assert result.p_value == pytest.approx(2 * stats.t.sf(abs(fit.params[1] / fit.bse[1]), df))


def test_lag_zero_is_the_heteroskedasticity_robust_error():
    exposed, outcome = autocorrelated(80, 5)
    result = hac_difference(series(exposed, outcome), lag=0)
    fit = sm.OLS(outcome, sm.add_constant(exposed.astype(float))).fit(cov_type="HC1")
    assert result.se == pytest.approx(fit.bse[1], rel=1e-9)


def test_autocorrelation_widens_the_interval():
    # Long runs of the same exposure with persistent outcomes: days are far from independent.
    exposed = ([1] * 10 + [0] * 10) * 6
    outcome = [3 + (i % 20) * 0.05 if x else 2 + (i % 20) * 0.05 for i, x in enumerate(exposed)]
    outcome = np.array(outcome) + np.sin(np.arange(120) / 3)
    hac = hac_difference(series(exposed, outcome))
    independent = hac_difference(series(exposed, outcome), lag=0)
    assert hac.se > 1.3 * independent.se


def test_a_missing_day_is_a_gap_in_time_not_a_neighbour():
    exposed = [1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1]
    outcome = [3, 1, 4, 2, 1, 5, 3, 2, 4, 1, 2, 3]
    gaps = {3, 7}
    result = hac_difference(series(exposed, outcome, skip=gaps), lag=2)
    # By hand, in matrix form: the kept days keep their calendar positions; the missing
    # ones contribute nothing to the lagged sums.
    keep = [i for i in range(len(exposed)) if i not in gaps]
    x = np.array([exposed[i] for i in keep], float)
    y = np.array([outcome[i] for i in keep], float)
    design = np.column_stack([np.ones(len(keep)), x])
    beta = np.linalg.lstsq(design, y, rcond=None)[0]
    residual = y - design @ beta
    scores = np.zeros((len(exposed), 2))
    scores[keep] = design * residual[:, None]
    meat = scores.T @ scores
    for step in (1, 2):
        weight = 1 - step / 3
        lagged = scores[step:].T @ scores[:-step]
        meat += weight * (lagged + lagged.T)
    bread = np.linalg.inv(design.T @ design)
    n = len(keep)
    variance = (bread @ meat @ bread)[1, 1] * n / (n - 2)
    assert result.difference == pytest.approx(beta[1])
    assert result.se == pytest.approx(np.sqrt(variance), rel=1e-9)


def test_the_t_quantile_is_exact_at_small_and_fractional_degrees_of_freedom():
    # Unequal spreads and sizes give a fractional Welch df between 3 and 4.
    exposed = [1, 1, 1, 1] + [0] * 12
    outcome = [1, 5, 3, 6] + [1, 2, 3, 4, 2, 3, 1, 2, 3, 4, 2, 3]
    result = hac_difference(series(exposed, outcome), lag=0)
    df = welch_df(np.array(outcome[:4], float), np.array(outcome[4:], float))
    assert 3 < result.df < 4 and result.df == pytest.approx(df)
    half_width = (result.ci_high - result.ci_low) / 2
    assert half_width / result.se == pytest.approx(stats.t.ppf(0.975, df), rel=1e-9)
    # The old table (floor of df) gave 3.18 here, 7 % too wide.
    assert half_width / result.se < 3.0


def test_no_variation_means_no_interval():
    flat = hac_difference(series([1, 0] * 10, [2] * 20))
    assert flat.difference == 0 and flat.se is None and flat.ci_low is None
    assert flat.p_value is None


def test_lag_rule_of_thumb():
    assert [newey_west_lag(n) for n in (0, 10, 30, 100, 365, 3650)] == [0, 2, 3, 4, 5, 8]


def test_benjamini_hochberg_matches_scipy():
    rng = np.random.default_rng(7)
    p = list(rng.uniform(0, 0.2, 23))
    expected = stats.false_discovery_control(p, method="bh")
    assert benjamini_hochberg(p) == pytest.approx(list(expected))
    with_gaps = [0.01, None, 0.04, 0.03, None]
    assert benjamini_hochberg(with_gaps) == pytest.approx([0.03, None, 0.04, 0.04, None])
