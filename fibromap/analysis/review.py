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
from fibromap.analysis.scores import FiqrResult, SssAnswers, WpiResult, fibromyalgia_severity, fiqr, sss, wpi
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
        trigger_labels={t.key: t.label for t in store.vocabulary.terms(TermKind.TRIGGER,
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
    wpi: int          # of the 7 days ending that day
    sss: int
    fs: int


@dataclass(frozen=True)
class Scores:
    period: Period
    weeks: list[tuple[Period, WpiResult]]   # whole 7-day weeks ending on the period's last day
    left_over: Period | None                # days at the start not in a whole week
    days_with_flares: int
    sss: list[ScoredDay]
    fiqr: list[tuple[date, FiqrResult]]


def wpi_weeks(store: Store, period: Period, atlas: Atlas
              ) -> tuple[list[tuple[Period, WpiResult]], Period | None, int]:
    """The WPI of each whole 7-day week ending on the period's last day, the days left over
    at the start, and how many days had a region in pain."""
    weeks, left_over = weeks_ending(period)
    by_day = aggregates.regions_by_day(store.database, period.start, period.end)
    results = [(week, wpi(set().union(*(by_day.get(week.start + timedelta(days=i), set())
                                        for i in range(7))), atlas)) for week in weeks]
    return results, left_over, len(by_day)


def load_scores(store: Store, period: Period, atlas: Atlas) -> Scores:
    database = store.database
    weeks, left_over, days = wpi_weeks(store, period, atlas)
    scored = []
    for questionnaire in store.questionnaires.between(QuestionnaireKind.SSS, period.start, period.end):
        week = wpi(aggregates.regions_between(database, questionnaire.day - timedelta(days=6),
                                              questionnaire.day), atlas)
        value = sss(SssAnswers.of(questionnaire))
        scored.append(ScoredDay(questionnaire.day, week.score, value,
                                fibromyalgia_severity(week.score, value)))
    impact = [(q.day, fiqr(q.answers)) for q in
              store.questionnaires.between(QuestionnaireKind.FIQR, period.start, period.end)]
    return Scores(period, weeks, left_over, days, scored, impact)
