"""Overall pain, stiffness, fibro fog and waking unrefreshed leave and come back in every
export: FibroMap JSON, the check-in CSV (a row a day) and FHIR (pain with LOINC 72514-3).
An unanswered question is empty (null, an empty cell, no Observation), never 0."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fhir.resources.R4B.bundle import Bundle

from fibromap.domain.daily import CheckIn
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused

ANSWERED = CheckIn(date(2026, 3, 1), sleep_hours=6.5, sleep_quality=4, woken_by_spasms=2,
                   water_glasses=7, stress=3, fatigue=6, mood=5, activity_level=2,
                   foods=frozenset({"coffee", "bread"}), notes="=not a formula",
                   pain=7, stiffness=0, fibro_fog=2, waking_unrefreshed=3)
PARTLY = CheckIn(date(2026, 3, 2), pain=4, notes="only pain")
NONE_OF_THEM = CheckIn(date(2026, 3, 3), stress=5)

# Written out by hand from the column list of exchange/checkin_csv.py.
CSV = ("day,pain,stiffness,fibro_fog,waking_unrefreshed,sleep_hours,sleep_quality,"
       "woken_by_spasms,water_glasses,stress,fatigue,mood,activity_level,foods,notes\r\n"
       "2026-03-01,7,0,2,3,6.5,4,2,7,3,6,5,2,bread; coffee,'=not a formula\r\n"
       "2026-03-02,4,,,,,,,,,,,,,only pain\r\n"
       "2026-03-03,,,,,,,,,5,,,,,\r\n")


@pytest.fixture
def answered(store):
    store.checkins.put_many([ANSWERED, PARTLY, NONE_OF_THEM])
    return store


def test_json_carries_each_answer_and_null_for_one_not_given(answered, sqlite_store):
    text = export_text(answered, "json")
    days = {c["day"]: c for c in json.loads(text)["checkins"]}
    assert {k: days["2026-03-01"][k] for k in ("pain", "stiffness", "fibro_fog",
                                               "waking_unrefreshed")} == {
        "pain": 7, "stiffness": 0, "fibro_fog": 2, "waking_unrefreshed": 3}
    assert days["2026-03-02"]["stiffness"] is None and days["2026-03-03"]["pain"] is None
    import_text(sqlite_store, text, "all.json")
    assert sqlite_store.checkins.between() == [ANSWERED, PARTLY, NONE_OF_THEM]


def test_a_json_file_from_before_the_new_questions_imports_them_unanswered(store):
    old = {"format": "fibromap", "version": 1, "checkins": [
        {"day": "2026-03-01", "sleep_hours": 6.0, "sleep_quality": None,
         "woken_by_spasms": None, "water_glasses": None, "stress": 4, "fatigue": None,
         "mood": None, "activity_level": None, "foods": [], "notes": ""}]}
    import_text(store, json.dumps(old), "old.json")
    assert store.checkins.between() == [CheckIn(date(2026, 3, 1), sleep_hours=6.0, stress=4)]


def test_the_check_in_csv_is_a_row_a_day_with_empty_cells_for_no_answer(answered):
    assert export_text(answered, "checkins") == CSV


def test_the_check_in_csv_imports_back_exactly_and_twice_adds_nothing(sqlite_store):
    report = import_text(sqlite_store, CSV, "checkins.csv")
    assert report.format == "FibroMap check-in CSV"
    assert sqlite_store.checkins.between() == [ANSWERED, PARTLY, NONE_OF_THEM]
    again = import_text(sqlite_store, CSV, "checkins.csv")
    assert again.result.added["check-ins"] == 0 and again.result.already_there["check-ins"] == 3


@pytest.mark.parametrize("row, where, why", [
    ("2026-03-04,11,,,,,,,,,,,,,", "line 2, column pain", "overall pain must be between 0 and 10"),
    ("2026-03-04,,,4,,,,,,,,,,,", "line 2, column fibro_fog", "fibro fog must be between 0 and 3"),
    ("2026-03-04,,,,4,,,,,,,,,,", "line 2, column waking_unrefreshed",
     "waking unrefreshed must be between 0 and 3"),
    ("2026-03-04,,x,,,,,,,,,,,,", "line 2, column stiffness", "'x' is not a whole number"),
    ("2026-03-04,,,,,,,,,,,,,,", None, None),
    ("04/03/2026,5,,,,,,,,,,,,,", "line 2, column day", "'04/03/2026' is not a date"),
    ("2026-03-04,5,,,", "line 2", "has 5 columns, expected 15"),
])
def test_a_bad_cell_is_named_by_line_and_column_and_nothing_is_written(sqlite_store, row,
                                                                         where, why):
    text = CSV.split("\r\n")[0] + "\r\n" + row + "\r\n"
    if where is None:  # a day with nothing answered is a check-in with nothing answered
        import_text(sqlite_store, text, "c.csv")
        assert sqlite_store.checkins.between() == [CheckIn(date(2026, 3, 4))]
        return
    with pytest.raises(ImportRefused) as refusal:
        import_text(sqlite_store, text, "c.csv")
    assert f"{where}: {why}" in str(refusal.value)
    assert sqlite_store.checkins.count() == 0


def test_fhir_has_an_observation_per_answer_given_pain_with_its_loinc_code(answered):
    text = export_text(answered, "fhir")
    Bundle.model_validate_json(text)  # a valid R4 (R4B) Bundle
    observations = [e["resource"] for e in json.loads(text)["entry"]
                    if e["resource"]["resourceType"] == "Observation"]
    by_code = {(o["effectiveDateTime"], o["code"]["coding"][0]["code"]): o for o in observations}
    # 2026-03-01: four answers; 2026-03-02: pain only; 2026-03-03: none of the four.
    assert sorted(by_code) == [("2026-03-01", "72514-3"), ("2026-03-01", "fibro-fog"),
                               ("2026-03-01", "stiffness"), ("2026-03-01", "waking-unrefreshed"),
                               ("2026-03-02", "72514-3")]
    pain = by_code["2026-03-01", "72514-3"]
    assert pain["code"]["coding"][0]["system"] == "http://loinc.org"
    assert pain["valueInteger"] == 7 and pain["code"]["text"].startswith("Overall pain today")
    assert by_code["2026-03-01", "stiffness"]["valueInteger"] == 0  # answered 0 is kept
    assert by_code["2026-03-01", "fibro-fog"]["valueInteger"] == 2
    assert "0-3" in by_code["2026-03-01", "fibro-fog"]["code"]["text"]
    assert by_code["2026-03-02", "72514-3"]["valueInteger"] == 4
    assert len({o["id"] for o in observations}) == len(observations)
    again = json.loads(export_text(answered, "fhir"))["entry"]
    assert [e["fullUrl"] for e in again] == [e["fullUrl"] for e in json.loads(text)["entry"]]
