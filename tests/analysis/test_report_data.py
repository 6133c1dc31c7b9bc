"""What the report is made from, against counts worked out by hand."""

from datetime import date

import pytest

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from tests.helpers.records import at


def test_the_weekly_chart_scales_a_short_first_stretch_instead_of_showing_a_drop(store):
    # One flare a day, 19 April to 6 May 2026: 4 days, then two whole weeks.
    days = [date(2026, 4, 19 + i) for i in range(12)] + [date(2026, 5, i) for i in range(1, 7)]
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 9),
                                 sites=(SpasmSite("soleus.left", 4 + (d.day % 2)),)) for d in days])
    data = load_report(store, Period(date(2026, 4, 19), date(2026, 5, 6)), load_atlas())
    bars = data.weekly.bars
    assert [(b.days.start, b.days.end, b.flares, b.partial) for b in bars] == [
        (date(2026, 4, 19), date(2026, 4, 22), 4, True),
        (date(2026, 4, 23), date(2026, 4, 29), 7, False),
        (date(2026, 4, 30), date(2026, 5, 6), 7, False)]
    assert [b.per_week for b in bars] == [7.0, 7.0, 7.0]  # the same rate throughout
    # 19, 20, 21, 22 April: intensities 5, 4, 5, 4 (even days 4, odd days 5).
    assert bars[0].mean_intensity == pytest.approx((5 + 4 + 5 + 4) / 4)
    assert data.weekly.left_out is None
    assert data.scores.left_over == Period(date(2026, 4, 19), date(2026, 4, 22))
    assert [w.end for w, _r in data.wpi_weeks] == [date(2026, 4, 29), date(2026, 5, 6)]


def test_a_first_stretch_of_one_day_is_not_scaled_into_a_whole_week(store):
    """Issue 31: one day left at the start was drawn as a bar of 7 times its flares."""
    store.flares.add_many([Flare(onset=at(2026, 4, 22, h), sites=(SpasmSite("soleus.left", 5),))
                           for h in (3, 9, 15)])  # 3 flares on the day left over
    data = load_report(store, Period(date(2026, 4, 22), date(2026, 5, 6)), load_atlas())
    assert [b.days.days for b in data.weekly.bars] == [7, 7]
    out = data.weekly.left_out
    assert out is not None and (out.days, out.flares) == (Period(date(2026, 4, 22),
                                                                 date(2026, 4, 22)), 3)


def test_the_weekly_mean_intensity_is_the_mean_of_its_marks_as_in_the_summary(store):
    """Issue 31: the weekly line weighted each day's mean by its flares, the summary each mark."""
    store.flares.add_many([
        # Monday: one flare with marks 2, 2, 2 and 8; Tuesday: one flare with a mark of 8.
        Flare(onset=at(2026, 4, 27, 9), sites=(SpasmSite("soleus.left", 2), SpasmSite("soleus.right", 2),
                                               SpasmSite("biceps.left", 2), SpasmSite("biceps.right", 8))),
        Flare(onset=at(2026, 4, 28, 9), sites=(SpasmSite("soleus.left", 8),)),
        Flare(onset=at(2026, 4, 29, 9), sites=(SpasmSite("soleus.left", 0),)),  # no pain: no intensity
    ])
    data = load_report(store, Period(date(2026, 4, 27), date(2026, 5, 3)), load_atlas())
    [week] = data.weekly.bars
    # The five marks in pain: (2 + 2 + 2 + 8 + 8) / 5 = 4.4 (by day and flare it was (3.5 + 8) / 2).
    assert week.mean_intensity == pytest.approx(4.4) == data.summary.mean_intensity
    assert week.flares == 3


def test_a_flare_dated_outside_the_period_is_left_out_of_the_weeks():
    """The weekly bars never count a day outside the period (a symptom of issue 31's midnight
    flare was an IndexError here)."""
    from fibromap.analysis.answers import weekly
    from fibromap.store.marks import Mark

    period = Period(date(2026, 4, 27), date(2026, 5, 10))
    result = weekly(period, {date(2026, 4, 26): 4, date(2026, 4, 27): 1, date(2026, 5, 11): 2},
                    [Mark(1, date(2026, 4, 26), "soleus.left", 9), Mark(2, date(2026, 4, 27),
                                                                        "soleus.left", 3)])
    assert [(b.flares, b.mean_intensity) for b in result.bars] == [(1, 3.0), (0, None)]


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
