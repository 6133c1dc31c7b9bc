"""Big FibroMap JSON exports, written as a stream: ten years of demo history repeated back
in time (as tests/benchmarks/test_import_export.py builds its 100,000 flares), and past
the twelve copies that fit after 1900 again with each onset moved by a few microseconds,
so that a million flares are each their own (no two share an onset) and never all exist
at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from fibromap.demo import DemoHistory, generate
from fibromap.domain.flare import Flare
from fibromap.domain.records import Records
from fibromap.exchange.json_format import write

DECADE = 3650
COPIES_BACK = 12  # decades that fit between 1900 and today


def decade() -> DemoHistory:
    return generate(days=DECADE, seed=11)


def copies(history: DemoHistory, flares: int) -> Iterator[list[tuple[Flare, str]]]:
    """``flares`` flares, a decade's copy at a time (the writer's chunks)."""
    made, copy = 0, 0
    while made < flares:
        shift = timedelta(days=DECADE * (copy % COPIES_BACK),
                          microseconds=copy // COPIES_BACK)
        part = [(dataclasses.replace(f, onset=f.onset - shift, created=None, modified=None), "")
                for f in history.flares[:flares - made]]
        made += len(part)
        copy += 1
        yield part


def write_big_json_export(path: Path, flares: int) -> int:
    """A FibroMap JSON export of ``flares`` flares (and a decade of the rest) at ``path``;
    returns its size in bytes."""
    history = decade()
    rest = Records(checkins=history.checkins, medications=history.medications,
                   questionnaires=list(history.questionnaires))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        write(handle, rest, copies(history, flares))
    return path.stat().st_size
