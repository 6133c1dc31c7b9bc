"""Revision 0009: referred zones may be left unrated, and "still going" is stored apart
from "not given". Tested on a database made by 0007, with rows in it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from fibromap.domain.flare import SiteRole, SpasmSite
from fibromap.store.check import check_database
from fibromap.store.database import Database, alembic_config
from fibromap.store.revisions import HEAD_REVISION
from fibromap.store.store import Store
from tests.helpers.records import full_flare, temple_flare


def _to(database: Database, revision: str) -> None:
    from alembic import command

    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def _counts(database: Database) -> tuple[int, int]:
    with database.engine.connect() as connection:
        return tuple(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                     for table in ("site", "referral"))


def test_rows_of_0007_keep_their_sites_referrals_and_fingerprints_and_read_as_not_given(
        any_url, paths):
    store = Store.open(any_url, paths)
    rated = store.flares.add(full_flare())  # three referrals, zones rated
    # Begun an hour ago with no length: History used to call it "still going" for a day.
    recent = store.flares.add(full_flare(onset=datetime.now().astimezone() - timedelta(hours=1),
                                         duration_seconds=None, notes="no length"))
    store.close()
    database = Database.open(any_url, paths)
    _to(database, "0007")
    with database.engine.connect() as connection:
        columns = [row[1] for row in connection.exec_driver_sql("PRAGMA table_info(flare)")] \
            if database.is_sqlite else []
    assert "still_going" not in columns
    before = _counts(database)
    assert before == (8, 6)
    database.close()

    upgraded = Store.open(any_url, paths)  # 0007 -> head
    try:
        assert upgraded.database.revision() == HEAD_REVISION
        assert _counts(upgraded.database) == before  # no referral lost to a table rebuilt
        assert upgraded.flares.get(rated.id) == rated
        again = upgraded.flares.get(recent.id)
        assert again == recent and not again.still_going and not again.length_given
        assert check_database(upgraded.database).ok  # every fingerprint as it was
        # What the new schema holds: an unrated referred zone, and "still going".
        temple = upgraded.flares.add(temple_flare())
        assert upgraded.flares.get(temple.id).unrated_zones == ("temple.left",)
        with pytest.raises(Exception, match="(?i)check|constraint"):  # a source stays rated
            with upgraded.database.engine.begin() as connection:
                connection.execute(text("UPDATE site SET intensity = NULL "
                                        "WHERE role = 'spasm'"))
    finally:
        upgraded.close()


def test_downgrading_gives_an_unrated_zone_its_sources_intensity_and_keeps_check_clean(
        any_url, paths):
    store = Store.open(any_url, paths)
    temple = store.flares.add(temple_flare())
    rated = store.flares.add(full_flare())
    store.close()
    database = Database.open(any_url, paths)
    _to(database, "0007")
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT s.region, s.intensity, r.intensity FROM site s LEFT JOIN referral r "
            f"ON r.target_site_id = s.id WHERE s.flare_id = {temple.id} ORDER BY s.region")).all()
    assert rows == [("masseter.left", 7, None), ("temple.left", 7, 7)]  # as 0007 stored it
    database.close()
    upgraded = Store.open(any_url, paths)
    try:
        back = upgraded.flares.get(temple.id)
        # The ambiguity 0009 names: a zone stored at its source's intensity reads as rated.
        assert back.sites[1] == SpasmSite("temple.left", 7, SiteRole.REFERRED)
        assert not back.still_going and back.duration_seconds is None
        assert upgraded.flares.get(rated.id) == rated
        assert check_database(upgraded.database).ok
        assert dataclasses.replace(back, id=None) != temple
    finally:
        upgraded.close()
