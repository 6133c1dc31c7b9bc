"""A big JSON import holds no more than a small one: the file is read a chunk at a time and
each batch of flares is written as soon as it is read (issue 33, deliverable 8). The
figures for 100,000 and 1,000,000 flares are the benchmark's (`make bench`)."""

from __future__ import annotations

import gc
import sys

import pytest

from fibromap.domain.flare import Flare
from fibromap.exchange import file_text
from fibromap.exchange.checks import BATCH
from fibromap.exchange.files import import_file
from tests.helpers.big_export import write_big_json_export

FLARES = 8_000  # four batches


@pytest.fixture(scope="module")
def big_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("big-export") / "8000 flares.json"
    write_big_json_export(path, FLARES, days=365)
    return path


def live_flares() -> int:
    return sum(isinstance(thing, Flare) for thing in gc.get_objects())


def test_an_import_keeps_no_flare_once_written(second, big_export):
    heard = []  # at each report of reading: how far, the flares alive, Python's memory blocks

    def progress(stage, done, total):
        if stage == "Reading" and total:
            heard.append((done, live_flares(), sys.getallocatedblocks()))

    before = live_flares()
    report = import_file(second, big_export, progress=progress)
    assert report.result.added["flares"] == FLARES
    # A report every thousand flares (then the check-ins), between two batches or just
    # after one was written: never is more than a batch alive (kept, there would be 8,000).
    flares = heard[:FLARES // 1_000]
    held = [alive - before for _done, alive, _blocks in flares]
    assert max(held) <= BATCH, held
    # Nor anything else of each flare (a set of fingerprints, the places of the check of
    # flares given twice, a list of problems, a cache of statements): Python holds as much
    # after the eighth thousand as after the second, each just after its batch was written.
    blocks = [blocks for _done, _alive, blocks in flares]
    assert blocks[7] - blocks[1] < 10_000, blocks  # all kept: some 40 blocks a flare


def test_a_json_file_bigger_than_any_file_read_whole_is_imported(second, tmp_path,
                                                                  monkeypatch):
    # Files read whole (CSV, Flaredown) stay capped; a JSON export, streamed, is not.
    export = tmp_path / "1000 flares.json"
    write_big_json_export(export, 1_000, days=365)
    monkeypatch.setattr(file_text, "MAX_IMPORT_BYTES", export.stat().st_size // 4)
    report = import_file(second, export, dry_run=True)
    assert report.result.added["flares"] == 1_000
