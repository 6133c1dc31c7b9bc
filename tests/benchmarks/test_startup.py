"""Start-up against a bare PySide6 window shown the same way (issue 30: the first paint
within 1.5 times its time, ready to save within 3 times), and of the bundle against the
same app from the source tree (same machine, same run)."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks.suite import START_PAINT, START_READY, start_times

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "FibroMap" / "fibromap"


def start_and_render(command, env, target, runs=5) -> float:
    """Median seconds to start FibroMap, open every view on its data and render one."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command + ["screenshot", "overview", "-o", str(target)], env=env,
                       check=True, capture_output=True, timeout=120)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_a_start_paints_and_is_ready_soon_after_a_bare_window(tmp_path):
    home = tmp_path / "home"
    env = dict(os.environ, FIBROMAP_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "fibromap", "demo", "--into-records", "--days", "365"],
                   env=env, check=True, capture_output=True)
    (home / "settings.ini").write_text("[window]\nview=log\n", encoding="utf-8")
    bare, app = start_times(home, runs=7)
    baseline = statistics.median(r["paint"] for r in bare)
    paint = statistics.median(r["paint"] for r in app) / baseline
    drawn = statistics.median(r["map"] for r in app) / baseline
    ready = statistics.median(r["ready"] for r in app) / baseline
    print(f"\nbare window {baseline:.3f} s; first paint (the frame) {paint:.2f}x (target "
          f"{START_PAINT}x), body map drawn {drawn:.2f}x, ready to save {ready:.2f}x "
          f"(target {START_READY}x)")
    assert paint <= START_PAINT and ready <= START_READY


@pytest.mark.skipif(not BUNDLE.exists(), reason="build the bundle first: bash packaging/build.sh")
def test_bundle_starts_about_as_fast_as_the_source_tree(tmp_path):
    env = dict(os.environ, FIBROMAP_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "fibromap", "demo", "--into-records", "--days", "90"],
                   env=env, check=True, capture_output=True)
    source = start_and_render([sys.executable, "-m", "fibromap"], env, tmp_path / "a.png")
    bundle = start_and_render([str(BUNDLE)], env, tmp_path / "b.png")
    print(f"\nsource tree {source:.2f} s (baseline); bundle {bundle / source:.2f}x")
    assert bundle / source < 3
