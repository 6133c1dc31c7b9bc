"""Kill -9 at random moments: no write that was acknowledged is ever lost, the database
always opens, and an import is all or nothing.

Each program says when it is ready (a line on its standard output) and is killed a random
time after that, drawn with a fixed seed: never before it started, however busy the machine.
`make durability` runs many more rounds (FIBROMAP_DURABILITY_ROUNDS). On a protected
database (the second run of each test) a quarter of the rounds are run, to keep the suite's
time: the same writes and kills, through SQLCipher.
"""

import os
import random
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fibromap.cli import main
from fibromap.config import Paths
from fibromap.store.store import Store
from tests.durability.children import finish, kill_after, start

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
ROUNDS = int(os.environ.get("FIBROMAP_DURABILITY_ROUNDS", "40"))  # make durability: 200


def rounds(database_kind) -> int:
    return ROUNDS // 4 if database_kind.protected else ROUNDS
ROOT = Path(__file__).parents[2]

# Saves flares one at a time and says which it saved once the store says it is saved; says
# READY once the database is open, just before the first save.
WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from fibromap.config import Paths
    from fibromap.domain.flare import Flare, SpasmSite
    from fibromap.store.store import Store
    from tests.helpers.database_kinds import passphrase_from_environment

    paths = Paths.from_environment()
    store = Store.open(f"sqlite:///{paths.database_file}", paths,
                       passphrase=passphrase_from_environment())
    start = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=int(sys.argv[1]))
    print("READY", flush=True)
    for i in range(100_000):
        flare = store.flares.add(Flare(onset=start + timedelta(minutes=i),
                                       sites=(SpasmSite("soleus.left", i % 11),)))
        print("SAVED", flare.onset.isoformat(), flush=True)
""")


# `fibromap import FILE`, started and its modules loaded before it says READY.
IMPORTER = textwrap.dedent("""
    import sys
    import fibromap.cli, fibromap.exchange.files, fibromap.store.store
    print("READY", flush=True)
    sys.exit(fibromap.cli.main(["import", sys.argv[1]]))
""")


def environment(home: Path) -> dict:
    return {**os.environ, "FIBROMAP_HOME": str(home), "PYTHONPATH": str(ROOT)}


def test_acknowledged_flares_survive_kills_at_random_moments(tmp_path, database_kind):
    home = tmp_path / "home"
    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    url = f"sqlite:///{paths.database_file}"
    database_kind.prepare(paths.database_file)
    Store.open(url, paths).close()
    rng = random.Random(12)
    acknowledged: set[str] = set()
    for round_ in range(rounds(database_kind)):
        writer = start([sys.executable, "-c", WRITER, str(round_ * 10_000)],
                       environment(home), ready="READY")
        out = kill_after(writer, rng.uniform(0, 0.6))  # some saves, the last one cut short
        # An acknowledgement is a whole line: the kill may cut the last one short.
        whole_lines = out.split("\n")[:-1]
        saved = [line.split()[1] for line in whole_lines if line.startswith("SAVED ")]
        acknowledged.update(saved)
        store = Store.open(url, paths)  # always opens
        try:
            on_disk = {f.onset.isoformat() for f in store.flares.between()}
        finally:
            store.close()
        lost = acknowledged - on_disk
        assert not lost, f"round {round_}: {len(lost)} acknowledged flares lost"
    assert len(acknowledged) > rounds(database_kind)  # the kills came while writing, not before


def test_an_import_killed_at_a_random_moment_is_all_or_nothing(tmp_path, capsys, database_kind):
    source_home = tmp_path / "source"
    source = f"sqlite:///{source_home / 'fibromap.sqlite3'}"
    assert main(["--database", source, "demo", "--into-records", "--days", "400",
                 "--seed", "8"]) == 0
    export = tmp_path / "all.json"
    assert main(["--database", source, "export", "--format", "json", "-o", str(export)]) == 0
    capsys.readouterr()
    whole = Store.open_read_only(source, Paths(source_home, source_home / "b", source_home / "l",
                                               source_home / "s.ini"))
    total = whole.flares.count()
    whole.close()
    rng = random.Random(5)

    def importing(home: Path):
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        database_kind.prepare(paths.database_file)
        Store.open(f"sqlite:///{paths.database_file}", paths).close()
        return paths, start([sys.executable, "-c", IMPORTER, str(export)], environment(home),
                            ready="READY")

    def flares_in(paths: Paths) -> int:
        store = Store.open(f"sqlite:///{paths.database_file}", paths)
        try:
            return store.flares.count()
        finally:
            store.close()

    # One import left to finish: how long an import takes here, now.
    paths, importer = importing(tmp_path / "home-whole")
    began = time.monotonic()
    finish(importer)
    took = time.monotonic() - began
    assert importer.returncode == 0 and flares_in(paths) == total
    outcomes = []
    for round_ in range(max(10, rounds(database_kind) // 2)):
        paths, importer = importing(tmp_path / f"home-{round_}")
        kill_after(importer, rng.uniform(0, 1.5 * took))  # most before it ends, some after
        count = flares_in(paths)
        assert count in (0, total), f"round {round_}: a partial import, {count} of {total}"
        outcomes.append(count)
    assert 0 in outcomes  # some kills came before the import finished
