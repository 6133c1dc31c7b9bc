"""Days marked "no spasms today": kept once a day, taken off again, counted as observed
with the days that have a flare or a check-in, and added by migration 0012 to a database
made by 0010 without touching what it holds."""

from datetime import date, timedelta

from alembic import command
from sqlalchemy import inspect

from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite, day_only_onset
from fibromap.store.database import Database
from fibromap.store.observed import flare_onsets, observed_days
from fibromap.store.revisions import alembic_config, head_revision
from fibromap.store.store import Store
from tests.helpers.records import at

D0 = date(2026, 3, 1)


def test_a_day_is_marked_once_and_the_mark_can_be_taken_off(store):
    assert store.no_spasms.mark(D0) is True
    assert store.no_spasms.mark(D0) is False  # twice is once
    assert store.no_spasms.is_marked(D0) and store.no_spasms.count() == 1
    assert store.holds_entries()
    assert store.no_spasms.unmark(D0) is True and store.no_spasms.unmark(D0) is False
    assert not store.no_spasms.is_marked(D0) and store.no_spasms.between() == []


def test_observed_days_are_those_with_a_flare_a_check_in_or_a_mark(store):
    store.flares.add(Flare(onset=at(2026, 3, 2, 23, 30), sites=(SpasmSite("soleus.left", 4),)))
    store.flares.add(Flare(onset=day_only_onset(D0 + timedelta(days=5)), day_only=True,
                           sites=(SpasmSite("soleus.left", 4),)))
    store.checkins.put(CheckIn(D0 + timedelta(days=3), sleep_hours=7))
    store.no_spasms.put_many([D0, D0 + timedelta(days=4), D0 + timedelta(days=9)])
    assert observed_days(store.database, D0, D0 + timedelta(days=8)) == {
        D0, D0 + timedelta(days=1), D0 + timedelta(days=3), D0 + timedelta(days=4),
        D0 + timedelta(days=5)}
    assert store.no_spasms.between(D0 + timedelta(days=1), D0 + timedelta(days=8)) == [
        D0 + timedelta(days=4)]
    onsets = flare_onsets(store.database, D0, D0 + timedelta(days=8))
    assert [(o.date(), o.hour, day_only) for o, day_only in onsets] == [
        (D0 + timedelta(days=1), 23, False), (D0 + timedelta(days=5), 12, True)]  # a day-only flare: noon
    assert store.database.revision() == head_revision()


def test_0012_adds_the_marks_to_a_database_made_by_0010(any_url, paths):
    store = Store.open(any_url, paths)
    store.checkins.put(CheckIn(D0, sleep_hours=6))
    store.close()
    database = Database.open(any_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0010")
    assert "no_spasm_day" not in inspect(database.engine).get_table_names()
    database.close()
    upgraded = Store.open(any_url, paths)
    try:
        assert upgraded.database.revision() == head_revision()
        assert upgraded.checkins.get(D0) == CheckIn(D0, sleep_hours=6)
        assert upgraded.no_spasms.mark(D0 + timedelta(days=1))
        assert upgraded.no_spasms.between() == [D0 + timedelta(days=1)]
    finally:
        upgraded.close()
