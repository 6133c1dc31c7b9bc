"""Kill -9 at random moments: no write that was acknowledged is ever lost, the database
always opens, and an import is all or nothing.

`make durability` runs many more rounds (FIBROMAP_DURABILITY_ROUNDS). On a protected
database (the second run of each test) a quarter of the rounds are run, to keep the suite's
time: the same writes and kills, through SQLCipher.
"""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fibromap.cli import main
from fibromap.config import Paths
from fibromap.store.store import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
ROUNDS = int(os.environ.get("FIBROMAP_DURABILITY_ROUNDS", "80"))  # with the migrations: 215 kills


def rounds(database_kind) -> int:
    return ROUNDS // 4 if database_kind.protected else ROUNDS
ROOT = Path(__file__).parents[2]

# Saves flares one at a time and says which it saved once the store says it is saved.
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
    for i in range(100_000):
        flare = store.flares.add(Flare(onset=start + timedelta(minutes=i),
                                       sites=(SpasmSite("soleus.left", i % 11),)))
        print("SAVED", flare.onset.isoformat(), flush=True)
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
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(round_ * 10_000)],
                                  env=environment(home), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.5, 1.1))  # start-up, then some saves
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
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
    assert main(["--database", source, "demo", "--into-records", "--days", "400", "--seed", "8"]) == 0
    export = tmp_path / "all.json"
    assert main(["--database", source, "export", "--format", "json", "-o", str(export)]) == 0
    capsys.readouterr()
    whole = Store.open_read_only(source, Paths(source_home, source_home / "b", source_home / "l",
                                               source_home / "s.ini"))
    total = whole.flares.count()
    whole.close()
    rng = random.Random(5)
    fibromap = Path(sys.executable).with_name("fibromap")
    outcomes = []
    for round_ in range(max(6, rounds(database_kind) // 2)):
        home = tmp_path / f"home-{round_}"
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        url = f"sqlite:///{paths.database_file}"
        database_kind.prepare(paths.database_file)
        Store.open(url, paths).close()
        importer = subprocess.Popen([str(fibromap), "import", str(export)],
                                    env=environment(home), stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.4))  # start-up takes most of a second
        importer.send_signal(signal.SIGKILL)
        importer.communicate(timeout=30)
        store = Store.open(url, paths)
        try:
            count = store.flares.count()
        finally:
            store.close()
        assert count in (0, total), f"round {round_}: a partial import, {count} of {total}"
        outcomes.append(count)
    assert 0 in outcomes  # some kills came before the import finished
