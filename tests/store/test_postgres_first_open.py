"""Two programs opening the same empty PostgreSQL database at once both find it ready:
the first makes its schema and built-in terms while the second waits (an advisory lock),
never a duplicate key."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
ROOT = Path(__file__).parents[2]
ROUNDS = 6

OPEN = """
import sys
from pathlib import Path
from fibromap.config import Paths
from fibromap.store.store import Store
home = Path(sys.argv[2])
Store.open(sys.argv[1], Paths(home, home / "b", home / "l", home / "s.ini")).close()
print("OPENED")
"""


def test_two_programs_opening_an_empty_database_at_once_both_succeed(postgres_server,
                                                                     tmp_path):
    for round_ in range(ROUNDS):
        url = postgres_server.create_database()
        try:
            children = [subprocess.Popen(
                [sys.executable, "-c", OPEN, url, str(tmp_path / f"{round_}-{n}")],
                env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(2)]
            for child in children:
                out, err = child.communicate(timeout=120)
                assert child.returncode == 0 and out.strip() == "OPENED", err
            engine = create_engine(url)
            with engine.connect() as connection:
                kinds = connection.execute(text(
                    "SELECT kind, key, count(*) FROM term GROUP BY kind, key "
                    "HAVING count(*) > 1")).all()
                assert kinds == []
            engine.dispose()
        finally:
            postgres_server.drop_database(url)
