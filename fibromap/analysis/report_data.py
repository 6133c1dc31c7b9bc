"""What the appointment report says, gathered for one period (no Qt here).

Only data from inside the period appears, apart from the previous period of equal
length used for "since last visit".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from fibromap.analysis.changes import PeriodComparison, compare_periods, previous_period
from fibromap.analysis.devices import DeviceSummary, summarise
from fibromap.analysis.periods import Period, weeks_ending
from fibromap.analysis.review import ScoredDay, load_scores
from fibromap.analysis.scores import FiqrResult, WpiResult
from fibromap.domain.atlas import Atlas
from fibromap.domain.daily import Medication
from fibromap.domain.device_data import device_days
from fibromap.domain.vocabulary import TermKind
from fibromap.domain.wording import NOT_GIVEN_TEXT, STILL_GOING_TEXT
from fibromap.store import aggregates
from fibromap.store.aggregates import RegionFigures
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME, QUESTIONS
from fibromap.store.stats import PeriodSummary
from fibromap.store.store import Store


@dataclass(frozen=True, slots=True)
class Measure:
    """One check-in answer over the period: its mean and the days it rests on."""

    label: str
    mean: float
    days: int
    unit: str = ""


@dataclass(frozen=True)
class ReportData:
    period: Period
    summary: PeriodSummary
    patient_name: str
    birth_date: str
    medications_now: list[Medication]          # taken on the period's last day
    checkins: list[Measure]
    checkin_days: int
    impacts: list[aggregates.ImpactFigures]
    median_duration_s: float | None
    lengths_known: int                           # flares with a length given
    still_going: int                             # no length: said to be still going
    length_not_given: int                        # no length, and not said to be going
    hours: list[int]
    figures: dict[str, RegionFigures]
    links: list[tuple[str, str, int]]
    weekly: list[WeekBar]
    triggers: list[tuple[str, str, int]]
    treatments: list[tuple[str, str, int, float | None]]
    medication_changes: list[tuple[date, str]]
    wpi_weeks: list[tuple[Period, WpiResult]]   # whole 7-day weeks ending on the last day
    wpi_left_over: Period | None
    wpi_days: int                                # days with a region in pain
    sss: list[ScoredDay]
    fiqr: list[tuple[date, FiqrResult]]
    comparison: PeriodComparison
    questions: str
    devices: DeviceSummary | None = None    # what a watch, ring or phone measured


def _medication_changes(store: Store, period: Period) -> list[tuple[date, str]]:
    events = []
    for medication in store.medications.all():
        what = f"{medication.name} {medication.dose}".strip()
        if period.start <= medication.start <= period.end:
            events.append((medication.start, f"started {what}"))
        if medication.stop and period.start <= medication.stop <= period.end:
            events.append((medication.stop, f"stopped {what}"))
    return sorted(events)


@dataclass(frozen=True, slots=True)
class WeekBar:
    """Flares in one stretch of the weekly chart: a whole week, or the days left at the start."""

    days: Period
    flares: int
    mean_intensity: float | None

    @property
    def partial(self) -> bool:
        return self.days.days < 7

    @property
    def per_week(self) -> float:
        """Flares scaled to 7 days, so a short first stretch does not look like a drop."""
        return self.flares * 7 / self.days.days


def _weekly(store: Store, period: Period) -> list[WeekBar]:
    """Whole 7-day weeks ending on the period's last day, after the days left at its start."""
    weeks, left_over = weeks_ending(period)
    stretches = ([left_over] if left_over else []) + weeks
    days = aggregates.daily_figures(store.database, period.start, period.end)
    flares = dict.fromkeys(stretches, 0)
    weighted = dict.fromkeys(stretches, 0.0)  # intensity times flares, of the days with one
    rated = dict.fromkeys(stretches, 0)
    for day in days:
        back = (period.end - day.day).days // 7  # whole weeks counted back from the last day
        stretch = weeks[len(weeks) - 1 - back] if back < len(weeks) else left_over
        assert stretch is not None  # a day before the whole weeks is one of those left over
        flares[stretch] += day.flares
        if day.mean_intensity is not None:  # a day with only 0 marks has no intensity
            weighted[stretch] += day.mean_intensity * day.flares
            rated[stretch] += day.flares
    return [WeekBar(s, flares[s], (weighted[s] / rated[s]) if rated[s] else None) for s in flares]


def _checkins(store: Store, period: Period) -> tuple[list[Measure], int]:
    """The period's check-ins: each answer's mean over the days it was given."""
    checkins = store.checkins.between(period.start, period.end)
    measures = []
    for name, label, unit in CHECKIN_MEASURES:
        values = [getattr(c, name) for c in checkins if getattr(c, name) is not None]
        if values:
            measures.append(Measure(label, sum(values) / len(values), len(values), unit))
    return measures, len(checkins)


# Each answer's mean over the days it was given (an unanswered day is left out, never 0),
# overall pain first; fibro fog and waking unrefreshed on the ACR 2016 levels, 0–3.
CHECKIN_MEASURES = (("pain", "Overall pain", " of 10"), ("stiffness", "Stiffness", " of 10"),
                    ("fibro_fog", "Fibro fog (thinking, memory)", " of 3"),
                    ("waking_unrefreshed", "Waking unrefreshed", " of 3"),
                    ("sleep_hours", "Sleep", " h"), ("sleep_quality", "Sleep quality", " of 10"),
                    ("woken_by_spasms", "Woken by spasms", " times a night"),
                    ("fatigue", "Fatigue", " of 10"), ("stress", "Stress", " of 10"),
                    ("water_glasses", "Water", " glasses"))


def load_report(store: Store, period: Period, atlas: Atlas) -> ReportData:
    database = store.database
    previous = previous_period(period)
    summary = store.summary(period.start, period.end)
    hours = aggregates.time_of_day(database, period.start, period.end)
    known = aggregates.durations(database, period.start, period.end)
    lengths = dict(aggregates.duration_counts(database, period.start, period.end))
    # The report draws the whole figure: a mark on a finger counts on the palm.
    rolled = atlas.roll_up()
    figures = aggregates.region_figures(database, period.start, period.end, rolled)
    before = aggregates.region_figures(database, previous.start, previous.end, rolled)
    span = aggregates.recorded_span(database)
    scores = load_scores(store, period, atlas)
    checkins, checkin_days = _checkins(store, period)
    return ReportData(
        period=period, summary=summary,
        patient_name=store.notes.get(PATIENT_NAME), birth_date=store.notes.get(PATIENT_BIRTH_DATE),
        medications_now=[m for m in store.medications.all()
                         if m.start <= period.end and (m.stop is None or m.stop >= period.end)],
        checkins=checkins, checkin_days=checkin_days,
        impacts=aggregates.impact_figures(database, period.start, period.end),
        median_duration_s=statistics.median(known) if known else None,
        lengths_known=len(known), still_going=lengths[STILL_GOING_TEXT],
        length_not_given=lengths[NOT_GIVEN_TEXT],
        hours=hours, figures=figures,
        links=aggregates.referral_counts(database, period.start, period.end, rolled),
        weekly=_weekly(store, period),
        triggers=aggregates.term_counts(database, TermKind.TRIGGER.value, period.start, period.end),
        treatments=aggregates.treatment_relief(database, period.start, period.end),
        medication_changes=_medication_changes(store, period),
        wpi_weeks=scores.weeks, wpi_left_over=scores.left_over, wpi_days=scores.days_with_flares,
        sss=scores.sss, fiqr=scores.fiqr,
        comparison=compare_periods(period, {r: f.flares for r, f in before.items()},
                                   {r: f.flares for r, f in figures.items()},
                                   span[0] if span else None),
        questions=store.notes.get(QUESTIONS),
        devices=summarise(device_days(store.devices.sleeps(period.start, period.end),
                                      store.devices.steps(period.start, period.end))),
    )
