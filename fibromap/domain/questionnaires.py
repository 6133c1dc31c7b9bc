"""Questionnaires a person fills in now and then, and the appointments they bring them to.

The SSS (2016 Symptom Severity Scale) and the FIQR (revised Fibromyalgia Impact
Questionnaire) with their items as published (Wolfe et al. 2016; Bennett et al. 2009),
and their scores in fibromap.analysis.scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from fibromap.domain.validation import text
from fibromap.errors import ValidationError
from fibromap.i18n import _

SSS_SYMPTOMS = ("fatigue", "waking_unrefreshed", "cognitive")       # 0–3, past week
SSS_SOMATIC = ("headaches", "lower_abdominal_pain", "depression")    # yes/no, past 6 months

FIQR_FUNCTION = ("brush_hair", "walk_20_minutes", "prepare_meal", "vacuum_floors",
                 "carry_groceries", "climb_stairs", "change_sheets", "sit_45_minutes",
                 "go_shopping")
FIQR_OVERALL = ("prevented_goals", "overwhelmed")
FIQR_SYMPTOMS = ("pain", "energy", "stiffness", "sleep_quality", "depression", "memory",
                 "anxiety", "tenderness", "balance", "sensitivity")
FIQR_ITEMS = FIQR_FUNCTION + FIQR_OVERALL + FIQR_SYMPTOMS


class QuestionnaireKind(StrEnum):
    SSS = "sss"
    FIQR = "fiqr"


def _label(item: str) -> str:
    return item.replace("_", " ")


def _sss_incomplete(missing: str, unknown: str) -> str:
    """Why the SSS's answers are not all there (its items' names stay English, as the
    questionnaire itself)."""
    if missing and unknown:
        return _("the SSS needs every answer; missing: {missing}; unknown: {unknown}").format(
            missing=missing, unknown=unknown)
    if missing:
        return _("the SSS needs every answer; missing: {missing}").format(missing=missing)
    if unknown:
        return _("the SSS needs every answer; unknown: {unknown}").format(unknown=unknown)
    return _("the SSS needs every answer")


def check_sss(answers: dict) -> dict:
    expected = set(SSS_SYMPTOMS + SSS_SOMATIC)
    if set(answers) != expected:
        missing = sorted(expected - set(answers))
        extra = sorted(set(answers) - expected)
        raise ValidationError(_sss_incomplete(", ".join(map(_label, missing)), ", ".join(extra)),
                              "sss")
    for item in SSS_SYMPTOMS:
        value = answers[item]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
            raise ValidationError(_("{item} must be 0, 1, 2 or 3, got {value}").format(
                item=_label(item), value=repr(value)), item)
    for item in SSS_SOMATIC:
        if not isinstance(answers[item], bool):
            raise ValidationError(_("{item} must be yes or no, got {value}").format(
                item=_label(item), value=repr(answers[item])), item)
    return dict(answers)


def check_fiqr(answers: dict) -> dict:
    unknown = set(answers) - set(FIQR_ITEMS)
    if unknown:
        raise ValidationError(_("unknown FIQR items: {items}").format(
            items=", ".join(sorted(unknown))), "fiqr")
    for item, value in answers.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not 0 <= value <= 10):
            raise ValidationError(_("{item} must be between 0 and 10, got {value}").format(
                item=_label(item), value=repr(value)), item)
    for section in (FIQR_FUNCTION, FIQR_OVERALL, FIQR_SYMPTOMS):
        if all(answers.get(item) is None for item in section):
            raise ValidationError(_("each FIQR section needs at least one answer"), "fiqr")
    return {item: answers.get(item) for item in FIQR_ITEMS}


@dataclass(frozen=True, slots=True)
class Questionnaire:
    kind: QuestionnaireKind
    day: date
    answers: dict = field(default_factory=dict)
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", QuestionnaireKind(self.kind))
        if not isinstance(self.day, date):
            raise ValidationError(_("day must be a date, got {value}").format(
                value=repr(self.day)), "day")
        checker = check_sss if self.kind is QuestionnaireKind.SSS else check_fiqr
        object.__setattr__(self, "answers", checker(dict(self.answers)))


@dataclass(frozen=True, slots=True)
class Appointment:
    day: date
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.day, date):
            raise ValidationError(_("day must be a date, got {value}").format(
                value=repr(self.day)), "day")
        text("note", self.note)
