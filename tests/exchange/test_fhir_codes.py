"""The FHIR export speaks standard codes: each body region as a SNOMED CT body structure
with its side in HL7's laterality extension (SNOMED CT qualifiers), the flare as SNOMED CT
Spasm, each site's role coded, FibroMap's own codes always beside them, so that every
site can be read back exactly; and the table of SNOMED CT codes covers every region of the
atlas with codes that are well-formed SNOMED CT concept ids."""

from __future__ import annotations

import json

from fibromap.config import resource
from fibromap.domain.atlas import Side, load_atlas
from fibromap.domain.flare import SiteRole, SpasmSite
from fibromap.exchange.fhir_codes import LATERALITY, REGION_SYSTEM, ROLE_SYSTEM, SNOMED
from fibromap.store.bulk import read_all
from tests.exchange.test_fhir import bundle_of, resources
from tests.helpers.records import at, full_flare, temple_flare

TABLE = json.loads(resource("atlas", "snomed_body_sites.json").read_text(encoding="utf-8"))
SIDE_CODES = {"7771000": Side.LEFT, "24028007": Side.RIGHT}

# Verhoeff's check (every SNOMED CT identifier ends in its check digit), worked out here
# from the published tables, not from the code under test.
_D = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
      [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
      [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
      [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
      [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
      [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
      [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
      [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def is_concept_id(code: str) -> bool:
    """A SNOMED CT concept id: 6 to 18 digits, partition 00 (a concept of the International
    Edition), Verhoeff's check digit right."""
    if not (code.isdigit() and 6 <= len(code) <= 18 and code[-3:-1] == "00"):
        return False
    check = 0
    for position, digit in enumerate(reversed(code)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0


def test_the_check_knows_real_concept_ids_from_mistyped_ones():
    assert all(map(is_concept_id, ("7771000", "24028007", "31764008", "44947003")))
    assert not any(map(is_concept_id, ("31764009", "44947030", "7771001", "1234")))


def test_every_region_of_the_atlas_has_its_row_and_every_code_is_well_formed():
    atlas = load_atlas()
    stems = {region.stem for region in atlas}
    assert set(TABLE["regions"]) == stems  # a new region needs a decision, coded or not
    rows = [row for row in TABLE["regions"].values() if row is not None]
    assert len(rows) >= 0.9 * len(stems)
    for row in rows:
        assert is_concept_id(row["code"]), row
        assert row["match"] in ("same", "wider") and row["display"]
        assert row["sources"] and set(row["sources"]) <= set(TABLE["sources"]), row
    # One concept for the whole of a muscle, never its side: the side is the extension's.
    trapezius = {TABLE["regions"][stem]["code"] for stem in
                 ("upper_trapezius", "middle_trapezius", "lower_trapezius")}
    assert trapezius == {"31764008"}


def sites_read_back(document) -> list[tuple[str, int | None, str, Side | None]]:
    """Each site Observation as FibroMap's region, intensity and role, and the side its
    laterality extension gives, read from the bundle alone."""
    found = []
    for observation in resources(document, "Observation"):
        site = observation.get("bodySite")
        if site is None:
            continue
        [region] = [c["code"] for c in site["coding"] if c["system"] == REGION_SYSTEM]
        [role] = [c["code"] for component in observation["component"]
                  for c in component["valueCodeableConcept"]["coding"]
                  if c["system"] == ROLE_SYSTEM]
        sides = [SIDE_CODES[c["code"]] for e in site.get("extension", [])
                 if e["url"] == LATERALITY for c in e["valueCodeableConcept"]["coding"]
                 if c["system"] == SNOMED]
        found.append((region, observation.get("valueInteger"), role,
                      sides[0] if sides else None))
    return found


def test_each_body_site_carries_snomed_ct_its_side_and_fibromaps_own_code(store):
    store.flares.add_many([full_flare(), temple_flare(),
                           full_flare(onset=at(2026, 5, 1), referrals=(), sites=(
                               SpasmSite("sacrum", 4), SpasmSite("erector_lower.right", 6),
                               SpasmSite("pelvic_floor.left", 3)))])
    _bundle, document = bundle_of(store)
    atlas = load_atlas()
    for observation in resources(document, "Observation"):
        site = observation.get("bodySite")
        if site is None:
            continue
        own = [c for c in site["coding"] if c["system"] == REGION_SYSTEM]
        snomed = [c for c in site["coding"] if c["system"] == SNOMED]
        region = atlas.region(own[0]["code"])
        row = TABLE["regions"][region.stem]
        assert snomed == ([{"system": SNOMED, "code": row["code"], "display": row["display"]}]
                          if row else [])
        sides = [e for e in site.get("extension", []) if e["url"] == LATERALITY]
        if region.side is Side.CENTER:
            assert sides == []
        else:
            [side] = sides
            assert side["valueCodeableConcept"]["coding"][0]["code"] == {
                Side.LEFT: "7771000", Side.RIGHT: "24028007"}[region.side]
    codes = {c["code"] for o in resources(document, "Observation") if "bodySite" in o
             for c in o["bodySite"]["coding"] if c["system"] == SNOMED}
    assert {"31764008", "44947003", "54735007"} <= codes  # trapezius, erector spinae, sacrum


def test_the_flare_and_each_sites_role_are_coded(store):
    store.flares.add(full_flare())
    _bundle, document = bundle_of(store)
    [flare] = [o for o in resources(document, "Observation") if "hasMember" in o]
    assert {(c["system"], c["code"]) for c in flare["code"]["coding"]} == {
        (SNOMED, "45352006"), ("https://fibromap.org/fhir/CodeSystem/record", "flare")}
    roles = sorted(role for _region, _value, role, _side in sites_read_back(document))
    assert roles == ["referred", "referred", "spasm", "trigger-point"]


def test_every_site_reads_back_from_the_bundle_exactly(store):
    store.flares.add_many([full_flare(), temple_flare(),
                           full_flare(onset=at(2026, 6, 2), referrals=(), sites=(
                               SpasmSite("erector_lower.right", 6),
                               SpasmSite("gluteus_medius.right", None, SiteRole.REFERRED)))])
    _bundle, document = bundle_of(store)
    atlas = load_atlas()
    roles = {"spasm": "spasm", "trigger_point": "trigger-point", "referred": "referred"}
    expected = [(s.region, s.intensity, roles[s.role.value],
                 None if atlas.region(s.region).side is Side.CENTER
                 else atlas.region(s.region).side)
                for flare in read_all(store).flares for s in flare.sites]
    assert sorted(sites_read_back(document), key=repr) == sorted(expected, key=repr)
