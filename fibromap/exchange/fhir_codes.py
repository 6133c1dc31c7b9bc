"""The codes of FibroMap's FHIR export: standard ones where a standard has them, FibroMap's
own beside them always (so a reader that knows FibroMap loses nothing).

- A body region is a SNOMED CT body structure from resources/atlas/snomed_body_sites.json
  (a region's own structure, or a larger one it lies in where SNOMED CT has none that we
  could confirm), its side the HL7 extension ``observation-structureLaterality`` (HL7
  Extensions Pack, Orders and Observations; for ``Observation.bodySite`` in R4 and R5)
  with SNOMED CT's laterality qualifiers, and FibroMap's own region code beside them.
- A site's pain is LOINC 72514-3 (the 0–10 pain score); a flare is SNOMED CT 45352006
  (Spasm), with FibroMap's own code beside it.
- A site's role (spasm, trigger point, referred pain) has no standard code that we could
  confirm: it is FibroMap's own code, with its words.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from fibromap.config import resource
from fibromap.domain.atlas import Atlas, Side

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
REGION_SYSTEM = "https://fibromap.org/fhir/CodeSystem/body-region"
ROLE_SYSTEM = "https://fibromap.org/fhir/CodeSystem/site-role"
LATERALITY = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"
SIDES = {Side.LEFT: {"system": SNOMED, "code": "7771000", "display": "Left"},
         Side.RIGHT: {"system": SNOMED, "code": "24028007", "display": "Right"}}
PAIN_SCORE = {"system": LOINC, "code": "72514-3",
              "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
SPASM = {"system": SNOMED, "code": "45352006", "display": "Spasm"}
FLARE_CODE = {"system": "https://fibromap.org/fhir/CodeSystem/record", "code": "flare",
              "display": "Muscle spasm flare"}
ROLE_CODE = {"system": "https://fibromap.org/fhir/CodeSystem/component", "code": "site-role",
             "display": "Role of the site in the flare"}
# A role's code and words.
ROLES = {"spasm": ("spasm", "spasm"), "trigger_point": ("trigger-point", "trigger point"),
         "referred": ("referred", "referred pain")}


@cache
def snomed_body_sites() -> dict[str, dict[str, Any] | None]:
    """Each region stem's SNOMED CT body structure (None where none was confirmed)."""
    table = json.loads(resource("atlas", "snomed_body_sites.json").read_text(encoding="utf-8"))
    return table["regions"]


def body_site(region_id: str, atlas: Atlas) -> dict[str, Any]:
    """``Observation.bodySite`` for a region: its SNOMED CT structure (if it has one), its
    side as a laterality extension (if it has a side), and FibroMap's own code."""
    name = atlas.name(region_id)
    own = {"system": REGION_SYSTEM, "code": region_id, "display": name, "userSelected": True}
    if region_id not in atlas:  # from a newer catalogue: FibroMap's own code is all we know
        return {"coding": [own], "text": name}
    region = atlas.region(region_id)
    site: dict[str, Any] = {}
    if region.side in SIDES:
        site["extension"] = [{"url": LATERALITY, "valueCodeableConcept": {
            "coding": [SIDES[region.side]], "text": region.side.value}}]
    structure = snomed_body_sites().get(region.stem)
    coding = [{"system": SNOMED, "code": structure["code"], "display": structure["display"]}
              ] if structure else []
    site["coding"] = [*coding, own]
    site["text"] = name
    return site


def role_component(role: str) -> dict[str, Any]:
    """The component that says why a region is part of a flare."""
    code, words = ROLES[role]
    return {"code": {"coding": [ROLE_CODE], "text": "role of the site"},
            "valueCodeableConcept": {"coding": [{"system": ROLE_SYSTEM, "code": code,
                                                 "display": words}], "text": words}}

