"""Two imports of the same file at the same moment add each flare once (SQLite and
PostgreSQL), because what is already there is read inside the writing transaction."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fibromap.cli import main
from fibromap.exchange.record_kinds import counted_kind
from fibromap.i18n import _
from fibromap.store.store import Store

pytestmark = pytest.mark.slow  # two programs racing: left to `make test`
FIBROMAP = Path(sys.executable).with_name("fibromap")


def test_the_same_file_imported_twice_at_once_adds_each_flare_once(any_url, paths, tmp_path,
                                                                     capsys):
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    assert main(["--database", source, "demo", "--into-records", "--days", "120", "--seed", "4"]) == 0
    export = tmp_path / "all.json"
    assert main(["--database", source, "export", "--format", "json", "-o", str(export)]) == 0
    expected = Store.open(source, paths)
    count = expected.flares.count()
    expected.close()
    capsys.readouterr()
    Store.open(any_url, paths).close()  # the schema exists before the race begins
    env = {**os.environ, "FIBROMAP_HOME": str(paths.data_dir)}
    racers = [subprocess.Popen([str(FIBROMAP), "--database", any_url, "import", str(export)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    outcomes = [racer.communicate(timeout=120) for racer in racers]
    assert [racer.returncode for racer in racers] == [0, 0], outcomes
    store = Store.open(any_url, paths)
    try:
        assert store.flares.count() == count > 100
    finally:
        store.close()
    said = sorted(out for out, _err in outcomes)
    # One added every flare, the other nothing new (each flare once: counted above).
    assert counted_kind(count, "flares") in said[0] and _("nothing new") not in said[0]
    assert _("nothing new") in said[1]
