"""FHIR R4: a collection Bundle a receiving system can file.

- One Patient: the name and birth date given for the report, or an anonymous Patient
  when none were given. Every Observation names it as its subject.
- One Observation per body region marked in a flare (LOINC 72514-3, the 0–10 pain
  score), with its body site and role. A referred zone not rated has no value but a
  ``dataAbsentReason`` (unknown: "referred, not rated").
- One Observation per flare that groups them (``hasMember``).
- From each day's check-in, one Observation per answer given (an unanswered question has
  none): overall pain today with LOINC 72514-3 (the 0–10 pain score); stiffness (0–10),
  thinking and memory ("fibro fog", 0–3) and waking unrefreshed (0–3) with FibroMap's
  own codes (CHECKIN_SYSTEM), as LOINC has no code for them on these scales. Each is of
  its day ("2026-03-01"), with the scale in its ``code.text``.
- The time is ``effectivePeriod`` when the flare's length is known; a flare still going
  has an ``effectivePeriod`` with no end (FHIR's "ongoing"); one whose length was not
  given has ``effectiveDateTime`` (the onset) and its flare Observation says "length not
  given" in a component with a ``dataAbsentReason``. A flare known only to the day has
  just its date ("2026-03-01", a dateTime of day precision) and no time at all.
- Every resource says where it came from in ``meta.source``, and the Bundle has no
  ``entry`` when there is nothing to send (FHIR forbids empty arrays).

Identifiers are derived from the flare's fingerprint, so exporting twice gives the same
ids. The tests validate the Bundle with the fhir.resources models of FHIR R4B (4.3.0),
which for Bundle, Patient and Observation have the structure of R4 (4.0.1).
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from fibromap import __version__
from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, utc_now
from fibromap.domain.records import Records, flare_fingerprint, in_export_order
from fibromap.store.bulk import read_all
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME
from fibromap.store.store import Store

REGION_SYSTEM = "https://fibromap.org/fhir/CodeSystem/body-region"
FLARE_SYSTEM = "https://fibromap.org/fhir/flare"
SOURCE = f"https://fibromap.org/fhir/source/fibromap-{__version__}"
PAIN_SCORE = {"system": "http://loinc.org", "code": "72514-3",
              "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
FLARE_CODE = {"system": "https://fibromap.org/fhir/CodeSystem/record", "code": "flare",
              "display": "Muscle spasm flare"}
SURVEY = [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                       "code": "survey", "display": "Survey"}]}]
ROLES = {"spasm": "spasm", "trigger_point": "trigger point", "referred": "referred pain"}
ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"


def _unknown(text: str) -> dict[str, Any]:
    return {"coding": [{"system": ABSENT, "code": "unknown", "display": "Unknown"}], "text": text}


CHECKIN_SYSTEM = "https://fibromap.org/fhir/CodeSystem/checkin"
CHECKIN_IDS = "https://fibromap.org/fhir/checkin"
# A check-in's answer: its coding and the words of its scale.
CHECKIN_CODES = {
    "pain": (PAIN_SCORE, "Overall pain today (0-10: 0 no pain, 10 worst imaginable)"),
    "stiffness": ({"system": CHECKIN_SYSTEM, "code": "stiffness", "display": "Stiffness"},
                  "Stiffness today (0-10: 0 none, 10 very stiff)"),
    "fibro_fog": ({"system": CHECKIN_SYSTEM, "code": "fibro-fog",
                   "display": "Thinking and memory problems (fibro fog)"},
                  "Thinking and memory problems today (0-3: 0 no problem, 1 mild, "
                  "2 moderate, 3 severe; ACR 2016 symptom severity levels)"),
    "waking_unrefreshed": ({"system": CHECKIN_SYSTEM, "code": "waking-unrefreshed",
                            "display": "Waking unrefreshed"},
                           "Waking unrefreshed today (0-3: 0 no problem, 1 mild, 2 moderate, "
                           "3 severe; ACR 2016 symptom severity levels)"),
}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join((FLARE_SYSTEM, *parts))))


def fhir_birth_date(text: str) -> str | None:
    """A birth date as FHIR writes it (YYYY, YYYY-MM or YYYY-MM-DD), from what the person
    typed (those, or day.month.year); None when it is not a date."""
    text = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        return text if len(text) == 4 or 1 <= int(text[5:]) <= 12 else None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            return datetime.strptime(text, "%d.%m.%Y").date().isoformat()
    except ValueError:
        return None
    return None


def _patient(notes: dict[str, str]) -> dict[str, Any]:
    name = notes.get(PATIENT_NAME, "").strip()
    born = fhir_birth_date(notes.get(PATIENT_BIRTH_DATE, ""))
    patient: dict[str, Any] = {"resourceType": "Patient",
                               "id": _id("patient", name, born or ""),
                               "meta": {"source": SOURCE}}
    if name:
        patient["name"] = [{"text": name}]
    if born:
        patient["birthDate"] = born
    return patient


def _when(flare: Flare) -> dict[str, Any]:
    start = flare.onset.date().isoformat() if flare.day_only else flare.onset.isoformat()
    if flare.still_going:  # a Period without an end is ongoing
        return {"effectivePeriod": {"start": start}}
    if flare.day_only or flare.duration_seconds is None:
        return {"effectiveDateTime": start}
    end = flare.onset + timedelta(seconds=flare.duration_seconds)
    return {"effectivePeriod": {"start": start, "end": end.isoformat()}}


def _entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}


def to_bundle(records: Records, atlas: Atlas) -> dict[str, Any]:
    patient = _patient(records.notes)
    subject = {"reference": f"urn:uuid:{patient['id']}"}
    entries = []
    for flare in in_export_order(records.flares):
        mark = flare_fingerprint(flare)
        members = []
        for site in flare.sites:
            identity = _id(mark, site.region)
            observation: dict[str, Any] = {
                "resourceType": "Observation", "id": identity, "meta": {"source": SOURCE},
                "identifier": [{"system": FLARE_SYSTEM, "value": f"{mark}/{site.region}"}],
                "status": "final", "category": SURVEY,
                "code": {"coding": [PAIN_SCORE], "text": "Muscle spasm pain intensity (0-10)"},
                "subject": subject, **_when(flare),
                **({"valueInteger": site.intensity} if site.intensity is not None
                   else {"dataAbsentReason": _unknown("referred, not rated")}),
                "bodySite": {"coding": [{"system": REGION_SYSTEM, "code": site.region,
                                         "display": atlas.name(site.region)}],
                             "text": atlas.name(site.region)},
                "component": [{"code": {"text": "role of the site"},
                               "valueString": ROLES[site.role.value]}],
            }
            members.append({"reference": f"urn:uuid:{identity}"})
            entries.append(_entry(observation))
        flare_observation: dict[str, Any] = {
            "resourceType": "Observation", "id": _id(mark), "meta": {"source": SOURCE},
            "identifier": [{"system": FLARE_SYSTEM, "value": mark}],
            "status": "final", "category": SURVEY,
            "code": {"coding": [FLARE_CODE], "text": "Muscle spasm flare"},
            "subject": subject, **_when(flare), "hasMember": members,
        }
        if not flare.length_given:
            flare_observation["component"] = [{"code": {"text": "length of the flare"},
                                               "dataAbsentReason": _unknown("not given")}]
        if flare.notes:
            flare_observation["note"] = [{"text": flare.notes}]
        entries.append(_entry(flare_observation))
    entries += _checkin_entries(records.checkins, subject)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle", "type": "collection",
        "timestamp": utc_now().replace(microsecond=0).isoformat(),
        "meta": {"source": SOURCE,
                 "tag": [{"system": "https://fibromap.org", "code": f"fibromap-{__version__}"}]},
    }
    if entries:
        bundle["entry"] = [_entry(patient)] + entries
    return bundle


def _checkin_entries(checkins: list[CheckIn], subject: dict[str, str]) -> list[dict[str, Any]]:
    """An Observation for each answer of CHECKIN_CODES given in a check-in, by day."""
    entries = []
    for checkin in sorted(checkins, key=lambda c: c.day):
        day = checkin.day.isoformat()
        for name, (coding, words) in CHECKIN_CODES.items():
            value = getattr(checkin, name)
            if value is None:
                continue
            entries.append(_entry({
                "resourceType": "Observation", "id": _id("checkin", day, name),
                "meta": {"source": SOURCE},
                "identifier": [{"system": CHECKIN_IDS, "value": f"{day}/{name}"}],
                "status": "final", "category": SURVEY,
                "code": {"coding": [coding], "text": words},
                "subject": subject, "effectiveDateTime": day, "valueInteger": value,
            }))
    return entries


def write_export(store: Store, handle: TextIO) -> None:
    """The whole database as one FHIR R4 Bundle."""
    handle.write(json.dumps(to_bundle(read_all(store), load_atlas()), indent=1) + "\n")
