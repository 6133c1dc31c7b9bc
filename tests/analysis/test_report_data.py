"""What the report is made from, against counts worked out by hand."""

from datetime import date

import pytest

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from tests.helpers.records import at


def test_the_weekly_chart_scales_the_short_first_stretch_instead_of_showing_a_drop(store):
    # One flare a day, 20 April to 6 May 2026 (a Wednesday): 3 days, then two whole weeks.
    days = [date(2026, 4, 20 + i) for i in range(11)] + [date(2026, 5, i) for i in range(1, 7)]
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 9),
                                 sites=(SpasmSite("soleus.left", 4 + (d.day % 2)),)) for d in days])
    data = load_report(store, Period(date(2026, 4, 20), date(2026, 5, 6)), load_atlas())
    bars = data.weekly
    assert [(b.days.start, b.days.end, b.flares, b.partial) for b in bars] == [
        (date(2026, 4, 20), date(2026, 4, 22), 3, True),
        (date(2026, 4, 23), date(2026, 4, 29), 7, False),
        (date(2026, 4, 30), date(2026, 5, 6), 7, False)]
    assert [b.per_week for b in bars] == [7.0, 7.0, 7.0]  # the same rate throughout
    # 20, 21, 22 April: intensities 4, 5, 4 (even days 4, odd days 5).
    assert bars[0].mean_intensity == pytest.approx((4 + 5 + 4) / 3)
    assert data.wpi_left_over == Period(date(2026, 4, 20), date(2026, 4, 22))
    assert [w.end for w, _r in data.wpi_weeks] == [date(2026, 4, 29), date(2026, 5, 6)]


def test_the_check_in_summary_leads_with_overall_pain_and_leaves_out_days_not_answered(store):
    from fibromap.domain.daily import CheckIn

    # Pain 8, 5, 2 on three days and not answered on the fourth (never counted as 0);
    # fog 3 and 0 on two days; waking unrefreshed and stiffness never answered.
    store.checkins.put_many([
        CheckIn(date(2026, 4, 1), pain=8, fibro_fog=3, sleep_hours=6),
        CheckIn(date(2026, 4, 2), pain=5, fibro_fog=0),
        CheckIn(date(2026, 4, 3), pain=2),
        CheckIn(date(2026, 4, 4), stress=6)])
    data = load_report(store, Period(date(2026, 4, 1), date(2026, 4, 30)), load_atlas())
    assert data.checkin_days == 4
    shown = [(m.label, m.mean, m.days, m.unit) for m in data.checkins]
    assert shown == [("Overall pain", (8 + 5 + 2) / 3, 3, " of 10"),
                     ("Fibro fog (thinking, memory)", (3 + 0) / 2, 2, " of 3"),
                     ("Sleep", 6.0, 1, " h"), ("Stress", 6.0, 1, " of 10")]
