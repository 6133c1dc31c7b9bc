"""The WPI roll-up of every muscle region added for issue 16, worked out by hand from the
ACR 2016 areas: each new region counts for the area it lies in (side kept), or for none
where the standard names no area (the side of the head, the iliopsoas with the groin)."""

import pytest

from fibromap.analysis.scores import wpi
from fibromap.domain.atlas import load_atlas

EXPECTED = {  # stem: the ACR 2016 area, None for none
    "serratus_anterior": "chest", "rectus_abdominis": "abdomen", "iliopsoas": None,
    "tensor_fasciae_latae": "hip", "brachioradialis": "lower_arm", "gracilis": "upper_leg",
    "sartorius": "upper_leg", "temporalis": None, "splenius_capitis": "neck",
    "teres_minor": "shoulder_girdle", "teres_major": "shoulder_girdle",
    "middle_trapezius": "upper_back", "lower_trapezius": "upper_back", "gluteus_minimus": "hip",
    # The detail views: each counts where the whole-figure region it lies in counts.
    "lateral_pterygoid": "jaw", "medial_pterygoid": "jaw", "digastric": "neck",
    "occipitalis": None, "thenar": None, "hypothenar": None, "palm_centre": None, "thumb": None,
    "index_finger": None, "middle_finger": None, "ring_finger": None, "little_finger": None,
    "flexor_carpi_radialis": "lower_arm", "finger_flexors": "lower_arm",
    "flexor_carpi_ulnaris": "lower_arm", "first_dorsal_interosseous": None,
    "hand_back_centre": None, "wrist_extensors": "lower_arm", "finger_extensors": "lower_arm",
    "extensor_carpi_ulnaris": "lower_arm", "big_toe": None, "lesser_toes": None, "instep": None,
    "extensor_digitorum_brevis": None, "heel_pad": None, "arch": None, "plantar_fascia": None,
    "outer_sole": None, "ball_of_foot": None,
    # Issue 32: the ear counts for none though it lies in the jaw joint's place on the whole
    # figure; the teeth, the top of the head, the knuckles and the inner heel for none.
    "ear": None, "vertex": None, "upper_teeth": None, "lower_teeth": None, "knuckles": None,
    "medial_heel": None,
}
SIDED = {"hip", "lower_arm", "upper_leg", "shoulder_girdle", "jaw", "upper_arm", "lower_leg"}


@pytest.mark.parametrize("stem", EXPECTED)
@pytest.mark.parametrize("side", ["left", "right"])
def test_each_new_region_rolls_up_to_its_area(stem, side):
    area = EXPECTED[stem]
    result = wpi([f"{stem}.{side}"], load_atlas())
    if area is None:
        assert result.score == 0 and result.areas == ()
    else:
        assert result.areas == ((f"{area}.{side}",) if area in SIDED else (area,))
        assert result.score == 1


def test_a_week_of_new_regions_scores_as_counted_by_hand():
    # Left TFL and left gluteus minimus are one area (left hip); right teres major and right
    # teres minor one (right shoulder girdle); splenius capitis the neck; the middle and lower
    # trapezius both the upper back; rectus abdominis the abdomen (not for generalized pain).
    regions = ["tensor_fasciae_latae.left", "gluteus_minimus.left", "teres_major.right",
               "teres_minor.right", "splenius_capitis.left", "middle_trapezius.left",
               "lower_trapezius.right", "rectus_abdominis.left", "temporalis.left"]
    result = wpi(regions, load_atlas())
    assert result.areas == ("abdomen", "hip.left", "neck", "shoulder_girdle.right", "upper_back")
    assert result.score == 5
    assert result.regions_with_pain == (2, 3, 5)  # right upper, left lower, axial
    assert not result.generalized


def test_every_detail_region_is_covered_here():
    atlas = load_atlas()
    assert {region.stem for region in atlas if region.parent} <= set(EXPECTED)


def test_a_jaw_marked_only_in_the_face_view_counts_once_with_the_masseter():
    # The left lateral pterygoid and the left masseter are one area: the left jaw; the
    # digastric the neck; the right finger flexors the right lower arm.
    result = wpi(["lateral_pterygoid.left", "masseter.left", "digastric.right",
                  "finger_flexors.right", "thumb.right"], load_atlas())
    assert result.areas == ("jaw.left", "lower_arm.right", "neck") and result.score == 3


def test_the_palpated_regions_of_issue_32_roll_up_as_counted_by_hand():
    # The epicondyles are the lower arm (the forearm muscles start there); the 2nd rib, the
    # intercostals and pectoralis minor the chest; subscapularis the shoulder girdle; the
    # serratus posterior muscles the upper back; multifidus and the coccyx the lower back;
    # tibialis posterior the lower leg; the pelvic floor and the lateral malleolus no area.
    atlas = load_atlas()
    regions = ["lateral_epicondyle.left", "medial_epicondyle.right", "costochondral.left",
               "intercostals.right", "pectoralis_minor.left", "subscapularis.right",
               "serratus_posterior_superior.left", "serratus_posterior_inferior.right",
               "multifidus.left", "coccyx", "tibialis_posterior.right", "pelvic_floor.left",
               "lateral_malleolus.right"]
    result = wpi(regions, atlas)
    assert result.areas == ("chest", "lower_arm.left", "lower_arm.right", "lower_back",
                            "lower_leg.right", "shoulder_girdle.right", "upper_back")
    assert result.score == 7
    assert wpi(["pelvic_floor.right", "lateral_malleolus.left"], atlas).score == 0
