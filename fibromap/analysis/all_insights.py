"""Every insight of a period, from plain records (no store): what the Insights view, the
CLI and the simulations of tests/simulations/ all compute, the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from fibromap.analysis.device_insights import (
    bedtime_comparison,
    exertion_comparisons,
    measured_sleep_comparisons,
)
from fibromap.analysis.insights import (
    Comparison,
    Observed,
    adjust,
    following_night_comparisons,
    medication_comparisons,
    sleep_comparisons,
    symptom_comparisons,
)
from fibromap.analysis.pain_insights import pain_after_medication, pain_after_sleep
from fibromap.analysis.periods import Period
from fibromap.analysis.timeline import Timeline
from fibromap.domain.daily import CheckIn, Medication, SymptomRating
from fibromap.domain.device_data import DeviceDay

# Lagged outcomes reach this many days past the period's end.
REACH = timedelta(days=3)


@dataclass(frozen=True)
class InsightRecords:
    """What the insights of ``period`` rest on."""

    period: Period
    today: date
    observed: Observed                      # the days with a flare, a check-in or a mark
    flares: Timeline                        # the period's flares, the day before, 3 after
    checkins: list[CheckIn] = field(default_factory=list)
    triggers_on: dict[date, set[str]] = field(default_factory=dict)
    trigger_labels: dict[str, str] = field(default_factory=dict)
    medications: list[Medication] = field(default_factory=list)
    ratings: list[SymptomRating] = field(default_factory=list)
    measured: dict[date, DeviceDay] = field(default_factory=dict)   # from 28 days before
    treatments: list[tuple[str, str, int, float | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Insights:
    period: Period
    days_with_data: int          # days of the period with a flare, a check-in or a mark
    observed: Observed           # the outcome days that count
    sleep: list[Comparison]
    following_night: list[Comparison]
    medication: list[Comparison]
    treatments: list[tuple[str, str, int, float | None]]
    symptoms: Sequence[Comparison] = ()  # daily symptom ratings as outcomes
    devices: Sequence[Comparison] = ()   # what a watch, ring or phone measured
    left_out: int = 0            # complete days of the period that were not observed

    @property
    def comparisons(self) -> list[Comparison]:
        return (self.sleep + self.following_night + self.medication + list(self.symptoms)
                + list(self.devices))


def insights_of(records: InsightRecords) -> Insights:
    """Every comparison of the period, adjusted together."""
    period, observed, flares, checkins = (records.period, records.observed, records.flares,
                                          records.checkins)
    days = [period.start + timedelta(days=i) for i in range(period.days)]
    recorded = {d for d in days if d in observed} | {c.day for c in checkins}
    # Overall pain (when answered) beside flares: with the sleep and the medications.
    sleep = sleep_comparisons(checkins, flares, observed) + pain_after_sleep(checkins, observed)
    # A night with a flare known only to the day is a night not known: left out.
    nightly = following_night_comparisons(days, checkins, records.triggers_on, flares.nights(),
                                          records.trigger_labels, recorded, observed,
                                          flares.untimed, flares.by_day)
    started = [m for m in records.medications if period.start < m.start <= period.end]
    medication = [c for m in started for c in (
        medication_comparisons([m], flares.by_day, period.start, period.end, observed)
        + pain_after_medication([m], checkins, period.start, period.end, observed))]
    rated = symptom_comparisons(records.ratings, checkins, started, period.start, period.end,
                                observed)
    measured, first = records.measured, period.start
    devices = (measured_sleep_comparisons(measured, flares, observed, first)
               + exertion_comparisons(measured, flares.by_day, checkins, observed, first)
               + [bedtime_comparison(measured, flares, observed, first)]
               if any(d >= first for d in measured) else [])
    adjusted = adjust(sleep + nightly + medication + rated + devices)
    split = len(sleep) + len(nightly) + len(medication)
    after_ratings = split + len(rated)
    return Insights(
        period=period,
        days_with_data=len(recorded | {r.day for r in records.ratings}),
        observed=observed,
        sleep=adjusted[:len(sleep)],
        following_night=adjusted[len(sleep):len(sleep) + len(nightly)],
        medication=adjusted[len(sleep) + len(nightly):split],
        symptoms=adjusted[split:after_ratings],
        devices=adjusted[after_ratings:],
        treatments=records.treatments,
        left_out=observed.left_out(period.start, period.end, records.today),
    )
