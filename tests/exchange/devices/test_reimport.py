"""Importing a device export again changes nothing: under any time zone, in any order of a
full export and a partial one. Each case is worked out by hand from the samples, and a
second import leaves every device table as it was (row for row, ids and fingerprints)."""

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import text

from fibromap.domain.device_data import DeviceSource
from fibromap.exchange.files import import_file
from tests.exchange.devices.test_apple_health import EVERYTHING
from tests.exchange.devices.test_fitbit import NIGHT
from tests.exchange.devices.test_gadgetbridge import seconds
from tests.helpers.device_exports import write_apple_health, write_fitbit_takeout, write_gadgetbridge
from tests.helpers.refusals import fits


def rezoned(report) -> dict[str, str]:
    """The devices whose days the import counted again, and the zone, as the outcome says."""
    said = {source.device: str(zone) for source, zone in report.result.rezoned.items()}
    for device, zone in said.items():
        fits(report.outcome(), "; the days of {device} counted again in {zone}", whole=False,
             device=device, zone=zone)
    return said


BAND = DeviceSource("Gadgetbridge", "Mi Smart Band 6")
TABLES = ("device_sleep", "device_steps", "device_zone")


def dump(store) -> dict[str, list[tuple]]:
    """Every row of the device tables, as stored."""
    with store.database.reading() as session:
        return {table: [tuple(row) for row in session.execute(
            text(f"SELECT * FROM {table} ORDER BY id"))] for table in TABLES}


def without_ids(tables: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {table: sorted(row[1:] for row in rows) for table, rows in tables.items()}


def steps_by_day(store, source=None) -> dict[date, int]:
    return {s.day: s.steps for s in store.devices.steps() if source in (None, s.source)}


def added_nothing(report) -> bool:
    return report.outcome().startswith("added nothing new") and not report.adds_anything()


# -- Gadgetbridge: no time zone in the file ------------------------------------------------
def band_minutes(start: str, count: int, steps: int = 0, kind: int = 1) -> list[tuple]:
    t0 = seconds(start)
    return [(1, t0 + 60 * i, steps, kind) for i in range(count)]


# Samples in UTC. Berlin is an hour ahead in March.
BAND_SAMPLES = (
    band_minutes("2026-03-01 10:00", 40, steps=100)      # 4,000: 1 March everywhere
    + band_minutes("2026-03-01 23:10", 5, steps=30)      # 150: 2 March in Berlin, 1 March UTC
    + band_minutes("2026-03-02 00:00", 420, kind=9)      # light sleep: 01:00-08:00 in Berlin
    + band_minutes("2026-03-02 08:00", 53, steps=100)    # 5,300: 2 March everywhere
    + band_minutes("2026-03-02 23:20", 2, steps=75)      # 150: 3 March in Berlin, 2 March UTC
)                                                        # 9,600 steps in all
PLACED = {
    "Europe/Berlin": ({date(2026, 3, 1): 4000, date(2026, 3, 2): 5450, date(2026, 3, 3): 150},
                      datetime(2026, 3, 2, 1, 0), 60),
    "UTC": ({date(2026, 3, 1): 4150, date(2026, 3, 2): 5450}, datetime(2026, 3, 2, 0, 0), 0),
}


@pytest.mark.parametrize("first, later", [("Europe/Berlin", ("UTC", "Asia/Tokyo")),
                                          ("UTC", ("Europe/Berlin", "America/New_York"))])
def test_gadgetbridge_imported_again_under_other_time_zones_changes_nothing(
        sqlite_store, tmp_path, local_zone, first, later):
    """The band's times are placed in the zone of its first import, whatever the zone of
    the next; an Apple Health export beside it names every offset itself."""
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None)],
                              miband=BAND_SAMPLES)
    apple = write_apple_health(tmp_path, EVERYTHING)
    local_zone(first)
    import_file(sqlite_store, apple)
    report = import_file(sqlite_store, path)
    days, bedtime, offset = PLACED[first]
    assert steps_by_day(sqlite_store, BAND) == days and sum(days.values()) == 9600
    [night] = [s for s in sqlite_store.devices.sleeps() if s.source == BAND]
    assert (night.start.local, night.start.offset, night.day) == (bedtime, offset, date(2026, 3, 2))
    assert (night.asleep_minutes, night.light_minutes, night.deep_minutes,
            night.rem_minutes) == (420, 420, 0, None)
    assert first in report.details[0]
    before = dump(sqlite_store)
    assert before["device_zone"] == [(1, "Gadgetbridge", "Mi Smart Band 6", first)]
    for zone in later:
        local_zone(zone)
        assert added_nothing(import_file(sqlite_store, apple))
        again = import_file(sqlite_store, path)
        assert added_nothing(again), again.outcome()
        assert again.outcome().endswith(f"; {1 + len(days)} already in the database")
        assert dump(sqlite_store) == before
        assert (f"placed in {first} for Mi Smart Band 6, the time zone of their first import "
                f"(this computer's is {zone})") in again.details[0]


def test_a_database_from_before_the_zones_were_kept_is_counted_once_in_the_new_zone(
        sqlite_store, tmp_path, local_zone):
    """Days stored in Berlin with no zone remembered (an earlier FibroMap: migration 0013
    marks the zone unknown), imported again under UTC: each day counted once, in UTC, and
    no Berlin day left behind."""
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None)],
                              miband=BAND_SAMPLES)
    local_zone("Europe/Berlin")
    import_file(sqlite_store, path)
    with sqlite_store.database.transaction() as session:
        session.execute(text("UPDATE device_zone SET zone = ''"))
    local_zone("UTC")
    again = import_file(sqlite_store, path)
    assert steps_by_day(sqlite_store) == PLACED["UTC"][0]
    assert sum(steps_by_day(sqlite_store).values()) == 9600
    [night] = sqlite_store.devices.sleeps()
    assert (night.start.local, night.start.offset) == (datetime(2026, 3, 2, 0, 0), 0)
    assert rezoned(again) == {"Mi Smart Band 6": "UTC"}
    settled = dump(sqlite_store)
    local_zone("Europe/Berlin")
    assert added_nothing(import_file(sqlite_store, path)) and dump(sqlite_store) == settled


# -- Fitbit: a whole Takeout and its files alone -------------------------------------------
# Steps in UTC minutes; Berlin is an hour ahead. Two files, a month each.
FEBRUARY = [{"dateTime": "02/28/26 12:00:00", "value": "500"},
            {"dateTime": "02/28/26 23:30:00", "value": "200"}]   # 00:30 on 1 March in Berlin
MARCH = [{"dateTime": "03/01/26 08:00:00", "value": "1000"},
         {"dateTime": "03/01/26 23:30:00", "value": "300"},      # 00:30 on 2 March in Berlin
         {"dateTime": "03/02/26 09:00:00", "value": "400"}]
FITBIT_FILES = {"sleep-2026-02-28.json": [NIGHT], "steps-2026-02-28.json": FEBRUARY,
                "steps-2026-03-01.json": MARCH}
IN_BERLIN = {date(2026, 2, 28): 500, date(2026, 3, 1): 1200, date(2026, 3, 2): 700}
ON_UTC_DAYS = {date(2026, 2, 28): 700, date(2026, 3, 1): 1300, date(2026, 3, 2): 400}


@pytest.fixture
def fitbit(tmp_path):
    """The Takeout (with the profile: Europe/Berlin), and two of its files copied alone."""
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in ("sleep-2026-02-28.json", "steps-2026-03-01.json"):
        (alone / name).write_text(json.dumps(FITBIT_FILES[name]), encoding="utf-8")
    takeout = write_fitbit_takeout(tmp_path, FITBIT_FILES, zone="Europe/Berlin")
    return takeout, alone / "sleep-2026-02-28.json", alone / "steps-2026-03-01.json"


def assert_as_in_berlin(store):
    assert steps_by_day(store) == IN_BERLIN
    [night] = store.devices.sleeps()
    assert (night.start.local, night.start.offset) == (datetime(2026, 3, 1, 23, 10), 60)
    assert night.start.utc == datetime(2026, 3, 1, 22, 10) and night.end.offset == 60


def test_fitbit_files_alone_after_the_takeout_change_nothing(sqlite_store, fitbit, local_zone):
    takeout, sleep_file, steps_file = fitbit
    local_zone("Europe/Berlin")
    import_file(sqlite_store, takeout)
    assert_as_in_berlin(sqlite_store)
    before = dump(sqlite_store)
    assert before["device_zone"] == [(1, "Fitbit", "Fitbit", "Europe/Berlin")]
    # Back and forth, under other zones: a file alone is placed in the profile's zone, and
    # the March file (without February's last half hour of 1 March) lowers no day.
    for zone, path in (("UTC", steps_file), ("America/New_York", sleep_file),
                       ("Asia/Tokyo", takeout), ("UTC", steps_file), ("UTC", sleep_file)):
        local_zone(zone)
        again = import_file(sqlite_store, path)
        assert added_nothing(again), (path.name, again.outcome())
        assert dump(sqlite_store) == before, path.name
    assert "placed in Europe/Berlin, as an earlier import's Fitbit profile named it" in \
        again.details[-1]


def test_fitbit_files_alone_then_the_takeout_end_as_the_takeout_alone(sqlite_store, second,
                                                                      fitbit, local_zone):
    takeout, sleep_file, steps_file = fitbit
    local_zone("UTC")
    import_file(sqlite_store, steps_file)
    import_file(sqlite_store, sleep_file)
    # No zone known yet: UTC days, and the clock time Fitbit wrote.
    assert steps_by_day(sqlite_store) == {date(2026, 3, 1): 1300, date(2026, 3, 2): 400}
    assert sqlite_store.devices.sleeps()[0].start.offset is None
    report = import_file(sqlite_store, takeout)
    assert rezoned(report) == {"Fitbit": "Europe/Berlin"}
    assert_as_in_berlin(sqlite_store)
    import_file(second, takeout)
    assert without_ids(dump(sqlite_store)) == without_ids(dump(second))
    settled = dump(sqlite_store)
    for path in (steps_file, sleep_file, takeout):
        assert added_nothing(import_file(sqlite_store, path))
        assert dump(sqlite_store) == settled


def test_a_fuller_night_completes_a_shorter_one_and_never_the_reverse(sqlite_store, second,
                                                                     tmp_path, local_zone):
    """An export made while the night went on holds part of it; a later one all of it.
    Either order keeps the whole night."""
    local_zone("Europe/Berlin")
    whole = band_minutes("2026-03-01 22:00", 420, kind=9)
    early = write_gadgetbridge(tmp_path / "early", [(1, "Mi Smart Band 6", None)],
                               miband=whole[:200])
    late = write_gadgetbridge(tmp_path / "late", [(1, "Mi Smart Band 6", None)], miband=whole)
    import_file(sqlite_store, early)
    assert import_file(sqlite_store, late).result.nights["updated"] == 1
    import_file(second, late)
    assert added_nothing(import_file(second, early))
    for store in (sqlite_store, second):
        [night] = store.devices.sleeps()
        assert night.asleep_minutes == 420
        assert night.end.local - night.start.local == timedelta(hours=7)


def test_a_computer_zone_without_a_name_is_kept_as_unknown_then_settled_once(
        sqlite_store, tmp_path, local_zone):
    """TZ as a rule ("CET-1CEST", Berlin's without its name): the band is placed by it and
    its zone kept as unknown; imported again under it, nothing changes; under a named zone,
    its days are counted once in that zone."""
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None)],
                              miband=BAND_SAMPLES)
    local_zone("CET-1CEST,M3.5.0,M10.5.0/3")
    import_file(sqlite_store, path)
    assert steps_by_day(sqlite_store) == PLACED["Europe/Berlin"][0]
    before = dump(sqlite_store)
    assert before["device_zone"] == [(1, "Gadgetbridge", "Mi Smart Band 6", "")]
    assert added_nothing(import_file(sqlite_store, path)) and dump(sqlite_store) == before
    local_zone("UTC")
    again = import_file(sqlite_store, path)
    assert rezoned(again) == {"Mi Smart Band 6": "UTC"}
    assert steps_by_day(sqlite_store) == PLACED["UTC"][0]
