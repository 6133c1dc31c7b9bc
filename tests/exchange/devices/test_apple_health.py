"""Apple Health export.zip and export.xml: nights, naps and steps worked out by hand from
the records, across midnight, a clock change and a journey, from a watch and a phone."""

import time
from datetime import date, datetime

import pytest

from fibromap.cli import main
from fibromap.domain.device_data import DeviceSource, keep_one_per_night
from fibromap.errors import FibroMapError
from fibromap.exchange.files import import_file
from fibromap.exchange.problems import ImportRefused
from tests.helpers.device_exports import (
    PHONE, Sleep, Steps, apple_health_xml, write_apple_health,
)
from tests.helpers.refusals import fits, says

WATCH_SOURCE = DeviceSource("Apple Health", "Apple Watch")
PHONE_SOURCE = DeviceSource("Apple Health", "iPhone")

# The night of 1-2 March in Berlin, as the watch staged it, and the phone's time in bed.
NIGHT = [
    Sleep("2026-03-01 22:50:00 +0100", "2026-03-02 06:40:00 +0100", "InBed"),
    Sleep("2026-03-01 23:10:00 +0100", "2026-03-02 00:40:00 +0100", "AsleepCore"),
    Sleep("2026-03-02 00:40:00 +0100", "2026-03-02 01:20:00 +0100", "AsleepDeep"),
    Sleep("2026-03-02 01:20:00 +0100", "2026-03-02 02:00:00 +0100", "AsleepCore"),
    Sleep("2026-03-02 02:00:00 +0100", "2026-03-02 02:10:00 +0100", "Awake"),
    Sleep("2026-03-02 02:10:00 +0100", "2026-03-02 03:00:00 +0100", "AsleepREM"),
    Sleep("2026-03-02 03:00:00 +0100", "2026-03-02 05:30:00 +0100", "AsleepCore"),
    Sleep("2026-03-02 05:30:00 +0100", "2026-03-02 05:32:00 +0100", "Awake"),
    Sleep("2026-03-02 05:32:00 +0100", "2026-03-02 06:20:00 +0100", "AsleepCore"),
    Sleep("2026-03-02 06:20:00 +0100", "2026-03-02 06:40:00 +0100", "Awake"),
    Sleep("2026-03-01 22:45:00 +0100", "2026-03-02 06:45:00 +0100", "InBed", who=PHONE),
]
NAP = [Sleep("2026-03-03 14:00:00 +0100", "2026-03-03 14:40:00 +0100", "Asleep")]
# Clocks go forward in Berlin at 02:00 on 29 March: 23:30 to 07:30 is seven hours.
CLOCK_CHANGE = [Sleep("2026-03-28 23:30:00 +0100", "2026-03-29 07:30:00 +0200", "1")]
# A night in New York (summer time from 8 March), exported on a phone back in Berlin.
NEW_YORK = [Sleep("2026-03-10 04:00:00 +0100", "2026-03-10 12:00:00 +0100", "Asleep",
                  zone="America/New_York")]
STEPS = [
    Steps("2026-03-02 08:00:00 +0100", "2026-03-02 08:10:00 +0100", 500),
    Steps("2026-03-02 23:55:00 +0100", "2026-03-03 00:05:00 +0100", 100),  # begun on the 2nd
    Steps("2026-03-03 10:00:00 +0100", "2026-03-03 10:30:00 +0100", 2500),
]
WATCH_STEPS = [Steps("2026-03-02 09:00:00 +0100", "2026-03-02 09:20:00 +0100", 300,
                     who=NIGHT[0].who)]
EVERYTHING = NIGHT + NAP + CLOCK_CHANGE + NEW_YORK + STEPS + WATCH_STEPS


def by_day(sleeps, source=WATCH_SOURCE):
    return {s.day: s for s in sleeps if s.source == source}


def test_a_staged_night_is_worked_out_as_by_hand(sqlite_store, tmp_path):
    report = import_file(sqlite_store, write_apple_health(tmp_path, EVERYTHING))
    night = by_day(sqlite_store.devices.sleeps())[date(2026, 3, 2)]
    # Asleep: 23:10-02:00 (170), 02:10-05:30 (200), 05:32-06:20 (48) = 418 minutes.
    assert night.asleep_minutes == 418
    assert night.in_bed_minutes == 470                    # 22:50 to 06:40
    assert night.awake_minutes == 470 - 418
    assert night.awakenings == 1                          # 10 minutes at 02:00; 2 at 05:30 is not
    assert (night.light_minutes, night.deep_minutes, night.rem_minutes) == (
        90 + 40 + 150 + 48, 40, 50)
    assert night.start.local == datetime(2026, 3, 1, 22, 50) and night.start.offset == 60
    assert night.end.local == datetime(2026, 3, 2, 6, 40) and not night.nap
    phone = by_day(sqlite_store.devices.sleeps(), PHONE_SOURCE)[date(2026, 3, 2)]
    assert phone.in_bed_minutes == 480 and phone.asleep_minutes is None
    assert report.format == "Apple Health export"
    assert report.outcome() == (
        "added 4 nights, 1 nap and 3 days of steps, from Apple Watch and iPhone; "
        "1 overlapping night kept from the Apple Watch")


def test_naps_clock_changes_and_journeys(sqlite_store, tmp_path):
    import_file(sqlite_store, write_apple_health(tmp_path, EVERYTHING, zipped=False))
    watch = by_day(sqlite_store.devices.sleeps())
    nap = watch[date(2026, 3, 3)]
    assert nap.nap and nap.asleep_minutes == 40 and nap.awakenings == 0
    assert nap.deep_minutes is None  # no stages on that record
    spring = watch[date(2026, 3, 29)]
    assert spring.asleep_minutes == 7 * 60
    assert (spring.start.offset, spring.end.offset) == (60, 120)
    assert spring.end.local == datetime(2026, 3, 29, 7, 30)
    travel = watch[date(2026, 3, 10)]
    assert travel.start.local == datetime(2026, 3, 9, 23, 0)   # bedtime in New York, EDT
    assert travel.start.offset == -240 and travel.asleep_minutes == 8 * 60


def test_steps_are_counted_per_device_on_the_day_they_began(sqlite_store, tmp_path):
    import_file(sqlite_store, write_apple_health(tmp_path, EVERYTHING))
    steps = {(s.source.device, s.day): s.steps for s in sqlite_store.devices.steps()}
    assert steps == {("iPhone", date(2026, 3, 2)): 600, ("iPhone", date(2026, 3, 3)): 2500,
                     ("Apple Watch", date(2026, 3, 2)): 300}


def test_the_same_export_twice_adds_nothing_under_any_time_zone(sqlite_store, tmp_path,
                                                                   monkeypatch):
    path = write_apple_health(tmp_path, EVERYTHING)
    first = import_file(sqlite_store, path)
    before = (sqlite_store.devices.sleeps(), sqlite_store.devices.steps())
    for zone in ("Pacific/Auckland", "America/Los_Angeles"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        again = import_file(sqlite_store, path)
        assert again.outcome() == ("added nothing new, from Apple Watch and iPhone; "
                                   "1 overlapping night kept from the Apple Watch; "
                                   "8 already in the database")
    monkeypatch.delenv("TZ")
    time.tzset()
    assert (sqlite_store.devices.sleeps(), sqlite_store.devices.steps()) == before
    assert first.result.nights["added"] == 5 and first.result.days["added"] == 3


def test_a_dry_run_says_what_the_import_then_does_and_writes_nothing(sqlite_store, tmp_path):
    path = write_apple_health(tmp_path, EVERYTHING)
    trial = import_file(sqlite_store, path, dry_run=True)
    assert sqlite_store.devices.count() == 0
    real = import_file(sqlite_store, path)
    assert trial.outcome() == real.outcome()


def test_a_later_export_completes_the_last_day_and_night(sqlite_store, tmp_path):
    early = [*NIGHT[:4], STEPS[0]]
    import_file(sqlite_store, write_apple_health(tmp_path, early, name="early"))
    later = import_file(sqlite_store, write_apple_health(tmp_path, NIGHT + STEPS, name="later"))
    # The night now ends at 06:40 (it began at the same moment: the same record).
    night = by_day(sqlite_store.devices.sleeps())[date(2026, 3, 2)]
    assert night.asleep_minutes == 418
    assert later.result.nights["updated"] == 1 and later.result.days["updated"] == 1
    assert "brought 2 records up to date" in later.outcome()


@pytest.mark.usefixtures("paths")  # the person's database, through the command
def test_the_command_line_says_what_it_added(capsys, tmp_path):
    path = write_apple_health(tmp_path, EVERYTHING)
    assert main(["import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run, nothing written. Would have added 4 nights, 1 nap and 3 "
                          "days of steps, from Apple Watch and iPhone")
    assert main(["import", str(path)]) == 0
    assert capsys.readouterr().out.startswith("Apple Health export: added 4 nights")


@pytest.mark.parametrize("cut_at", [3000, -20])
def test_an_export_cut_short_is_refused_and_nothing_is_written(sqlite_store, tmp_path, cut_at):
    text = apple_health_xml(EVERYTHING)
    path = tmp_path / "export.xml"
    path.write_text(text[:cut_at], encoding="utf-8")
    with pytest.raises(ImportRefused) as told:
        import_file(sqlite_store, path)
    fits(told.value.problems[0].message, "not well-formed XML ({reason}): the export may be cut "
         "short; export it again")
    assert sqlite_store.devices.count() == 0


def test_entities_are_refused_before_they_are_expanded(sqlite_store, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ENTITY a "aaaaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<HealthData>&b;'
                    '</HealthData>\n', encoding="utf-8")
    with pytest.raises(ImportRefused) as told:
        import_file(sqlite_store, path)
    [problem] = told.value.problems
    fits(problem.where, "line {line}", line=3)  # the first entity, before any is expanded
    says(problem.message, "declares an XML entity, which an Apple Health export never does")


def test_a_record_that_cannot_be_read_is_left_out_and_said(sqlite_store, tmp_path):
    odd = Sleep("2026-03-05 23:00:00 +0100", "2026-03-06 07:00:00 +0100", "9")
    report = import_file(sqlite_store, write_apple_health(tmp_path, NAP + [odd]))
    assert report.result.nights["added"] == 1
    line = next(number for number, text in enumerate(
        apple_health_xml(NAP + [odd]).splitlines(), 1) if 'value="9"' in text)
    assert report.details == ["1 record could not be read and were left out (the first: "
                              f"line {line}: an unknown sleep value '9')"]


def test_a_zip_that_is_no_export_fibromap_knows_is_refused_clearly(sqlite_store, tmp_path):
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "hello")
    with pytest.raises(FibroMapError) as told:
        import_file(sqlite_store, path)
    says(told.value, "{path} is a zip archive, but not an export FibroMap can read (an Apple "
         "Health export.zip, or a Google Takeout with Fitbit data)", path=path)


def test_overlapping_nights_keep_the_watchs_record():
    from fibromap.domain.device_data import sleep_periods
    from fibromap.exchange.devices import apple_health

    export = apple_health._Reader("x")
    export.parser.Parse(apple_health_xml(NIGHT).encode(), True)
    kept = keep_one_per_night(export.export().sleeps)
    assert [s.source for s in kept.kept] == [WATCH_SOURCE]
    assert [(d.source, k.source) for d, k in kept.dropped] == [(PHONE_SOURCE, WATCH_SOURCE)]
    assert sleep_periods(WATCH_SOURCE, []) == []


def test_the_fixture_has_what_a_real_export_has_around_the_records():
    text = apple_health_xml(EVERYTHING)
    assert text.count("<Record ") == len(EVERYTHING) + 1 and "<!DOCTYPE HealthData [" in text


def test_cancelled_while_reading_nothing_is_written(sqlite_store, tmp_path):
    from fibromap.errors import Cancelled

    seen = []

    def progress(stage, done, total):
        seen.append((stage, done, total))
        if stage == "Reading" and done:
            raise Cancelled("stopped: nothing was written")
    with pytest.raises(Cancelled):
        import_file(sqlite_store, write_apple_health(tmp_path, EVERYTHING, zipped=False),
                    progress=progress)
    assert sqlite_store.devices.count() == 0
    size = (tmp_path / "export.xml").stat().st_size
    assert seen == [("Reading", 0, 0), ("Reading", size, size)]


def test_odd_records_are_left_out_one_by_one_and_said(sqlite_store, tmp_path):
    odd = [Sleep("2026-03-10 23:00:00 +0100", "2026-03-13 07:00:00 +0100", "InBed"),   # 3 days
           Sleep("0001-01-01 00:00:00 +0100", "0001-01-01 08:00:00 +0100", "Asleep"),
           Sleep("2026-03-05T23:00:00+0100", "2026-03-06T07:00:00+0100", "Asleep"),
           Sleep("2026-03-06 07:00:00 +0100", "2026-03-05 23:00:00 +0100", "Asleep"),  # reversed
           Sleep("2026-03-07 23:00:00 +9959", "2026-03-08 07:00:00 +0100", "Asleep")]
    report = import_file(sqlite_store, write_apple_health(tmp_path, NIGHT + odd))
    assert report.result.nights["added"] == 2          # the night, from the watch and phone
    first = 1 + next(i for i, line in enumerate(apple_health_xml(NIGHT + odd).splitlines())
                     if "2026-03-13 07:00:00" in line)
    assert report.details == [f"5 records could not be read and were left out (the first: "
                              f"line {first}: a sleep record lasting 56 hours)"]
    from fibromap.exchange.devices import apple_health

    reader = apple_health._Reader("x")
    reader.parser.Parse(apple_health_xml(odd).encode(), True)
    assert [p.message for p in reader.problems] == [
        "a sleep record lasting 56 hours",
        "not a date Apple Health writes: '0001-01-01 00:00:00 +0100'",
        "not a date Apple Health writes: '2026-03-05T23:00:00+0100'",
        "a sleep record that ends before it starts",
        "not a date Apple Health writes: '2026-03-07 23:00:00 +9959'"]


def test_one_nights_record_read_twice_with_different_starts_is_one_night(sqlite_store,
                                                                         tmp_path):
    first = [Sleep("2026-03-01 23:10:00 +0100", "2026-03-02 06:20:00 +0100", "AsleepCore")]
    later = [Sleep("2026-03-01 23:05:00 +0100", "2026-03-02 06:30:00 +0100", "AsleepCore")]
    import_file(sqlite_store, write_apple_health(tmp_path, first, name="first"))
    again = import_file(sqlite_store, write_apple_health(tmp_path, later, name="later"))
    [night] = sqlite_store.devices.sleeps()
    assert night.asleep_minutes == 7 * 60 + 25 and again.result.nights["updated"] == 1
