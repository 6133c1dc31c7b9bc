"""Clinical scales from ../shared/research/clinical-scales.md, shown as information for a
clinician, never as a diagnosis.

- WPI: the ACR 2016 Widespread Pain Index (0–19) from the regions marked in a week,
  with the 5-region generalized-pain check (jaw, chest and abdomen do not count for it).
- SSS: the 2016 Symptom Severity Scale (0–12).
- FS: fibromyalgia severity, WPI + SSS (0–31).
- FIQR: the revised Fibromyalgia Impact Questionnaire (0–100), each section scaled
  by its item count over the items answered when some are missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fibromap.domain.atlas import WPI_AREAS, Atlas
from fibromap.errors import ValidationError

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
    areas = sorted({atlas.region(r).wpi_area for r in regions if r in atlas} - {None})
    counted = sorted({_AREAS[a].group for a in areas if _AREAS[a].counts_for_generalized})
    return WpiResult(len(areas), tuple(areas), tuple(counted), len(counted) >= 4)


SSS_SYMPTOMS = ("fatigue", "waking_unrefreshed", "cognitive")
SSS_SOMATIC = ("headaches", "lower_abdominal_pain", "depression")


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
        for name in SSS_SYMPTOMS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
                raise ValidationError(
                    f"{name.replace('_', ' ')} must be 0, 1, 2 or 3, got {value!r}", name)
        for name in SSS_SOMATIC:
            if not isinstance(getattr(self, name), bool):
                raise ValidationError(f"{name.replace('_', ' ')} must be yes or no", name)


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


FIQR_FUNCTION = ("brush_hair", "walk_20_minutes", "prepare_meal", "vacuum_floors",
                 "carry_groceries", "climb_stairs", "change_sheets", "sit_45_minutes",
                 "go_shopping")
FIQR_OVERALL = ("prevented_goals", "overwhelmed")
FIQR_SYMPTOMS = ("pain", "energy", "stiffness", "sleep_quality", "depression", "memory",
                 "anxiety", "tenderness", "balance", "sensitivity")
FIQR_ITEMS = FIQR_FUNCTION + FIQR_OVERALL + FIQR_SYMPTOMS


@dataclass(frozen=True, slots=True)
class FiqrResult:
    total: float
    function: float | None
    overall: float | None
    symptoms: float | None
    answered: int


def _section(answers: Mapping[str, int | None], items: Sequence[str], divisor: float) -> float | None:
    given = [answers[item] for item in items if answers.get(item) is not None]
    if not given:
        return None
    return sum(given) * len(items) / len(given) / divisor


def fiqr(answers: Mapping[str, int | None]) -> FiqrResult:
    """FIQR 0–100 = function sum / 3 + overall sum / 1 + symptom sum / 2."""
    unknown = set(answers) - set(FIQR_ITEMS)
    if unknown:
        raise ValidationError(f"unknown FIQR items: {', '.join(sorted(unknown))}", "fiqr")
    for item, value in answers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not 0 <= value <= 10):
            raise ValidationError(f"{item.replace('_', ' ')} must be between 0 and 10, got {value!r}",
                                  item)
    parts = (_section(answers, FIQR_FUNCTION, 3), _section(answers, FIQR_OVERALL, 1),
             _section(answers, FIQR_SYMPTOMS, 2))
    if any(part is None for part in parts):
        raise ValidationError("each FIQR section needs at least one answer", "fiqr")
    answered = sum(1 for v in answers.values() if v is not None)
    return FiqrResult(round(sum(parts), 1), *(round(p, 2) for p in parts), answered)
