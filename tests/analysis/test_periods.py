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


def test_weeks_end_on_the_last_day_and_the_rest_is_left_at_the_start():
    from fibromap.analysis.periods import weeks_ending

    # Wednesday 6 May 2026 back to Monday 20 April: 17 days = 2 weeks and 3 days.
    weeks, rest = weeks_ending(Period(date(2026, 4, 20), date(2026, 5, 6)))
    assert [(w.start, w.end) for w in weeks] == [(date(2026, 4, 23), date(2026, 4, 29)),
                                                  (date(2026, 4, 30), date(2026, 5, 6))]
    assert (rest.start, rest.end, rest.days) == (date(2026, 4, 20), date(2026, 4, 22), 3)
    assert weeks_ending(Period(date(2026, 4, 30), date(2026, 5, 6))) == (
        [Period(date(2026, 4, 30), date(2026, 5, 6))], None)
    assert weeks_ending(Period(date(2026, 5, 6), date(2026, 5, 6))) == (
        [], Period(date(2026, 5, 6), date(2026, 5, 6)))
    ten_years, rest = weeks_ending(Period(date(2016, 11, 22), date(2026, 11, 21)))
    # 3652 days (two leap days): 521 weeks and 5 days.
    assert len(ten_years) == 521 and rest.days == 5 and rest.end == date(2016, 11, 26)
    assert all(w.days == 7 for w in ten_years)
