from sqlalchemy import text

from fibromap.domain.wording import counted
from fibromap.store.check import check_database
from tests.helpers.records import full_flare
from tests.helpers.refusals import finding, quoted


CHANGED = ("{flares} changed on disk after saving (the content no longer matches the "
           "fingerprint): ids {ids}")


def test_a_sound_database_passes(store):
    store.flares.add(full_flare())
    report = check_database(store.database)
    assert report.ok, report.problems
    assert report.counts["flare"] == 1 and report.counts["site"] == 4
    assert report.counts["referral"] == 3


def test_broken_links_and_unknown_regions_are_reported(store):
    first = store.flares.add(full_flare())
    second = store.flares.add(full_flare(notes="another"))
    with store.database.transaction() as session:
        # Point a referral of the first flare at a site of the second one.
        session.execute(text(
            "UPDATE referral SET target_site_id = (SELECT min(id) FROM site WHERE flare_id = :b "
            "AND role = 'referred') WHERE id = (SELECT min(id) FROM referral WHERE flare_id = :a)"),
            {"a": first.id, "b": second.id})
        session.execute(text("UPDATE site SET region = 'wing.left' WHERE region = 'brow_eye.left'"))
    report = check_database(store.database)
    assert not report.ok
    # Two findings: the referral crossing to another flare (one of them), the unknown region.
    finding(report.problems, "{crossed} referral links sites of another flare or a zone not "
            "marked as referred", crossed=1)
    finding(report.problems, "unknown body regions: {regions}", regions="wing.left")


def test_a_value_changed_on_disk_is_found(store):
    """A flipped bit in a saved intensity is a valid number: only the fingerprint shows it."""
    store.flares.add(full_flare())
    other = store.flares.add(full_flare(notes="unchanged"))
    with store.database.transaction() as session:
        session.execute(text("UPDATE site SET intensity = 9 WHERE intensity = 8 AND flare_id <> :o"),
                        {"o": other.id})
    problems = check_database(store.database).problems
    assert finding(problems, CHANGED)["ids"] == str(other.id - 1)  # the one changed, not the other


def test_an_out_of_range_value_is_found(sqlite_url, paths):
    """Damage on disk passes no CHECK constraint: SQLite is told to skip them here."""
    from fibromap.store.store import Store

    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    with store.database.transaction() as session:
        session.execute(text("PRAGMA ignore_check_constraints = ON"))
        session.execute(text("UPDATE site SET intensity = 99 WHERE intensity = 8"))
    problems = check_database(store.database).problems
    store.close()
    unreadable = finding(problems, "{flares} cannot be read back as saved (a value out of range "
                         "or a part missing): {which}", flares=counted(1, "flares"))
    assert "99" in unreadable["which"]  # the value out of range


def test_a_shifted_local_time_is_found(store):
    store.flares.add(full_flare())
    with store.database.transaction() as session:
        session.execute(text("UPDATE flare SET utc_offset_min = utc_offset_min + 64"))
    problems = check_database(store.database).problems
    assert finding(problems, CHANGED)["ids"] == "1"


def test_device_records_out_of_bounds_are_found(store):
    """Nights and days an earlier FibroMap stored unbounded (an Apple step count in 2099,
    Gadgetbridge samples from 1800): what an import now leaves out, `check` names."""
    from datetime import date, datetime, timedelta

    from fibromap.domain.device_data import DeviceSleep, DeviceSource, DeviceSteps, Moment

    band, phone = DeviceSource("Gadgetbridge", "Mi Band 2"), DeviceSource("Apple Health", "iPhone")
    night = DeviceSleep(band, Moment(datetime(1800, 3, 1, 22), 60), Moment(datetime(1800, 3, 2, 5), 60),
                        420, 400, 20, 1)
    fine = DeviceSleep(band, Moment(datetime(2026, 3, 1, 22), 60), Moment(datetime(2026, 3, 2, 5), 60),
                       420, 400, 20, 1)
    store.devices.merge([night, fine], [DeviceSteps(phone, date(2099, 3, 2), 500),
                                        DeviceSteps(phone, date(2026, 3, 2), 500)])
    report = check_database(store.database)
    span = f"1900-01-01 to {date.today() + timedelta(days=1)}"  # tomorrow at the latest
    for what, device, day in (("sleep records", "Mi Band 2", "1800-03-01"),  # not the fine ones
                              ("daily step counts", "iPhone", "2099-03-02")):
        found = finding(report.problems, "{found} from a device out of bounds: {which}",
                        found=counted(1, what))
        quoted(found["which"], device, day, span)
    assert not report.ok
