"""Clinical scales as published (ACR 2016: Wolfe et al. 2016; FIQR: Bennett et al. 2009),
shown as information for a clinician, never as a diagnosis.

- WPI: the ACR 2016 Widespread Pain Index (0–19) from the regions marked in a week,
  with the 5-region generalized-pain check (jaw, chest and abdomen do not count for it).
  A week without a flare recorded has no WPI (None), never 0: no records is not no pain.
- SSS: the 2016 Symptom Severity Scale (0–12).
- FS: fibromyalgia severity, WPI + SSS (0–31); none without a WPI.
- The 2016 research criteria: WPI and SSS, generalized pain, 3 months of records.
- FIQR: the revised Fibromyalgia Impact Questionnaire (0–100). With missing answers each
  section's sum is weighted by its item count over the items answered (Bennett's scoring
  guide); FibroMap scores a section only when at least half of its items are answered
  (5 of 9, 1 of 2, 5 of 10), a common rule for prorating, and gives no total otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fibromap.domain.atlas import WPI_AREAS, Atlas
from fibromap.domain.questionnaires import (
    FIQR_FUNCTION,
    FIQR_OVERALL,
    FIQR_SYMPTOMS,
    SSS_SOMATIC,
    SSS_SYMPTOMS,
    Questionnaire,
    check_fiqr,
    check_sss,
)
from fibromap.i18n import N_, _

# English ids, shown through _ (N_ marks them for the catalogue).
NOT_A_DIAGNOSIS = N_("information for your clinician, not a diagnosis")
# Said wherever a week has no WPI, and wherever a WPI of 0 is measured: the two differ.
NO_RECORDS = N_("no records is not the same as no pain")
MEASURED_ZERO = N_("flares were recorded, with no WPI area in pain")
_AREAS = {area.id: area for area in WPI_AREAS}


@dataclass(frozen=True, slots=True)
class WpiResult:
    score: int
    areas: tuple[str, ...]
    regions_with_pain: tuple[int, ...]  # which of the 5 regions count toward generalized pain
    generalized: bool


def wpi(regions: Iterable[str], atlas: Atlas) -> WpiResult:
    """The WPI for the body regions painful in one week."""
    areas = sorted({area for r in regions if r in atlas if (area := atlas.region(r).wpi_area) is not None})
    counted = sorted({_AREAS[a].group for a in areas if _AREAS[a].counts_for_generalized})
    return WpiResult(len(areas), tuple(areas), tuple(counted), len(counted) >= 4)


@dataclass(frozen=True, slots=True)
class SssAnswers:
    """Fatigue, waking unrefreshed, cognitive symptoms 0–3 over the past week; headaches,
    lower abdominal pain or cramps, depression yes/no over the past 6 months."""

    fatigue: int
    waking_unrefreshed: int
    cognitive: int
    headaches: bool
    lower_abdominal_pain: bool
    depression: bool

    def __post_init__(self) -> None:
        check_sss({name: getattr(self, name) for name in SSS_SYMPTOMS + SSS_SOMATIC})

    @classmethod
    def of(cls, questionnaire: Questionnaire) -> SssAnswers:
        return cls(**questionnaire.answers)


def sss(answers: SssAnswers) -> int:
    return (sum(getattr(answers, n) for n in SSS_SYMPTOMS)
            + sum(1 for n in SSS_SOMATIC if getattr(answers, n)))


def fibromyalgia_severity(wpi_score: int | None, sss_score: int) -> int | None:
    """WPI + SSS (0-31); none without a WPI (a week with no records has none)."""
    return None if wpi_score is None else wpi_score + sss_score


def week_wpi(regions: Iterable[str], flares: int, atlas: Atlas) -> WpiResult | None:
    """The WPI of 7 days from the regions in pain in their ``flares``; None when no flare
    was recorded in them: no records is not no pain. With flares but no WPI area in pain
    (every mark 0, or only knees and feet) the WPI is a measured 0."""
    return wpi(regions, atlas) if flares else None


ACR_MONTHS = 3  # symptoms generally present for at least 3 months (ACR 2016)


def months_between(first: date, last: date) -> int:
    """Whole calendar months from ``first`` to ``last`` (15 Jan to 15 Apr: 3; to 14 Apr: 2)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    return months - (last.day < first.day)


@dataclass(frozen=True, slots=True)
class Criteria2016:
    """The ACR 2016 research criteria on one day, as information for a clinician (never a
    diagnosis): WPI >= 7 with SSS >= 5, or WPI 4-6 with SSS >= 9; generalized pain (4 of
    the 5 regions); records going back at least 3 months. ``missing`` says what could not
    be assessed."""

    day: date | None
    wpi: WpiResult | None
    sss: int | None
    months: int | None          # whole months of records up to the day
    missing: tuple[str, ...] = ()

    @property
    def severity(self) -> bool | None:
        if self.wpi is None or self.sss is None:
            return None
        score = self.wpi.score
        return (score >= 7 and self.sss >= 5) or (4 <= score <= 6 and self.sss >= 9)

    @property
    def generalized(self) -> bool | None:
        return None if self.wpi is None else self.wpi.generalized

    @property
    def duration(self) -> bool | None:
        return None if self.months is None else self.months >= ACR_MONTHS

    @property
    def met(self) -> bool | None:
        """True when every part is met; False when an assessed part is not; else None."""
        parts = (self.severity, self.generalized, self.duration)
        if False in parts:
            return False
        return None if None in parts else True


def criteria_2016(day: date | None, week: WpiResult | None, sss_score: int | None,
                  first_record: date | None, missing: Sequence[str] = ()) -> Criteria2016:
    """The 2016 criteria for the SSS of ``day`` and the WPI of the 7 days ending on it."""
    months = months_between(first_record, day) if first_record and day else None
    return Criteria2016(day, week, sss_score, months, tuple(missing))


@dataclass(frozen=True, slots=True)
class FiqrResult:
    total: float | None        # None: too few answers for a score
    function: float | None
    overall: float | None
    symptoms: float | None
    answered: int              # of the 21 items

    @property
    def scored(self) -> bool:
        return self.total is not None


# (name, items, divisor): the total is the sum of each section's sum over its divisor.
FIQR_SECTIONS = (("function", FIQR_FUNCTION, 3), ("overall impact", FIQR_OVERALL, 1),
                 ("symptom", FIQR_SYMPTOMS, 2))
# What a section's shortfall says, whole, by its name.
SHORTFALL = {"function": N_("{needed} of the {items} function questions (answered {given})"),
             "overall impact": N_("{needed} of the {items} overall impact questions (answered "
                                  "{given})"),
             "symptom": N_("{needed} of the {items} symptom questions (answered {given})")}


def fiqr_minimum(items: Sequence[str]) -> int:
    """Answers a section needs before it is scored: at least half of its items."""
    return (len(items) + 1) // 2


def _section(answers: Mapping[str, int | None], items: Sequence[str], divisor: float) -> float | None:
    given = [answer for item in items if (answer := answers.get(item)) is not None]
    if len(given) < fiqr_minimum(items):
        return None
    return sum(given) * len(items) / len(given) / divisor


def fiqr(answers: Mapping[str, int | None]) -> FiqrResult:
    """FIQR 0–100 = function sum / 3 + overall sum / 1 + symptom sum / 2."""
    answers = check_fiqr(dict(answers))
    parts = [_section(answers, items, divisor) for _name, items, divisor in FIQR_SECTIONS]
    answered = sum(1 for v in answers.values() if v is not None)
    scored = [p for p in parts if p is not None]
    total = round(sum(scored), 1) if len(scored) == len(parts) else None
    function, overall, symptoms = (None if p is None else round(p, 2) for p in parts)
    return FiqrResult(total, function, overall, symptoms, answered)


def fiqr_shortfall(result: FiqrResult, answers: Mapping[str, int | None]) -> str:
    """What is missing for a score, in words ("" when scored)."""
    if result.scored:
        return ""
    short = []
    for name, items, _divisor in FIQR_SECTIONS:
        given = sum(1 for item in items if answers.get(item) is not None)
        if given < fiqr_minimum(items):
            short.append(_(SHORTFALL[name]).format(needed=fiqr_minimum(items), items=len(items),
                                                   given=given))
    return _("a FIQR score needs at least {shortfall}").format(shortfall=_("; ").join(short))
