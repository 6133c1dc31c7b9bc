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
