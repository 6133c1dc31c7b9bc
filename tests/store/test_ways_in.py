"""One way into the database for each purpose: to write (Database.open, Store.open), to view
read-only (open_read_only), to check (open_for_checking); none changes what it must not."""

import hashlib

import pytest

from fibromap.errors import DatabaseError
from fibromap.store.backups import list_backups
from fibromap.store.database import Database, head_revision
from fibromap.store.store import Store
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits, says


def state(url: str) -> tuple:
    """What the SQLite file named by ``url`` and its folder hold, byte for byte."""
    path = Database.sqlite_file(url)
    if path is None:
        return ()
    return tuple(sorted((p.name, hashlib.sha256(p.read_bytes()).hexdigest())
                        for p in path.parent.iterdir() if p.is_file()))


def revision_before_head() -> str:
    """The revision the newest migration upgrades from (numbers may skip one)."""
    from alembic.script import ScriptDirectory

    from fibromap.store.database import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_revision(head_revision()).down_revision


def made_by_an_older_fibromap(url: str, paths) -> None:
    """A database with a flare, at the schema revision before the newest."""
    from alembic import command

    from fibromap.store.database import alembic_config

    store = Store.open(url, paths)
    store.flares.add(full_flare())
    store.close()
    database = Database.open(url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "-1")
    database.close()


def test_an_older_database_is_refused_to_view_and_checked_without_a_change(any_url, paths):
    made_by_an_older_fibromap(any_url, paths)
    older = revision_before_head()
    before = state(any_url)
    with pytest.raises(DatabaseError) as told:
        Database.open_read_only(any_url, paths)
    fits(told.value, "{name} is from an older FibroMap (schema {revision}); open FibroMap once to "
         "upgrade it", revision=older)
    checking = Database.open_for_checking(any_url, paths)
    try:
        assert checking.revision() == older
        assert checking.read_only == (Database.sqlite_file(any_url) is not None)
    finally:
        checking.close()
    assert state(any_url) == before
    store = Store.open(any_url, paths)  # to write: upgraded, the flare kept
    try:
        assert store.database.revision() == head_revision() and store.flares.count() == 1
    finally:
        store.close()


def test_an_older_sqlite_file_is_backed_up_before_it_is_opened_to_write(sqlite_url, paths):
    made_by_an_older_fibromap(sqlite_url, paths)
    assert list_backups(paths) == []
    Database.open(sqlite_url, paths).close()
    older = revision_before_head()
    backups = list_backups(paths)
    assert [b.name.endswith(f"-before-upgrade-{older}.sqlite3") for b in backups] == [True]


def test_viewing_changes_nothing_and_refuses_every_write(sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    before = state(sqlite_url)
    store = Store.open_read_only(sqlite_url, paths)
    try:
        assert store.read_only and store.flares.count() == 0
        with pytest.raises(DatabaseError):
            store.flares.add(full_flare())
    finally:
        store.close()
    assert state(sqlite_url) == before


@pytest.mark.parametrize("way_in", ["open_read_only", "open_for_checking"])
def test_viewing_or_checking_never_creates_a_database(sqlite_url, paths, way_in):
    path = Database.sqlite_file(sqlite_url)
    path.unlink(missing_ok=True)
    with pytest.raises(DatabaseError) as told:
        getattr(Database, way_in)(sqlite_url, paths)
    says(told.value, "there is no FibroMap database at {path}", path=path)
    assert not path.exists()
