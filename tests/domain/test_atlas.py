from collections import Counter

from fibromap.domain.atlas import WPI_AREAS, Side, View, load_atlas


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
    atlas = load_atlas()
    assert len({p.muscle for p in atlas.patterns}) >= 30
    for pattern in atlas.patterns:
        for region_id in pattern.sources + pattern.zones:
            region = atlas.region(region_id)
            side = pattern.name.split()[0].lower()
            assert region.side in (Side.CENTER, Side(side)), (pattern.name, region_id)
    neck = atlas.patterns_from("upper_trapezius.left")
    assert any("temple.left" in p.zones for p in neck)


def test_every_trigger_point_muscle_of_a_region_has_a_pattern_starting_there():
    atlas = load_atlas()
    for region in atlas:
        for muscle in region.muscles:
            if muscle == "frontalis":  # not in the referral table
                continue
            assert any(p.muscle == muscle and region.id in p.sources
                       for p in atlas.patterns), (region.id, muscle)


def test_every_region_outside_the_wpi_is_a_documented_exclusion():
    from fibromap.domain.atlas import WPI_EXCLUDED, WPI_EXCLUDED_TEXT, load_atlas

    atlas = load_atlas()
    outside = {region.id.split(".")[0] for region in atlas if region.wpi_area is None}
    documented = {base for bases in WPI_EXCLUDED.values() for base in bases}
    assert outside == documented
    assert "the groin (iliopsoas)" in WPI_EXCLUDED_TEXT
    assert atlas.region("groin.left").wpi_area is None
