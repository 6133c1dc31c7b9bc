"""Series over time: daily figures, rolling averages, check-in overlays."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from fibromap.analysis.periods import Period
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.device_data import device_days
from fibromap.domain.rates import Basis
from fibromap.i18n import N_
from fibromap.store import aggregates
from fibromap.store.observed import observed_days
from fibromap.store.store import Store

# The check-in's answers the Trends view can draw, overall pain first; an unanswered day
# is a gap, never 0. Fibro fog and waking unrefreshed are 0–3 (the ACR 2016 levels).
OVERLAYS = {"pain": N_("Overall pain (0–10)"), "sleep_hours": N_("Sleep (hours)"),
            "sleep_quality": N_("Sleep quality (0–10)"), "waking_unrefreshed": N_("Woke unrefreshed (0–3)"),
            "stiffness": N_("Stiffness (0–10)"), "fibro_fog": N_("Fibro fog (0–3)"),
            "water_glasses": N_("Water (glasses)"), "stress": N_("Stress (0–10)"),
            "fatigue": N_("Fatigue (0–10)")}

# What a watch, ring or phone measured (imported): the night that ended on the day, and
# the steps of the device that counted most; steps in thousands, to share the 0-10 axis.
DEVICE_OVERLAYS = {"device_sleep": N_("Sleep, measured (hours)"),
                   "device_awakenings": N_("Awakenings, measured"),
                   "steps": N_("Steps (thousands)")}

SYMPTOMS_SHOWN = 6  # daily symptom ratings offered on the chart, the most often rated


def rolling_mean(values: Sequence[float], window: int = 7) -> list[float]:
    """The mean of each value and the ``window - 1`` before it, skipping gaps (NaN)."""
    out = []
    for index in range(len(values)):
        chunk = [v for v in values[max(0, index - window + 1): index + 1] if not math.isnan(v)]
        out.append(sum(chunk) / len(chunk) if chunk else math.nan)
    return out


def weekly_sums(days: Sequence[date], values: Sequence[float]) -> tuple[list[date], list[float]]:
    """Each Monday-to-Sunday week's sum. Days without a record (NaN) are left out and the
    sum is scaled up to the week's other days; a week with none recorded is NaN."""
    weeks: dict[date, list[float]] = {}
    for day, value in zip(days, values, strict=True):
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(value)
    sums = []
    for week in weeks.values():
        known = [v for v in week if not math.isnan(v)]
        sums.append(sum(known) * len(week) / len(known) if known else math.nan)
    return list(weeks), sums


def weeks_with_gaps(days: Sequence[date], values: Sequence[float]) -> set[date]:
    """The Mondays of the weeks with a day left out (NaN)."""
    return {day - timedelta(days=day.weekday())
            for day, value in zip(days, values, strict=True) if math.isnan(value)}


@dataclass(frozen=True)
class TrendsData:
    period: Period
    days: list[date]
    flares: list[float]
    mean_intensity: list[float]
    max_intensity: list[float]
    regions: dict[str, list[float]] = field(default_factory=dict)
    overlays: dict[str, list[float]] = field(default_factory=dict)
    medications: list[Medication] = field(default_factory=list)
    treatment_days: list[date] = field(default_factory=list)
    # Daily symptom ratings (0–10), the most often rated first; NaN: not rated that day.
    symptoms: dict[str, list[float]] = field(default_factory=dict)
    # DEVICE_OVERLAYS by day (NaN: nothing measured); empty when no device measured any.
    device: dict[str, list[float]] = field(default_factory=dict)
    unrated_zones: int = 0  # referred zones not rated: in no intensity line
    # Days without any record, left out of the flare series (NaN there), when the person
    # records days without flares (see fibromap.domain.rates); else days without a record
    # count as days without flares.
    left_out: int = 0

    @property
    def total_flares(self) -> int:
        return int(sum(v for v in self.flares if not math.isnan(v)))


def load_trends(store: Store, period: Period, regions: Sequence[str] = ()) -> TrendsData:
    """Every series the Trends view can draw for ``period``, a value a day (NaN: a gap)."""
    database = store.database
    days = [period.start + timedelta(days=i) for i in range(period.days)]
    daily = {d.day: d for d in aggregates.daily_figures(database, period.start, period.end)}
    nan = math.nan
    by_region = _region_series(store, period, days, regions)
    overlays = _checkin_series(store, period, days)
    medications = [m for m in store.medications.all()
                   if m.start <= period.end and (m.stop is None or m.stop >= period.start)]
    symptoms = _symptom_series(store, period, days)
    unknown = _unknown_days(store, period, days)
    flares = _gaps(days, unknown, [float(daily[d].flares) if d in daily else 0.0 for d in days])
    return TrendsData(
        device=_device_series(store, period, days),
        period=period, days=days,
        flares=flares, left_out=len(unknown),
        mean_intensity=[_or_nan(daily[d].mean_intensity) if d in daily else nan for d in days],
        max_intensity=[_or_nan(daily[d].max_intensity) if d in daily else nan for d in days],
        regions={region: _gaps(days, unknown, series) for region, series in by_region.items()},
        overlays=overlays, medications=medications, symptoms=symptoms,
        treatment_days=aggregates.days_with_treatment(database, period.start, period.end),
        unrated_zones=aggregates.unrated_zones(database, period.start, period.end))


def _unknown_days(store: Store, period: Period, days: list[date]) -> set[date]:
    """The days to leave out: those without any record, when the person records days
    without flares; none otherwise."""
    if store.summary(period.start, period.end).rate.basis is not Basis.RECORDED:
        return set()
    return set(days) - observed_days(store.database, period.start, period.end)


def _gaps(days: list[date], unknown: set[date], series: list[float]) -> list[float]:
    """``series`` with NaN on the days left out."""
    return [math.nan if day in unknown else value for day, value in zip(days, series, strict=True)]


def _region_series(store: Store, period: Period, days: list[date],
                   regions: Sequence[str]) -> dict[str, list[float]]:
    """Flares a day in each chosen region."""
    by_region = {}
    for region in regions:
        counts = {d.day: d.flares for d in aggregates.daily_figures(
            store.database, period.start, period.end, region=region)}
        by_region[region] = [float(counts.get(day, 0)) for day in days]
    return by_region


def _checkin_series(store: Store, period: Period, days: list[date]) -> dict[str, list[float]]:
    """Each of OVERLAYS by day, from the check-ins (NaN: no check-in, or left unanswered)."""
    checkins: dict[date, CheckIn] = {c.day: c for c in store.checkins.between(period.start, period.end)}
    return {name: [float(getattr(checkins[day], name)) if day in checkins
                   and getattr(checkins[day], name) is not None else math.nan for day in days]
            for name in OVERLAYS}


def _symptom_series(store: Store, period: Period, days: list[date]) -> dict[str, list[float]]:
    """The SYMPTOMS_SHOWN symptoms rated most often, by day (NaN: not rated that day)."""
    rated: dict[str, dict[date, int]] = {}
    for rating in store.symptoms.between(period.start, period.end):
        rated.setdefault(rating.symptom, {})[rating.day] = rating.rating
    return {name: [float(rated[name][day]) if day in rated[name] else math.nan for day in days]
            for name in sorted(rated, key=lambda n: (-len(rated[n]), n))[:SYMPTOMS_SHOWN]}


def _or_nan(value: float | None) -> float:
    """Plots leave a gap for a day without an intensity (only 0 marks)."""
    return math.nan if value is None else float(value)


def _device_series(store: Store, period: Period, days: list[date]) -> dict[str, list[float]]:
    measured = device_days(store.devices.sleeps(period.start, period.end),
                           store.devices.steps(period.start, period.end))
    if not measured:
        return {}

    def value(day: date, name: str) -> float:
        figures = measured.get(day)
        if figures is None:
            return math.nan
        if name == "steps":
            return figures.steps.steps / 1000 if figures.steps else math.nan
        found = (figures.asleep_minutes / 60 if name == "device_sleep" and
                 figures.asleep_minutes is not None else
                 figures.awakenings if name == "device_awakenings" else None)
        return math.nan if found is None else float(found)
    return {name: [value(day, name) for day in days] for name in DEVICE_OVERLAYS}
