from datetime import date

from fibromap.domain.daily import CheckIn, Medication
from fibromap.errors import ValidationError
from tests.helpers.refusals import refused


def test_checkin_round_trip_and_one_per_day(store):
    day = date(2026, 2, 14)
    first = CheckIn(day, sleep_hours=5.25, sleep_quality=3, woken_by_spasms=2, water_glasses=6,
                    stress=7, fatigue=8, mood=4, activity_level=2,
                    foods=frozenset({"coffee", "dark chocolate"}), notes="rough night")
    assert store.checkins.put(first) == first
    assert store.checkins.get(day) == first
    answered = CheckIn(day, pain=6, stiffness=0, fibro_fog=3, waking_unrefreshed=1)
    assert store.checkins.put(answered) == answered == store.checkins.get(day)
    second = CheckIn(day, sleep_hours=7.0, foods=frozenset({"porridge"}))
    store.checkins.put(second)
    assert store.checkins.get(day) == second
    assert store.checkins.get(day).pain is None  # replaced by one that left it unanswered
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
    with refused(ValidationError, "stop", "2026-01-15", "2026-02-01"):
        store.medications.stop(raised.id, date(2026, 1, 15))
    with refused(ValidationError, "start", "2026-02-01"):
        store.medications.change_dose(raised.id, "1 mg", date(2026, 2, 1))
    with refused(ValidationError, "id", 999):
        store.medications.get(999)


def test_imported_checkins_keep_every_answer_and_food_and_skip_days_already_there(store):
    from datetime import timedelta

    from fibromap.domain.records import Records
    from fibromap.store.bulk import write_new

    store.checkins.put(CheckIn(date(2026, 1, 2), stress=9, foods=frozenset({"coffee"})))
    first = date(2026, 1, 1)
    # More days than one chunk of the bulk insert, to cross its boundary.
    days = [CheckIn(first + timedelta(days=i), sleep_hours=(i % 9) + 0.5 if i % 3 else None,
                    sleep_quality=i % 11, woken_by_spasms=i % 4, water_glasses=i % 12,
                    stress=None if i % 5 == 0 else i % 11, fatigue=i % 7, mood=i % 10,
                    activity_level=i % 6, notes=f"day {i}" if i % 2 else "",
                    pain=None if i % 7 == 0 else i % 11, stiffness=i % 3 or None,
                    fibro_fog=i % 4, waking_unrefreshed=None if i % 2 else i % 4,
                    foods=frozenset(["bread", "milk", "tomato"][:i % 4]))
            for i in range(2100)]
    result = write_new(store, Records(checkins=days))
    assert result.added["check-ins"] == 2099 and result.already_there["check-ins"] == 1
    kept = {c.day: c for c in store.checkins.between()}
    assert len(kept) == 2100
    assert kept[date(2026, 1, 2)] == CheckIn(date(2026, 1, 2), stress=9,
                                             foods=frozenset({"coffee"}))  # not replaced
    assert [kept[c.day] for c in days if c.day != date(2026, 1, 2)] == [
        c for c in days if c.day != date(2026, 1, 2)]
