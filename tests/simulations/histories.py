"""Synthetic histories for the calibration of the insights: a year of flares, check-ins,
triggers, a medication, and a watch's nights and a phone's steps, with no effect of
anything on anything (or with one known effect, to check it is still found).

Each history is plain records (fibromap.analysis.all_insights.InsightRecords), so the
insights are computed exactly as the app computes them after reading the database.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fibromap.analysis.all_insights import REACH, InsightRecords
from fibromap.analysis.periods import Period
from fibromap.analysis.timeline import Observed, Timeline
from fibromap.demo import poisson
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment, device_days

WATCH = DeviceSource("Apple Health", "Apple Watch")
PHONE = DeviceSource("Apple Health", "iPhone")
END = date(2026, 6, 30)
TRIGGERS = {"cold": "Cold", "stress": "Stress", "sitting_long": "Sitting long"}
FOODS = ("coffee", "bread", "dairy")


@dataclass(frozen=True)
class Scenario:
    """How a history is made: the flare rate's persistence (AR(1) of its logarithm, with
    ``spread`` its standard deviation), how long exposures last (1: each day on its own;
    30: in stretches of a month on average), the medications started, a gap in logging
    before the first, and a known effect (``effect``: "short nights" adds 2 flares to
    the 24 h after waking from a poor night; "busy days" 2 flares two days after a busy
    day)."""

    name: str
    persistence: float = 0.0
    spread: float = 0.0
    stretch: float = 1.0
    medications: int = 1
    gap: int = 0
    effect: str = ""
    days: int = 365
    rate: float = 2.0


def _gauss_ar(rng: random.Random, n: int, follows: float, spread: float) -> list[float]:
    """A stationary AR(1) series with standard deviation ``spread``."""
    value = rng.gauss(0, spread) if spread else 0.0
    shock = spread * math.sqrt(1 - follows ** 2)
    series = []
    for _ in range(n):
        series.append(value)
        value = follows * value + rng.gauss(0, shock)
    return series


def _spells(rng: random.Random, n: int, share: float, stretch: float) -> list[bool]:
    """On/off days, on ``share`` of the time, in runs of ``stretch`` days on average
    (Markov: 1 day means each day on its own)."""
    if stretch <= 1:
        return [rng.random() < share for _ in range(n)]
    leave = 1 / stretch
    enter = leave * share / (1 - share)
    state, out = rng.random() < share, []
    for _ in range(n):
        out.append(state)
        state = (rng.random() >= leave) if state else (rng.random() < enter)
    return out


def history(scenario: Scenario, seed: int) -> InsightRecords:
    """One history of ``scenario`` (the same seed, the same history)."""
    rng = random.Random(f"{scenario.name}-{seed}")
    start = END - timedelta(days=scenario.days - 1)
    span = scenario.days + REACH.days + 28          # 28 days before: the device's usual
    first = start - timedelta(days=28)
    days = [first + timedelta(days=i) for i in range(span)]
    level = _gauss_ar(rng, span, scenario.persistence, scenario.spread)
    poor = _spells(rng, span, 0.25, scenario.stretch)
    little_water = _spells(rng, span, 0.2, scenario.stretch)
    stressed = _spells(rng, span, 0.2, scenario.stretch)
    eaten = {food: _spells(rng, span, 0.3, scenario.stretch) for food in FOODS}
    busy = _spells(rng, span, 0.1, scenario.stretch)
    pain = _gauss_ar(rng, span, 0.8, 1.5)
    starts = sorted(start + timedelta(days=rng.randrange(45, scenario.days - 45))
                    for _ in range(scenario.medications))
    silent = {starts[0] - timedelta(days=k) for k in range(1, scenario.gap + 1)}
    onsets: list[tuple[datetime, bool]] = []
    extra: dict[int, int] = {}
    checkins, triggers_on, sleeps, steps = [], {}, [], []
    for i, day in enumerate(days):
        rate = scenario.rate * math.exp(level[i] - scenario.spread ** 2 / 2)
        hours = [rng.uniform(0, 8) if rng.random() < 0.3 else rng.uniform(8, 24)
                 for _ in range(poisson(rng, rate) + extra.pop(i, 0))]
        if scenario.effect == "busy days" and busy[i]:
            extra[i + 2] = extra.get(i + 2, 0) + poisson(rng, 2.0)
        if scenario.effect == "short nights" and poor[i]:  # in the 24 h from waking
            hours += [rng.uniform(8, 24) for _ in range(poisson(rng, 2.0))]
        if day in silent:  # nothing written down, though the days went on
            continue
        for hour in hours:
            onsets.append((datetime.combine(day, time()) + timedelta(hours=hour), False))
            tagged = {t for t in TRIGGERS if rng.random() < 0.2}
            if tagged:
                triggers_on.setdefault(day, set()).update(tagged)
        if rng.random() < 0.88:
            checkins.append(CheckIn(
                day, sleep_hours=4.5 if poor[i] else 7.5, water_glasses=3 if little_water[i] else 7,
                stress=8 if stressed[i] else 3,
                foods=frozenset(f for f in FOODS if eaten[f][i]),
                pain=max(0, min(10, round(5 + pain[i])))))
        sleeps.append(_night(rng, day, poor[i]))
        steps.append(DeviceSteps(PHONE, day, round(max(300, rng.gauss(9000 if busy[i] else 5000, 800)))))
    period = Period(start, END)
    observed_days = {on.date() for on, _ in onsets} | {c.day for c in checkins}
    span_days = (min(observed_days), max(observed_days))
    return InsightRecords(
        period=period, today=END + REACH + timedelta(days=1),
        observed=Observed.of(span_days, END + REACH + timedelta(days=1), observed_days),
        flares=Timeline.of(onsets),
        checkins=[c for c in checkins if start <= c.day <= END],
        triggers_on={d: t for d, t in triggers_on.items() if start <= d <= END},
        trigger_labels=TRIGGERS,
        medications=[Medication(f"Medication {n + 1}", "", s) for n, s in enumerate(starts)],
        measured=device_days([s for s in sleeps if s.end.local.date() <= END],
                             [s for s in steps if s.day <= END]))


def _night(rng: random.Random, day: date, poor: bool) -> DeviceSleep:
    """The night that ended on ``day``, as a watch measured it."""
    bedtime = datetime.combine(day - timedelta(days=1), time(22, 45)) + timedelta(
        minutes=round(rng.gauss(0, 45)))
    asleep = round((270 if poor else 450) + rng.gauss(0, 30))
    awake = round(15 + abs(rng.gauss(0, 15)))
    return DeviceSleep(WATCH, Moment(bedtime, None),
                       Moment(bedtime + timedelta(minutes=asleep + awake), None),
                       asleep + awake, asleep, awake, max(0, round(rng.gauss(1.5, 1))))
