"""The FHIR export is a Bundle a receiving system can file: valid FHIR R4 (4.0.1, checked
with fhirclient's models, generated from the R4 specification) and R4B (4.3.0, with the
fhir.resources models), with a Patient every Observation refers to, each flare's
Observations grouped, the flare's period when its length is known, and no empty arrays."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhirclient.models.bundle import Bundle as R4Bundle

from fibromap.exchange.fhir_format import SOURCE, fhir_birth_date
from fibromap.exchange.files import export_text
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME
from tests.helpers.records import at, full_flare


def bundle_of(store) -> tuple[Bundle, dict]:
    """The export, validated as FHIR R4B and as FHIR R4 (either raises if it is not)."""
    text = export_text(store, "fhir")
    document = json.loads(text)
    R4Bundle(document, strict=True)
    return Bundle.model_validate_json(text), document


def resources(document, kind):
    return [e["resource"] for e in document.get("entry", [])
            if e["resource"]["resourceType"] == kind]


def test_an_empty_database_gives_a_valid_bundle_without_entries(store):
    bundle, document = bundle_of(store)
    assert bundle.type == "collection" and "entry" not in document
    assert document["meta"]["source"] == SOURCE


def test_every_observation_has_the_patient_as_subject_and_flares_group_their_sites(store):
    long_one = full_flare()  # 5400 s, four regions
    open_ended = full_flare(onset=at(2026, 4, 2, 9), duration_seconds=None, notes="")
    store.flares.add_many([long_one, open_ended])
    bundle, document = bundle_of(store)
    assert len(bundle.entry) == 1 + (4 + 1) + (4 + 1)  # a patient, then sites and a flare each
    [patient] = resources(document, "Patient")
    assert "name" not in patient and "birthDate" not in patient  # anonymous
    patient_url = f"urn:uuid:{patient['id']}"
    assert bundle.entry[0].fullUrl == patient_url
    observations = resources(document, "Observation")
    assert all(o["subject"] == {"reference": patient_url} for o in observations)
    assert all(o["meta"]["source"] == SOURCE for o in observations + [patient])
    by_url = {e["fullUrl"]: e["resource"] for e in document["entry"]}
    flares = [o for o in observations if "hasMember" in o]
    assert len(flares) == 2
    for flare in flares:
        members = [by_url[m["reference"]] for m in flare["hasMember"]]
        assert len(members) == 4
        assert all(m["code"]["coding"][0]["code"] == "72514-3" for m in members)
        assert all(("effectivePeriod" in m) == ("effectivePeriod" in flare) for m in members)
    timed = next(f for f in flares if "effectivePeriod" in f)
    start = datetime.fromisoformat(timed["effectivePeriod"]["start"])
    end = datetime.fromisoformat(timed["effectivePeriod"]["end"])
    assert end - start == timedelta(seconds=5400) and start == long_one.onset
    untimed = next(f for f in flares if "effectiveDateTime" in f)
    assert datetime.fromisoformat(untimed["effectiveDateTime"]) == open_ended.onset
    assert "note" not in untimed and timed["note"][0]["text"] == long_one.notes
    values = sorted(m["valueInteger"] for m in observations if "valueInteger" in m)
    assert values == sorted([8, 6, 5, 3] * 2)


def test_the_patient_carries_the_name_and_birth_date_given_for_the_report(store):
    store.flares.add(full_flare())
    store.notes.put(PATIENT_NAME, "Alex Example")
    store.notes.put(PATIENT_BIRTH_DATE, "12.03.1970")
    bundle, document = bundle_of(store)
    [patient] = resources(document, "Patient")
    assert patient["name"] == [{"text": "Alex Example"}]
    assert patient["birthDate"] == "1970-03-12"
    assert str(bundle.entry[0].resource.birthDate) == "1970-03-12"


@pytest.mark.parametrize("typed, written", [
    ("1970-03-12", "1970-03-12"), ("1970", "1970"), ("1970-03", "1970-03"),
    ("12.3.1970", "1970-03-12"), ("31.02.1970", None), ("March 1970", None), ("", None),
    ("1970-13", None),
])
def test_a_birth_date_goes_to_fhir_only_when_it_is_a_date(typed, written):
    assert fhir_birth_date(typed) == written


def test_exporting_twice_gives_the_same_ids(store):
    store.flares.add(full_flare())
    first, second = (json.loads(export_text(store, "fhir")) for _ in range(2))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
