"""Fitbit data from Google Takeout: sleep logs in wall-clock time, steps in UTC minutes,
the profile's time zone placing both; zip, unpacked folder or a single file."""

import json
import time
import zipfile
from datetime import date, datetime

import pytest

from fibromap.domain.device_data import DeviceSource
from fibromap.exchange.files import import_file
from fibromap.exchange.problems import ImportRefused
from tests.helpers.device_exports import fitbit_log, write_fitbit_takeout
from tests.helpers.refusals import fits, says

FITBIT = DeviceSource("Fitbit", "Fitbit")
NIGHT = fitbit_log(101, "2026-03-01T23:10:00", "2026-03-02T06:40:00", 400, 50, [
    ("2026-03-01T23:10:00", "light", 3600), ("2026-03-02T00:10:00", "deep", 3600),
    ("2026-03-02T01:10:00", "wake", 300),          # 5 minutes: an awakening
    ("2026-03-02T01:15:00", "rem", 5400),
    ("2026-03-02T02:45:00", "wake", 120),          # 2 minutes: not one
    ("2026-03-02T02:47:00", "light", 13380),
    ("2026-03-02T06:30:00", "wake", 600)],         # the final waking: not one
    stages={"deep": 60, "light": 250, "rem": 90, "wake": 50})
NAP = fitbit_log(102, "2026-03-03T14:00:00", "2026-03-03T14:45:00", 40, 5, [
    ("2026-03-03T14:00:00", "asleep", 1200), ("2026-03-03T14:20:00", "restless", 300),
    ("2026-03-03T14:25:00", "asleep", 1200)], main=False)
# Clocks go forward in Berlin at 02:00 on 29 March: 23:30 to 07:30 is seven hours in bed.
SPRING = fitbit_log(103, "2026-03-28T23:30:00", "2026-03-29T07:30:00", 400, 20, [
    ("2026-03-28T23:30:00", "asleep", 25200)])
STEPS = [{"dateTime": "03/01/26 22:30:00", "value": "100"},   # 23:30 on 1 March in Berlin
         {"dateTime": "03/01/26 23:30:00", "value": "200"},   # 00:30 on 2 March in Berlin
         {"dateTime": "03/02/26 08:00:00", "value": "1000"}]
FILES = {"sleep-2026-02-28.json": [NIGHT, NAP, SPRING],
         "sleep-2026-03-30.json": [SPRING],                    # a log repeated next month
         "steps-2026-03-01.json": STEPS}


def sleeps_by_day(store):
    return {s.day: s for s in store.devices.sleeps()}


def test_a_takeout_zip_with_the_profiles_time_zone(sqlite_store, tmp_path):
    report = import_file(sqlite_store, write_fitbit_takeout(tmp_path, FILES, zone="Europe/Berlin"))
    nights = sleeps_by_day(sqlite_store)
    night = nights[date(2026, 3, 2)]
    assert (night.asleep_minutes, night.awake_minutes, night.in_bed_minutes) == (400, 50, 450)
    assert (night.light_minutes, night.deep_minutes, night.rem_minutes) == (250, 60, 90)
    assert night.awakenings == 1 and not night.nap and night.source == FITBIT
    assert night.start.local == datetime(2026, 3, 1, 23, 10) and night.start.offset == 60
    assert night.start.utc == datetime(2026, 3, 1, 22, 10)
    nap = nights[date(2026, 3, 3)]
    assert nap.nap and nap.awakenings == 1 and nap.deep_minutes is None
    spring = nights[date(2026, 3, 29)]
    assert (spring.start.offset, spring.end.offset) == (60, 120)
    # Eight hours on the clock, seven in fact.
    assert (spring.end.local - spring.start.local).total_seconds() == 8 * 3600
    assert (spring.end.utc - spring.start.utc).total_seconds() == 7 * 3600
    steps = {s.day: s.steps for s in sqlite_store.devices.steps()}
    assert steps == {date(2026, 3, 1): 100, date(2026, 3, 2): 1200}
    assert report.format == "Fitbit data (Google Takeout)"
    assert report.outcome() == "added 2 nights, 1 nap and 2 days of steps, from Fitbit"
    assert len(report.details) == 1
    says(report.details[0], "Time zone from the Fitbit profile: {zone}.", zone="Europe/Berlin")


def test_without_a_profile_times_stay_as_written_and_steps_fall_on_utc_days(sqlite_store,
                                                                            tmp_path):
    folder = write_fitbit_takeout(tmp_path, FILES, zone=None, zipped=False)
    report = import_file(sqlite_store, folder)
    night = sleeps_by_day(sqlite_store)[date(2026, 3, 2)]
    assert night.start.offset is None and night.start.local == datetime(2026, 3, 1, 23, 10)
    assert {s.day: s.steps for s in sqlite_store.devices.steps()} == {
        date(2026, 3, 1): 300, date(2026, 3, 2): 1000}
    says(report.details[-1], "The export names no time zone (no Profile.csv): sleep keeps the "
         "clock times Fitbit wrote, and steps are counted on UTC days.")


def test_one_file_of_an_unpacked_takeout_finds_the_profile(sqlite_store, tmp_path):
    folder = write_fitbit_takeout(tmp_path, FILES, zone="Europe/Berlin", zipped=False)
    one = folder / "Fitbit" / "Global Export Data" / "sleep-2026-02-28.json"
    report = import_file(sqlite_store, one)
    assert report.result.nights["added"] == 3
    assert sleeps_by_day(sqlite_store)[date(2026, 3, 2)].start.offset == 60


def test_a_second_import_under_another_time_zone_adds_nothing(sqlite_store, tmp_path,
                                                              monkeypatch):
    path = write_fitbit_takeout(tmp_path, FILES, zone="Europe/Berlin")
    import_file(sqlite_store, path)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        again = import_file(sqlite_store, path)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert again.outcome() == "added nothing new, from Fitbit; 5 already in the database"


def test_a_damaged_file_is_refused_and_nothing_is_written(sqlite_store, tmp_path):
    path = tmp_path / "takeout.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Takeout/Fitbit/Global Export Data/steps-2026-03-01.json", "[{")
        archive.writestr("Takeout/Fitbit/Global Export Data/sleep-2026-03-01.json", "[]")
    with pytest.raises(ImportRefused) as told:
        import_file(sqlite_store, path)
    [problem] = told.value.problems
    assert problem.where.endswith("steps-2026-03-01.json")  # the file in the archive named
    fits(problem.message, "not a Fitbit data file ({reason})")
    assert sqlite_store.devices.count() == 0


def test_an_entry_that_cannot_be_read_is_left_out_and_said(sqlite_store, tmp_path):
    broken = dict(NAP, logId=200)
    del broken["startTime"]
    files = {"sleep-2026-02-28.json": [NIGHT, broken],
             "steps-2026-03-01.json": [*STEPS, {"dateTime": "03/02/26 09:00:00", "value": "-4"}]}
    report = import_file(sqlite_store, write_fitbit_takeout(tmp_path, files, zone=None))
    assert report.result.nights["added"] == 1
    assert report.details[0] == ("2 entries could not be read and were left out (the first: "
                                 "sleep-2026-02-28.json[1]: 'startTime')")


def test_logs_without_an_id_are_told_apart_by_their_times(sqlite_store, tmp_path):
    a, b = dict(NIGHT), dict(SPRING)
    del a["logId"], b["logId"]
    report = import_file(sqlite_store, write_fitbit_takeout(
        tmp_path, {"sleep-2026-02-28.json": [a, b], "sleep-2026-03-30.json": [b]}, zone=None))
    assert report.result.nights["added"] == 2


def test_a_night_read_first_without_then_with_the_time_zone_is_one_night(sqlite_store, tmp_path):
    """One file alone (no profile: clock times), then the whole Takeout (with its zone)."""
    single = tmp_path / "alone"
    single.mkdir()
    one = single / "sleep-2026-02-28.json"
    one.write_text(json.dumps([NIGHT]), encoding="utf-8")
    import_file(sqlite_store, one)
    again = import_file(sqlite_store, write_fitbit_takeout(tmp_path, FILES, zone="Europe/Berlin"))
    nights = [s for s in sqlite_store.devices.sleeps() if s.day == date(2026, 3, 2)]
    assert len(nights) == 1 and nights[0].start.offset == 60
    assert again.result.nights["updated"] == 1


def test_a_stray_copy_beside_the_takeout_folder_is_not_read(sqlite_store, tmp_path):
    folder = write_fitbit_takeout(tmp_path, FILES, zone="Europe/Berlin", zipped=False)
    (tmp_path / "steps-2026-03-01.json").write_text(json.dumps(STEPS), encoding="utf-8")
    import_file(sqlite_store, folder)
    assert {s.day: s.steps for s in sqlite_store.devices.steps()} == {
        date(2026, 3, 1): 100, date(2026, 3, 2): 1200}
