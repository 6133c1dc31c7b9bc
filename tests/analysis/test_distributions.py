"""Student's t and the sign test, written by hand for FibroMap, against SciPy."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import special, stats

from fibromap.analysis.distributions import (
    regularized_beta,
    sign_test,
    t_quantile,
    t_upper_tail,
)

# A decade of days gives at most 3,650 degrees of freedom; 1e5 is well beyond.
DEGREES = [0.6, 1.0, 1.5, 2.0, 3.42, 5.0, 9.7, 30.0, 120.0, 1000.0, 3650.0, 1e5]


@pytest.mark.parametrize("df", DEGREES)
@pytest.mark.parametrize("t", [0.0, 0.05, 0.5, 1.0, 1.96, 2.5, 4.0, 10.0, 40.0, 300.0])
def test_the_t_tail_matches_scipy(t, df):
    expected = stats.t.sf(t, df)
    assert t_upper_tail(t, df) == pytest.approx(expected, rel=1e-10, abs=1e-300)
    assert t_upper_tail(-t, df) == pytest.approx(stats.t.sf(-t, df), rel=1e-10)


@pytest.mark.parametrize("df", DEGREES)
@pytest.mark.parametrize("p", [0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.995, 0.9999, 1e-6])
def test_the_t_quantile_matches_scipy(p, df):
    assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-10, abs=1e-14)


def test_the_quantile_the_insights_use_by_hand():
    # Two degrees of freedom have a closed form: t = (2p - 1) sqrt(2 / (4p(1 - p))).
    p = 0.975
    assert t_quantile(p, 2.0) == pytest.approx((2 * p - 1) * math.sqrt(2 / (4 * p * (1 - p))),
                                               rel=1e-12)
    # One degree of freedom is the Cauchy distribution: tan(pi (p - 1/2)).
    assert t_quantile(p, 1.0) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-12)
    # At 3.42 degrees of freedom (a small Welch sample), by SciPy and by mpmath: 2.9724.
    assert round(t_quantile(p, 3.42), 4) == 2.9724


@given(df=st.floats(0.5, 5000), t=st.floats(-60, 60))
def test_the_t_tail_matches_scipy_anywhere(df, t):
    assert t_upper_tail(t, df) == pytest.approx(stats.t.sf(t, df), rel=1e-9, abs=1e-300)


@given(df=st.floats(0.8, 5000), p=st.floats(0.001, 0.999))
def test_quantile_and_tail_are_inverse(df, p):
    t = t_quantile(p, df)
    assert 1 - t_upper_tail(t, df) == pytest.approx(p, rel=1e-9)
    assert t == pytest.approx(stats.t.ppf(p, df), rel=1e-8, abs=1e-12)


@given(a=st.floats(0.05, 3000), b=st.floats(0.05, 3000), x=st.floats(0, 1))
def test_the_incomplete_beta_matches_scipy(a, b, x):
    assert regularized_beta(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-9,
                                                      abs=1e-300)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 7, 10, 25, 60, 201, 1000, 4000])
def test_the_sign_test_matches_scipy_for_every_count(n):
    for k in range(n + 1):
        expected = stats.binomtest(k, n, 0.5).pvalue if n else 1.0
        assert sign_test(k, n) == pytest.approx(expected, rel=1e-10, abs=1e-300), (k, n)


def test_the_sign_test_by_hand():
    # 0 of 5: twice (1/2)^5. 1 of 6: twice (1 + 6) / 64.
    assert sign_test(0, 5) == pytest.approx(2 / 32, rel=1e-14)
    assert sign_test(1, 6) == pytest.approx(2 * 7 / 64, rel=1e-14)
    assert sign_test(3, 6) == 1.0


@pytest.mark.parametrize("call", [lambda: t_upper_tail(1.0, 0), lambda: t_quantile(1.0, 3),
                                  lambda: t_quantile(0.0, 3), lambda: sign_test(4, 3),
                                  lambda: sign_test(-1, 3), lambda: regularized_beta(1, 1, 1.5)])
def test_out_of_range_arguments_are_refused(call):
    with pytest.raises(ValueError):
        call()


def test_the_period_comparison_flags_what_scipy_flags():
    from fibromap.analysis.changes import compare_periods
    from fibromap.analysis.periods import Period
    from fibromap.analysis.statistics import FDR, benjamini_hochberg

    period = Period(date(2026, 3, 1), date(2026, 3, 30))
    before = {"neck": 2, "jaw": 30, "calf": 10, "hip": 0, "back": 12}
    now = {"neck": 25, "jaw": 4, "calf": 11, "hip": 9, "back": 12}
    comparison = compare_periods(period, before, now, recorded_from=date(2025, 1, 1))
    regions = sorted(before)
    adjusted = benjamini_hochberg(
        [stats.binomtest(now[r], before[r] + now[r], 0.5).pvalue for r in regions])
    expected = {r: q for r, q in zip(regions, adjusted) if q < FDR}
    assert {c.region: c.kind for c in comparison.changes} == {
        "neck": "worse", "jaw": "better", "hip": "new"}
    assert set(expected) == {"neck", "jaw", "hip"}
    for change in comparison.changes:
        assert change.q_value == pytest.approx(expected[change.region], rel=1e-10)
