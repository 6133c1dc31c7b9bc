"""FHIR R4: a collection Bundle a receiving system can file, written as it goes.

- One Patient: the name and birth date given for the report, or an anonymous Patient
  when none were given. Every Observation names it as its subject.
- One Observation per body region marked in a flare (LOINC 72514-3, the 0–10 pain
  score), with its body site (SNOMED CT, its side, and FibroMap's own code: see
  fhir_codes.py) and its role. A referred zone not rated has no value but a
  ``dataAbsentReason`` (unknown: "referred, not rated").
- One Observation per flare that groups them (``hasMember``; SNOMED CT 45352006 Spasm and
  FibroMap's own code). Its notes are its ``note``: a note longer than FHIR's 1 MB for a
  string goes in several annotations, in order, each at most 1 MB of UTF-8.
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

The Bundle is written an entry a line while the flares are read a few thousand at a time,
so 100,000 flares never exist as one document in memory. Identifiers are derived from the
flare's fingerprint, so exporting twice gives the same ids. The tests validate the Bundle
against FHIR R4 (4.0.1, with fhirclient's models) and R4B (4.3.0, with fhir.resources).
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import chain
from typing import Any, TextIO

from fibromap import __version__
from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, utc_now
from fibromap.domain.records import Records
from fibromap.errors import FibroMapError
from fibromap.exchange.fhir_codes import FLARE_CODE, PAIN_SCORE, SPASM, body_site, role_component
from fibromap.i18n import _
from fibromap.store.bulk import read_all
from fibromap.store.bulk_flares import flares_in_chunks
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME
from fibromap.store.store import Store

FLARE_SYSTEM = "https://fibromap.org/fhir/flare"
SOURCE = f"https://fibromap.org/fhir/source/fibromap-{__version__}"
SURVEY = [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                       "code": "survey", "display": "Survey"}]}]
ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
STRING_BYTES = 1024 * 1024  # FHIR: a string SHALL NOT exceed 1 MB


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


_ID_START = hashlib.sha1(uuid.NAMESPACE_URL.bytes + f"{FLARE_SYSTEM}/".encode())


def _id(*parts: str) -> str:
    """uuid5(NAMESPACE_URL, FLARE_SYSTEM/parts…) as text, worked out without the uuid
    module's objects (a few hundred thousand of them in a big export)."""
    digest = _ID_START.copy()
    digest.update("/".join(parts).encode())
    raw = bytearray(digest.digest()[:16])
    raw[6], raw[8] = raw[6] & 0x0F | 0x50, raw[8] & 0x3F | 0x80  # version 5, RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


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


def in_pieces(text: str, limit: int = STRING_BYTES) -> list[str]:
    """``text`` in order, in pieces of at most ``limit`` bytes of UTF-8 each, cut only
    between characters (FHIR's strings stop at 1 MB)."""
    data = text.encode("utf-8")
    pieces, start = [], 0
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a character
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start = end
    return pieces


def _patient(notes: dict[str, str]) -> dict[str, Any]:
    name = notes.get(PATIENT_NAME, "").strip()
    born = fhir_birth_date(notes.get(PATIENT_BIRTH_DATE, ""))
    patient: dict[str, Any] = {"resourceType": "Patient",
                               "id": _id("patient", name, born or ""),
                               "meta": {"source": SOURCE}}
    if len(name.encode("utf-8")) > STRING_BYTES:
        raise FibroMapError(_("The name given for the report is longer than FHIR allows "
                              "(1 MB): please shorten it, then export again."))
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


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, check_circular=False)


def _members(value: dict[str, Any]) -> str:
    """A JSON object's members without its braces, to be joined with others into one."""
    return _dump(value)[1:-1]


def _entry_text(identity: str, members: Iterable[str]) -> str:
    return f'{{"fullUrl":"urn:uuid:{identity}","resource":{{{",".join(members)}}}}}'


class _Writer:
    """The entries of one export as JSON text, from parts each written once (what every
    site's Observation shares, a region's body site with a role), so that 100,000 flares
    cost little more than their own values."""

    def __init__(self, atlas: Atlas, subject: dict[str, str]):
        self.atlas, self.subject = atlas, subject
        self.meta = {"source": SOURCE}
        self.shared = _members({
            "meta": self.meta, "status": "final", "category": SURVEY,
            "code": {"coding": [PAIN_SCORE], "text": "Muscle spasm pain intensity (0-10)"},
            "subject": subject})
        self.unrated = _members({"dataAbsentReason": _unknown("referred, not rated")})
        self.places: dict[tuple[str, str], str] = {}

    def place(self, region: str, role: str) -> str:
        """A site's body site and role, written once for each region and role."""
        if (region, role) not in self.places:
            self.places[region, role] = _members({"bodySite": body_site(region, self.atlas),
                                                  "component": [role_component(role)]})
        return self.places[region, role]

    def flare(self, flare: Flare, mark: str) -> Iterator[str]:
        """The entries of a flare (``mark``: its fingerprint): an Observation for each
        site, then the one grouping them."""
        when = _when(flare)
        timed, members = _members(when), []
        for site in flare.sites:
            identity = _id(mark, site.region)
            members.append({"reference": f"urn:uuid:{identity}"})
            value = (self.unrated if site.intensity is None
                     else f'"valueInteger":{int(site.intensity)}')
            yield _entry_text(identity, (
                f'"resourceType":"Observation","id":"{identity}"',
                _members({"identifier": [{"system": FLARE_SYSTEM,
                                          "value": f"{mark}/{site.region}"}]}),
                self.shared, timed, value, self.place(site.region, site.role.value)))
        grouping: dict[str, Any] = {
            "resourceType": "Observation", "id": _id(mark), "meta": self.meta,
            "identifier": [{"system": FLARE_SYSTEM, "value": mark}],
            "status": "final", "category": SURVEY,
            "code": {"coding": [SPASM, FLARE_CODE], "text": "Muscle spasm flare"},
            "subject": self.subject, **when, "hasMember": members,
        }
        if not flare.length_given:
            grouping["component"] = [{"code": {"text": "length of the flare"},
                                      "dataAbsentReason": _unknown("not given")}]
        if flare.notes:
            grouping["note"] = [{"text": piece} for piece in in_pieces(flare.notes)]
        yield _dump(_entry(grouping))

    def checkins(self, checkins: list[CheckIn]) -> Iterator[str]:
        """An Observation for each answer of CHECKIN_CODES given in a check-in, by day."""
        for checkin in sorted(checkins, key=lambda c: c.day):
            day = checkin.day.isoformat()
            for name, (coding, words) in CHECKIN_CODES.items():
                value = getattr(checkin, name)
                if value is None:
                    continue
                yield _dump(_entry({
                    "resourceType": "Observation", "id": _id("checkin", day, name),
                    "meta": self.meta,
                    "identifier": [{"system": CHECKIN_IDS, "value": f"{day}/{name}"}],
                    "status": "final", "category": SURVEY,
                    "code": {"coding": [coding], "text": words},
                    "subject": self.subject, "effectiveDateTime": day, "valueInteger": value,
                }))


def write_bundle(handle: TextIO, records: Records, atlas: Atlas,
                 flare_chunks: Iterable[list[tuple[Flare, str]]]) -> None:
    """The Bundle, written an entry a line as it is made: ``records`` without its flares,
    which come in ``flare_chunks`` (flares and fingerprints in export order, a chunk at a
    time, as the store reads them)."""
    patient = _patient(records.notes)
    writer = _Writer(atlas, {"reference": f"urn:uuid:{patient['id']}"})
    entries = chain((entry for chunk in flare_chunks for flare, mark in chunk
                     for entry in writer.flare(flare, mark)), writer.checkins(records.checkins))
    first = next(entries, None)
    handle.write(_dump({
        "resourceType": "Bundle", "type": "collection",
        "timestamp": utc_now().replace(microsecond=0).isoformat(),
        "meta": {"source": SOURCE,
                 "tag": [{"system": "https://fibromap.org", "code": f"fibromap-{__version__}"}]},
    })[:-1])
    if first is None:  # nothing to send: no entry at all (FHIR forbids an empty one)
        handle.write("}\n")
        return
    handle.write(',\n"entry": [\n' + _dump(_entry(patient)) + ",\n" + first)
    for entry in entries:
        handle.write(",\n" + entry)
    handle.write("\n]}\n")


def write_export(store: Store, handle: TextIO) -> None:
    """The whole database as one FHIR R4 Bundle, its flares read a few thousand at a time."""
    write_bundle(handle, read_all(store, with_flares=False), load_atlas(),
                 flares_in_chunks(store.database))
