"""Periods of sleep from a device's stretches: nights, naps, and which day they count for."""

from datetime import date, datetime

from fibromap.domain.device_data import (
    DeviceSource, Moment, SleepStage, Stretch, device_days, sleep_periods,
)

WATCH = DeviceSource("Apple Health", "Apple Watch")


def stretch(start: str, end: str, stage=SleepStage.LIGHT) -> Stretch:
    return Stretch(Moment(datetime.fromisoformat(start), 0), Moment(datetime.fromisoformat(end), 0),
                   stage)


def test_an_evening_doze_is_daytime_sleep_and_the_night_keeps_its_own_hours():
    periods = sleep_periods(WATCH, [
        stretch("2026-03-01 23:00", "2026-03-02 07:00"),     # the night
        stretch("2026-03-02 20:30", "2026-03-02 22:45"),     # dozing in front of the TV
        stretch("2026-03-03 01:00", "2026-03-03 07:00")])    # the next night, over 2 h later
    assert [(p.day, p.nap) for p in periods] == [
        (date(2026, 3, 2), False), (date(2026, 3, 2), True), (date(2026, 3, 3), False)]
    day = device_days(periods, [])[date(2026, 3, 2)]
    assert day.asleep_minutes == 8 * 60 and day.wake_time == datetime(2026, 3, 2, 7, 0)
    assert len(day.naps) == 1


def test_lying_awake_for_an_hour_and_a_half_does_not_split_the_night():
    [night] = sleep_periods(WATCH, [stretch("2026-03-01 22:00", "2026-03-01 23:30"),
                                    stretch("2026-03-02 01:05", "2026-03-02 07:00")])
    assert night.day == date(2026, 3, 2) and night.awakenings == 1
    assert night.asleep_minutes == 90 + 355 and night.awake_minutes == 95


def test_a_stretch_ending_before_it_starts_and_a_day_long_period_are_left_out_and_said():
    left_out = []
    periods = sleep_periods(WATCH, [stretch("2026-03-02 07:00", "2026-03-01 23:00"),
                                    stretch("2026-03-05 20:00", "2026-03-06 22:00")], left_out)
    assert periods == []
    assert left_out == ["a record of Apple Watch ending before it starts (2026-03-02 07:00)",
                        "26 hours of Apple Watch from 2026-03-05 20:00, too long for a sleep"]


def test_a_long_device_name_is_cut_to_what_the_store_keeps():
    source = DeviceSource("Gadgetbridge", "  Anna's   band " + "x" * 200)
    assert len(source.device) == 120 and source.device.startswith("Anna's band x")
