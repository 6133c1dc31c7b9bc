from datetime import date

from fibromap.analysis.periods import Period, last_days, months_ending


def test_last_days_include_today():
    assert last_days(7, date(2026, 3, 10)) == Period(date(2026, 3, 4), date(2026, 3, 10))
    assert last_days(30, date(2026, 3, 10)).days == 30


def test_twelve_months_across_a_year_end():
    months = months_ending(date(2026, 2, 14))
    assert len(months) == 12
    assert months[0] == Period(date(2025, 3, 1), date(2025, 3, 31))
    assert months[-1] == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert months[9] == Period(date(2025, 12, 1), date(2025, 12, 31))
