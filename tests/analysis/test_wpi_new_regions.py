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
