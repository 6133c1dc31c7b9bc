"""Import and export of 100,000 flares (issue 13's size targets).

The baseline is what no import can avoid: reading the file and parsing its JSON
(json.loads). Each step is reported as seconds and as a ratio to that baseline, with the
process's peak memory.
"""

import dataclasses
import json
import resource
import time
from datetime import timedelta

from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.exchange.files import export_file, import_file
from fibromap.store.bulk_flares import insert_many
from fibromap.store.store import Store

TARGET = 100_000


def hundred_thousand_flares():
    decade = generate(days=3650, seed=11)
    flares, copy = [], 0
    while len(flares) < TARGET:
        shift = timedelta(days=3650 * copy)
        flares += [dataclasses.replace(f, onset=f.onset - shift, created=None, modified=None)
                   for f in decade.flares]
        copy += 1
    return flares[:TARGET]


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def test_a_hundred_thousand_flares_in_and_out(tmp_path):
    paths = Paths(tmp_path, tmp_path / "b", tmp_path / "l", tmp_path / "s.ini")
    source = Store.open(f"sqlite:///{tmp_path / 'source.sqlite3'}", paths)
    with source.database.transaction() as session:
        insert_many(session, hundred_thousand_flares())
    assert source.flares.count() == TARGET
    results = {}
    for fmt in ("json", "csv"):
        target = tmp_path / f"all.{fmt}"
        export = seconds(lambda: export_file(source, fmt, target))
        baseline = seconds(lambda: json.loads(target.read_text())) if fmt == "json" else None
        into = Store.open(f"sqlite:///{tmp_path / f'into-{fmt}.sqlite3'}", paths)
        dry = seconds(lambda: import_file(into, target, dry_run=True))
        real = seconds(lambda: import_file(into, target))
        assert into.flares.count() == TARGET
        into.close()
        results[fmt] = (export, dry, real, target.stat().st_size / 2**20)
        if baseline is not None:
            results["baseline"] = baseline
    source.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = results["baseline"]
    print(f"\nbaseline (read and json.loads the {results['json'][3]:.0f} MB JSON): {base:.2f} s")
    for fmt in ("json", "csv"):
        export, dry, real, size = results[fmt]
        print(f"{fmt} ({size:.0f} MB): export {export:.1f} s ({export / base:.1f}x), "
              f"dry run {dry:.1f} s ({dry / base:.1f}x), import {real:.1f} s "
              f"({real / base:.1f}x)")
    print(f"peak memory of the process {peak:.0f} MB")
