"""Lengths as people read them: at most two units, the larger first."""

import pytest

from fibromap.domain.wording import duration_text

# Each case worked out by hand: the larger unit that fits, then the rest rounded half up
# to the next smaller unit; a carry that reaches the next unit is read as that unit.
CASES = [
    (None, "not given"),
    (0, "not given"),              # no length given, the same as None
    (1, "1 s"),
    (45, "45 s"),
    (59, "59 s"),
    (60, "1 min"),                 # exactly a minute: no "0 s"
    (78, "1 min 18 s"),            # 60 + 18, the testers' "78 s"
    (90, "1 min 30 s"),
    (3599, "59 min 59 s"),         # 59 * 60 + 59, one second short of an hour
    (3600, "1 h"),                 # the testers' "60 min"
    (3601, "1 h"),                 # 1 h + 1 s: 1 s rounds to 0 min
    (3629, "1 h"),                 # 29 s is under half a minute
    (3630, "1 h 1 min"),           # 30 s is half a minute: rounded up
    (5400, "1 h 30 min"),          # 3600 + 30 * 60
    (2 * 3600 + 45 * 60, "2 h 45 min"),
    (86370, "1 day"),              # 23 h 59 min 30 s -> 1440 min = 24 h = 1 day
    (86399, "1 day"),
    (86400, "1 day"),
    (86400 + 3 * 3600, "1 day 3 h"),
    (2 * 86400 + 3 * 3600, "2 days 3 h"),
    (2 * 86400 + 3 * 3600 + 29 * 60 + 59, "2 days 3 h"),  # 29 min 59 s rounds down
    (2 * 86400 + 3 * 3600 + 30 * 60, "2 days 4 h"),       # half an hour rounds up
    (7 * 86400, "7 days"),
]


@pytest.mark.parametrize(("seconds", "words"), CASES)
def test_a_length_reads_in_at_most_two_units(seconds, words):
    assert duration_text(seconds) == words


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_length_is_still_going_only_when_said_so_and_otherwise_not_given(seconds):
    assert duration_text(seconds, still_going=True) == "still going"
    assert duration_text(seconds, still_going=False) == "not given"


def test_a_given_length_is_never_called_still_going():
    assert duration_text(78, still_going=True) == "1 min 18 s"


def test_chart_dates_carry_their_year_over_more_than_a_year():
    from datetime import date

    from fibromap.domain.wording import chart_date

    assert chart_date(date(2026, 5, 9), 90) == "09\u00a0May"
    assert chart_date(date(2026, 5, 9), 300) == "09\u00a0May"
    assert chart_date(date(2026, 5, 9), 365) == "May\u00a02026"  # a year ending 3 Dec starts 4 Dec
    assert chart_date(date(2016, 12, 5), 3651) == "Dec\u00a02016"  # ten years: month and year
