"""The FHIR export is written as it goes and keeps within FHIR's limits: a note longer
than the 1 MB a FHIR string may hold goes in several annotations, in order, none over
1 MB, and comes back whole when they are joined; the Bundle is written an entry at a time
while the flares are read a chunk at a time, so the memory it takes does not grow with
the number of flares (the 100,000-flare figure is in the benchmark suite)."""

from __future__ import annotations

import json
import tracemalloc
import uuid
from datetime import timedelta

import pytest

from fibromap.domain.atlas import load_atlas
from fibromap.errors import FibroMapError
from fibromap.exchange.fhir_format import _id, in_pieces, write_bundle
from fibromap.exchange.files import export_file
from fibromap.store.bulk import read_all
from fibromap.store.bulk_flares import flares_in_chunks, insert_many
from fibromap.store.notes import PATIENT_NAME
from tests.exchange.test_fhir import bundle_of, resources
from tests.helpers.records import at, full_flare
from tests.helpers.refusals import says

MB = 1024 * 1024


def test_a_ten_megabyte_note_goes_in_annotations_of_at_most_one_megabyte(store):
    # Two-, three- and four-byte characters, so pieces end at a character's edge.
    note = "Cramp at night — Nacht-Krämpfe 夜のけいれん 🌙\n" * 190_000
    assert len(note.encode()) > 10 * MB
    store.flares.add(full_flare(notes=note))
    _bundle, document = bundle_of(store)  # valid R4 and R4B
    [flare] = [o for o in resources(document, "Observation") if "hasMember" in o]
    pieces = [annotation["text"] for annotation in flare["note"]]
    assert len(pieces) > 1
    assert all(len(piece.encode()) <= MB for piece in pieces)
    assert "".join(pieces) == note


def test_pieces_of_text_end_between_characters():
    text = "añ€🌙" * 10  # 1, 2, 3 and 4 bytes
    for limit in range(4, 12):
        pieces = in_pieces(text, limit)
        assert "".join(pieces) == text
        assert all(0 < len(p.encode()) <= limit for p in pieces)
    assert in_pieces("") == [] and in_pieces("short") == ["short"]


def test_ids_stay_those_of_earlier_exports():
    # Worked out with hashlib for speed: the same uuid5 as before.
    for parts in (("patient", "", ""), ("abc123", "upper_trapezius.left"), ("abc123",)):
        expected = uuid.uuid5(uuid.NAMESPACE_URL,
                              "/".join(("https://fibromap.org/fhir/flare", *parts)))
        assert _id(*parts) == str(expected)


def test_the_bundle_is_written_while_the_flares_are_read(store, tmp_path):
    flares = [full_flare(onset=at(2020, 1, 1) + timedelta(hours=7 * i), notes=f"night {i}")
              for i in range(300)]
    with store.database.transaction() as session:
        insert_many(session, flares)
    records, atlas = read_all(store, with_flares=False), load_atlas()
    target = tmp_path / "all.fhir.json"
    with open(target, "w", encoding="utf-8") as handle:
        tracemalloc.start()
        try:
            write_bundle(handle, records, atlas, flares_in_chunks(store.database, size=25))
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    size = target.stat().st_size
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["entry"]) == 1 + 300 * 5
    # Built whole, the Bundle alone would take more than the file; written as it goes,
    # what is held at once is a chunk of flares and an entry.
    assert peak < size / 4, (peak, size)


def test_a_name_for_the_report_over_one_megabyte_is_refused_plainly(store, tmp_path):
    store.flares.add(full_flare())
    store.notes.put(PATIENT_NAME, "Alex " * (MB // 4))
    target = tmp_path / "all.fhir.json"
    with pytest.raises(FibroMapError) as told:
        export_file(store, "fhir", target)
    says(told.value, "The name given for the report is longer than FHIR allows (1 MB): please "
         "shorten it, then export again.")
    assert not target.exists()  # no half-written file
