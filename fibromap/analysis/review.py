"""What the review views show, gathered from the store for one period.

Each function reads through the store's own sessions, so it can run on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fibromap.analysis.all_insights import REACH, InsightRecords, insights_of
from fibromap.analysis.all_insights import Insights as Insights  # the views find it here
from fibromap.analysis.device_insights import USUAL_DAYS, Rhythm, rhythm
from fibromap.analysis.patterns import Spread, spread
from fibromap.analysis.periods import Period, weeks_ending
from fibromap.analysis.scores import (
    FiqrResult,
    SssAnswers,
    WpiResult,
    fibromyalgia_severity,
    fiqr,
    sss,
    week_wpi,
)
from fibromap.analysis.timeline import Observed, Timeline
from fibromap.domain.atlas import Atlas
from fibromap.domain.device_data import device_days
from fibromap.domain.questionnaires import QuestionnaireKind
from fibromap.domain.vocabulary import TermKind
from fibromap.store import aggregates
from fibromap.store.observed import flare_onsets, observed_days
from fibromap.store.store import Store


def observed(store: Store, today: date) -> Observed:
    """The days observed so far (a flare, a check-in or a "no spasms" mark), up to
    yesterday."""
    database = store.database
    return Observed.of(aggregates.recorded_span(database), today, observed_days(database))


def load_insights(store: Store, period: Period, today: date | None = None) -> Insights:
    database = store.database
    today = today or date.today()
    reach = period.end + REACH
    # A device's records from 28 days before the period give the usual of its first days.
    usual_from = period.start - timedelta(days=USUAL_DAYS)
    return insights_of(InsightRecords(
        period=period, today=today, observed=observed(store, today),
        # From the day before: a night that ends on the first day began on it.
        flares=Timeline.of(flare_onsets(database, period.start - timedelta(days=1), reach)),
        checkins=store.checkins.between(period.start, period.end),
        triggers_on=aggregates.daily_terms(database, TermKind.TRIGGER.value, period.start,
                                           period.end),
        trigger_labels={t.key: t.name for t in store.vocabulary.terms(TermKind.TRIGGER,
                                                                        include_hidden=True)},
        medications=store.medications.all(),
        ratings=store.symptoms.between(period.start, period.end),
        measured=device_days(store.devices.sleeps(usual_from, period.end),
                             store.devices.steps(usual_from, period.end)),
        treatments=aggregates.treatment_relief(database, period.start, period.end)))


@dataclass(frozen=True)
class Patterns:
    period: Period
    flares: int
    hours: list[int]
    weekdays: list[int]
    durations: list[tuple[str, int]]
    spread: Spread
    region: str | None
    region_days: list[aggregates.DayFigures]
    rhythm: Rhythm | None = None   # bedtime and waking, as a device measured them
    left_out: int = 0              # complete days not observed (the rhythm's comparison)


def load_patterns(store: Store, period: Period, atlas: Atlas, region: str | None = None,
                  today: date | None = None) -> Patterns:
    database = store.database
    usual_from = period.start - timedelta(days=USUAL_DAYS)
    measured = device_days(store.devices.sleeps(usual_from, period.end), [])
    regularity, left_out = None, 0
    if any(d >= period.start and day.night for d, day in measured.items()):
        flares = Timeline.of(flare_onsets(database, period.start - timedelta(days=1),
                                          period.end))
        today = today or date.today()
        seen = observed(store, today)
        regularity = rhythm(measured, flares, seen, period.start)
        left_out = seen.left_out(period.start, period.end, today)
    return Patterns(
        rhythm=regularity, left_out=left_out,
        period=period,
        flares=store.flares.count(period.start, period.end),
        hours=aggregates.time_of_day(database, period.start, period.end),
        weekdays=aggregates.weekday_counts(database, period.start, period.end),
        durations=aggregates.duration_counts(database, period.start, period.end),
        spread=spread(aggregates.weekly_region_counts(database, period.start, period.end), atlas),
        region=region,
        region_days=(aggregates.daily_figures(database, period.start, period.end, region=region)
                     if region else []),
    )



@dataclass(frozen=True)
class ScoredDay:
    day: date
    sss: int
    week: WpiResult | None   # of the 7 days ending that day; None: no flare recorded in them

    @property
    def wpi(self) -> int | None:
        return None if self.week is None else self.week.score

    @property
    def fs(self) -> int | None:
        """Fibromyalgia severity, WPI + SSS: none without a WPI."""
        return fibromyalgia_severity(self.wpi, self.sss)


@dataclass(frozen=True)
class Scores:
    period: Period
    # Whole 7-day weeks ending on the period's last day; a week with no flare recorded has
    # no WPI (None), a week with flares and no WPI area in pain a measured 0.
    weeks: list[tuple[Period, WpiResult | None]]
    left_over: Period | None                # days at the start not in a whole week
    days_with_flares: int                   # days with a flare recorded (any mark)
    sss: list[ScoredDay]
    fiqr: list[tuple[date, FiqrResult]]

    @property
    def measured_weeks(self) -> list[tuple[Period, WpiResult]]:
        return [(week, result) for week, result in self.weeks if result is not None]


def wpi_weeks(store: Store, period: Period, atlas: Atlas
              ) -> tuple[list[tuple[Period, WpiResult | None]], Period | None, int]:
    """The WPI of each whole 7-day week ending on the period's last day (None for a week
    without a flare recorded), the days left over at the start, and how many days had a
    flare recorded."""
    weeks, left_over = weeks_ending(period)
    by_day = aggregates.regions_by_day(store.database, period.start, period.end)
    flares_on = {d.day: d.flares for d in aggregates.daily_figures(store.database, period.start,
                                                                   period.end)}
    results = []
    for week in weeks:
        days = [week.start + timedelta(days=i) for i in range(7)]
        regions = set().union(*(by_day.get(day, set()) for day in days))
        results.append((week, week_wpi(regions, sum(flares_on.get(day, 0) for day in days), atlas)))
    return results, left_over, sum(1 for day in flares_on if period.start <= day <= period.end)


def load_scores(store: Store, period: Period, atlas: Atlas) -> Scores:
    database = store.database
    weeks, left_over, days = wpi_weeks(store, period, atlas)
    scored = []
    for questionnaire in store.questionnaires.between(QuestionnaireKind.SSS, period.start, period.end):
        first = questionnaire.day - timedelta(days=6)
        week = week_wpi(aggregates.regions_between(database, first, questionnaire.day),
                        store.flares.count(first, questionnaire.day), atlas)
        scored.append(ScoredDay(questionnaire.day, sss(SssAnswers.of(questionnaire)), week))
    impact = [(q.day, fiqr(q.answers)) for q in
              store.questionnaires.between(QuestionnaireKind.FIQR, period.start, period.end)]
    return Scores(period, weeks, left_over, days, scored, impact)
