import json
from collections import Counter

from fibromap.config import resource
from fibromap.domain.atlas import WPI_AREAS, Layer, Side, View, load_atlas


def test_catalogue_is_muscle_level_over_front_and_back():
    atlas = load_atlas()
    assert len(atlas) >= 80
    assert len(atlas.in_view(View.FRONT)) >= 40 and len(atlas.in_view(View.BACK)) >= 40
    for needed in ("forehead", "temple.left", "masseter.right", "occiput", "suboccipital.left",
                   "sternocleidomastoid.left", "posterior_neck.right", "upper_trapezius.left",
                   "anterior_deltoid.left", "pectoralis.right", "rhomboid.left",
                   "erector_upper.left", "erector_mid.right", "erector_lower.left",
                   "quadratus_lumborum.right", "upper_abdomen", "groin.left", "biceps.left",
                   "triceps.right", "elbow_front.left", "forearm_flexors.left",
                   "forearm_extensors.right", "wrist_front.left", "palm.right",
                   "gluteus_medius.left", "gluteus_maximus.right", "trochanter.left",
                   "rectus_femoris.left", "adductors.right", "hamstring_medial.left",
                   "knee_front.right", "tibialis_anterior.left", "gastrocnemius.right",
                   "soleus.left", "ankle_front.right", "foot_top.left", "heel.right"):
        assert needed in atlas, needed


def test_left_and_right_come_in_exact_pairs_with_laterality_in_the_name():
    atlas = load_atlas()
    for region in atlas:
        mirror = atlas.region(region.mirror_id())
        assert mirror.stem == region.stem and mirror.view == region.view
        if region.side is Side.CENTER:
            assert not region.name.lower().startswith(("left", "right"))
        else:
            assert region.name.startswith(region.side.value.title() + " ")
            assert mirror.name[len(mirror.side.value):] == region.name[len(region.side.value):]
            if region.wpi_area:
                assert mirror.wpi_area == region.wpi_area.replace(
                    f".{region.side.value}", f".{mirror.side.value}")


def test_all_19_wpi_areas_are_reachable_and_wrists_hands_feet_count_for_none():
    atlas = load_atlas()
    assert len(WPI_AREAS) == 19
    reached = {region.wpi_area for region in atlas if region.wpi_area}
    assert reached == {area.id for area in WPI_AREAS}
    for stem in ("wrist_front", "palm", "hand_back", "ankle_front", "foot_top", "heel"):
        assert atlas.region(f"{stem}.left").wpi_area is None
    assert Counter(a.group for a in WPI_AREAS) == {1: 4, 2: 4, 3: 3, 4: 3, 5: 5}
    not_generalized = {a.id for a in WPI_AREAS if not a.counts_for_generalized}
    assert not_generalized == {"jaw.left", "jaw.right", "chest", "abdomen"}


def test_referral_patterns_stay_on_their_side_and_name_real_regions():
    """On the trigger point's side, but for the zones a pattern names on both sides."""
    atlas = load_atlas()
    assert len({p.muscle for p in atlas.patterns}) >= 30
    for pattern in atlas.patterns:
        side = Side(pattern.name.split()[0].lower())
        for region_id in pattern.sources + pattern.zones:
            region = atlas.region(region_id)
            assert region.side in (Side.CENTER, side) or region_id in pattern.crossed, (
                pattern.name, region_id)
        for region_id in pattern.crossed:
            assert region_id in pattern.zones
            assert atlas.region(atlas.region(region_id).mirror_id()).id in pattern.zones
    neck = atlas.patterns_from("upper_trapezius.left")
    assert any("temple.left" in p.zones for p in neck)


def test_every_trigger_point_muscle_of_a_region_has_a_pattern_starting_there():
    atlas = load_atlas()
    for region in atlas:
        for muscle in region.muscles:
            assert any(p.muscle == muscle and region.id in p.sources
                       for p in atlas.patterns), (region.id, muscle)


def test_every_region_outside_the_wpi_is_a_documented_exclusion():
    from fibromap.domain.atlas import WPI_EXCLUDED, WPI_EXCLUDED_TEXT, load_atlas

    atlas = load_atlas()
    outside = {region.id.split(".")[0] for region in atlas if region.wpi_area is None}
    documented = {base for bases in WPI_EXCLUDED.values() for base in bases}
    assert outside == documented
    assert "the groin and iliopsoas" in WPI_EXCLUDED_TEXT
    assert atlas.region("groin.left").wpi_area is None
    assert atlas.region("iliopsoas.right").wpi_area is None
    assert atlas.region("temporalis.left").wpi_area is None


def test_every_region_shipped_before_keeps_its_id():
    """An id once shipped stays a region for ever: flares, exports and backups name it."""
    atlas = load_atlas()
    shipped = json.loads(resource("atlas", "shipped_ids.json").read_text(encoding="utf-8"))
    assert len(shipped) >= 120 and shipped == sorted(set(shipped))
    assert [region_id for region_id in shipped if region_id not in atlas] == []


def test_deep_muscles_are_a_layer():
    atlas = load_atlas()
    deep = {region.stem for region in atlas if region.layer is Layer.DEEP}
    assert deep == {"piriformis", "quadratus_lumborum", "iliopsoas", "gluteus_minimus",
                    "lateral_pterygoid", "medial_pterygoid", "pectoralis_minor", "subscapularis",
                    "multifidus", "serratus_posterior_superior", "serratus_posterior_inferior",
                    "tibialis_posterior", "pelvic_floor"}
    assert atlas.region("gluteus_minimus.right").layer is Layer.DEEP
    assert atlas.region("gluteus_medius.right").layer is Layer.SURFACE
    assert atlas.region("forehead").layer is Layer.SURFACE
    assert Layer("deep") is Layer.DEEP and Layer.SURFACE.value == "surface"


def test_referral_zones_gather_every_pattern_from_a_region_once_on_its_side():
    atlas = load_atlas()
    zones = atlas.referral_zones("teres_major.left")  # teres major and subscapularis
    expected = [z for p in atlas.patterns_from("teres_major.left") for z in p.zones]
    assert list(zones) == list(dict.fromkeys(expected))
    assert len(zones) < len(expected)  # the two patterns share the back of the shoulder
    assert {"posterior_deltoid.left", "triceps.left", "wrist_back.left"} <= set(zones)
    assert all(zone.endswith(".left") or "." not in zone for zone in zones)
    assert atlas.referral_zones("occiput") == ()  # no muscle of its own
    assert atlas.referral_zones("forehead") == ("forehead",)  # frontalis, on both sides
    assert "vastus_lateralis.right" in atlas.referral_zones("tensor_fasciae_latae.right")


def test_every_region_with_muscles_has_a_pattern_and_every_muscle_exactly_one():
    atlas = load_atlas()
    with_muscles = [region for region in atlas if region.muscles]
    assert len(with_muscles) >= 100
    for region in with_muscles:
        assert atlas.patterns_from(region.id), region.id
    muscles = {muscle for region in atlas for muscle in region.muscles}
    assert len({p.muscle for p in atlas.patterns}) == len(muscles)
    assert {p.muscle for p in atlas.patterns} == muscles
    assert Counter(p.muscle for p in atlas.patterns) == {m: 2 for m in muscles}  # a side each
    assert all(p.reference and "Travell" in p.reference for p in atlas.patterns)


def zones_of(muscle: str, source: str) -> set[str]:
    """The zones of ``muscle``'s pattern from ``source`` (a midline source such as the
    forehead starts the pattern of each side)."""
    atlas = load_atlas()
    patterns = [p for p in atlas.patterns_from(source) if p.muscle == muscle]
    assert len(patterns) == (2 if "." not in source else 1), (muscle, source)
    return {zone for pattern in patterns for zone in pattern.zones}


def test_the_patterns_name_what_the_trigger_point_manual_draws():
    scalenes = zones_of("scalenes", "scalenes.left")
    assert {"triceps.left", "pectoralis.left", "rhomboid.left", "biceps.left",
            "hand_back.left"} <= scalenes
    assert scalenes & {"brachioradialis.left", "forearm_extensors.left"}
    assert {"forearm_flexors.right", "palm.right"} <= zones_of("pectoralis_major", "pectoralis.right")
    quadratus = zones_of("quadratus_lumborum", "quadratus_lumborum.left")
    assert quadratus & {"trochanter.left", "vastus_lateralis.left"}
    assert {"sacroiliac.left", "gluteus_maximus.left", "groin.left"} <= quadratus
    assert {"gastrocnemius.left", "popliteal.left", "arch.left"} <= zones_of(
        "gastrocnemius", "gastrocnemius.left")
    assert {"soleus.right", "heel.right", "achilles.right", "sacroiliac.right"} <= zones_of(
        "soleus", "soleus.right")
    assert {"sacrum", "sacroiliac.left", "gluteus_maximus.left"} <= zones_of(
        "gluteus_maximus", "gluteus_maximus.left")
    assert {"vastus_lateralis.left", "knee_front.left", "trochanter.left"} <= zones_of(
        "tensor_fasciae_latae", "tensor_fasciae_latae.left")
    assert {"teres_major.left", "triceps.left", "forearm_flexors.left", "palm.left"} <= zones_of(
        "latissimus_dorsi", "latissimus.left")
    thoracic = zones_of("erector_spinae_thoracic", "erector_mid.left")
    assert thoracic == zones_of("erector_spinae_thoracic", "erector_upper.left")
    assert thoracic != zones_of("middle_trapezius", "middle_trapezius.left")
    assert {"erector_lower.left", "lumbar_spine", "upper_abdomen"} <= thoracic
    assert {"sacroiliac.left", "gluteus_maximus.left", "sacrum", "lower_abdomen"} <= zones_of(
        "erector_spinae_lumbar", "erector_lower.left")
    assert zones_of("splenius_capitis", "splenius_capitis.left") & {"occiput", "forehead"}
    assert {"posterior_deltoid.left", "triceps.left", "wrist_back.left", "wrist_front.left"} <= (
        zones_of("subscapularis", "teres_major.left"))
    assert "anterior_deltoid.left" in zones_of("deltoid_anterior", "anterior_deltoid.left")
    assert "posterior_deltoid.left" in zones_of("deltoid_posterior", "posterior_deltoid.left")
    assert {"anterior_deltoid.left", "elbow_front.left"} <= zones_of("biceps_brachii", "biceps.left")
    assert {"hand_back.left", "elbow_front.left"} <= zones_of("brachialis", "biceps.left")
    assert {"posterior_deltoid.left", "triceps.left", "elbow_back.left",
            "forearm_extensors.left"} <= zones_of("triceps", "triceps.left")
    assert "hand_back.left" in zones_of("brachioradialis", "brachioradialis.left")
    assert "posterior_deltoid.left" in zones_of("teres_minor", "teres_minor.left")
    assert {"posterior_deltoid.left", "triceps.left"} <= zones_of("teres_major", "teres_major.left")
    assert {"serratus_anterior.left", "teres_major.left", "biceps.left"} <= zones_of(
        "serratus_anterior", "serratus_anterior.left")
    assert {"erector_mid.left", "lower_abdomen"} <= zones_of(
        "rectus_abdominis", "rectus_abdominis.left")
    assert {"upper_abdomen", "groin.left", "lower_abdomen"} <= zones_of(
        "external_oblique", "oblique.left")
    for adductor in ("adductor_longus_brevis", "adductor_magnus"):
        assert {"groin.left", "adductors.left"} <= zones_of(adductor, "adductors.left")
    assert "knee_front.left" in zones_of("adductor_longus_brevis", "adductors.left")
    assert "adductors.left" in zones_of("gracilis", "gracilis.left")
    assert "knee_front.left" in zones_of("sartorius", "sartorius.left")
    assert {"peroneals.left", "outer_sole.left"} <= zones_of("fibularis", "peroneals.left")
    assert {"occiput", "temple.left", "brow_eye.left"} <= zones_of(
        "semispinalis_capitis", "posterior_neck.left")
    assert zones_of("frontalis", "forehead") == {"forehead"}
    assert {"rhomboid.left", "thoracic_spine", "posterior_deltoid.left"} <= zones_of(
        "middle_trapezius", "middle_trapezius.left")
    assert {"posterior_neck.left", "suboccipital.left", "supraspinatus.left",
            "posterior_deltoid.left"} <= zones_of("lower_trapezius", "lower_trapezius.left")
    assert zones_of("gluteus_minimus", "gluteus_minimus.left") >= {"vastus_lateralis.left",
                                                                     "peroneals.left"}
    assert zones_of("iliopsoas", "iliopsoas.left") == zones_of("iliopsoas", "groin.left")


def test_the_combined_trapezius_pattern_is_split_and_the_deep_muscles_have_their_own_source():
    atlas = load_atlas()
    muscles = {p.muscle for p in atlas.patterns}
    assert "middle_lower_trapezius" not in muscles
    assert {"middle_trapezius", "lower_trapezius"} <= muscles
    sources = {p.muscle: {s.split(".")[0] for s in p.sources} for p in atlas.patterns}
    assert sources["middle_trapezius"] == {"middle_trapezius"}
    assert sources["lower_trapezius"] == {"lower_trapezius"}
    assert sources["iliopsoas"] == {"iliopsoas", "groin"}
    assert sources["gluteus_minimus"] == {"gluteus_minimus"}
    assert "gluteus_minimus" not in atlas.region("gluteus_medius.left").muscles


def test_the_patterns_file_says_they_are_typical_not_a_diagnosis():
    doc = json.loads(resource("atlas", "trigger_points.json").read_text(encoding="utf-8"))
    assert "typical, not a diagnosis" in doc["about"]
    for entry in doc["patterns"]:
        assert set(entry) - {"both_sides"} == {"id", "name", "location", "sources", "zones",
                                               "reference"}, entry["id"]


def test_a_renamed_region_still_answers_to_its_former_names():
    atlas = load_atlas()
    doc = json.loads(resource("atlas", "former_names.json").read_text(encoding="utf-8"))
    stems = {region.stem for region in atlas}
    for stem, names in doc["names"].items():
        assert stem in stems and names, stem
    assert atlas.is_name_of("temple.left", "Left temple (temporalis)")
    assert atlas.is_name_of("temple.left", "Left temple")
    assert not atlas.is_name_of("temple.left", "Right temple")
    assert atlas.is_name_of("posterior_neck.right", "Right back of neck")
    assert atlas.is_name_of("quadratus_lumborum.left", "Left quadratus lumborum")
    assert atlas.is_name_of("piriformis.right", "Right deep buttock (piriformis)")
    assert not atlas.is_name_of("nose.left", "Left nose")
    for region in atlas:
        assert region.name not in region.former_names
