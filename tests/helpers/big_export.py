"""Big FibroMap JSON exports, written as a stream: a stretch of demo history repeated back
in time (as tests/benchmarks/test_import_export.py builds its 100,000 flares), and past the
copies that fit after 1900 again with each onset moved by a few microseconds, so that a
million flares are each their own (no two share an onset) and never all exist at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

from fibromap.demo import DemoHistory, generate
from fibromap.domain.flare import Flare
from fibromap.domain.records import Records
from fibromap.exchange.json_format import write

DECADE = 3650
YEARS_BACK = 120  # the copies that fit between 1900 and today


@cache
def history(days: int) -> DemoHistory:
    """Made once: ten years take a second."""
    return generate(days=days, seed=11)


def copies(stretch: DemoHistory, days: int, flares: int) -> Iterator[list[tuple[Flare, str]]]:
    """``flares`` flares, a copy of ``stretch`` (``days`` long) at a time: the writer's
    chunks."""
    made, copy, back = 0, 0, YEARS_BACK * 365 // days
    while made < flares:
        shift = timedelta(days=days * (copy % back), microseconds=copy // back)
        part = [(dataclasses.replace(f, onset=f.onset - shift, created=None, modified=None), "")
                for f in stretch.flares[:flares - made]]
        made += len(part)
        copy += 1
        yield part


def write_big_json_export(path: Path, flares: int, days: int = DECADE) -> int:
    """A FibroMap JSON export of ``flares`` flares, from copies of ``days`` of demo history
    (with that history's check-ins, medications and questionnaires), at ``path``; returns
    its size in bytes."""
    stretch = history(days)
    rest = Records(checkins=stretch.checkins, medications=stretch.medications,
                   questionnaires=list(stretch.questionnaires))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        write(handle, rest, copies(stretch, days, flares))
    return path.stat().st_size
