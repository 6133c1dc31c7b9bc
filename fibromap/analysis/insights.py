"""Honest comparisons: is there more spasm after X than after not-X?

Every insight shows how many days it rests on, the size of the difference with a 95 %
confidence interval, and the words "association, not cause". One that rests on too
few days is not shown; it says how many more days it needs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from fibromap.domain.daily import CheckIn, Medication

ASSOCIATION = "association, not cause"
MIN_DAYS = 10  # in each group
_T975 = (12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14,
         2.13, 2.12, 2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05,
         2.05, 2.04)


def t_critical(df: float) -> float:
    """The two-sided 95 % t value (1.96 beyond 30 degrees of freedom)."""
    return _T975[max(1, min(int(df), 30)) - 1] if df < 30 else 1.96


@dataclass(frozen=True, slots=True)
class Comparison:
    title: str
    exposed: str                 # e.g. "after a poor night"
    other: str                   # e.g. "after a good night"
    outcome: str                 # e.g. "flares the next day"
    n_exposed: int
    n_other: int
    mean_exposed: float | None
    mean_other: float | None
    difference: float | None
    ci_low: float | None
    ci_high: float | None

    @property
    def days(self) -> int:
        return self.n_exposed + self.n_other

    @property
    def enough(self) -> bool:
        return min(self.n_exposed, self.n_other) >= MIN_DAYS

    @property
    def more_days_needed(self) -> int:
        return max(0, MIN_DAYS - self.n_exposed) + max(0, MIN_DAYS - self.n_other)

    def sentence(self) -> str:
        if not self.enough:
            short = [f"{MIN_DAYS - n} more day{'s' if MIN_DAYS - n != 1 else ''} {label}"
                     for n, label in ((self.n_exposed, self.exposed), (self.n_other, self.other))
                     if n < MIN_DAYS]
            return (f"{self.title}: not enough data yet — needs {' and '.join(short)} "
                    f"(rests on {self.days} days so far).")
        direction = "more" if self.difference > 0 else "fewer"
        return (f"{self.title}: {self.mean_exposed:.2f} {self.outcome} {self.exposed} against "
                f"{self.mean_other:.2f} {self.other} — {abs(self.difference):.2f} {direction} "
                f"(95 % CI {self.ci_low:+.2f} to {self.ci_high:+.2f}); {self.n_exposed} + "
                f"{self.n_other} = {self.days} days. {ASSOCIATION.capitalize()}.")


def compare(title: str, exposed: str, other: str, outcome: str,
            a: list[float], b: list[float]) -> Comparison:
    """Mean of ``a`` minus mean of ``b`` with a Welch 95 % confidence interval."""
    if not a or not b:
        return Comparison(title, exposed, other, outcome, len(a), len(b), None, None, None,
                          None, None)
    mean_a, mean_b = statistics.fmean(a), statistics.fmean(b)
    difference = mean_a - mean_b
    if len(a) < 2 or len(b) < 2:
        return Comparison(title, exposed, other, outcome, len(a), len(b), mean_a, mean_b,
                          difference, None, None)
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    se = math.sqrt(va + vb)
    if se == 0:
        low = high = difference
    else:
        df = (va + vb) ** 2 / ((va ** 2) / (len(a) - 1) + (vb ** 2) / (len(b) - 1))
        margin = t_critical(df) * se
        low, high = difference - margin, difference + margin
    return Comparison(title, exposed, other, outcome, len(a), len(b), mean_a, mean_b,
                      difference, low, high)


def _split(days: Iterable[date], exposed: Callable[[date], bool | None],
           outcome: Callable[[date], float]) -> tuple[list[float], list[float]]:
    a, b = [], []
    for day in days:
        flag = exposed(day)
        if flag is None:
            continue
        (a if flag else b).append(outcome(day))
    return a, b


def poor_night(checkin: CheckIn) -> bool | None:
    if checkin.sleep_hours is None and checkin.sleep_quality is None:
        return None
    return ((checkin.sleep_hours is not None and checkin.sleep_hours < 6)
            or (checkin.sleep_quality is not None and checkin.sleep_quality <= 3))


def sleep_comparisons(checkins: list[CheckIn], flares_on: dict[date, int]) -> list[Comparison]:
    """A check-in records the night before its day; compare that day and the next two."""
    by_day = {c.day: c for c in checkins}
    results = []
    for hours in (24, 48, 72):
        offset = timedelta(days=hours // 24 - 1)
        a, b = _split(sorted(by_day), lambda d: poor_night(by_day[d]),
                      lambda d, shift=offset: flares_on.get(d + shift, 0))
        results.append(compare(f"Poor sleep and spasms {hours} h later", "after a poor night",
                               "after a better night", "flares a day", a, b))
    return results


def following_night_comparisons(days: list[date], checkins: list[CheckIn],
                                triggers_on: dict[date, set[str]], nights: dict[date, int],
                                trigger_labels: dict[str, str]) -> list[Comparison]:
    """Each trigger, little water, high stress and each food against the following night."""
    next_night = lambda d: nights.get(d + timedelta(days=1), 0)  # noqa: E731
    results = []
    for key, label in sorted(trigger_labels.items(), key=lambda kv: kv[1]):
        a, b = _split(days, lambda d, k=key: k in triggers_on.get(d, set()), next_night)
        if a:
            results.append(compare(f"{label} and the following night", f"after days with "
                                   f"{label.lower()} logged", "after other days",
                                   "night-time flares", a, b))
    by_day = {c.day: c for c in checkins}
    checked = [d for d in days if d in by_day]
    for title, exposed, other, test in (
        ("Little water and the following night", "after days with 4 glasses or fewer",
         "after days with more", lambda c: None if c.water_glasses is None else c.water_glasses <= 4),
        ("High stress and the following night", "after days with stress 7 or more",
         "after calmer days", lambda c: None if c.stress is None else c.stress >= 7),
    ):
        a, b = _split(checked, lambda d, t=test: t(by_day[d]), next_night)
        results.append(compare(title, exposed, other, "night-time flares", a, b))
    foods = sorted({food for c in checkins for food in c.foods})
    for food in foods:
        a, b = _split(checked, lambda d, f=food: f in by_day[d].foods, next_night)
        results.append(compare(f"{food.capitalize()} and the following night",
                               f"after days with {food}", "after days without",
                               "night-time flares", a, b))
    return results


def medication_comparisons(medications: list[Medication], flares_on: dict[date, int],
                           first_day: date, last_day: date, window: int = 30) -> list[Comparison]:
    """Daily flares in the ``window`` days before a medication started against after."""
    results = []
    for medication in medications:
        start = medication.start
        before = [start - timedelta(days=i) for i in range(1, window + 1)]
        after = [start + timedelta(days=i) for i in range(0, window)]
        a = [flares_on.get(d, 0) for d in after if first_day <= d <= last_day]
        b = [flares_on.get(d, 0) for d in before if first_day <= d <= last_day]
        if not a and not b:
            continue
        results.append(compare(f"{medication.name} {medication.dose}".strip() + " started "
                               f"{start:%d %b %Y}", f"in the {window} days after",
                               f"in the {window} days before", "flares a day", a, b))
    return results
