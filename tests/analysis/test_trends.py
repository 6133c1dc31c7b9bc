import math
from datetime import date, timedelta

from fibromap.analysis.periods import Period
from fibromap.analysis.trends import load_trends, rolling_mean, weekly_sums
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse
from tests.helpers.records import at


def test_rolling_mean_uses_what_there_is():
    assert rolling_mean([1, 2, 3, 4], window=2) == [1, 1.5, 2.5, 3.5]
    result = rolling_mean([math.nan, 2, math.nan, 4], window=3)
    assert math.isnan(result[0]) and result[1:] == [2, 2, 3]


def test_weekly_sums_start_on_monday():
    days = [date(2026, 6, 21) + timedelta(days=i) for i in range(9)]  # Sunday ... Monday
    weeks, sums = weekly_sums(days, [1.0] * 9)
    assert weeks == [date(2026, 6, 15), date(2026, 6, 22), date(2026, 6, 29)]
    assert sums == [1, 7, 1]


def test_load_trends_fills_every_day(store):
    store.flares.add_many([
        Flare(onset=at(2026, 6, 2, 3), sites=(SpasmSite("soleus.left", 6), SpasmSite("heel.left", 2)),
              treatments=(TreatmentUse("heat", 5),)),
        Flare(onset=at(2026, 6, 2, 15), sites=(SpasmSite("soleus.left", 8),)),
        Flare(onset=at(2026, 6, 4, 9), sites=(SpasmSite("biceps.right", 3),)),
    ])
    store.checkins.put(CheckIn(date(2026, 6, 3), sleep_hours=5.5, stress=7))
    store.medications.add(Medication("Magnesium", "300 mg", date(2026, 5, 1)))
    store.medications.add(Medication("Old", "", date(2025, 1, 1), date(2025, 2, 1)))
    data = load_trends(store, Period(date(2026, 6, 1), date(2026, 6, 5)), ["soleus.left"])
    assert data.flares == [0, 2, 0, 1, 0]
    assert data.max_intensity[1] == 8 and math.isnan(data.max_intensity[0])
    assert data.mean_intensity[1] == (6 + 2 + 8) / 3
    assert data.regions["soleus.left"] == [0, 2, 0, 0, 0]
    assert data.overlays["sleep_hours"][2] == 5.5 and math.isnan(data.overlays["sleep_hours"][1])
    assert [m.name for m in data.medications] == ["Magnesium"]
    assert data.treatment_days == [date(2026, 6, 2)]


def test_overall_pain_stiffness_fog_and_waking_are_drawn_with_gaps_where_not_answered(store):
    store.checkins.put_many([
        CheckIn(date(2026, 6, 1), pain=7, stiffness=0, fibro_fog=3, waking_unrefreshed=1),
        CheckIn(date(2026, 6, 2), stress=4),  # a check-in that left them unanswered
        CheckIn(date(2026, 6, 4), pain=0, fibro_fog=0)])
    data = load_trends(store, Period(date(2026, 6, 1), date(2026, 6, 5)))
    nan = math.nan
    expected = {"pain": [7, nan, nan, 0, nan], "stiffness": [0, nan, nan, nan, nan],
                "fibro_fog": [3, nan, nan, 0, nan], "waking_unrefreshed": [1, nan, nan, nan, nan]}
    for name, values in expected.items():
        got = data.overlays[name]
        assert [math.isnan(v) for v in got] == [math.isnan(v) for v in values], name
        assert [v for v in got if not math.isnan(v)] == [v for v in values if not math.isnan(v)]
    assert list(data.overlays)[0] == "pain"  # offered first
