"""Migration 0010: a database made by 0009 gains overall pain, stiffness, fibro fog and
waking unrefreshed, each unanswered on the check-ins saved before (never 0), keeps every
check-in's foods (the table is not rebuilt), and refuses an answer beyond its scale."""

from datetime import date

import pytest
from alembic import command
from sqlalchemy import exc, inspect, text

from fibromap.domain.daily import CheckIn
from fibromap.store.database import Database
from fibromap.store.revisions import alembic_config, head_revision
from fibromap.store.store import Store

NEW = ("pain", "stiffness", "fibro_fog", "waking_unrefreshed")


def test_a_0007_database_is_upgraded_keeping_its_check_ins_and_their_foods(any_url, paths):
    before = CheckIn(date(2026, 3, 1), sleep_hours=6.5, stress=4,
                     foods=frozenset({"coffee", "bread"}), notes="as it was")
    store = Store.open(any_url, paths)
    store.checkins.put(before)
    store.close()
    database = Database.open(any_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0009")
    columns = {c["name"] for c in inspect(database.engine).get_columns("checkin")}
    database.close()
    assert not set(NEW) & columns  # made as 0009 made it

    upgraded = Store.open(any_url, paths)
    try:
        assert upgraded.database.revision() == head_revision()
        kept = upgraded.checkins.get(date(2026, 3, 1))
        assert kept == before and kept.foods == frozenset({"coffee", "bread"})
        assert [getattr(kept, name) for name in NEW] == [None] * 4  # unanswered, not 0
        answered = CheckIn(date(2026, 3, 2), pain=7, stiffness=10, fibro_fog=3,
                           waking_unrefreshed=0)
        assert upgraded.checkins.put(answered) == answered
        for column, beyond in (("pain", 11), ("stiffness", 11), ("fibro_fog", 4),
                               ("waking_unrefreshed", 4)):
            with pytest.raises(exc.IntegrityError):
                with upgraded.database.engine.begin() as connection:
                    connection.execute(text(f"UPDATE checkin SET {column} = {beyond}"))
        assert upgraded.checkins.get(date(2026, 3, 2)) == answered
    finally:
        upgraded.close()
