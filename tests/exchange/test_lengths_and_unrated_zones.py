"""Exports say a flare's length honestly (given, still going, or not given) and keep a
referred zone the person did not rate as unrated; each comes back on import. Files from
before still_going still import: a flare with no length reads as not given."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from fhir.resources.R4B.bundle import Bundle

from fibromap.domain.records import flare_fingerprint
from fibromap.exchange.fhir_codes import REGION_SYSTEM
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from tests.helpers.records import at, full_flare, temple_flare
from tests.helpers.refusals import fits, says

GOING = temple_flare()                                                 # still going, unrated
UNSAID = temple_flare(onset=at(2026, 3, 31, 7), still_going=False)     # length not given
TIMED = full_flare()                                                   # 1 h 30 min


def bare(flares):
    return sorted((replace(f, id=None, created=None, modified=None) for f in flares),
                  key=lambda f: f.onset_utc)


def same(flares) -> list[tuple]:
    """What a CSV keeps of each flare (it lists referrals by zone: their order may change)."""
    return sorted((flare_fingerprint(f), f.still_going, f.unrated_zones) for f in flares)


@pytest.fixture
def three(sqlite_store):
    sqlite_store.flares.add_many([GOING, UNSAID, TIMED])
    return sqlite_store


def test_json_carries_still_going_and_null_for_an_unrated_zone_and_reads_them_back(three, second):
    text = export_text(three, "json")
    flares = json.loads(text)["flares"]
    assert [(f["duration_seconds"], f["still_going"]) for f in flares] == [
        (5400, False), (None, True), (None, False)]
    assert flares[1]["sites"][1] == {"region": "temple.left", "intensity": None, "role": "referred"}
    assert flares[1]["referrals"] == [{"from": "masseter.left", "to": "temple.left", "intensity": None}]
    assert import_text(second, text, "backup").result.added["flares"] == 3
    assert bare(second.flares.between()) == bare([GOING, UNSAID, TIMED])
    assert json.loads(export_text(second, "json"))["flares"] == flares


def test_a_json_from_before_still_going_reads_a_flare_with_no_length_as_not_given(three, second):
    document = json.loads(export_text(three, "json"))
    # Written before the field: a still-going flare could not be said, so it is not here.
    document["flares"] = [f for f in document["flares"] if not f.pop("still_going")]
    assert import_text(second, json.dumps(document), "old").result.added["flares"] == 2
    assert [(f.duration_seconds, f.still_going) for f in second.flares.between()] == [
        (5400, False), (None, False)]


def test_csv_says_still_going_leaves_an_unrated_intensity_empty_and_reads_both_back(three, second):
    text = export_text(three, "csv")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    temple = [r for r in rows if r["region"] == "temple.left" and not r["duration_seconds"]]
    assert [r["still_going"] for r in temple] == ["true", "false"]
    assert {(r["intensity"], r["referred_from"]) for r in temple} == {("", "masseter.left=")}
    assert {r["still_going"] for r in rows if r["duration_seconds"] == "5400"} == {"false"}
    assert import_text(second, text, "sheet").result.added["flares"] == 3
    assert same(second.flares.between()) == same([GOING, UNSAID, TIMED])


def test_a_csv_from_before_still_going_reads_no_length_as_not_given(three, second):
    rows = list(csv.reader(io.StringIO(export_text(three, "csv"), newline="")))
    assert rows[0][-1] == "still_going"
    old = [row[:-1] for row in rows if row[-1] != "true"]  # a still-going flare had no place
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(old)
    assert import_text(second, out.getvalue(), "old sheet").result.added["flares"] == 2
    assert same(second.flares.between()) == same([UNSAID, TIMED])


def test_a_csv_cell_saying_still_going_must_be_true_or_false(three, second):
    text = export_text(three, "csv").replace(",true\r\n", ",yes\r\n")
    with pytest.raises(ImportRefused) as told:
        import_text(second, text, "edited")
    first = told.value.problems[0]
    fits(first.where, "line {line}, column {column}", column="still_going")
    says(first.message, "{cell} should be true or false", cell="'yes'")
    assert second.flares.count() == 0  # nothing half-imported


def test_a_csv_source_left_unrated_is_refused_at_its_cell(three, second):
    text = export_text(three, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    masseter = next(i for i, row in enumerate(rows) if row[14] == "masseter.left")
    rows[masseter][16] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    with pytest.raises(ImportRefused) as told:
        import_text(second, out.getvalue(), "edited")
    first = told.value.problems[0]
    fits(first.where, "line {line}, column {column}", column="intensity")
    says(first.message, "give an intensity (0–10) for {region}: only a referred zone may be left "
         "unrated", region="masseter.left")


def test_fhir_says_ongoing_not_given_and_not_rated_in_its_own_terms(three):
    text = export_text(three, "fhir")
    Bundle.model_validate_json(text)  # still valid FHIR
    observations = [e["resource"] for e in json.loads(text)["entry"]
                    if e["resource"]["resourceType"] == "Observation"]
    flares = {o["effectivePeriod"]["start"] if "effectivePeriod" in o else o["effectiveDateTime"]: o
              for o in observations if "hasMember" in o}
    going, unsaid = flares[GOING.onset.isoformat()], flares[UNSAID.onset.isoformat()]
    assert going["effectivePeriod"] == {"start": GOING.onset.isoformat()}  # no end: ongoing
    assert "component" not in going
    assert "effectivePeriod" not in unsaid
    assert unsaid["component"][0]["dataAbsentReason"]["text"] == "not given"
    assert "end" in flares[TIMED.onset.isoformat()]["effectivePeriod"]
    absent = [(coding["code"], o["dataAbsentReason"]["text"])
              for o in observations if "bodySite" in o and "valueInteger" not in o
              for coding in o["bodySite"]["coding"] if coding["system"] == REGION_SYSTEM]
    assert absent == [("temple.left", "referred, not rated")] * 2  # the rated temple has 5
