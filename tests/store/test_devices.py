"""Device sleep and steps in the store, on SQLite and PostgreSQL alike: added once,
completed by a later export, read back by day, listed and removed by device."""

from datetime import date, datetime

from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment
from fibromap.store.store import Store

WATCH = DeviceSource("Apple Health", "Apple Watch")
PHONE = DeviceSource("Apple Health", "iPhone")


def sleep(day: int, asleep: int, source=WATCH, offset=60) -> DeviceSleep:
    start = Moment(datetime(2026, 3, day - 1, 22, 0), offset)
    end = Moment(datetime(2026, 3, day, 5, 30), offset)
    return DeviceSleep(source, start, end, 450, asleep, 450 - asleep, 2, 200, 60,
                       asleep - 260 if asleep > 260 else 0)


def test_added_once_completed_later_read_listed_and_removed(any_url, paths):
    store = Store.open(any_url, paths)
    try:
        first = store.devices.merge([sleep(2, 400), sleep(3, 380)],
                                    [DeviceSteps(PHONE, date(2026, 3, 2), 4000)])
        assert first.nights == {"added": 2, "updated": 0, "same": 0}
        again = store.devices.merge([sleep(2, 400), sleep(3, 390)],
                                    [DeviceSteps(PHONE, date(2026, 3, 2), 5200),
                                     DeviceSteps(PHONE, date(2026, 3, 3), 100)])
        assert again.nights == {"added": 0, "updated": 1, "same": 1}
        assert again.days == {"added": 1, "updated": 1, "same": 0}
        nights = store.devices.sleeps(date(2026, 3, 3), date(2026, 3, 3))
        assert nights == [sleep(3, 390)]               # read back exactly, offset and all
        assert nights[0].start.local == datetime(2026, 3, 2, 23, 0)
        held = store.devices.sources()
        assert [(h.source, h.nights, h.days_of_steps) for h in held] == [
            (WATCH, 2, 0), (PHONE, 0, 2)]
        assert store.devices.remove(WATCH, dry_run=True).described() == "2 nights"
        assert len(store.devices.sleeps()) == 2
        assert store.devices.remove(WATCH).described() == "2 nights"
        assert store.devices.sleeps() == [] and len(store.devices.steps()) == 2
    finally:
        store.close()


def test_a_dry_run_writes_nothing(any_url, paths):
    store = Store.open(any_url, paths)
    try:
        trial = store.devices.merge([sleep(2, 400)], [], dry_run=True)
        assert trial.nights["added"] == 1 and store.devices.count() == 0
    finally:
        store.close()


def test_0013_marks_the_zone_of_devices_stored_before_it_unknown(any_url, paths):
    """Gadgetbridge and Fitbit devices stored before zones were remembered were placed in
    a zone nobody knows now: marked so ('') for their next import to count their days once;
    Apple Health names every offset and needs none."""
    from alembic import command
    from sqlalchemy import inspect

    from fibromap.store.database import Database
    from fibromap.store.revisions import alembic_config

    band, fitbit = DeviceSource("Gadgetbridge", "Mi Band 2"), DeviceSource("Fitbit", "Fitbit")
    store = Store.open(any_url, paths)
    store.devices.merge([sleep(2, 400), sleep(3, 380, source=band)],
                        [DeviceSteps(fitbit, date(2026, 3, 2), 4000),
                         DeviceSteps(band, date(2026, 3, 2), 10)])
    store.close()
    database = Database.open(any_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0012")
    assert "device_zone" not in inspect(database.engine).get_table_names()
    database.close()
    upgraded = Store.open(any_url, paths)
    try:
        assert upgraded.devices.zones() == {band: "", fitbit: ""}
        assert len(upgraded.devices.sleeps()) == 2 and len(upgraded.devices.steps()) == 2
    finally:
        upgraded.close()
