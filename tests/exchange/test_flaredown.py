"""Flaredown's two layouts come in faithfully: every rating, treatment, dose, tag and food
placed or listed, the same file twice (under any time zone) adds nothing."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime

import pytest

from fibromap.domain.atlas import load_atlas
from fibromap.domain.vocabulary import TermKind
from fibromap.exchange.body_words import read_symptom
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from fibromap.exchange.record_kinds import counted_kind
from fibromap.i18n import _
from fibromap.store import aggregates
from tests.helpers.refusals import fits
from tests.helpers.starting import run_fibromap

PER_PERSON = (
    "Date,Fibromyalgia,Muscle spasms,Fatigue,Left knee pain,Neck and shoulder pain,"
    "Hand tremor,Ibuprofen,Amitriptyline,Heat,Old thing,Tags,Foods\n"
    "2026-03-01,3,4,2,3,2,1,400 mg,10 mg,1,,stress; period,coffee; Sourdough Bread\n"
    "2026-03-02,3,2,,0,1,,,10 mg,,,,rice\n"
    "2026-03-03,2,1,3,,,,200 mg,10 mg,,,cold,\n"
    "2026-03-04,2,,,,,,,25 mg,,,,\n")
HEAD = "user_id,age,sex,country,checkin_date,trackable_id,trackable_type,trackable_name,trackable_value\n"


def research(*rows: str) -> str:
    return HEAD + "".join(row + "\n" for row in rows)


TWO_PEOPLE = research(
    "QEVuQwEA,31,female,US,2026-03-01,1,Condition,Fibromyalgia,3",
    "QEVuQwEA,31,female,US,2026-03-01,2,Symptom,Muscle spasms,4",
    "QEVuQwEA,31,female,US,2026-03-01,3,Symptom,Left knee pain,3",
    "QEVuQwEA,31,female,US,2026-03-01,4,Symptom,Fatigue,",
    "QEVuQwEA,31,female,US,2026-03-01,5,Treatment,Pregabalin,75 mg",
    "QEVuQwEA,31,female,US,2026-03-01,6,Tag,stress,",
    "QEVuQwEA,31,female,US,2026-03-01,7,Food,Oats,",
    "QEVuQwEA,31,female,US,2026-03-01,8,Weather,temperature_max,12",
    "QEVuQwEA,31,female,US,2026-03-02,5,Treatment,Pregabalin,75 mg",
    "QEVuQwEA,31,female,US,2026-03-02,2,Symptom,Muscle spasms,2",
    "QEVuQwEA,31,female,US,2026-03-03,5,Treatment,Pregabalin,75 mg",
    "QEVuQwEB,45,male,GB,2026-03-02,9,Symptom,Upper back,2")


def ratings(store) -> dict[tuple[date, str], int]:
    return {(r.day, r.symptom): r.rating for r in store.symptoms.between()}


def test_the_per_person_export_is_read_column_by_column_and_says_how(store):
    report = import_text(store, PER_PERSON, "flaredown.csv")
    text = "\n".join(report.details)
    assert "'Ibuprofen': a treatment" in text and "'Amitriptyline': a treatment" in text
    assert "'Fatigue': a symptom rated 0–4" in text
    assert "'Fibromyalgia': a condition" in text
    assert "'Old thing': never filled in" in text
    # Every rating kept on its day, on 0-10, blanks not recorded.
    kept = ratings(store)
    assert kept[date(2026, 3, 1), "Muscle spasms"] == 10
    assert kept[date(2026, 3, 2), "Muscle spasms"] == 5
    assert kept[date(2026, 3, 1), "Hand tremor"] == 3
    assert kept[date(2026, 3, 2), "Left knee pain"] == 0
    # Fatigue is a question of the check-in: it fills the day's answer, not a rating.
    assert not any(symptom == "Fatigue" for _day, symptom in kept)
    assert [(c.day, c.fatigue) for c in store.checkins.between()] == [
        (date(2026, 3, 1), 5), (date(2026, 3, 2), None), (date(2026, 3, 3), 8),
        (date(2026, 3, 4), None)]
    assert len(kept) == 12  # the 14 filled rating cells of the file less the 2 of Fatigue
    assert "'Fatigue' → fatigue (0–10, mapped as above)" in text
    assert "10 blank ratings (not recorded that day)" in text


def test_body_symptoms_become_day_only_flares_with_sides(store):
    import_text(store, PER_PERSON, "flaredown.csv")
    flares = store.flares.between()
    assert [f.onset.date() for f in flares] == [date(2026, 3, 1), date(2026, 3, 2)]
    first, second = flares
    assert first.day_only and first.onset == datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert {(s.region, s.intensity) for s in first.sites} == {
        ("knee_front.left", 8), ("posterior_neck.left", 5), ("posterior_neck.right", 5),
        ("upper_trapezius.left", 5), ("upper_trapezius.right", 5)}
    # The knee was rated 0 on the second day: only the neck and shoulders are in pain.
    assert {s.region for s in second.sites} == {"posterior_neck.left", "posterior_neck.right",
                                                "upper_trapezius.left", "upper_trapezius.right"}
    assert first.triggers == frozenset({"stress"})
    assert {(t.treatment, t.medication, t.dose) for t in first.treatments} == {
        ("medication", "Ibuprofen", "400 mg"), ("medication", "Amitriptyline", "10 mg"),
        ("heat", "", "")}
    # Day-only flares have no hour: nothing in the hour-of-day figures.
    assert aggregates.time_of_day(store.database) == [0] * 24


def test_doses_become_medication_periods_and_every_tag_and_treatment_has_a_place(store):
    import_text(store, PER_PERSON, "flaredown.csv")
    # Three days in a row on 10 mg make a regimen; 25 mg once and ibuprofen now and then
    # stay on their days.
    assert [(m.name, m.dose, m.start, m.stop) for m in store.medications.all()] == [
        ("Amitriptyline", "10 mg", date(2026, 3, 1), date(2026, 3, 3))]
    first = store.checkins.get(date(2026, 3, 1))
    assert first.foods == frozenset({"coffee", "Sourdough Bread"})  # as written (issue 33)
    for said in ("Ibuprofen 400 mg", "Amitriptyline 10 mg", "Heat 1", "#stress", "#period"):
        assert said in first.notes
    # A day with no body symptom keeps its treatments and tags too.
    assert "#cold" in store.checkins.get(date(2026, 3, 3)).notes
    assert "Amitriptyline 25 mg" in store.checkins.get(date(2026, 3, 4)).notes
    assert store.checkins.get(date(2026, 3, 1)).sleep_hours is None  # blank = not recorded


@pytest.mark.parametrize("value", ["0", "1", "2", "3", "4", "2.0"])
def test_the_0_to_4_scale_is_mapped_as_stated(store, value):
    report = import_text(store, research(f"u,1,f,GB,2026-03-01,1,Symptom,Nausea,{value}",
                                         f"u,1,f,GB,2026-03-01,2,Symptom,Fatigue,{value}"), "f")
    expected = math.floor(float(value) * 2.5 + 0.5)  # times 2.5, halves rounded up
    assert ratings(store) == {(date(2026, 3, 1), "Nausea"): expected}
    assert store.checkins.get(date(2026, 3, 1)).fatigue == expected  # the same mapping
    assert "0, 1, 2, 3, 4 became 0, 3, 5, 8, 10" in report.details[0]


def test_a_medication_period_ends_at_a_new_dose_a_day_without_it_or_a_week_apart():
    from fibromap.exchange.flaredown_records import periods

    def day(n):
        return date(2026, 1, n)

    taken = {"Pregabalin": [(day(1), "75 mg"), (day(2), "75 mg"), (day(3), "75 mg"),
                            (day(4), "150 mg"), (day(5), "150 mg"), (day(6), "150 mg"),
                            (day(20), "150 mg"), (day(21), "150 mg"), (day(22), "150 mg")],
             "Ibuprofen": [(day(1), "400 mg"), (day(3), "400 mg"), (day(5), "400 mg")]}
    recorded = [day(n) for n in range(1, 23)]
    assert [(m.name, m.dose, m.start.day, m.stop.day) for m in periods(taken, recorded)] == [
        ("Pregabalin", "75 mg", 1, 3), ("Pregabalin", "150 mg", 4, 6),
        ("Pregabalin", "150 mg", 20, 22)]
    # Entries a week apart with nothing recorded between are one regimen (weekly check-ins).
    weekly = {"Pregabalin": [(day(1), "75 mg"), (day(8), "75 mg"), (day(15), "75 mg")]}
    assert [(m.start.day, m.stop.day) for m in periods(weekly, [day(1), day(8), day(15)])] == [
        (1, 15)]


def test_a_file_of_two_people_is_never_merged(store):
    with pytest.raises(ImportRefused) as refusal:
        import_text(store, TWO_PEOPLE, "research.csv", dry_run=True)
    [problem] = refusal.value.problems
    assert problem.where == "user_id"
    people = fits(problem.message, "the file holds the records of {n} people, and they are never "
                  "merged into one record: choose one with --person ID (in the app, pick one in "
                  "the import window). People: {people}", n=2)["people"]
    assert "QEVuQwEA" in people and "QEVuQwEB" in people
    assert store.symptoms.count() == 0
    import_text(store, TWO_PEOPLE, "research.csv", person="QEVuQwEB")
    assert ratings(store) == {(date(2026, 3, 2), "Upper back"): 5}
    with pytest.raises(ImportRefused) as refusal:
        import_text(store, TWO_PEOPLE, "research.csv", person="nobody")
    [problem] = refusal.value.problems
    assert problem.where == "user_id"
    fits(problem.message, "there is no person {person} in the file; it holds {people}",
         person="'nobody'", people="QEVuQwEA, QEVuQwEB")


def test_the_research_layout_keeps_what_it_used_to_drop(store):
    report = import_text(store, TWO_PEOPLE, "research.csv", person="QEVuQwEA")
    assert ratings(store) == {(date(2026, 3, 1), "Fibromyalgia"): 8,
                              (date(2026, 3, 1), "Muscle spasms"): 10,
                              (date(2026, 3, 1), "Left knee pain"): 8,
                              (date(2026, 3, 2), "Muscle spasms"): 5}
    [flare] = store.flares.between()
    assert [(s.region, s.intensity) for s in flare.sites] == [("knee_front.left", 8)]
    assert [(m.name, m.dose, m.start, m.stop) for m in store.medications.all()] == [
        ("Pregabalin", "75 mg", date(2026, 3, 1), date(2026, 3, 3))]
    assert "Pregabalin 75 mg" in store.checkins.get(date(2026, 3, 2)).notes
    text = "\n".join(report.details)
    assert "1 weather reading" in text and "1 blank rating" in text


@pytest.mark.parametrize("name, regions", [
    ("Left knee pain", {"knee_front.left"}),
    ("Right shoulder pain", {"upper_trapezius.right"}),
    ("Neck and shoulder pain", {"posterior_neck.left", "posterior_neck.right",
                                "upper_trapezius.left", "upper_trapezius.right"}),
    ("Back of head", {"occiput"}),
    ("Upper back", {"erector_upper.left", "erector_upper.right"}),
    ("Lower back pain", {"erector_lower.left", "erector_lower.right"}),
    ("Left hip and right knee", {"trochanter.left", "gluteus_medius.left", "knee_front.right"}),
    ("Abdominal pain", {"upper_abdomen", "lower_abdomen"}),
    ("Wrist", {"wrist_front.left", "wrist_front.right", "wrist_back.left", "wrist_back.right"}),
    ("Elbow", {"elbow_front.left", "elbow_front.right", "elbow_back.left", "elbow_back.right"}),
    ("Ankle", {"ankle_front.left", "ankle_front.right", "achilles.left", "achilles.right"}),
    ("Right tennis elbow", {"lateral_epicondyle.right"}),
    ("Golfer's elbow", {"medial_epicondyle.left", "medial_epicondyle.right"}),
    ("Tailbone pain", {"coccyx"}), ("Pelvic floor pain", {"pelvic_floor.left", "pelvic_floor.right"}),
    ("Hand tremor", set()), ("Muscle spasms", set()), ("Fatigue", set()), ("Brain fog", set()),
])
def test_symptom_names_are_read_with_their_sides_and_every_body_word(name, regions):
    assert set(read_symptom(name, load_atlas()).regions) == regions


def test_the_person_can_place_a_symptom_elsewhere(store):
    text = research("u,1,f,GB,2026-03-01,1,Symptom,Back pain,3",
                    "u,1,f,GB,2026-03-01,2,Symptom,Muscle spasms,4")
    import_text(store, text, "f", regions={"Back pain": ("erector_mid.left",),
                                           "Muscle spasms": ("gastrocnemius.right",)})
    [flare] = store.flares.between()
    assert {(s.region, s.intensity) for s in flare.sites} == {("erector_mid.left", 8),
                                                              ("gastrocnemius.right", 10)}


def test_a_blank_value_is_not_recorded_and_a_wrong_one_is_placed(store):
    import_text(store, research("u,1,f,GB,2026-03-01,1,Symptom,Neck pain,",
                                "u,1,f,GB,2026-03-02,1,Symptom,Neck pain,1"), "f")
    assert ratings(store) == {(date(2026, 3, 2), "Neck pain"): 3}
    wrong = PER_PERSON.replace("2026-03-03,2,1,3,", "2026-03-03,2,1,high,")
    with pytest.raises(ImportRefused) as refusal:
        import_text(store, wrong, "f")
    assert "line 4, column Fatigue" in str(refusal.value)


def test_day_only_flares_keep_their_precision_in_every_export(store, tmp_path):
    import_text(store, PER_PERSON, "flaredown.csv")
    document = json.loads(export_text(store, "json"))
    assert document["flares"][0]["onset"] == "2026-03-01" and document["flares"][0]["day_only"]
    csv_text = export_text(store, "csv")
    row = csv_text.splitlines()[1].split(",")
    assert row[1:5] == ["2026-03-01", "2026-03-01", "", ""]
    bundle = json.loads(export_text(store, "fhir"))
    times = [e["resource"].get("effectiveDateTime") for e in bundle["entry"]
             if e["resource"]["resourceType"] == "Observation"]
    assert set(times) == {"2026-03-01", "2026-03-02"}
    for fmt in ("json", "csv"):
        again = import_text(store, export_text(store, fmt), f"again.{fmt}")
        assert again.result.added.get("flares") == 0


def test_the_same_file_under_two_time_zones_adds_nothing_the_second_time(tmp_path):
    source = tmp_path / "flaredown.csv"
    source.write_text(PER_PERSON, encoding="utf-8")
    home = tmp_path / "home"
    first = run_fibromap(home, "import", str(source), timeout=60,
                         env={"TZ": "America/Los_Angeles"})
    assert first.returncode == 0, first.stderr
    assert counted_kind(2, "flares") in first.stdout and _("nothing new") not in first.stdout
    for zone in ("Asia/Tokyo", "Pacific/Kiritimati", "UTC"):
        again = run_fibromap(home, "import", str(source), timeout=60, env={"TZ": zone})
        assert again.returncode == 0 and _("nothing new") in again.stdout, again.stdout


def test_the_command_line_takes_a_person_and_a_correction(tmp_path):
    source = tmp_path / "research.csv"
    source.write_text(TWO_PEOPLE, encoding="utf-8")
    home = tmp_path / "home"
    refused = run_fibromap(home, "import", str(source), timeout=60)
    assert refused.returncode != 0 and "--person" in refused.stderr
    dry = run_fibromap(home, "import", "--dry-run", "--person", "QEVuQwEB", "--map",
                       "Upper back=erector_upper.left", str(source), timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert "'Upper back' → upper back (erector spinae) (left)" in dry.stdout
    would = fits(dry.stdout, "Dry run, nothing written. Would have {outcome}", whole=False)
    assert would["outcome"] == _("added {things}").format(things=", ".join(
        [counted_kind(1, "flares"), counted_kind(1, "symptom ratings")]))
    bad = run_fibromap(home, "import", "--person", "QEVuQwEB", "--map", "Upper back=elbow",
                       str(source), timeout=60)
    assert bad.returncode != 0
    fits(bad.stderr, "unknown body region {region}", whole=False, region="'elbow'")


def test_the_command_line_shows_progress_on_a_terminal_and_not_in_a_pipe(tmp_path):
    import os
    import pty
    import subprocess

    from tests.helpers.starting import FIBROMAP

    source = tmp_path / "flaredown.csv"
    source.write_text(PER_PERSON, encoding="utf-8")
    env = {**os.environ, "FIBROMAP_HOME": str(tmp_path / "home")}
    env.pop("FIBROMAP_DATABASE_URL", None)
    leader, follower = pty.openpty()
    result = subprocess.run([str(FIBROMAP), "import", "--dry-run", str(source)], env=env,
                            stdout=subprocess.PIPE, stderr=follower, timeout=60)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert result.returncode == 0
    assert b"\rReading" in shown and b"\rWriting" in shown
    assert shown.endswith(b"\r")  # the line is cleared before the summary
    piped = run_fibromap(tmp_path / "home", "import", "--dry-run", str(source), timeout=60)
    assert piped.returncode == 0 and piped.stderr == ""


def test_symptoms_that_are_check_in_questions_fill_the_day_s_check_in(store):
    report = import_text(store, research(
        "u,1,f,GB,2026-03-01,1,Symptom,Pain,3",
        "u,1,f,GB,2026-03-01,2,Symptom,Stiffness,1",
        "u,1,f,GB,2026-03-01,3,Symptom,Brain fog,4",
        "u,1,f,GB,2026-03-01,4,Symptom,Unrefreshing sleep,2",
        "u,1,f,GB,2026-03-01,5,Condition,Fibromyalgia,3",
        "u,1,f,GB,2026-03-02,3,Symptom,Brain fog,3",
        "u,1,f,GB,2026-03-02,6,Symptom,Memory problems,1",
        "u,1,f,GB,2026-03-03,3,Symptom,Brain-fog,1",
        "u,1,f,GB,2026-03-04,5,Condition,Fibromyalgia,4"), "f")
    answers = {c.day: (c.pain, c.stiffness, c.fibro_fog, c.waking_unrefreshed)
               for c in store.checkins.between()}
    # 0-10 answers as every rating (3 -> 8, 1 -> 3); 0-3 answers three quarters, halves up
    # (4 -> 3, 2 -> 1.5 -> 2, 3 -> 2.25 -> 2, 1 -> 0.75 -> 1); two fog symptoms on a day:
    # the higher. The condition is never overall pain: no check-in on its day alone.
    assert answers == {date(2026, 3, 1): (8, 3, 3, 2), date(2026, 3, 2): (None, None, 2, None),
                       date(2026, 3, 3): (None, None, 1, None)}
    assert ratings(store) == {(date(2026, 3, 1), "Fibromyalgia"): 8,
                              (date(2026, 3, 4), "Fibromyalgia"): 10}
    text = "\n".join(report.details)
    assert "'Pain' → overall pain (0–10, mapped as above)" in text
    assert ("'Brain fog' → fibro fog (0–3, the ACR 2016 levels: 0, 1, 2, 3, 4 became "
            "0, 1, 2, 2, 3, three quarters with halves rounded up)") in text
    assert "'Unrefreshing sleep' → waking unrefreshed (0–3" in text
    assert "'Fibromyalgia' (a condition) stays a daily rating" in text
    assert "not taken as overall pain" in text
    assert "Not imported: 1 check-in answer (given twice on one day: the highest kept)" in text


@pytest.mark.parametrize("value, level", [("0", 0), ("1", 1), ("2", 2), ("3", 2), ("4", 3),
                                          ("2.0", 2)])
def test_a_0_to_4_rating_becomes_a_0_to_3_level_as_stated(store, value, level):
    import_text(store, research(f"u,1,f,GB,2026-03-01,1,Symptom,Fibro fog,{value}"), "f")
    assert store.checkins.get(date(2026, 3, 1)).fibro_fog == level == math.floor(
        float(value) * 3 / 4 + 0.5)
    assert ratings(store) == {}


def test_a_treatment_that_is_no_medicine_stays_a_treatment_whatever_its_amount(store):
    """Issue 33: "Heating pad 10 mg" on three days in a row became a medication period."""
    days = "".join(f"2026-03-0{d},2,10 mg,,\n" for d in (1, 2, 3))
    import_text(store, "Date,Muscle spasms,Heating pad,Tags,Foods\n" + days, "flaredown.csv")
    assert store.medications.all() == []
    labels = {t.key: t.label for t in store.vocabulary.terms(TermKind.TREATMENT)}
    assert labels.get("heating_pad") == "Heating pad"
    assert "Heating pad 10 mg" in store.checkins.get(date(2026, 3, 2)).notes
