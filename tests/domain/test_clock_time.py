"""A time on the clock names one instant, two where the clocks went back, none where they
went forward: checked against zoneinfo's own reading of the same zones."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from fibromap.domain.clock_time import ClockTime, offset_text
from fibromap.domain.wording import duration_text
from fibromap.i18n import _, formats
from tests.helpers.refusals import says

ZONES = {  # zone: (a time that came twice, a time that never happened), 2026
    "Europe/Berlin": (datetime(2026, 10, 25, 2, 30), datetime(2026, 3, 29, 2, 30)),
    "America/New_York": (datetime(2026, 11, 1, 1, 30), datetime(2026, 3, 8, 2, 30)),
    "Australia/Lord_Howe": (datetime(2026, 4, 5, 1, 45), datetime(2026, 10, 4, 2, 15)),
}


def utc(moments):
    # Aware times in two kinds of zone are compared in UTC: Python never finds the second
    # reading of a repeated time (fold=1) equal to a time in another zone (PEP 495).
    return [m.astimezone(UTC) for m in moments]


@pytest.mark.parametrize("name", sorted(ZONES))
def test_the_instants_of_a_clock_time_are_zoneinfos(local_zone, name):
    local_zone(name)
    zone = ZoneInfo(name)
    twice, never = ZONES[name]
    clock = ClockTime.of(twice)
    assert clock.repeated and clock.needs_an_answer
    expected = [twice.replace(tzinfo=zone, fold=fold) for fold in (0, 1)]
    assert [m.utcoffset() for m in clock.instants] == [m.utcoffset() for m in expected]
    assert utc(clock.instants) == utc(expected)  # the same instants, the first first
    assert clock.instants[0].utcoffset() > clock.instants[1].utcoffset()
    assert [clock.index(m) for m in expected] == [0, 1] and clock.index(None) is None
    gap = ClockTime.of(never)
    assert gap.skipped and gap.instants == ()
    # zoneinfo reads a skipped time (fold=0) by the clock before: 02:30 is 03:30 after it.
    moved = gap.moved()
    assert utc([moved]) == utc([never.replace(tzinfo=zone, fold=0)]) and moved.replace(tzinfo=None) > never
    ordinary = ClockTime.of(twice - timedelta(days=7))
    assert utc(ordinary.instants) == utc([ordinary.wall.replace(tzinfo=zone)])
    assert not ordinary.needs_an_answer and ordinary.question() == ordinary.problem() == ""


def test_the_words_say_what_happened_to_the_clock(local_zone):
    local_zone("Europe/Berlin")
    twice, never = ZONES["Europe/Berlin"]
    clock = ClockTime.of(twice)
    says(clock.question(), "The clocks went back {change} that night, so {time} came twice. "
         "Which one was it?", change=_("an hour"), time="02:30")
    says(clock.option(0), "The first ({zone}{offset})", zone="CEST, ", offset="UTC+02:00")
    says(clock.option(1), "The second ({zone}{offset})", zone="CET, ", offset="UTC+01:00")
    sunday = formats.dated(never, "%a 29 %b", "MMMEd")
    says(ClockTime.of(never).question(), "There was no {time} on {day}: the clocks went forward "
         "{change} that night.", time="02:30", day=sunday, change=_("an hour"))
    says(ClockTime.of(never).problem(), "there was no {time} on {day} (the clocks went forward "
         "{change}): give a time that happened, such as {moved}", time="02:30", day=sunday,
         change=_("an hour"), moved="03:30")
    local_zone("Australia/Lord_Howe")
    says(ClockTime.of(ZONES["Australia/Lord_Howe"][0]).question(), "The clocks went back "
         "{change} that night, so {time} came twice. Which one was it?",
         change=duration_text(30 * 60), time="01:45")
    assert offset_text(timedelta(hours=-5)) == "UTC\u221205:00"
    assert offset_text(timedelta(hours=5, minutes=30)) == "UTC+05:30"
