"""What the appointment report says, gathered for one period (no Qt here).

Only data from inside the period appears, apart from the previous period of equal
length used for "since last visit".
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from fibromap.analysis.answers import Places, Weekly, mean_intensity, places, weekly
from fibromap.analysis.changes import PeriodComparison, compare_periods, previous_period
from fibromap.analysis.devices import DeviceSummary, summarise
from fibromap.analysis.overall import Change, adjust, change
from fibromap.analysis.periods import Period
from fibromap.analysis.review import Scores, load_scores
from fibromap.analysis.scores import Criteria2016, WpiResult, criteria_2016
from fibromap.analysis.statistics import mean
from fibromap.domain.atlas import Atlas
from fibromap.domain.daily import Medication
from fibromap.domain.device_data import device_days
from fibromap.domain.rates import Basis, FlareRate
from fibromap.domain.vocabulary import TermKind
from fibromap.domain.wording import NOT_GIVEN_TEXT, STILL_GOING_TEXT
from fibromap.i18n import N_, _, formats
from fibromap.store import aggregates
from fibromap.store.aggregates import RegionFigures
from fibromap.store.marks import Mark, felt_marks
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME, QUESTIONS
from fibromap.store.observed import observed_days
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
    weekly: Weekly
    triggers: list[tuple[str, str, int]]
    treatments: list[tuple[str, str, int, float | None]]
    qualities: list[tuple[str, str, int]]        # what it felt like: word, label, flares
    medication_changes: list[tuple[date, str]]
    scores: Scores                               # whole weeks' WPI (None: no flare), SSS, FIQR
    criteria: Criteria2016
    places: Places                               # the same spot or moving around
    places_before: Places | None                 # in the previous period, when compared
    regions_in_pain: int                         # different regions marked above 0
    overall: list[Change]                        # with the previous period ([] when not compared)
    comparison: PeriodComparison
    questions: str
    devices: DeviceSummary | None = None    # what a watch, ring or phone measured

    @property
    def wpi_weeks(self) -> list[tuple[Period, WpiResult | None]]:
        return self.scores.weeks


def _medication_changes(store: Store, period: Period) -> list[tuple[date, str]]:
    events = []
    for medication in store.medications.all():
        what = f"{medication.name} {medication.dose}".strip()
        if period.start <= medication.start <= period.end:
            events.append((medication.start, _("started {medication}").format(medication=what)))
        if medication.stop and period.start <= medication.stop <= period.end:
            events.append((medication.stop, _("stopped {medication}").format(medication=what)))
    return sorted(events)


def _overall(period: Period, now: _Side, before: _Side) -> list[Change]:
    """Flares a week, mean intensity, WPI, SSS and FIQR in the previous period and this one."""
    def rate(side: _Side) -> float | None:
        return side.rate.per_week

    def wpis(side: _Side) -> list[float]:
        return [float(r.score) for _w, r in side.scores.measured_weeks]

    def questionnaires(side: _Side, kind: str) -> list[float]:
        if kind == "SSS":
            return [float(s.sss) for s in side.scores.sss]
        return [r.total for _d, r in side.scores.fiqr if r.total is not None]

    changes = [
        change(_("Flares a week"), "", rate(before), rate(now),
               before.weekly.rates(), now.weekly.rates(), "week"),
        change(_("Mean intensity"), "0–10", mean_intensity(before.marks), mean_intensity(now.marks),
               [w.mean_intensity for w in before.weekly.whole if w.mean_intensity is not None],
               [w.mean_intensity for w in now.weekly.whole if w.mean_intensity is not None],
               "week"),
        change(_("WPI, weekly mean"), "0–19", mean(wpis(before)), mean(wpis(now)), wpis(before), wpis(now),
               "week with a flare"),
    ]
    for kind, scale in (("SSS", "0–12"), ("FIQR", "0–100")):
        values_before, values_now = questionnaires(before, kind), questionnaires(now, kind)
        changes.append(change(_("{questionnaire}, mean").format(questionnaire=kind), scale,
                              mean(values_before), mean(values_now), values_before,
                              values_now, "questionnaire"))
    return adjust(changes)


@dataclass(frozen=True)
class _Side:
    """What one period holds for the comparison and the answers."""

    marks: list[Mark]
    rate: FlareRate
    weekly: Weekly
    scores: Scores

    @classmethod
    def read(cls, store: Store, period: Period, atlas: Atlas) -> _Side:
        """Days without any record are left out of each week's rate when the person records
        days without flares (see fibromap.domain.rates)."""
        marks = felt_marks(store.database, period.start, period.end)
        flares_on = {d.day: d.flares for d in aggregates.daily_figures(store.database, period.start,
                                                                       period.end)}
        rate = store.summary(period.start, period.end).rate
        seen = (observed_days(store.database, period.start, period.end)
                if rate.basis is Basis.RECORDED else None)
        return cls(marks, rate, weekly(period, flares_on, marks, seen),
                   load_scores(store, period, atlas))


def _records(store: Store, period: Period) -> int:
    """Flares, check-ins and symptom ratings in a period: none means it was not recorded."""
    summary = store.summary(period.start, period.end)
    return (summary.flares + summary.checkins
            + len(store.symptoms.between(period.start, period.end)))


def _criteria(scores: Scores, first_flare: date | None) -> Criteria2016:
    """The 2016 criteria for the latest SSS of the period with a WPI of its 7 days (the
    duration up to the period's last day when there is no SSS)."""
    if not scores.sss:
        return criteria_2016(scores.period.end, None, None, first_flare,
                             [_("no SSS questionnaire was filled in during this period")])
    with_wpi = [s for s in scores.sss if s.week is not None]
    if not with_wpi:
        latest = scores.sss[-1]
        return criteria_2016(latest.day, None, latest.sss, first_flare,
                             [_("no flare was recorded in the 7 days before the SSS of {day}, "
                                "so there is no WPI").format(day=formats.day(latest.day))])
    latest = with_wpi[-1]
    return criteria_2016(latest.day, latest.week, latest.sss, first_flare)


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
# Labels and units are English ids (N_), shown through _.
CHECKIN_MEASURES = (("pain", N_("Overall pain"), N_(" of 10")),
                    ("stiffness", N_("Stiffness"), N_(" of 10")),
                    ("fibro_fog", N_("Fibro fog (thinking, memory)"), N_(" of 3")),
                    ("waking_unrefreshed", N_("Waking unrefreshed"), N_(" of 3")),
                    ("sleep_hours", N_("Sleep"), N_(" h")),
                    ("sleep_quality", N_("Sleep quality"), N_(" of 10")),
                    ("woken_by_spasms", N_("Woken by spasms"), N_(" times a night")),
                    ("fatigue", N_("Fatigue"), N_(" of 10")), ("stress", N_("Stress"), N_(" of 10")),
                    ("water_glasses", N_("Water"), N_(" glasses")))


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
    now_side, before_side = _Side.read(store, period, atlas), _Side.read(store, previous, atlas)
    comparison = compare_periods(period, {r: f.flares for r, f in before.items()},
                                 {r: f.flares for r, f in figures.items()},
                                 span[0] if span else None,
                                 (_records(store, previous), _records(store, period)))
    checkins, checkin_days = _checkins(store, period)
    first_flare = store.summary(None, period.end).first_onset
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
        weekly=now_side.weekly,
        triggers=aggregates.term_counts(database, TermKind.TRIGGER.value, period.start, period.end),
        treatments=aggregates.treatment_relief(database, period.start, period.end),
        qualities=aggregates.term_counts(database, TermKind.QUALITY.value, period.start, period.end),
        medication_changes=_medication_changes(store, period),
        scores=now_side.scores,
        criteria=_criteria(now_side.scores, first_flare.date() if first_flare else None),
        places=places(now_side.marks, rolled),
        places_before=places(before_side.marks, rolled) if comparison.made else None,
        regions_in_pain=len({rolled.get(m.region, m.region) for m in now_side.marks if m.intensity}),
        overall=_overall(period, now_side, before_side) if comparison.made else [],
        comparison=comparison,
        questions=store.notes.get(QUESTIONS),
        devices=summarise(device_days(store.devices.sleeps(period.start, period.end),
                                      store.devices.steps(period.start, period.end))),
    )
