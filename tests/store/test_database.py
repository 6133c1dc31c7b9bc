import errno
import hashlib
import os
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, event, inspect, text

from fibromap.errors import DatabaseError, DatabaseRefused, DiskFull, FibroMapError
from fibromap.store.database import (
    SQLITE_APPLICATION_ID, Database, head_revision,
)
from fibromap.store.backups import BACKUPS_KEPT, backup_sqlite, list_backups
from fibromap.store.schema import Base
from fibromap.store.sqlite_files import DISK_FULL
from fibromap.store.store import Store
from tests.helpers.database_kinds import opened
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits, says


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_beside(path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def sqlite_file(path, *statements) -> None:
    """Another program's SQLite database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_the_head_revision_known_without_alembic_is_alembic_s_own_head():
    from alembic.script import ScriptDirectory

    from fibromap.store.database import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_opening_an_up_to_date_database_loads_no_alembic(tmp_path):
    import subprocess
    import sys

    home = tmp_path / "home"
    program = ("import sys\n"
               "from fibromap.cli import main\n"
               "main(sys.argv[1:])\n"
               "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    env = {"FIBROMAP_HOME": str(home), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", program, "demo", "--into-records", "--days", "3"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert "'alembic" in first.stdout  # a new database is made by the migrations
    again = subprocess.run([sys.executable, "-c", program, "demo", "--into-records", "--days", "3", "--force"],
                           env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().endswith("[]"), again.stdout


def test_a_new_database_is_migrated_from_empty_to_head(any_url, paths):
    database = Database.open(any_url, paths)
    try:
        assert database.revision() == head_revision()
        tables = set(inspect(database.engine).get_table_names())
        assert {t.name for t in Base.metadata.sorted_tables} <= tables
        with database.engine.connect() as connection:
            # The migrations and the models describe exactly the same schema.
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        database.close()


def test_sqlite_is_opened_with_wal_foreign_keys_and_full_sync(sqlite_url, paths):
    database = Database.open(sqlite_url, paths)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA application_id").scalar() == SQLITE_APPLICATION_ID
    database.close()
    assert paths.database_file.exists()


def test_foreign_sqlite_file_is_refused_and_left_untouched(paths):
    foreign = paths.data_dir / "recipes.db"
    sqlite_file(foreign, "CREATE TABLE recipe (name TEXT)", "INSERT INTO recipe VALUES ('soup')")
    before, neighbours = digest(foreign), files_beside(foreign)
    with pytest.raises(DatabaseRefused) as told:
        Store.open(f"sqlite:///{foreign}", paths)
    said = fits(told.value, "{where} is not a FibroMap database (it holds other tables: {shown}); "
                "it was left untouched", shown="recipe")
    assert said["where"].endswith("recipes.db")
    assert digest(foreign) == before and files_beside(foreign) == neighbours
    assert list_backups(paths) == []


@pytest.mark.parametrize("content", [b"name,intensity\nneck,7\n", b"SQLite format 3\x00" + b"\x07" * 200,
                                     b"\x00" * 4096])
def test_files_that_are_not_databases_are_refused_and_left_untouched(paths, content):
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    odd = paths.data_dir / "notes.sqlite3"
    before = files_beside(odd)
    odd.write_bytes(content)
    with pytest.raises(DatabaseRefused) as error:
        Store.open(f"sqlite:///{odd}", paths)
    assert "notes.sqlite3" in str(error.value) and "\n" not in str(error.value)
    assert odd.read_bytes() == content
    assert files_beside(odd) == before | {"notes.sqlite3"}


def test_another_applications_sqlite_file_is_refused_by_its_header(paths):
    other = paths.data_dir / "other.sqlite3"
    sqlite_file(other, "PRAGMA application_id = 1234", "CREATE TABLE t (x)")
    before = digest(other)
    with pytest.raises(DatabaseRefused) as told:
        Store.open(f"sqlite:///{other}", paths)
    says(told.value, "{path} is not a FibroMap database (it belongs to another application, id "
         "{id}); it was left untouched", path=other, id=hex(1234))
    assert digest(other) == before


def test_database_from_a_newer_fibromap_is_refused_and_left_untouched(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    with store.database.transaction() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    store.close()
    before, neighbours = digest(paths.database_file), files_beside(paths.database_file)
    with pytest.raises(DatabaseRefused) as error:
        Store.open(sqlite_url, paths)
    says(error.value, "{where} was written by a newer version of FibroMap (schema {revision}, "
         "this version knows up to {head}); update FibroMap to open it. It was left untouched",
         where=paths.database_file, revision="9999_from_the_future", head=head_revision())
    assert digest(paths.database_file) == before
    assert files_beside(paths.database_file) == neighbours


@pytest.mark.postgres
def test_postgres_database_of_another_application_or_newer_schema_is_refused(postgres_url, paths):
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    with pytest.raises(DatabaseRefused) as told:
        Store.open(postgres_url, paths)
    fits(told.value, "{where} is not a FibroMap database (it holds other tables: {shown}); "
         "it was left untouched", shown="invoices")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE invoices"))
    Store.open(postgres_url, paths).close()
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'zzzz'"))
    with pytest.raises(DatabaseRefused) as told:
        Store.open(postgres_url, paths)
    fits(told.value, "{where} was written by a newer version of FibroMap (schema {revision}, "
         "this version knows up to {head}); update FibroMap to open it. It was left untouched",
         revision="zzzz", head=head_revision())
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "zzzz"
    engine.dispose()


def test_unwritable_data_folder_gets_a_clear_message(tmp_path, monkeypatch):
    from fibromap.config import Paths, database_url

    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("FIBROMAP_HOME", str(blocker / "home"))
    paths = Paths.from_environment()
    with pytest.raises(FibroMapError) as told:
        Store.open(database_url(paths), paths)
    said = fits(told.value, "cannot create the folder {directory}: {reason}")
    assert said["directory"].endswith("a-file/home") and said["reason"] == os.strerror(errno.ENOTDIR)
    assert blocker.read_text() == "in the way"


@pytest.mark.plain_only("the URL names a PostgreSQL server: no SQLite file to protect")
def test_unreachable_postgres_server_gets_a_clear_message(paths):
    with pytest.raises(DatabaseError) as told:
        Store.open("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2", paths)
    assert fits(told.value, "cannot open {where}: {reason}")["where"].startswith("postgresql")


@pytest.mark.plain_only("the URLs name no SQLite file to protect")
@pytest.mark.parametrize("url, message, values", [
    ("not a url", "{url} is not a database URL (expected e.g. sqlite:///path/file.sqlite3 or "
                  "postgresql://host/db)", {"url": "'not a url'"}),
    ("nosuchdb://x/y", "FibroMap cannot open {kind} databases", {"kind": "nosuchdb"}),
])
def test_bad_database_urls_get_a_clear_message(paths, url, message, values):
    with pytest.raises(DatabaseError) as told:
        Store.open(url, paths)
    fits(told.value, message, **values)


def test_routine_backup_is_a_complete_copy_taken_once_a_day(sqlite_url, paths, database_kind):
    paths.database_file.unlink(missing_ok=True)  # made by this first start, protected or not
    store = Store.open(sqlite_url, paths, routine_backup=True,
                       passphrase=database_kind.passphrase)
    assert list_backups(paths) == []  # nothing to back up in a new file
    store.flares.add(full_flare())
    store.close()
    Store.open(sqlite_url, paths, routine_backup=True).close()
    Store.open(sqlite_url, paths, routine_backup=True).close()
    backups = list_backups(paths)
    assert len(backups) == 1 and "daily" in backups[0].name
    with opened(backups[0]) as copy:
        assert copy.execute("SELECT count(*) FROM flare").fetchone() == (1,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backups_rotate_keeping_the_newest(sqlite_url, paths):
    Store.open(sqlite_url, paths).close()
    made = [backup_sqlite(paths.database_file, paths, f"test{i}") for i in range(BACKUPS_KEPT + 3)]
    assert list_backups(paths) == sorted(made[-BACKUPS_KEPT:], reverse=True)


def test_a_full_disk_loses_nothing_already_saved_and_says_so(sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare())
    with store.database.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()

    # SQLite's page limit makes the file behave exactly like a full disk.
    @event.listens_for(store.database.engine, "connect")
    def _limit(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(DiskFull) as told:
        store.flares.add(full_flare(notes="x" * 200_000))
    says(told.value, DISK_FULL)
    assert store.flares.count() == 1
    store.close()
    assert Store.open(sqlite_url, paths).flares.latest().notes == full_flare().notes


def test_an_existing_file_is_backed_up_before_its_schema_changes(sqlite_url, paths):
    from alembic import command

    from fibromap.store.database import alembic_config

    database = Database.open(sqlite_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    database.close()
    assert list_backups(paths) == []
    Database.open(sqlite_url, paths).close()
    backups = list_backups(paths)
    assert len(backups) == 1 and backups[0].name.endswith("-before-upgrade-empty.sqlite3")


def test_a_database_made_by_revision_0001_is_backed_up_then_upgraded_keeping_its_data(sqlite_url, paths):
    from alembic import command

    from fibromap.store.database import alembic_config

    # Made the way FibroMap 0001 made it: the first schema, with a flare in it.
    store = Store.open(sqlite_url, paths)
    saved = store.flares.add(full_flare())
    store.close()
    database = Database.open(sqlite_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    database.close()
    with opened(paths.database_file) as made:
        tables = {name for name, in made.execute("SELECT name FROM sqlite_master")}
    assert "flare" in tables and "appointment" not in tables

    upgraded = Store.open(sqlite_url, paths)
    assert upgraded.database.revision() == head_revision() != "0001"
    assert upgraded.flares.get(saved.id) == saved
    assert upgraded.appointments.all() == []
    upgraded.close()
    backups = list_backups(paths)
    assert any(b.name.endswith("-before-upgrade-0001.sqlite3") for b in backups)
    with opened(next(b for b in backups if "0001" in b.name)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert copy.execute("SELECT count(*) FROM flare").fetchone() == (1,)


@pytest.mark.parametrize("revision", ["0001", "0002", "0003"])
def test_each_migration_upgrades_a_database_made_by_the_one_before(sqlite_url, paths, revision):
    from alembic import command

    from fibromap.store.database import alembic_config

    store = Store.open(sqlite_url, paths)
    saved = store.flares.add(full_flare())
    store.close()
    database = Database.open(sqlite_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
        if revision >= "0002":  # data that only a 0002 database can hold
            connection.exec_driver_sql(
                "INSERT INTO appointment (day, note) VALUES ('2026-03-02', 'GP')")
    database.close()
    upgraded = Store.open(sqlite_url, paths)
    try:
        assert upgraded.database.revision() == head_revision()
        assert upgraded.flares.get(saved.id) == saved
        if revision >= "0002":
            assert [a.note for a in upgraded.appointments.all()] == ["GP"]
        upgraded.notes.put("questions_for_doctor", "works after the upgrade")
        assert upgraded.notes.get("questions_for_doctor") == "works after the upgrade"
    finally:
        upgraded.close()
    assert any(b.name.endswith(f"-before-upgrade-{revision}.sqlite3") for b in list_backups(paths))


def test_upgrading_a_database_with_duplicate_flares_keeps_one_of_each(sqlite_url, paths):
    """Two imports at once used to store every flare twice; 0004 keeps the first of each."""
    from alembic import command

    from fibromap.store.database import alembic_config

    store = Store.open(sqlite_url, paths)
    kept = store.flares.add(full_flare())
    other = store.flares.add(full_flare(notes="a different flare"))
    store.close()
    database = Database.open(sqlite_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
        # A second copy of the first flare, with its sites, referrals, words and treatments.
        sql = connection.exec_driver_sql
        sql("INSERT INTO flare (onset_utc, utc_offset_min, onset_local, duration_s, context_id, "
            "impact_walking, impact_fine_motor, impact_sleep, impact_work, notes, created_utc, "
            "modified_utc) SELECT onset_utc, utc_offset_min, onset_local, duration_s, context_id, "
            "impact_walking, impact_fine_motor, impact_sleep, impact_work, notes, created_utc, "
            f"modified_utc FROM flare WHERE id = {kept.id}")
        copy = sql("SELECT max(id) FROM flare").scalar()
        sql(f"INSERT INTO site (flare_id, position, region, intensity, role) SELECT {copy}, "
            f"position, region, intensity, role FROM site WHERE flare_id = {kept.id}")
        sql(f"INSERT INTO referral (flare_id, position, source_site_id, target_site_id, intensity) "
            f"SELECT {copy}, r.position, s2.id, t2.id, r.intensity FROM referral r "
            f"JOIN site s ON s.id = r.source_site_id JOIN site t ON t.id = r.target_site_id "
            f"JOIN site s2 ON s2.flare_id = {copy} AND s2.region = s.region "
            f"JOIN site t2 ON t2.flare_id = {copy} AND t2.region = t.region "
            f"WHERE r.flare_id = {kept.id}")
        sql(f"INSERT INTO flare_term (flare_id, term_id) SELECT {copy}, term_id FROM flare_term "
            f"WHERE flare_id = {kept.id}")
        sql(f"INSERT INTO treatment_use (flare_id, position, term_id, relief, medication, dose) "
            f"SELECT {copy}, position, term_id, relief, medication, dose FROM treatment_use "
            f"WHERE flare_id = {kept.id}")
        assert sql("SELECT count(*) FROM flare").scalar() == 3
    database.close()
    upgraded = Store.open(sqlite_url, paths)
    try:
        flares = upgraded.flares.between()
        assert [f.id for f in flares] == sorted([kept.id, other.id])
        assert upgraded.flares.get(kept.id) == kept
        with opened(paths.database_file) as connection:
            counts = {row[0]: row[1] for row in connection.execute(
                "SELECT 'sites', count(*) FROM site UNION ALL SELECT 'orphans', count(*) "
                "FROM site WHERE flare_id NOT IN (SELECT id FROM flare)")}
        assert counts == {"sites": 8, "orphans": 0}
        with pytest.raises(FibroMapError) as told:
            upgraded.flares.add(full_flare())
        fits(told.value, "an identical flare (the same moment and the same entries) is already "
             "recorded", whole=False)
    finally:
        upgraded.close()


def test_device_records_stored_before_fingerprints_get_them_on_upgrade(any_url, paths, capsys):
    from alembic import command

    from fibromap import cli
    from fibromap.store.check import check_database
    from fibromap.store.database import alembic_config

    assert cli.main(["demo", "--database", any_url, "--into-records", "--days", "20"]) == 0
    database = Database.open(any_url, paths)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0006")
        nights = connection.exec_driver_sql("SELECT count(*) FROM device_sleep").scalar()
    database.close()
    assert nights > 10
    database = Database.open(any_url, paths)  # upgraded
    try:
        with database.engine.connect() as connection:
            unmarked = [connection.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE fingerprint IS NULL").scalar()
                for table in ("device_sleep", "device_steps")]
        assert unmarked == [0, 0]
        report = check_database(database)
        assert report.ok, report.problems
    finally:
        database.close()
