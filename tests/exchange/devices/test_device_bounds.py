"""Every device record is bounded, and what is left out is named: dates from 1900 to
tomorrow (the rule of flares and check-ins), no negative step count, none over 1,000 a
minute, values that cannot be read; Gadgetbridge's times in seconds or milliseconds, and
numbers written as text; naps are not nights."""

import sqlite3
from datetime import date, datetime, timedelta

from fibromap.domain.device_data import DeviceSource
from fibromap.exchange.files import import_file
from tests.cli.test_cli import run
from tests.exchange.devices.test_fitbit import NIGHT
from tests.exchange.devices.test_gadgetbridge import seconds
from tests.helpers.device_exports import (
    Sleep, Steps, fitbit_log, write_apple_health, write_fitbit_takeout, write_gadgetbridge,
)



def span() -> str:
    """The days a record may have, tomorrow being the person's (read after their zone is set)."""
    return f"1900-01-01 to {date.today() + timedelta(days=1)}"

BAND = [(1, "Mi Smart Band 6", None)]


def left_out(report) -> str:
    [line] = [note for note in report.details if note.startswith("Left out: ")]
    return line


def test_apple_records_after_tomorrow_are_left_out_and_named(sqlite_store, tmp_path):
    path = write_apple_health(tmp_path, [
        Steps("2026-03-02 08:00:00 +0100", "2026-03-02 08:10:00 +0100", 500),
        Steps("2099-03-02 08:00:00 +0100", "2099-03-02 08:10:00 +0100", 700),
        Sleep("2099-03-01 23:00:00 +0100", "2099-03-02 06:00:00 +0100", "Asleep"),
        # 5,000 steps in one minute: five times what anyone takes; the bound is a pace,
        # so 12,000 over three hours (a long walk) is kept.
        Steps("2026-03-03 08:00:00 +0100", "2026-03-03 08:01:00 +0100", 5000),
        Steps("2026-03-04 09:00:00 +0100", "2026-03-04 12:00:00 +0100", 12000)])
    report = import_file(sqlite_store, path)
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [
        (date(2026, 3, 2), 500), (date(2026, 3, 4), 12000)]
    assert sqlite_store.devices.sleeps() == []
    assert left_out(report) == (f"Left out: a sleep of Apple Watch dated 2099-03-01, outside "
                                f"{span()}; steps of iPhone on 2099-03-02, outside {span()}.")
    assert any("1 record could not be read and were left out (the first: line" in note
               and "5,000 steps in a minute, more than 1,000 a minute" in note
               for note in report.details), report.details


def test_gadgetbridge_samples_of_1800_and_2100_are_left_out_and_named(sqlite_store, tmp_path,
                                                                       local_zone):
    local_zone("Europe/Berlin")
    band = [(1, seconds("2026-03-02 08:00"), 100, 1), (1, seconds("1800-06-01 08:00"), 50, 1),
            (1, seconds("2100-06-01 08:00"), 60, 1), (1, seconds("2100-06-01 08:01"), 0, 9)]
    report = import_file(sqlite_store, write_gadgetbridge(tmp_path / "Gadgetbridge", BAND,
                                                          miband=band))
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [(date(2026, 3, 2), 100)]
    assert sqlite_store.devices.sleeps() == []
    assert left_out(report) == (f"Left out: 3 samples of Mi Smart Band 6 dated outside {span()} "
                                "(the first: 1800-06-01 08:00 UTC).")


def test_gadgetbridge_times_in_milliseconds_are_read_by_their_size(sqlite_store, tmp_path,
                                                                   local_zone):
    local_zone("Europe/Berlin")
    # A night of light sleep from 23:00 to 06:00 in Berlin and 250 steps in the morning,
    # every time in milliseconds.
    night = [(1, (seconds("2026-03-01 22:00") + 60 * i) * 1000, 0, 9) for i in range(420)]
    steps = [(1, seconds("2026-03-02 08:00") * 1000, 100, 1),
             (1, seconds("2026-03-02 08:01") * 1000, 150, 1)]
    report = import_file(sqlite_store, write_gadgetbridge(tmp_path / "Gadgetbridge", BAND,
                                                          miband=night + steps))
    [sleep] = sqlite_store.devices.sleeps()
    assert (sleep.start.local, sleep.end.local) == (datetime(2026, 3, 1, 23, 0),
                                                    datetime(2026, 3, 2, 6, 0))
    assert sleep.asleep_minutes == 420 and sleep.start.offset == 60
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [(date(2026, 3, 2), 250)]
    assert not any(note.startswith("Left out") for note in report.details)


def band_with_values(path, rows):
    """A Gadgetbridge export whose Mi Band samples are written as given: numbers, text."""
    write_gadgetbridge(path, BAND)
    connection = sqlite3.connect(path)
    connection.executemany('INSERT INTO "MI_BAND_ACTIVITY_SAMPLE" VALUES (?, 1, 1, 20, ?, ?, 60)',
                           rows)
    connection.commit()
    assert {row[0] for row in connection.execute(
        'SELECT typeof("STEPS") FROM "MI_BAND_ACTIVITY_SAMPLE"')} >= {"text"}
    connection.close()
    return path


def test_text_and_impossible_values_are_read_or_left_out_in_plain_lines(capsys, tmp_path,
                                                                        local_zone):
    local_zone("UTC")
    path = band_with_values(tmp_path / "Gadgetbridge", [
        (seconds("2026-03-02 08:00"), 100, 1),
        ("2026-03-02 08:01:00", 40, 1),                  # a time written as text: read
        (seconds("2026-03-02 08:02"), "1,200", 1),       # text that is no number
        (seconds("2026-03-02 08:03"), "twelve", 1),
        (seconds("2026-03-02 08:04"), -50, 1),           # no count is negative
        (seconds("2026-03-02 08:05"), 5000, 1),          # 5,000 in a minute
        ("yesterday", 30, 1),
        (seconds("2026-03-02 08:06"), 20, "light")])     # a kind that cannot be read
    code, out, err = run(capsys, "import", str(path))
    assert (code, err) == (0, "")
    assert "unexpected error" not in out
    [line] = [line for line in out.splitlines() if "Left out: " in line]
    assert line.strip() == (
        "Left out: 2 samples of Mi Smart Band 6 with a step count that cannot be read (the "
        "first: '1,200'); 1 sample of Mi Smart Band 6 with a negative step count (the first: "
        "-50 at 2026-03-02 08:04 UTC); 1 sample of Mi Smart Band 6 with more than 1,000 steps "
        "in a minute (the first: 5,000 at 2026-03-02 08:05 UTC); 1 sample of Mi Smart Band 6 "
        "with a kind of activity that cannot be read (the first: 'light'); 1 sample of Mi "
        "Smart Band 6 with a time that cannot be read (the first: 'yesterday').")
    code, out, _err = run(capsys, "devices")
    assert out.startswith("Mi Smart Band 6 (Gadgetbridge): 1 day of steps, 2026-03-02")


def test_the_left_out_samples_are_all_named_in_the_report(sqlite_store, tmp_path, local_zone):
    local_zone("UTC")
    path = band_with_values(tmp_path / "Gadgetbridge", [
        (seconds("2026-03-02 08:00"), 100, 1), ("2026-03-02 08:01:00", 40, 1),
        (seconds("2026-03-02 08:03"), "twelve", 1), ("yesterday", 30, 1),
        (seconds("2026-03-02 08:06"), 20, "light")])
    report = import_file(sqlite_store, path)
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [(date(2026, 3, 2), 160)]
    assert report.export.left_out == [
        "1 sample of Mi Smart Band 6 with a step count that cannot be read (the first: 'twelve')",
        "1 sample of Mi Smart Band 6 with a kind of activity that cannot be read (the first: "
        "'light')",
        "1 sample of Mi Smart Band 6 with a time that cannot be read (the first: 'yesterday')"]


def test_fitbit_minutes_beyond_a_persons_pace_and_logs_after_tomorrow_are_left_out(
        sqlite_store, tmp_path):
    later = fitbit_log(301, "2100-03-01T23:00:00", "2100-03-02T06:00:00", 400, 20,
                       [("2100-03-01T23:00:00", "asleep", 25200)])
    files = {"sleep-2026-02-28.json": [NIGHT, later],
             "steps-2026-03-01.json": [{"dateTime": "03/02/26 08:00:00", "value": "120"},
                                       {"dateTime": "03/02/26 08:01:00", "value": "5000"}]}
    report = import_file(sqlite_store, write_fitbit_takeout(tmp_path, files, zone="Europe/Berlin"))
    assert [s.day for s in sqlite_store.devices.sleeps()] == [date(2026, 3, 2)]
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [(date(2026, 3, 2), 120)]
    assert report.details[0] == ("1 entry could not be read and were left out (the first: "
                                 "steps-2026-03-01.json[1]: 5,000 steps in a minute, more than "
                                 "1,000 a minute)")
    assert left_out(report) == f"Left out: a sleep of Fitbit dated 2100-03-01, outside {span()}."


def test_fitbits_main_sleep_is_the_night_and_the_others_are_naps(sqlite_store, tmp_path):
    """A night shift: the main sleep from 08:30 to 15:30 (ending after noon, it would
    otherwise be daytime sleep) and a doze from 02:00 to 03:00 on the shift (not in the
    day, it would otherwise be a night)."""
    main = fitbit_log(401, "2026-03-05T08:30:00", "2026-03-05T15:30:00", 400, 20,
                      [("2026-03-05T08:30:00", "asleep", 25200)])
    doze = fitbit_log(402, "2026-03-05T02:00:00", "2026-03-05T03:00:00", 55, 5,
                      [("2026-03-05T02:00:00", "asleep", 3600)], main=False)
    report = import_file(sqlite_store, write_fitbit_takeout(
        tmp_path, {"sleep-2026-03-01.json": [main, doze]}, zone="Europe/Berlin"))
    naps = {s.start.local.hour: s.nap for s in sqlite_store.devices.sleeps()}
    assert naps == {8: False, 2: True}
    assert report.outcome() == "added 1 night and 1 nap, from Fitbit"
    [held] = sqlite_store.devices.sources()
    assert (held.nights, held.naps, held.described()) == (1, 1, "1 night and 1 nap")


def test_a_stage_a_fitbit_log_does_not_give_stays_unknown(sqlite_store, tmp_path):
    staged = dict(NIGHT)
    staged["levels"] = dict(NIGHT["levels"], summary={
        name: minutes for name, minutes in NIGHT["levels"]["summary"].items() if name != "rem"})
    import_file(sqlite_store, write_fitbit_takeout(
        tmp_path, {"sleep-2026-02-28.json": [staged]}, zone="Europe/Berlin"))
    [night] = sqlite_store.devices.sleeps()
    assert (night.light_minutes, night.deep_minutes, night.rem_minutes) == (250, 60, None)


def test_a_zone_a_band_was_first_read_in_stays_with_it_until_it_is_removed(sqlite_store,
                                                                           tmp_path, local_zone):
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", BAND,
                              miband=[(1, seconds("2026-03-01 23:30"), 100, 1)])
    local_zone("Europe/Berlin")
    import_file(sqlite_store, path)
    local_zone("UTC")
    import_file(sqlite_store, path)
    assert [s.day for s in sqlite_store.devices.steps()] == [date(2026, 3, 2)]  # 00:30 in Berlin
    assert sqlite_store.devices.zones() == {DeviceSource("Gadgetbridge", "Mi Smart Band 6"):
                                            "Europe/Berlin"}
    removed = sqlite_store.devices.remove(DeviceSource("Gadgetbridge", "Mi Smart Band 6"))
    assert removed.described() == "1 day of steps" and sqlite_store.devices.zones() == {}
    import_file(sqlite_store, path)
    assert [s.day for s in sqlite_store.devices.steps()] == [date(2026, 3, 1)]

