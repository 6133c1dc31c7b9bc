from datetime import date

import pytest

from fibromap.domain.daily import CheckIn, Medication
from fibromap.errors import ValidationError
from tests.helpers.refusals import refused


def test_checkin_answers_are_optional_and_range_checked():
    empty = CheckIn(date(2026, 3, 1))
    assert empty.sleep_hours is None and empty.foods == frozenset()
    full = CheckIn(date(2026, 3, 1), sleep_hours=6.5, sleep_quality=4, woken_by_spasms=2,
                   water_glasses=8, stress=6, fatigue=7, mood=5, activity_level=3,
                   foods={"Coffee ", "coffee", "dairy", "Green  Tea"}, notes="ok")
    # As written, spaces tidied; the same food in another case is one (issue 33: foods
    # were lower-cased).
    assert full.foods == frozenset({"Coffee", "dairy", "Green Tea"})
    # Overall pain, stiffness, fog and waking unrefreshed: unanswered (None), never 0.
    assert (empty.pain, empty.stiffness, empty.fibro_fog, empty.waking_unrefreshed) == (
        None, None, None, None)
    tops = CheckIn(date(2026, 3, 1), pain=10, stiffness=10, fibro_fog=3, waking_unrefreshed=3)
    lows = CheckIn(date(2026, 3, 1), pain=0, stiffness=0, fibro_fog=0, waking_unrefreshed=0)
    assert (tops.pain, tops.fibro_fog, lows.pain, lows.waking_unrefreshed) == (10, 3, 0, 0)


@pytest.mark.parametrize("field, value, message", [
    ("sleep_hours", 25, "sleep hours must be between 0 and 24, got 25"),
    ("sleep_hours", float("nan"), "sleep hours must be a number"),
    ("sleep_quality", 11, "sleep quality must be between 0 and 10, got 11"),
    ("woken_by_spasms", -1, "times woken by spasms must be between 0 and 50, got -1"),
    ("water_glasses", 51, "glasses of water must be between 0 and 50, got 51"),
    ("stress", 10.5, "stress must be a whole number, got 10.5"),
    ("pain", 11, "overall pain must be between 0 and 10, got 11"),
    ("stiffness", -1, "stiffness must be between 0 and 10, got -1"),
    ("fibro_fog", 4, "fibro fog must be between 0 and 3, got 4"),
    ("waking_unrefreshed", 4, "waking unrefreshed must be between 0 and 3, got 4"),
    ("pain", 5.5, "overall pain must be a whole number, got 5.5"),
    ("foods", "coffee", "foods must be a list of tags"),
    ("foods", {""}, "food must not be empty"),
])
def test_checkin_refuses_out_of_range_answers(field, value, message):
    with pytest.raises(ValidationError) as error:
        CheckIn(date(2026, 3, 1), **{field: value})
    assert str(error.value).startswith(message)


def test_medication_dates():
    med = Medication("Cyclobenzaprine", "5 mg at night", date(2026, 1, 1), date(2026, 2, 1))
    assert med.taken_on(date(2026, 1, 15)) and not med.taken_on(date(2026, 2, 2))
    assert Medication("Magnesium", "", date(2026, 1, 1)).taken_on(date(2030, 1, 1))
    with refused(ValidationError, "stop", "2025-12-31", "2026-01-01"):
        Medication("Cyclobenzaprine", "5 mg", date(2026, 1, 1), date(2025, 12, 31))
    with refused(ValidationError, "medication name"):
        Medication("  ", "5 mg", date(2026, 1, 1))
