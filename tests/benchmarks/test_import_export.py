"""Import and export of 100,000 flares (issue 13's size targets).

The baseline is what no import can avoid: reading the file and parsing its JSON
(json.loads). Each step runs in a fresh process and is reported as seconds, as a ratio to
that baseline, and with that process's peak memory; then checked against the targets:
an import (JSON or CSV) under 15 s in under 400 MB, an export under 5 s, the dry run no
slower than the import (within a tenth, for the machine's noise).
"""

import dataclasses
import subprocess
import sys
from datetime import timedelta

from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.store.bulk_flares import insert_many
from fibromap.store.store import Store

TARGET = 100_000
IMPORT_SECONDS, IMPORT_MB, EXPORT_SECONDS = 15, 400, 5


def hundred_thousand_flares():
    decade = generate(days=3650, seed=11)
    flares, copy = [], 0
    while len(flares) < TARGET:
        shift = timedelta(days=3650 * copy)
        flares += [dataclasses.replace(f, onset=f.onset - shift, created=None, modified=None)
                   for f in decade.flares]
        copy += 1
    return flares[:TARGET]


# One step in a fresh process, so its peak memory is its own: prints seconds and MB.
STEP = """
import json, resource, sys, time
from pathlib import Path
from fibromap.config import Paths
from fibromap.exchange.files import export_file, import_file
from fibromap.store.store import Store
step, fmt, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
paths = Paths(folder, folder / "b", folder / "l", folder / "s.ini")
target = folder / f"all.{fmt}"
if step == "export":
    store = Store.open_read_only(f"sqlite:///{folder / 'source.sqlite3'}", paths)
    act = lambda: export_file(store, fmt, target)
elif step == "baseline":
    act = lambda: json.loads(target.read_text())
else:
    store = Store.open(f"sqlite:///{folder / f'into-{fmt}.sqlite3'}", paths)
    act = lambda: import_file(store, target, dry_run=step == "dry")
start = time.perf_counter()
act()
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def step(name: str, fmt: str, folder) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-c", STEP, name, fmt, str(folder)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    took, peak = map(float, done.stdout.split())
    return took, peak


def test_a_hundred_thousand_flares_in_and_out(tmp_path):
    paths = Paths(tmp_path, tmp_path / "b", tmp_path / "l", tmp_path / "s.ini")
    source = Store.open(f"sqlite:///{tmp_path / 'source.sqlite3'}", paths)
    with source.database.transaction() as session:
        insert_many(session, hundred_thousand_flares())
    assert source.flares.count() == TARGET
    source.close()
    results = {}
    for fmt in ("json", "csv"):
        results[fmt] = {name: step(name, fmt, tmp_path)
                        for name in ("export", "dry", "import")}
        size = (tmp_path / f"all.{fmt}").stat().st_size / 2**20
        results[fmt]["size"] = size
    base, base_peak = step("baseline", "json", tmp_path)
    print(f"\nbaseline (read and json.loads the {results['json']['size']:.0f} MB JSON): "
          f"{base:.2f} s, peak {base_peak:.0f} MB")
    for fmt in ("json", "csv"):
        r = results[fmt]
        print(f"{fmt} ({r['size']:.0f} MB): " + "; ".join(
            f"{name} {r[name][0]:.1f} s ({r[name][0] / base:.1f}x), peak {r[name][1]:.0f} MB"
            for name in ("export", "dry", "import")))
    for fmt in ("json", "csv"):
        store = Store.open(f"sqlite:///{tmp_path / f'into-{fmt}.sqlite3'}", paths)
        assert store.flares.count() == TARGET
        store.close()
    missed = []
    for fmt, r in results.items():
        if r["export"][0] >= EXPORT_SECONDS:
            missed.append(f"{fmt} export {r['export'][0]:.1f} s (target {EXPORT_SECONDS} s)")
        if r["import"][0] >= IMPORT_SECONDS:
            missed.append(f"{fmt} import {r['import'][0]:.1f} s (target {IMPORT_SECONDS} s)")
        for name in ("dry", "import"):
            if r[name][1] >= IMPORT_MB:
                missed.append(f"{fmt} {name} peak {r[name][1]:.0f} MB (target {IMPORT_MB} MB)")
        if r["dry"][0] > 1.1 * r["import"][0]:
            missed.append(f"{fmt} dry run {r['dry'][0]:.1f} s, import {r['import'][0]:.1f} s")
    assert not missed, missed
