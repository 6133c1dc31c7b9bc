"""Clinical scales as published (ACR 2016: Wolfe et al. 2016; FIQR: Bennett et al. 2009),
shown as information for a clinician, never as a diagnosis.

- WPI: the ACR 2016 Widespread Pain Index (0–19) from the regions marked in a week,
  with the 5-region generalized-pain check (jaw, chest and abdomen do not count for it).
- SSS: the 2016 Symptom Severity Scale (0–12).
- FS: fibromyalgia severity, WPI + SSS (0–31).
- FIQR: the revised Fibromyalgia Impact Questionnaire (0–100). With missing answers each
  section's sum is weighted by its item count over the items answered (Bennett's scoring
  guide); FibroMap scores a section only when at least half of its items are answered
  (5 of 9, 1 of 2, 5 of 10), a common rule for prorating, and gives no total otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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

NOT_A_DIAGNOSIS = "information for your clinician, not a diagnosis"
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


def fibromyalgia_severity(wpi_score: int, sss_score: int) -> int:
    return wpi_score + sss_score


def criteria_met(wpi_result: WpiResult, sss_score: int) -> bool:
    """The 2016 pattern (WPI >= 7 and SSS >= 5, or WPI 4–6 and SSS >= 9, with
    generalized pain), shown only as information: duration is not checked here."""
    pattern = (wpi_result.score >= 7 and sss_score >= 5) or (4 <= wpi_result.score <= 6
                                                             and sss_score >= 9)
    return pattern and wpi_result.generalized


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
            short.append(f"{fiqr_minimum(items)} of the {len(items)} {name} questions "
                         f"(answered {given})")
    return "a FIQR score needs at least " + "; ".join(short)
