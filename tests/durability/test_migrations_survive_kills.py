"""A crash during schema creation or an upgrade never locks the person out.

A real process opens the database and is killed (SIGKILL) right after the Nth statement
it sends to SQLite, for every N the migration takes; the next open must succeed, reach the
newest schema and keep every record. The suite kills after every statement of the
newest migrations (from 0007 on); after a third of those making a new database (its first
and last always), and a sixth on a protected one, drawn with a fixed seed. `make
durability` (FIBROMAP_EVERY_STEP=all) kills after every statement of every run, and also
upgrades from the oldest revisions (0001, 0002, 0003).
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fibromap.config import Paths
from fibromap.store.database import Database, alembic_config, head_revision
from fibromap.store.store import Store
from tests.helpers.database_kinds import opened
from tests.helpers.records import full_flare

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
EVERY_STEP = os.environ.get("FIBROMAP_EVERY_STEP") == "all"  # make durability

# The child opens the database as the app does, and dies after statement KILL_AT.
CHILD = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from sqlalchemy import event
    import fibromap.store.database as db
    from fibromap.config import Paths
    from tests.helpers.database_kinds import passphrase_from_environment

    kill_at, home = int(sys.argv[1]), Path(sys.argv[2])
    sent = 0
    create = db.engine_for

    def counted(url, key=None):
        engine = create(url, key)

        @event.listens_for(engine, "after_cursor_execute")
        def after(*_args):
            global sent
            sent += 1
            if sent == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
        return engine

    db.engine_for = counted
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    db.Database.open(f"sqlite:///{home / 'fibromap.sqlite3'}", paths,
                     passphrase=passphrase_from_environment()).close()
    print("STATEMENTS", sent)
""")


def open_in_child(home: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(kill_at), str(home)],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})


def home_paths(home: Path) -> Paths:
    return Paths(home, home / "backups", home / "logs", home / "settings.ini")


def made_at(revision: str | None, home: Path, database_kind) -> int:
    """A FibroMap home whose database is at ``revision`` (None: no file; a protected one is
    then made by the program killed), holding flares."""
    home.mkdir(parents=True)
    if revision is None:
        return 0
    url = f"sqlite:///{home / 'fibromap.sqlite3'}"
    database_kind.prepare(home / "fibromap.sqlite3")
    store = Store.open(url, home_paths(home))
    store.flares.add_many([full_flare(), full_flare(notes="second")])
    store.close()
    from alembic import command

    database = Database.open(url, home_paths(home))
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
    database.close()
    shutil.rmtree(home / "backups", ignore_errors=True)
    return 2


@pytest.mark.parametrize("revision", [None, "0007"] + (["0001", "0002", "0003"] if EVERY_STEP else []))
def test_a_kill_after_any_statement_of_a_migration_loses_nothing(tmp_path, revision,
                                                               database_kind):
    template = tmp_path / "template"
    flares = made_at(revision, template, database_kind)
    total = int(open_in_child(shutil.copytree(template, tmp_path / "count"), 0)
                .stdout.split()[-1])
    assert total > 5
    kill_points = range(1, total + 1)
    if not EVERY_STEP and (database_kind.protected or revision is None):
        share = total // 6 if database_kind.protected else total // 3
        drawn = random.Random(str(revision)).sample(kill_points, share)
        kill_points = sorted(set(drawn) | ({1, total} if revision is None else set()))
    for kill_at in kill_points:
        home = shutil.copytree(template, tmp_path / f"kill-{kill_at}")
        killed = open_in_child(home, kill_at)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        # A new protected file, made by the program killed, has a key of its own.
        store = Store.open(f"sqlite:///{home / 'fibromap.sqlite3'}", home_paths(home),
                           passphrase=database_kind.passphrase)
        try:
            assert store.database.revision() == head_revision(), f"after statement {kill_at}"
            assert store.flares.count() == flares, f"after statement {kill_at}"
        finally:
            store.close()
        with opened(home / "fibromap.sqlite3") as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        shutil.rmtree(home)
