from datetime import date

import pytest

from fibromap.domain.daily import CheckIn, Medication
from fibromap.errors import ValidationError


def test_checkin_round_trip_and_one_per_day(store):
    day = date(2026, 2, 14)
    first = CheckIn(day, sleep_hours=5.25, sleep_quality=3, woken_by_spasms=2, water_glasses=6,
                    stress=7, fatigue=8, mood=4, activity_level=2,
                    foods=frozenset({"coffee", "dark chocolate"}), notes="rough night")
    assert store.checkins.put(first) == first
    assert store.checkins.get(day) == first
    second = CheckIn(day, sleep_hours=7.0, foods=frozenset({"porridge"}))
    store.checkins.put(second)
    assert store.checkins.get(day) == second
    assert store.checkins.count() == 1
    assert store.checkins.get(date(2026, 2, 15)) is None


def test_checkins_between_days(store):
    store.checkins.put_many([CheckIn(date(2026, 1, d), stress=d) for d in range(1, 11)])
    assert [c.day.day for c in store.checkins.between(date(2026, 1, 3), date(2026, 1, 5))] == [3, 4, 5]
    store.checkins.delete(date(2026, 1, 4))
    assert [c.day.day for c in store.checkins.between(date(2026, 1, 3), date(2026, 1, 5))] == [3, 5]


def test_medication_add_change_dose_and_stop(store):
    started = store.medications.add(Medication("Cyclobenzaprine", "5 mg at night",
                                               date(2026, 1, 1)))
    assert started.id is not None and started.stop is None
    raised = store.medications.change_dose(started.id, "10 mg at night", date(2026, 2, 1))
    assert store.medications.get(started.id).stop == date(2026, 1, 31)
    assert raised.dose == "10 mg at night" and raised.start == date(2026, 2, 1)
    stopped = store.medications.stop(raised.id, date(2026, 3, 1))
    assert stopped.stop == date(2026, 3, 1)
    assert [(m.dose, m.start, m.stop) for m in store.medications.all()] == [
        ("5 mg at night", date(2026, 1, 1), date(2026, 1, 31)),
        ("10 mg at night", date(2026, 2, 1), date(2026, 3, 1)),
    ]
    with pytest.raises(ValidationError, match="is before start date"):
        store.medications.stop(raised.id, date(2026, 1, 15))
    with pytest.raises(ValidationError, match="must come after the start date"):
        store.medications.change_dose(raised.id, "1 mg", date(2026, 2, 1))
    with pytest.raises(ValidationError, match="there is no medication number 999"):
        store.medications.get(999)
