"""The two distributions the insights and the period comparison need, computed here rather
than with SciPy (which took 0.9 s to import and 100 MB of the bundle for three numbers).

Both rest on the regularized incomplete beta function I_x(a, b), evaluated by its
continued fraction (modified Lentz; Numerical Recipes 6.4), on the side of x where the
fraction converges fast, and through I_x(a, b) = 1 - I_(1-x)(b, a) on the other side.

- Student's t upper tail: P(T > t) = I_(df/(df+t^2))(df/2, 1/2) / 2 for t >= 0.
- Its quantile: the t whose upper tail is the given area, by Newton steps kept inside a
  bracket (bisection whenever a step would leave it).
- The two-sided exact binomial test for p = 1/2 (a sign test):
  P(X <= m) = I_(1/2)(n - m, m + 1).

tests/analysis/test_distributions.py checks every figure against SciPy to 1e-10, for up
to 100,000 degrees of freedom (a decade of days gives at most 3,650).
"""

from __future__ import annotations

import math

_TINY = 1e-300
_EPSILON = 1e-15
_MAX_STEPS = 100_000
_STIRLING = 10.0  # from here on, log-gamma differences go through Stirling's series


def regularized_beta(a: float, b: float, x: float, y: float | None = None) -> float:
    """I_x(a, b), the regularized incomplete beta function, for a, b > 0 and 0 <= x <= 1.

    ``y`` is 1 - x when the caller knows it more precisely than 1 - x can be rounded
    (for Student's t, t^2 / (df + t^2) beside df / (df + t^2))."""
    if a <= 0 or b <= 0:
        raise ValueError(f"a and b must be positive, not {a} and {b}")
    if not 0.0 <= x <= 1.0:
        raise ValueError(f"x must be between 0 and 1, not {x}")
    y = 1.0 - x if y is None else y
    if x == 0.0 or y == 0.0:
        return 0.0 if x == 0.0 else 1.0
    if x < (a + 1) / (a + b + 2):
        return _front(a, b, x, y) * _fraction(a, b, x) / a
    return 1.0 - _front(b, a, y, x) * _fraction(b, a, y) / b


def _front(a: float, b: float, x: float, y: float) -> float:
    """x^a y^b / B(a, b), with y = 1 - x, through logarithms kept small: for large a and
    b the terms that cancel are cancelled by hand (Stirling's series, as TOMS 708 does)."""
    log_x = math.log(x) if x <= 0.5 else math.log1p(-y)
    log_y = math.log(y) if y <= 0.5 else math.log1p(-x)
    if min(a, b) >= _STIRLING:
        # a log(x (a+b)/a) + b log(y (a+b)/b) + log sqrt(ab / (2 pi (a+b))) - the series.
        excess = x - a / (a + b) if x <= 0.5 else b / (a + b) - y   # x less its mean
        log_front = (_scaled_log(a, excess * (a + b) / a, log_x + math.log1p(b / a))
                     + _scaled_log(b, -excess * (a + b) / b, log_y + math.log1p(a / b))
                     + 0.5 * math.log(a * b / (2 * math.pi * (a + b)))
                     - _stirling(a) - _stirling(b) + _stirling(a + b))
        return math.exp(log_front)
    big, small = max(a, b), min(a, b)
    if big >= _STIRLING:
        # lgamma(big + small) - lgamma(big), without two large numbers cancelling.
        rise = ((big - 0.5) * math.log1p(small / big) + small * math.log(big + small) - small
                + _stirling(big + small) - _stirling(big))
        log_beta = math.lgamma(small) - rise
    else:
        log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    return math.exp(a * log_x + b * log_y - log_beta)


def _scaled_log(weight: float, change: float, log_ratio: float) -> float:
    """weight * log(1 + change), the ratio's logarithm given too for when it is far from 1."""
    return weight * (math.log1p(change) if abs(change) < 0.5 else log_ratio)


def _stirling(z: float) -> float:
    """lgamma(z) - ((z - 1/2) log z - z + log sqrt(2 pi)), for z >= 10 (error < 1e-14)."""
    r = 1.0 / (z * z)
    return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r / 1188)))) / z


def _fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), by the modified Lentz method."""
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _MAX_STEPS):
        even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
        for term in (even, odd):
            d = 1.0 + term * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + term / c
            c = c if abs(c) > _TINY else _TINY
            result *= c * d
        if abs(c * d - 1.0) < _EPSILON:
            return result
    raise ArithmeticError(f"the incomplete beta fraction did not converge (a={a}, b={b}, x={x})")


def t_upper_tail(t: float, df: float) -> float:
    """P(T > t) for Student's t with ``df`` degrees of freedom (any df > 0, not whole)."""
    if df <= 0:
        raise ValueError(f"degrees of freedom must be positive, not {df}")
    if math.isinf(t):
        return 0.0 if t > 0 else 1.0
    square = t * t
    tail = regularized_beta(df / 2, 0.5, df / (df + square), square / (df + square)) / 2
    return tail if t >= 0 else 1.0 - tail


def _t_density(t: float, df: float) -> float:
    return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)
                    - 0.5 * math.log(df * math.pi) - (df + 1) / 2 * math.log1p(t * t / df))


def t_quantile(probability: float, df: float) -> float:
    """The t below which ``probability`` of Student's t lies (its inverse distribution)."""
    if not 0.0 < probability < 1.0:
        raise ValueError(f"probability must be strictly between 0 and 1, not {probability}")
    if probability < 0.5:
        return -t_quantile(1.0 - probability, df)
    if probability == 0.5:
        return 0.0
    area = 1.0 - probability  # the upper tail wanted
    low, high = 0.0, 1.0
    while t_upper_tail(high, df) > area:
        low, high = high, high * 2
    t = (low + high) / 2
    for _ in range(200):
        excess = t_upper_tail(t, df) - area   # > 0: t is too small
        if excess > 0:
            low = t
        else:
            high = t
        step = excess / _t_density(t, df)
        following = t + step
        if not low < following < high:
            following = (low + high) / 2
        if abs(following - t) <= 1e-15 * max(1.0, abs(t)) or high - low <= 1e-15 * high:
            return following
        t = following
    return t


def sign_test(successes: int, trials: int) -> float:
    """The two-sided p-value of the exact binomial test of ``successes`` in ``trials``
    against a probability of 1/2: twice the smaller tail, at most 1."""
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be between 0 and {trials}, not {successes}")
    smaller = min(successes, trials - successes)
    if trials == 0 or 2 * smaller == trials:
        return 1.0
    return min(1.0, 2 * regularized_beta(trials - smaller, smaller + 1, 0.5))
