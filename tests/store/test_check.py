from sqlalchemy import text

from fibromap.store.check import check_database
from tests.helpers.records import full_flare


def test_a_sound_database_passes(store):
    store.flares.add(full_flare())
    report = check_database(store.database)
    assert report.ok, report.problems
    assert report.counts["flare"] == 1 and report.counts["site"] == 4
    assert report.counts["referral"] == 3


def test_broken_links_and_unknown_regions_are_reported(store):
    first = store.flares.add(full_flare())
    second = store.flares.add(full_flare())
    with store.database.transaction() as session:
        # Point a referral of the first flare at a site of the second one.
        session.execute(text(
            "UPDATE referral SET target_site_id = (SELECT min(id) FROM site WHERE flare_id = :b "
            "AND role = 'referred') WHERE id = (SELECT min(id) FROM referral WHERE flare_id = :a)"),
            {"a": first.id, "b": second.id})
        session.execute(text("UPDATE site SET region = 'wing.left' WHERE region = 'brow_eye.left'"))
    report = check_database(store.database)
    assert not report.ok
    assert any("1 referrals link sites of another flare" in p for p in report.problems)
    assert any("unknown body regions: wing.left" in p for p in report.problems)
