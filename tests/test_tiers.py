"""`make test-fast` runs the fast tier: every test in the fast folders but the slow ones and
the PostgreSQL runs, and nothing from the other folders."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import FAST_FOLDERS

ROOT = Path(__file__).parents[1]


def collected(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                             "-p", "no:cacheprovider", *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_the_fast_tier_is_its_folders_without_slow_tests_and_postgresql_runs():
    fast = collected("-m", "fast")
    left_out = collected(*(f"tests/{folder}" for folder in sorted(FAST_FOLDERS)),
                         "-m", "not fast and not postgres")
    assert {test.split("/")[1] for test in fast} == FAST_FOLDERS
    assert not any("[postgresql" in test for test in fast)
    # Besides the PostgreSQL runs, the fast folders leave out only the tests marked slow.
    assert any("test_concurrent_imports.py" in test for test in left_out)
    for test in left_out:
        assert "mark.slow" in (ROOT / test.split("::")[0]).read_text(), test
