"""Imports read a file a record at a time, and exports write one as they read: whatever
way a file is laid out, it reads the same, and a mistake is still found at its place."""

from __future__ import annotations

import gc
import json
import random
from datetime import timedelta

import pytest

from fibromap.config import Paths, database_url
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.exchange import json_records
from fibromap.exchange.files import export_text, import_text, progress_text
from fibromap.exchange.problems import ImportRefused
from fibromap.store.store import Store
from tests.helpers.exchange import exported, refused
from tests.helpers.records import at, full_flare


def several_flares():
    return [full_flare(onset=at(2026, 3, day, 3 + day % 5)) for day in range(1, 8)]


def fingerprints(store) -> list[str]:
    return sorted(map(flare_fingerprint, store.flares.between()))


# -- JSON -----------------------------------------------------------------------------------
def test_a_json_export_laid_out_any_way_imports_the_same(sqlite_store, paths, tmp_path):
    text = exported(paths, tmp_path, several_flares())
    document = json.loads(text)
    reordered = dict(reversed(list(document.items())))  # format and version come last
    for layout in (json.dumps(document, indent=4), json.dumps(reordered),
                   json.dumps(document, separators=(",", ":")),
                   "\n\t " + json.dumps(reordered, indent="\t") + " \r\n"):
        report = import_text(sqlite_store, layout, "laid out", dry_run=True)
        assert report.result.added["flares"] == 7
    import_text(sqlite_store, json.dumps(reordered, indent=2), "reordered")
    assert len(fingerprints(sqlite_store)) == 7
    assert json.loads(export_text(sqlite_store, "json"))["flares"] == document["flares"]


@pytest.mark.parametrize("text", [
    '{"format": "fibromap", "version": 1, "flares": [1, 2,]}',
    '{"format": "fibromap", "version": 1, "flares": [] "checkins": []}',
    '{"format": "fibromap", "version": 1,\n\n  "flares": [{}  {}]}',
    '{"format": "fibromap", "version": 1, "flares": []} and more',
    '{"format": "fibromap", "version": 1, "flares": [{"a": }]}',
    '{"format": "fibromap" "version": 1}',
    '{"format": "fibromap", version: 1}',
    '{"format": "fibromap", "version": 1, "notes": {"a": "b"',
    '{"format": "fibromap", "version": 1,}',
    '{',
])
def test_broken_json_is_placed_where_python_s_own_reader_places_it(sqlite_store, text):
    with pytest.raises(json.JSONDecodeError) as reference:
        json.loads(text)
    place = f"line {reference.value.lineno}, column {reference.value.colno}"
    refused(sqlite_store, text, f"{place}: not valid JSON")


def test_a_list_given_twice_is_refused(sqlite_store, paths, tmp_path):
    flare = json.loads(exported(paths, tmp_path))["flares"][0]
    text = ('{"format": "fibromap", "version": 1, "flares": [%s], "flares": [%s]}'
            % (json.dumps(flare), json.dumps(flare)))
    refused(sqlite_store, text, "flares: is given twice")


def test_a_list_that_is_not_a_list_is_refused(sqlite_store):
    refused(sqlite_store, '{"format": "fibromap", "version": 1, "flares": {"a": 1}}',
            "flares: must be a list")
    refused(sqlite_store, '{"format": "fibromap", "version": 1, "checkins": null}',
            "checkins: must be a list")


def test_a_newer_file_is_refused_for_that_alone_wherever_its_version_stands(sqlite_store):
    text = '{"flares": [{"onset": "soon"}], "format": "fibromap", "version": 9}'
    refusal = refused(sqlite_store, text, "written by a newer FibroMap (version 9)")
    assert len(refusal.problems) == 1  # not also the flare this FibroMap cannot read


# -- CSV ------------------------------------------------------------------------------------
def test_csv_rows_in_any_order_import_the_same_flares(sqlite_store, paths, tmp_path):
    flares = several_flares()
    header, *rows = exported(paths, tmp_path, flares, fmt="csv").split("\r\n")[:-1]
    assert len(rows) == 4 * len(flares)
    random.Random(5).shuffle(rows)  # as a spreadsheet sorted on some other column would
    report = import_text(sqlite_store, "\r\n".join([header, *rows]) + "\r\n", "shuffled")
    assert report.result.added["flares"] == len(flares)
    assert fingerprints(sqlite_store) == sorted(map(flare_fingerprint, flares))


def test_a_row_more_than_a_flare_has_is_refused_at_that_row(sqlite_store, paths, tmp_path):
    flares = [full_flare(onset=at(2026, 3, day, 3), notes="one line") for day in (1, 2)]
    header, *rows = exported(paths, tmp_path, flares, fmt="csv").split("\r\n")[:-1]
    text = "\r\n".join([header, *rows[:4], rows[1], *rows[4:]]) + "\r\n"
    refused(sqlite_store, text, "line 6, column sites_in_flare: one row more of the flare on "
                                "line 2 than its sites_in_flare says")


def test_csv_lines_may_end_in_any_of_the_three_ways(sqlite_store, paths, tmp_path):
    text = exported(paths, tmp_path, several_flares()[:2], fmt="csv")
    for ending in ("\n", "\r"):
        report = import_text(sqlite_store, text.replace("\r\n", ending), "ending", dry_run=True)
        assert report.result.added["flares"] == 2


# -- progress and housekeeping ---------------------------------------------------------------
def test_progress_reads_as_a_person_would_say_it():
    assert progress_text("Reading", 0, 0) == "Reading…"
    assert progress_text("Reading", 22_120_200, 55_300_500) == "Reading: 40%"
    assert progress_text("Writing", 40_000, 100_000) == "Writing: 40,000 of 100,000 flares (40%)"


@pytest.fixture(scope="module")
def exports_of_2500_flares(tmp_path_factory) -> dict[str, str]:
    """A JSON and a CSV export of 2,500 flares (made once: saving them takes seconds)."""
    home = tmp_path_factory.mktemp("2500-flares")
    paths = Paths(home, home / "b", home / "l", home / "s.ini")
    store = Store.open(database_url(paths), paths)
    try:
        store.flares.add_many([full_flare(onset=at(2025, 1, 1, 0) + timedelta(hours=i))
                               for i in range(2_500)])
        return {fmt: export_text(store, fmt) for fmt in ("json", "csv")}
    finally:
        store.close()


def test_reading_reports_how_far_through_the_file_it_is(sqlite_store, exports_of_2500_flares):
    for fmt, text in exports_of_2500_flares.items():
        heard = []
        import_text(sqlite_store, text, fmt, dry_run=True,
                    progress=lambda stage, done, total: heard.append((stage, done, total)))
        reading = [(done, total) for stage, done, total in heard if stage == "Reading" and total]
        assert len(reading) == 2  # every thousand flares
        assert all(total == len(text) for _done, total in reading)
        assert 0 < reading[0][0] < reading[1][0] < len(text)
        assert reading[1][0] / len(text) == pytest.approx(2_000 / 2_500, abs=0.01)
        writing = [(done, total) for stage, done, total in heard if stage == "Writing" and total]
        assert writing[-1] == (2_500, 2_500)


def test_the_cycle_collector_runs_again_after_an_import_or_export(sqlite_store, paths, tmp_path):
    suite_choice = gc.isenabled()  # the suite collects between tests only (tests/conftest.py)
    gc.enable()
    try:
        text = exported(paths, tmp_path)
        import_text(sqlite_store, text, "fine", dry_run=True)
        assert gc.isenabled()
        with pytest.raises(ImportRefused):
            import_text(sqlite_store, text.replace('"fibromap"', '"other"', 1), "refused")
        assert gc.isenabled()
        export_text(sqlite_store, "csv")
        assert gc.isenabled()
        gc.disable()  # someone else's choice is left as it was (the app's: ui/worker.py)
        import_text(sqlite_store, text, "fine", dry_run=True)
        assert not gc.isenabled()
    finally:
        (gc.enable if suite_choice else gc.disable)()


def test_a_word_given_after_the_flares_using_it_is_found_all_the_same(sqlite_store, paths,
                                                                      tmp_path, monkeypatch):
    """An export lists the person's words first; a file laid out otherwise is read twice,
    the second time with its words written first, and imports the same."""
    monkeypatch.setattr(json_records, "BATCH", 2)  # flares written before the words come
    home = tmp_path / "source"
    source = Store.open(database_url(Paths(home, home / "b", home / "l", home / "s.ini")),
                        Paths(home, home / "b", home / "l", home / "s.ini"))
    trigger = source.vocabulary.add(TermKind.TRIGGER, "Loud concerts")
    flares = [full_flare(onset=at(2026, 3, day, 3), triggers=frozenset({trigger.key}))
              for day in range(1, 6)]
    source.flares.add_many(flares)
    document = json.loads(export_text(source, "json"))
    source.close()
    words_last = {name: value for name, value in document.items() if name != "words"}
    words_last["words"] = document["words"]
    report = import_text(sqlite_store, json.dumps(words_last), "words last")
    assert report.result.added["flares"] == 5 and report.result.added["words"] == 1
    assert fingerprints(sqlite_store) == sorted(map(flare_fingerprint, flares))
    # A word given nowhere is still refused, at each flare that uses it.
    del words_last["words"]
    refusal = refused(sqlite_store, json.dumps(words_last).replace(trigger.key, "unheard_of"),
                      "flares[0]: unknown trigger 'unheard_of'")
    assert refusal.total == 5
