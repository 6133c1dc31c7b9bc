"""Worked examples for WPI, SSS, FS and FIQR (clinical-scales.md)."""

from datetime import date

import pytest

from fibromap.analysis.scores import (
    SHORTFALL,
    SssAnswers,
    criteria_2016,
    fibromyalgia_severity,
    fiqr,
    fiqr_shortfall,
    months_between,
    sss,
    week_wpi,
    wpi,
)
from fibromap.domain.atlas import load_atlas
from fibromap.domain.questionnaires import FIQR_FUNCTION, FIQR_ITEMS, FIQR_OVERALL, FIQR_SYMPTOMS
from fibromap.errors import ValidationError
from fibromap.i18n import _
from tests.helpers.refusals import fits, refused, says

ATLAS = load_atlas()


def test_wpi_counts_areas_not_regions():
    # Two regions of the left shoulder girdle are one area; the wrist counts for none.
    result = wpi({"upper_trapezius.left", "levator_scapulae.left", "wrist_front.left",
                  "biceps.left"}, ATLAS)
    assert result.score == 2
    assert result.areas == ("shoulder_girdle.left", "upper_arm.left")
    assert result.regions_with_pain == (1,) and not result.generalized


def test_generalized_pain_needs_four_of_five_regions():
    four = wpi({"upper_trapezius.left", "upper_trapezius.right", "gluteus_medius.left",
                "posterior_neck.left"}, ATLAS)
    assert four.score == 4 and four.regions_with_pain == (1, 2, 3, 5) and four.generalized


def test_jaw_chest_and_abdomen_do_not_count_toward_generalized_pain():
    result = wpi({"masseter.right", "pectoralis.left", "upper_abdomen", "upper_trapezius.left",
                  "gluteus_medius.left"}, ATLAS)
    # jaw (right upper), chest and abdomen (axial) score, but the regions they are in do not count
    assert result.score == 5
    assert result.regions_with_pain == (1, 3) and not result.generalized
    everything = wpi({r.id for r in ATLAS}, ATLAS)
    assert everything.score == 19 and everything.generalized


def test_sss_and_fs_worked_example():
    answers = SssAnswers(fatigue=3, waking_unrefreshed=2, cognitive=1, headaches=True,
                         lower_abdominal_pain=False, depression=True)
    assert sss(answers) == 8
    assert fibromyalgia_severity(11, 8) == 19
    assert sss(SssAnswers(0, 0, 0, False, False, False)) == 0
    assert sss(SssAnswers(3, 3, 3, True, True, True)) == 12
    with refused(ValidationError, "fatigue") as told:
        SssAnswers(4, 0, 0, False, False, False)
    fits(told.value, "{item} must be 0, 1, 2 or 3, got {value}", value=4)


def test_the_2016_criteria_with_both_branches_generalized_pain_and_three_months():
    """ACR 2016 (Wolfe et al.): WPI >= 7 with SSS >= 5, or WPI 4-6 with SSS >= 9; pain in at
    least 4 of the 5 regions; symptoms for at least 3 months (here: records going back 3
    whole months)."""
    day, first = date(2026, 5, 15), date(2026, 2, 15)   # exactly 3 months of records
    seven = wpi({"upper_trapezius.left", "upper_trapezius.right", "gluteus_medius.left",
                 "gluteus_medius.right", "posterior_neck.left", "biceps.left", "biceps.right"}, ATLAS)
    assert seven.score == 7 and seven.generalized
    assert criteria_2016(day, seven, 5, first).met is True
    assert criteria_2016(day, seven, 4, first).met is False
    five = wpi({"upper_trapezius.left", "upper_trapezius.right", "gluteus_medius.left",
                "posterior_neck.left", "biceps.left"}, ATLAS)
    assert five.score == 5 and five.generalized
    assert criteria_2016(day, five, 9, first).met is True
    assert criteria_2016(day, five, 8, first).met is False
    three = wpi({"upper_trapezius.left", "upper_trapezius.right", "gluteus_medius.left"}, ATLAS)
    assert criteria_2016(day, three, 12, first).met is False   # WPI below 4: never
    # WPI 8 in 3 regions only (both arms and shoulders, the neck): not generalized.
    upper = wpi({"upper_trapezius.left", "upper_trapezius.right", "biceps.left", "biceps.right",
                 "forearm_flexors.left", "forearm_flexors.right", "posterior_neck.left",
                 "pectoralis.left"}, ATLAS)
    assert upper.score >= 7 and not upper.generalized
    not_generalized = criteria_2016(day, upper, 8, first)
    assert not_generalized.severity is True and not_generalized.met is False
    # One day short of 3 months of records: not met, and the duration says why.
    early = criteria_2016(day, seven, 5, date(2026, 2, 16))
    assert early.months == 2 and early.duration is False and early.met is False


def test_the_2016_criteria_say_what_cannot_be_assessed():
    no_sss = criteria_2016(date(2026, 5, 15), None, None, date(2025, 1, 1), ["no SSS"])
    assert no_sss.met is None and no_sss.severity is None and no_sss.duration is True
    assert no_sss.missing == ("no SSS",)
    # Whatever is missing, a part that fails is enough to say "does not meet".
    short = criteria_2016(date(2026, 5, 15), None, None, date(2026, 5, 1), ["no SSS"])
    assert short.met is False
    assert criteria_2016(None, None, None, None).met is None


def test_whole_months_between_two_days():
    assert months_between(date(2026, 1, 15), date(2026, 4, 15)) == 3
    assert months_between(date(2026, 1, 15), date(2026, 4, 14)) == 2
    assert months_between(date(2025, 11, 30), date(2026, 2, 28)) == 2
    assert months_between(date(2026, 3, 1), date(2026, 3, 1)) == 0


def test_a_week_without_a_flare_has_no_wpi_and_no_severity_while_a_measured_zero_is_zero():
    assert week_wpi(set(), 0, ATLAS) is None
    assert fibromyalgia_severity(None, 6) is None
    # Flares recorded, but only on the knee (not a WPI area) or rated 0 (no region in pain).
    zero = week_wpi({"knee_front.left"}, 2, ATLAS)
    assert zero is not None and zero.score == 0 and zero.areas == ()
    assert week_wpi(set(), 1, ATLAS).score == 0
    assert fibromyalgia_severity(zero.score, 6) == 6


def test_fiqr_complete_worked_example():
    answers = {item: 5 for item in FIQR_ITEMS}
    result = fiqr(answers)
    # function 9*5/3 = 15, overall 2*5 = 10, symptoms 10*5/2 = 25
    assert (result.function, result.overall, result.symptoms, result.total) == (15, 10, 25, 50)
    assert fiqr({item: 10 for item in FIQR_ITEMS}).total == 100
    assert fiqr({item: 0 for item in FIQR_ITEMS}).total == 0


def test_fiqr_scales_a_section_with_missing_answers():
    answers = {item: 6 for item in FIQR_ITEMS}
    for item in FIQR_FUNCTION[:3]:
        answers[item] = None  # 6 of 9 answered: sum 36 scaled to 54
    answers[FIQR_SYMPTOMS[0]] = None  # 9 of 10: sum 54 scaled to 60
    result = fiqr(answers)
    assert result.function == pytest.approx(54 / 3)
    assert result.symptoms == pytest.approx(60 / 2)
    assert result.overall == 12 and result.answered == 17
    assert result.total == pytest.approx(18 + 12 + 30)


def test_fiqr_needs_half_of_each_section_before_it_gives_a_score():
    """Three 10s once gave a full 100."""
    three = {FIQR_FUNCTION[0]: 10, FIQR_OVERALL[0]: 10, FIQR_SYMPTOMS[0]: 10}
    result = fiqr(three)
    assert result.total is None and not result.scored and result.answered == 3
    assert (result.function, result.overall, result.symptoms) == (None, 20, None)  # 10 * 2/1
    says(fiqr_shortfall(result, three), "a FIQR score needs at least {shortfall}",
         shortfall=_("; ").join([
             _(SHORTFALL["function"]).format(needed=5, items=9, given=1),
             _(SHORTFALL["symptom"]).format(needed=5, items=10, given=1)]))
    # Exactly half (rounded up) of each: 5 of 9, 1 of 2, 5 of 10, all 4s.
    minimal = ({i: 4 for i in FIQR_FUNCTION[:5]} | {FIQR_OVERALL[0]: 4}
               | {i: 4 for i in FIQR_SYMPTOMS[:5]})
    scored = fiqr(minimal)
    # function 20 * 9/5 / 3 = 12, overall 4 * 2/1 = 8, symptoms 20 * 10/5 / 2 = 20
    assert (scored.function, scored.overall, scored.symptoms, scored.total) == (12, 8, 20, 40)
    assert fiqr_shortfall(scored, minimal) == ""
    one_short = dict(minimal)
    del one_short[FIQR_SYMPTOMS[0]]
    assert fiqr(one_short).total is None


def test_fiqr_refuses_out_of_range_unknown_or_empty_sections():
    with refused(ValidationError, "pain") as told:
        fiqr({**{i: 1 for i in FIQR_ITEMS}, "pain": 11})
    fits(told.value, "{item} must be between 0 and 10, got {value}", value=11)
    with refused(ValidationError, "fiqr") as told:
        fiqr({"mood": 3})
    says(told.value, "unknown FIQR items: {items}", items="mood")
    with refused(ValidationError, "fiqr") as told:
        fiqr({**{i: 1 for i in FIQR_FUNCTION + FIQR_SYMPTOMS}, **{i: None for i in FIQR_OVERALL}})
    says(told.value, "each FIQR section needs at least one answer")
