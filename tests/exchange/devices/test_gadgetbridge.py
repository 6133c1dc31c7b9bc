"""Gadgetbridge's exported database: a Mi Band's minute samples and a Xiaomi band's sleep
tables, worked out by hand; devices in tables not read are named."""

import time
from datetime import date, datetime, timezone

import pytest

from fibromap.domain.device_data import DeviceSource
from fibromap.errors import FibroMapError
from fibromap.exchange.files import import_file
from tests.helpers.device_exports import write_gadgetbridge
from tests.helpers.refusals import says

MI_BAND = DeviceSource("Gadgetbridge", "Anna's Mi Band")   # its alias
XIAOMI = DeviceSource("Gadgetbridge", "Xiaomi Smart Band 8")


def seconds(text: str) -> int:
    """"2026-03-01 22:00" UTC as epoch seconds."""
    return int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp())


def minutes(start: str, count: int, kind: int, first_kind: int | None = None):
    """``count`` Mi Band samples a minute apart from ``start`` (UTC), the first of
    ``first_kind`` and the rest of ``kind``."""
    t0 = seconds(start)
    return [(1, t0 + 60 * i, 0, first_kind if i == 0 and first_kind is not None else kind)
            for i in range(count)]


MIBAND_NIGHT = (
    minutes("2026-03-01 22:00", 120, 0, first_kind=9)      # light, then "as before"
    + minutes("2026-03-02 00:00", 60, 10, first_kind=11)   # deep, then "ignore"
    + minutes("2026-03-02 01:00", 10, 1)                   # ten minutes up: an awakening
    + minutes("2026-03-02 01:10", 230, 0x19)               # light, high bits set
    + minutes("2026-03-02 05:00", 30, 1)                   # up for the day
    + [(1, seconds("2026-03-02 08:00"), 50, 1), (1, seconds("2026-03-02 08:01"), 60, 1),
       (1, seconds("2026-03-02 23:30"), 30, 1)]            # 00:30 on 3 March in Berlin
)
MS = 1000
XIAOMI_NIGHT = [(2, seconds("2026-03-05 22:00") * MS, seconds("2026-03-06 05:00") * MS)]
XIAOMI_STAGES = [(2, seconds(at) * MS, stage) for at, stage in (
    ("2026-03-05 22:00", 3), ("2026-03-06 01:00", 2), ("2026-03-06 02:00", 5),
    ("2026-03-06 02:05", 4), ("2026-03-06 03:00", 3))]


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.fixture
def export(tmp_path):
    return write_gadgetbridge(
        tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", "Anna's Mi Band"),
                                    (2, "Xiaomi Smart Band 8", None), (3, "Forerunner 255", "")],
        miband=MIBAND_NIGHT, xiaomi_steps=[(2, seconds("2026-03-05 10:00"), 100)],
        xiaomi_nights=XIAOMI_NIGHT, xiaomi_stages=XIAOMI_STAGES,
        garmin=[(3, seconds("2026-03-05 10:00"))])


def test_a_mi_bands_minutes_make_its_night(sqlite_store, export, berlin):
    report = import_file(sqlite_store, export)
    nights = {(s.source, s.day): s for s in sqlite_store.devices.sleeps()}
    night = nights[(MI_BAND, date(2026, 3, 2))]
    assert night.asleep_minutes == 120 + 60 + 230
    assert night.awakenings == 1
    # A Mi Band 6 tells light and deep sleep, not REM: unknown, not none.
    assert (night.light_minutes, night.deep_minutes, night.rem_minutes) == (350, 60, None)
    assert night.start.local == datetime(2026, 3, 1, 23, 0) and night.start.offset == 60
    assert night.end.local == datetime(2026, 3, 2, 6, 0)
    xiaomi = nights[(XIAOMI, date(2026, 3, 6))]
    assert xiaomi.asleep_minutes == 180 + 60 + 55 + 120 and xiaomi.awakenings == 1
    assert (xiaomi.light_minutes, xiaomi.deep_minutes, xiaomi.rem_minutes) == (300, 60, 55)
    steps = {(s.source.device, s.day): s.steps for s in sqlite_store.devices.steps()}
    assert steps == {(MI_BAND.device, date(2026, 3, 2)): 110,
                     (MI_BAND.device, date(2026, 3, 3)): 30,
                     (XIAOMI.device, date(2026, 3, 5)): 100}
    assert report.outcome() == ("added 2 nights and 3 days of steps, from Anna's Mi Band and "
                                "Xiaomi Smart Band 8")
    assert report.details[0].startswith("Gadgetbridge keeps no time zone")
    assert report.details[1] == ("Not read (their sleep and steps are kept in tables FibroMap "
                                 "does not read yet): Forerunner 255.")


def test_the_export_is_read_without_being_changed(sqlite_store, export, berlin):
    before = export.read_bytes()
    import_file(sqlite_store, export, dry_run=True)
    assert export.read_bytes() == before
    assert not list(export.parent.glob("Gadgetbridge-*"))  # no journal left beside it
    assert sqlite_store.devices.count() == 0


def test_a_second_import_adds_nothing(sqlite_store, export, berlin):
    import_file(sqlite_store, export)
    again = import_file(sqlite_store, export)
    assert again.outcome().endswith("; 5 already in the database")
    assert again.result.nights["added"] == again.result.days["added"] == 0


def test_another_sqlite_file_is_refused_clearly(sqlite_store, tmp_path, sqlite_url, paths):
    from fibromap.store.store import Store

    other = tmp_path / "other.sqlite3"
    Store.open(f"sqlite:///{other}", paths).close()
    with pytest.raises(FibroMapError) as told:
        import_file(sqlite_store, other)
    says(told.value, "{path} is an SQLite database, but not one FibroMap can import (a "
         "Gadgetbridge export); to open a FibroMap database, use --database or restore it as a "
         "backup", path=other)


def test_a_zepp_os_bands_sleep_minutes_take_their_stage_from_gadgetbridges_thresholds(
        sqlite_store, tmp_path, berlin):
    t0 = seconds("2026-03-09 22:00")
    # Sleep (120) for 60 minutes light, 30 deep (DEEP_SLEEP 60 > 42), 20 REM (REM_SLEEP
    # 70 > 55; the high bit is not part of the value), then awake; steps in the day.
    kinds = ([(120, 10, 10)] * 60 + [(120, 60, 10)] * 30 + [(120, 60, 128 + 70)] * 20
             + [(1, 0, 0)] * 10)
    huami = [(4, t0 + 60 * i, 0, kind, deep, rem) for i, (kind, deep, rem) in enumerate(kinds)]
    huami.append((4, seconds("2026-03-10 09:00"), 75, 1, 0, 0))
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(4, "Amazfit Balance", None)],
                              huami=huami)
    import_file(sqlite_store, path)
    [night] = sqlite_store.devices.sleeps()
    assert (night.asleep_minutes, night.light_minutes, night.deep_minutes,
            night.rem_minutes) == (110, 60, 30, 20)
    assert night.day == date(2026, 3, 10) and night.source.device == "Amazfit Balance"
    assert [(s.day, s.steps) for s in sqlite_store.devices.steps()] == [(date(2026, 3, 10), 75)]


def test_summer_samples_take_summer_time_whatever_the_season_of_the_import(sqlite_store,
                                                                          tmp_path, berlin):
    july = seconds("2026-07-01 21:00")      # 23:00 in Berlin's summer time
    band = [(1, july + 60 * i, 0, 9) for i in range(420)]
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None)],
                              miband=band)
    import_file(sqlite_store, path)
    [night] = sqlite_store.devices.sleeps()
    assert night.start.offset == 120 and night.start.local == datetime(2026, 7, 1, 23, 0)
    assert night.asleep_minutes == 420


def test_two_bands_of_one_name_stay_two_devices(sqlite_store, tmp_path, berlin):
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None),
                                                          (2, "Mi Smart Band 6", None)],
                              miband=[(1, seconds("2026-03-02 08:00"), 100, 1),
                                      (2, seconds("2026-03-02 08:00"), 100, 1)])
    import_file(sqlite_store, path)
    assert sorted(s.source.device for s in sqlite_store.devices.steps()) == [
        "Mi Smart Band 6 (C8:0F:10:00:00:01)", "Mi Smart Band 6 (C8:0F:10:00:00:02)"]


def test_a_band_left_recording_for_two_days_is_left_out_and_said(sqlite_store, tmp_path,
                                                                 berlin):
    start = seconds("2026-03-01 20:00")
    band = [(1, start + 60 * i, 0, 9) for i in range(50 * 60)]
    path = write_gadgetbridge(tmp_path / "Gadgetbridge", [(1, "Mi Smart Band 6", None)],
                              miband=band)
    report = import_file(sqlite_store, path)
    assert sqlite_store.devices.sleeps() == []
    assert any("50 hours of Mi Smart Band 6" in note and "too long for a sleep" in note
               for note in report.details)
