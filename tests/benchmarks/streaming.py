"""The streaming rows of the benchmark suite (issue 33, deliverable 8): FibroMap JSON
imported and checked as streams, beside json.load and a bare expat pass (suite.py)."""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from tests.benchmarks import programs


def streaming_rows(suite) -> None:
    """FibroMap JSON imported and checked as streams (issue 33, deliverable 8): memory
    flat in the file's size, beside json.load of the same file and a bare expat pass
    over as much XML. The million flares are imported once (four minutes a run)."""
    from tests.benchmarks import suite as _suite
    from tests.helpers.big_export import write_big_json_export
    from tests.helpers.device_exports import write_big_apple_export

    def step(name: str, path: Path, home: Path | None = None) -> dict:
        home = home or Path(tempfile.mkdtemp(dir=suite.folder))
        return _suite._program(programs.STREAMING, _suite._env(home), name, str(path))

    def median(runs: list[dict], key: str) -> tuple[float, float]:
        values = [run[key] for run in runs]
        return statistics.median(values), max(values) - min(values)

    peaks = {}
    for flares, runs in ((100_000, suite.runs), (1_000_000, 1)):
        export, xml = suite.folder / f"{flares} flares.json", suite.folder / "as much.xml"
        megabytes = write_big_json_export(export, flares) / 2**20
        write_big_apple_export(xml, round(megabytes))
        homes = [Path(tempfile.mkdtemp(dir=suite.folder)) for _ in range(runs)]
        imports = [step("import", export, home) for home in homes]
        expat = [step("expat", xml) for _ in range(runs)]
        xml.unlink()
        name = f"FibroMap JSON import, {flares:,} flares ({megabytes:.0f} MB)"
        peaks[flares] = median(imports, "rss")
        if flares == 100_000:
            loads = [step("json.load", export) for _ in range(runs)]
            suite.add(name, median(imports, "seconds"), "s", "< 10 s", 10,
                     median(loads, "seconds")[0], "json.load of the file", absolute=True)
            suite.add(f"{name}, against expat", median(imports, "seconds"), "s",
                     "shown only", float("inf"), median(expat, "seconds")[0],
                     f"expat over {megabytes:.0f} MB of XML")
            suite.add("memory of that import (peak)", peaks[flares], "MB", "< 300 MB", 300,
                     median(loads, "rss")[0], "json.load of the file", absolute=True)
            checks = [step("check", export, home) for home in homes]
            suite.add(f"fibromap check, {flares:,} flares", median(checks, "seconds"), "s",
                     "shown only", float("inf"), median(loads, "seconds")[0],
                     "json.load of the export")
            suite.add("memory of that check (peak)", median(checks, "rss"), "MB", "< 300 MB",
                     300, median(loads, "rss")[0], "json.load of the export", absolute=True)
        else:
            suite.add(name, median(imports, "seconds"), "s", "shown only", float("inf"),
                     median(expat, "seconds")[0], f"expat over {megabytes:.0f} MB of XML")
            suite.add("memory of that import (peak)", peaks[flares], "MB", "< 300 MB", 300,
                     median(expat, "rss")[0], f"expat over {megabytes:.0f} MB of XML",
                     absolute=True)
            suite.add("memory of an import: 1,000,000 flares against 100,000", peaks[flares],
                     "MB", "≤ 1.5× (flat)", 1.5, peaks[100_000][0], "100,000 flares")
        export.unlink()
        for home in homes:
            shutil.rmtree(home)
