"""Every input an import can meet is refused cleanly, at the right line and column, with
nothing written, and the dry run says exactly what the real run does."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from fibromap.domain.day_bounds import date_range_text, latest_day
from fibromap.domain.questionnaires import SSS_SOMATIC, SSS_SYMPTOMS
from fibromap.errors import FibroMapError
from fibromap.exchange.file_text import MAX_IMPORT_BYTES
from fibromap.exchange.files import import_file, import_text
from tests.helpers.exchange import exported, refused
from tests.helpers.records import at, full_flare
from tests.helpers.refusals import fits, says
from tests.helpers.starting import run_fibromap

SSS_ANSWERS = {**{item: 1 for item in SSS_SYMPTOMS}, **{item: False for item in SSS_SOMATIC}}


def test_a_broken_character_in_a_note_is_refused_at_its_place(sqlite_store, paths, tmp_path):
    """JSON can spell half a surrogate pair ("\\ud800"); no database can store it."""
    document = json.loads(exported(paths, tmp_path))
    text = json.dumps(document).replace('"notes": "', '"notes": "ok \\ud83d then', 1)
    refused(sqlite_store, text, "flares[0]", "notes holds a broken character (U+D83D")


# -- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize("year", ["0001", "1899", "9999"])
def test_an_onset_outside_1900_to_tomorrow_is_refused_at_its_place(sqlite_store, paths,
                                                                   tmp_path, year):
    document = json.loads(exported(paths, tmp_path))
    document["flares"][0]["onset"] = f"{year}-01-01T00:10:00+05:00"
    refused(sqlite_store, json.dumps(document), "flares[0]", "is outside 1900-01-01 to")
    csv_text = exported(paths, tmp_path, fmt="csv")
    moved = csv_text.replace("2026-03-29T01:45:12+01:00", f"{year}-01-01T01:45:12+01:00")
    refused(sqlite_store, moved, "line 2, column onset", "is outside 1900-01-01 to")


def test_the_range_ends_a_day_after_today(sqlite_store, paths, tmp_path):
    today = date.today()
    tomorrow = datetime.combine(today + timedelta(days=1), datetime.min.time(),
                                timezone(timedelta(hours=2))).replace(hour=20)
    fine = full_flare(onset=tomorrow)
    early = full_flare(onset=datetime(1900, 1, 1, 8, 0, tzinfo=timezone.utc))
    document = json.loads(exported(paths, tmp_path, [fine, early]))
    report = import_text(sqlite_store, json.dumps(document), "the file")
    assert report.result.added["flares"] == 2
    document["flares"][1]["onset"] = (tomorrow + timedelta(days=1)).isoformat()
    document["flares"][1]["notes"] = "two days ahead"
    refused(sqlite_store, json.dumps(document), "flares[1].onset", "is outside")


@pytest.mark.parametrize("name, field, value", [
    ("checkins", "day", "9999-12-31"), ("checkins", "day", "0001-01-01"),
    ("appointments", "day", "1850-06-01"), ("medications", "start", "0001-01-01"),
    ("medications", "stop", "9999-12-31"), ("questionnaires", "day", "9999-01-01"),
])
def test_days_out_of_range_are_refused_in_every_list(sqlite_store, name, field, value):
    item = {"checkins": {"day": "2026-03-01"}, "appointments": {"day": "2026-03-01"},
            "medications": {"name": "Amitriptyline", "dose": "10 mg", "start": "2026-03-01"},
            "questionnaires": {"kind": "sss", "day": "2026-03-01", "answers": SSS_ANSWERS}}[name]
    document = {"format": "fibromap", "version": 1, name: [{**item, field: value}]}
    refused(sqlite_store, json.dumps(document), f"{name}[0].{field}", "is outside 1900-01-01")


def test_stats_never_meets_a_flare_from_year_9999(tmp_path):
    document = {"format": "fibromap", "version": 1, "flares": [
        {"onset": "9999-12-31T23:00:00+00:00", "sites": [
            {"region": "upper_trapezius.left", "intensity": 5}]}]}
    (tmp_path / "far.json").write_text(json.dumps(document))
    result = run_import(tmp_path, tmp_path / "far.json")
    assert result.returncode == 1 and date_range_text(latest_day()) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


# -- files that are not files --------------------------------------------------------------
def run_import(tmp_path, target) -> subprocess.CompletedProcess:
    return run_fibromap(tmp_path / "home", "import", str(target), timeout=30)


def test_a_device_is_refused_without_reading_it(tmp_path):
    result = run_import(tmp_path, "/dev/zero")  # would eat memory for ever if read
    assert result.returncode == 1
    fits(result.stderr.strip(), "{path} is not a regular file (a device, a pipe or a socket), so it "
         "cannot be an export", whole=False, path="/dev/zero")


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # nobody ever writes to it: reading would wait for ever
    result = run_import(tmp_path, fifo)
    assert result.returncode == 1
    fits(result.stderr.strip(), "{path} is not a regular file (a device, a pipe or a socket), so it "
         "cannot be an export", whole=False, path=fifo)


def test_a_huge_sparse_file_is_refused_by_its_size_unread(tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used, nothing to read
    result = run_import(tmp_path, huge)
    assert result.returncode == 1
    fits(result.stderr.strip(), "{path} is more than {size} MB, more than an export can be",
         whole=False, path=huge, size=MAX_IMPORT_BYTES // 2**20)


def test_a_folder_is_named_as_a_folder(sqlite_store, tmp_path):
    with pytest.raises(FibroMapError) as told:
        import_file(sqlite_store, tmp_path)
    says(told.value, "{path} is a folder, not a file", path=tmp_path)


# -- CSV that says something else than it seems --------------------------------------------
def set_cells(text: str, column: str, value: str, row: int | None = None) -> str:
    """``text`` with ``column`` set to ``value`` in data row ``row`` (1 is the first row
    after the header), or in every data row."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text, newline="")))
    index = rows[0].index(column)
    for cells in rows[1:] if row is None else [rows[row]]:
        cells[index] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize("column, value, message", [
    ("intensity", "1_0", "'1_0' is not a whole number"),
    ("intensity", "+7", "'+7' is not a whole number"),
    ("intensity", " 7", "not a whole number"),
    ("intensity", "11", "intensity must be between 0 and 10"),
    ("region", "nose.left", "unknown body region 'nose.left'"),
    ("role", "cramp", "unknown role 'cramp' (one of spasm, trigger_point, referred)"),
    ("region_name", "Left calf",
     "'Left calf' is not the name of temple.left (Left temple (temporalis))"),
    ("region_name", "Right temple", "'Right temple' is not the name of temple.left"),
    ("local_date", "2026-03-30", "does not agree with the onset"),
    ("local_time", "02:45:12", "does not agree with the onset"),
    ("utc_offset_minutes", "120", "does not agree with the onset"),
    ("onset", "2026-03-29T01:45:12", "has no UTC offset"),
    ("impacts", "sleep=9", "impact on sleep must be between 0 and 3"),
    ("impacts", "typing=1", "impact must be on walking"),
    ("referred_from", "nose.left=3", "unknown body region 'nose.left'"),
    ("referred_from", "brow_eye.left=3", "the pain cannot spread from brow_eye.left"),
    ("duration_seconds", "1e3", "'1e3' is not a whole number"),
    ("treatments", "heat=x", "'x' is not a whole number"),
    ("flare_id", "0123456789abcdef0123", "does not match this flare's onset, regions"),
])
def test_each_csv_problem_is_placed_at_its_own_line_and_column(sqlite_store, paths, tmp_path,
                                                               column, value, message):
    if column in ("region", "intensity", "role", "region_name", "referred_from"):
        # A site's own cell, on the third row (each row one line: notes without a break).
        one_line = [full_flare(notes="one line, so that each row is one line")]
        text = set_cells(exported(paths, tmp_path, one_line, fmt="csv"), column, value, row=3)
        where = f"line 4, column {column}"
    else:  # a flare-wide cell: every row of the flare carries it
        text = set_cells(exported(paths, tmp_path, fmt="csv"), column, value)
        where = f"line 2, column {column}"
    refused(sqlite_store, text, f"{where}: ", message)


def test_a_csv_written_before_a_region_was_renamed_still_imports(sqlite_store, paths, tmp_path):
    """temple.left was "Left temple" before the catalogue named the temporalis."""
    one_line = [full_flare(notes="one line, so that each row is one line")]
    text = exported(paths, tmp_path, one_line, fmt="csv")
    assert "temple.left,Left temple (temporalis)," in text
    import_text(sqlite_store, set_cells(text, "region_name", "Left temple", row=3), "the file")
    assert sqlite_store.flares.count() == 1


def test_a_csv_cut_at_any_line_inside_a_flare_is_refused(sqlite_store, paths, tmp_path):
    text = exported(paths, tmp_path, [full_flare(), full_flare(onset=at(2026, 4, 2, 9))],
                    fmt="csv")
    lines = text.split("\r\n")
    assert len(lines) == 1 + 8 + 1  # the header, four rows for each flare, the last newline
    for keep in range(1, 9):
        cut = "\r\n".join(lines[:1 + keep]) + "\r\n"
        if keep % 4 == 0:  # between flares: a whole, smaller file
            assert import_text(sqlite_store, cut, "cut", dry_run=True).result.added["flares"] \
                == keep // 4
        else:
            refused(sqlite_store, cut, "column sites_in_flare", "may have been cut short")


def test_a_csv_from_before_site_counts_still_imports(sqlite_store, paths, tmp_path):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(exported(paths, tmp_path, fmt="csv"), newline="")))
    out = io.StringIO()
    # Before sites_in_flare, there was no still_going either: the last two columns.
    assert rows[0][-2:] == ["sites_in_flare", "still_going"]
    csv.writer(out, lineterminator="\n").writerows(row[:-2] for row in rows)
    assert import_text(sqlite_store, out.getvalue(), "old").result.added["flares"] == 1


# -- JSON that says something else than it seems -------------------------------------------
@pytest.mark.parametrize("version, message", [
    (0, "0 is not a FibroMap export version"), (-1, "-1 is not a FibroMap export version"),
    (True, "True is not a FibroMap export version"), ("1", "'1' is not a FibroMap export"),
    (None, "None is not a FibroMap export version"), (7, "written by a newer FibroMap (version 7)"),
])
def test_a_json_version_must_be_one_this_fibromap_knows(sqlite_store, version, message):
    refused(sqlite_store, json.dumps({"format": "fibromap", "version": version}),
            f"version: {message}")


def test_a_json_without_a_version_says_so(sqlite_store):
    refused(sqlite_store, json.dumps({"format": "fibromap", "flares": []}),
            "version: missing")


def test_two_different_flares_at_one_moment_on_one_region_are_a_contradiction(
        sqlite_store, paths, tmp_path):
    four = full_flare(notes="first")
    nine = replace(four, sites=(replace(four.sites[0], intensity=9),) + four.sites[1:],
                   notes="second")
    document = json.loads(exported(paths, tmp_path, [four, nine]))
    refused(sqlite_store, json.dumps(document), "flares[1].region",
            "also recorded, differently, at flares[0]", "the file contradicts itself")
    csv_text = exported(paths, tmp_path, [four, nine], fmt="csv")
    refused(sqlite_store, csv_text, "column region", "the file contradicts itself")


def test_the_same_flare_twice_in_one_file_is_refused_as_a_check_in_twice_is(sqlite_store, paths,
                                                                            tmp_path):
    """One rule for anything given twice in a file (issue 33): it was merged silently."""
    document = json.loads(exported(paths, tmp_path))
    document["flares"].append(document["flares"][0])
    refused(sqlite_store, json.dumps(document), "flares[1].onset: the flare of 2026-03-29 01:45 "
            "is given twice (also at flares[0].onset)")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(exported(paths, tmp_path, fmt="csv"), newline="")))
    again = rows[1:]  # the same flare again, after the first
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows + again)
    refused(sqlite_store, out.getvalue(), "one row more of the flare on line 2")


@pytest.mark.parametrize("name, item, where", [
    ("checkins", {"day": "2026-03-01", "stress": 3}, "checkins[1].day: a check-in for 2026-03-01 "
                                                     "is given twice (also at checkins[0].day)"),
    ("appointments", {"day": "2026-03-01"}, "appointments[1].day: an appointment on 2026-03-01"),
    ("questionnaires", {"kind": "sss", "day": "2026-03-01", "answers": SSS_ANSWERS},
     "questionnaires[1].day: the SSS questionnaire of 2026-03-01 is given twice"),
    ("words", {"kind": "trigger", "key": "pollen", "label": "Pollen"},
     "words[1].key: the word 'pollen' (trigger) is given twice (also at words[0])"),
])
def test_anything_given_twice_in_one_file_is_named_by_the_dry_run_and_the_import_alike(
        sqlite_store, name, item, where):
    document = {"format": "fibromap", "version": 1, name: [item, item]}
    refused(sqlite_store, json.dumps(document), where)


def test_a_medication_given_twice_in_one_file_is_taken_once_and_the_import_says_so(sqlite_store):
    """An export of a database from before copies were merged (Add pressed twice) holds
    the same medication twice: it imports, once, with the stop date typed in a copy."""
    copy = {"name": "Amitriptyline", "dose": "10 mg", "start": "2026-03-01"}
    document = {"format": "fibromap", "version": 1, "medications": [
        copy, {**copy, "stop": "2026-04-01"}, copy, {**copy, "dose": "25 mg"}]}
    for dry_run in (True, False):
        report = import_text(sqlite_store, json.dumps(document), "old.json", dry_run=dry_run)
        assert report.result.added["medications"] == 2
        assert report.details == ["Amitriptyline 10 mg from 2026-03-01 was given more than "
                                  "once; it is taken once, stopped 2026-04-01"]
    assert [(m.dose, m.stop) for m in sqlite_store.medications.all()] == [
        ("10 mg", date(2026, 4, 1)), ("25 mg", None)]


def test_a_dry_run_adds_up_exactly_as_the_import_then_does(sqlite_store, paths, tmp_path):
    from fibromap.cli import main

    source = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--database", source, "demo", "--into-records", "--days", "90", "--seed", "3"]) == 0
    export = tmp_path / "all.json"
    assert main(["--database", source, "export", "--format", "json", "-o", str(export)]) == 0
    sqlite_store.flares.add(full_flare())  # something already there
    trial = import_file(sqlite_store, export, dry_run=True)
    assert sqlite_store.flares.count() == 1
    real = import_file(sqlite_store, export)
    assert trial.summary() == real.summary()
    assert real.result.added["flares"] == sqlite_store.flares.count() - 1 > 100
