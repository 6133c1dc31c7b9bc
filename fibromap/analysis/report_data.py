"""What the appointment report says, gathered for one period (no Qt here).

Only data from inside the period appears, apart from the previous period of equal
length used for "since last visit".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from fibromap.analysis.periods import Period, weeks_ending
from fibromap.analysis.review import ScoredDay, load_scores
from fibromap.analysis.scores import FiqrResult, WpiResult
from fibromap.domain.atlas import Atlas
from fibromap.domain.vocabulary import TermKind
from fibromap.store import aggregates
from fibromap.store.aggregates import RegionFigures
from fibromap.store.notes import QUESTIONS
from fibromap.store.stats import PeriodSummary
from fibromap.store.store import Store


@dataclass(frozen=True, slots=True)
class RegionChange:
    region: str
    kind: str           # "new", "worse" or "better"
    before: int         # flares in the previous period
    now: int
    before_max: int
    now_max: int


@dataclass(frozen=True)
class ReportData:
    period: Period
    previous: Period
    summary: PeriodSummary
    median_duration_s: float | None
    night_share: float | None
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
    changes: list[RegionChange]
    questions: str


def region_changes(before: dict[str, RegionFigures], now: dict[str, RegionFigures]) -> list[RegionChange]:
    """Regions new this period, or clearly worse or better than in the one before."""
    changes = []
    for region in sorted(set(before) | set(now)):
        b, n = before.get(region), now.get(region)
        b_flares, n_flares = (b.flares if b else 0), (n.flares if n else 0)
        b_max, n_max = (b.max_intensity if b else 0), (n.max_intensity if n else 0)
        if b is None and n is not None:
            if n_flares < 2:  # a one-off is not a pattern
                continue
            kind = "new"
        elif n_flares >= max(2, 1.5 * b_flares) or n_max >= b_max + 2:
            kind = "worse"
        elif b_flares >= max(2, 1.5 * n_flares) or (n is not None and n_max <= b_max - 2) or n is None:
            kind = "better"
        else:
            continue
        changes.append(RegionChange(region, kind, b_flares, n_flares, b_max, n_max))
    order = {"new": 0, "worse": 1, "better": 2}
    return sorted(changes, key=lambda c: (order[c.kind], -abs(c.now - c.before), c.region))


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
    totals = {stretch: [0, 0.0, 0] for stretch in stretches}
    for day in days:
        back = (period.end - day.day).days // 7  # whole weeks counted back from the last day
        total = totals[weeks[len(weeks) - 1 - back] if back < len(weeks) else left_over]
        total[0] += day.flares
        if day.mean_intensity is not None:  # a day with only 0 marks has no intensity
            total[1] += day.mean_intensity * day.flares
            total[2] += day.flares
    return [WeekBar(s, n, (weighted / rated) if rated else None)
            for s, (n, weighted, rated) in totals.items()]


def load_report(store: Store, period: Period, atlas: Atlas) -> ReportData:
    database = store.database
    previous = Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))
    summary = store.summary(period.start, period.end)
    hours = aggregates.time_of_day(database, period.start, period.end)
    known = aggregates.durations(database, period.start, period.end)
    figures = aggregates.region_figures(database, period.start, period.end)
    scores = load_scores(store, period, atlas)
    return ReportData(
        period=period, previous=previous, summary=summary,
        median_duration_s=statistics.median(known) if known else None,
        night_share=(sum(hours[:8]) / summary.flares) if summary.flares else None,
        hours=hours, figures=figures,
        links=aggregates.referral_counts(database, period.start, period.end),
        weekly=_weekly(store, period),
        triggers=aggregates.term_counts(database, TermKind.TRIGGER.value, period.start, period.end),
        treatments=aggregates.treatment_relief(database, period.start, period.end),
        medication_changes=_medication_changes(store, period),
        wpi_weeks=scores.weeks, wpi_left_over=scores.left_over, wpi_days=scores.days_with_flares,
        sss=scores.sss, fiqr=scores.fiqr,
        changes=region_changes(aggregates.region_figures(database, previous.start, previous.end),
                               figures),
        questions=store.notes.get(QUESTIONS),
    )
