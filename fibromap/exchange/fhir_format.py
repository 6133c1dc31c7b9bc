"""FHIR R4: a Bundle of Observations, one per body region marked in a flare, each with
its body site, its 0–10 intensity and the time the flare began."""

from __future__ import annotations

import uuid
from typing import Any

from fibromap import __version__
from fibromap.domain.atlas import Atlas
from fibromap.domain.flare import utc_now
from fibromap.domain.records import Records, flare_fingerprint

REGION_SYSTEM = "https://fibromap.org/fhir/CodeSystem/body-region"
FLARE_SYSTEM = "https://fibromap.org/fhir/flare"
PAIN_SCORE = {"system": "http://loinc.org", "code": "72514-3",
              "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported"}
ROLES = {"spasm": "spasm", "trigger_point": "trigger point", "referred": "referred pain"}


def to_bundle(records: Records, atlas: Atlas) -> dict[str, Any]:
    entries = []
    for flare in sorted(records.flares, key=lambda f: (f.onset_utc, f.regions)):
        mark = flare_fingerprint(flare)
        for site in flare.sites:
            identity = uuid.uuid5(uuid.NAMESPACE_URL, f"{FLARE_SYSTEM}/{mark}/{site.region}")
            observation: dict[str, Any] = {
                "resourceType": "Observation",
                "id": str(identity),
                "identifier": [{"system": FLARE_SYSTEM, "value": f"{mark}/{site.region}"}],
                "status": "final",
                "category": [{"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                    "code": "survey", "display": "Survey"}]}],
                "code": {"coding": [PAIN_SCORE], "text": "Muscle spasm pain intensity (0-10)"},
                "effectiveDateTime": flare.onset.isoformat(),
                "valueInteger": site.intensity,
                "bodySite": {"coding": [{"system": REGION_SYSTEM, "code": site.region,
                                         "display": atlas.name(site.region)}],
                             "text": atlas.name(site.region)},
                "component": [{"code": {"text": "role of the site"},
                               "valueString": ROLES[site.role.value]}],
            }
            if flare.notes:
                observation["note"] = [{"text": flare.notes}]
            entries.append({"fullUrl": f"urn:uuid:{identity}", "resource": observation})
    return {"resourceType": "Bundle", "type": "collection",
            "timestamp": utc_now().replace(microsecond=0).isoformat(),
            "meta": {"tag": [{"system": "https://fibromap.org", "code": f"fibromap-{__version__}"}]},
            "entry": entries}
