"""The detail views drawn as their part (issue 32): the face's ear apart from the jaw joint,
the masseter from the cheekbone to the angle of the jaw, the sternocleidomastoid from the
mastoid, the teeth and the vertex; knuckles on the backs of the hands; soles that end at
the heel, with the classic heel pain point and the plantar fascia from heel to ball.

Each place is checked against the landmarks the drawing is generated from
(resources/atlas/detail_*.py), mapped into the shipped drawing as make_body_map.py maps
them."""

import sys
from pathlib import Path

import pytest
from shapely.geometry import Point, box

from fibromap.domain.atlas import View, load_atlas
from fibromap.domain.geometry import load_geometry
from tests.domain.test_geometry import polygon

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "resources" / "atlas"))
import detail_feet  # noqa: E402 - the generator's landmarks, beside make_body_map.py
import detail_hands  # noqa: E402
import detail_head  # noqa: E402

GEOMETRY = load_geometry()
FACE, FOOT = detail_head.FACE, detail_feet.FOOT


def drawn(view: View, x: float, y: float) -> tuple[float, float]:
    """Where a landmark of a detail view's half (its own units, the viewer's left) is in
    the drawing, as make_detail_views.py places it."""
    if view in (View.HEAD_FRONT, View.HEAD_BACK):
        frame, shift = detail_head.head_frame("right"), 0.0
    elif view in (View.PALMS, View.HAND_BACKS):
        frame, shift = detail_hands.hand_frame("right"), detail_hands.HAND_SHIFT
    else:
        frame, shift = detail_feet.foot_frame("left", view is View.SOLES), detail_feet.FOOT_SHIFT
    return frame.svg(x + shift, y)


def region_at(view: View, x: float, y: float) -> str | None:
    point = Point(drawn(view, x, y))
    hits = [rid for rid, shape in GEOMETRY.views[view].regions.items()
            if polygon(shape).contains(point)]
    return hits[0] if len(hits) == 1 else None


# (view, landmark in the view's units, the region there, on the viewer's left half)
PLACES = [
    (View.HEAD_FRONT, FACE["ear"], "ear.right"),
    (View.HEAD_FRONT, FACE["tmj"], "tmj.right"),
    (View.HEAD_FRONT, (FACE["cheekbone"][0], FACE["cheekbone"][1] + 0.02), "masseter.right"),
    (View.HEAD_FRONT, (FACE["jaw_angle"][0] + 0.02, FACE["jaw_angle"][1] - 0.02),
     "masseter.right"),
    (View.HEAD_FRONT, (FACE["mastoid"][0] + 0.015, FACE["mastoid"][1] + 0.03),
     "sternocleidomastoid.right"),
    (View.HEAD_FRONT, (FACE["mouth"][0] - 0.06, FACE["mouth"][1] - 0.03), "upper_teeth.right"),
    (View.HEAD_FRONT, (FACE["mouth"][0] - 0.06, FACE["mouth"][1] + 0.035), "lower_teeth.right"),
    (View.HEAD_FRONT, (-0.05, 0.04), "vertex"),
    (View.HEAD_BACK, (-0.05, 0.04), "vertex"),
    (View.HEAD_BACK, FACE["ear"], "ear.left"),
    (View.HAND_BACKS, detail_hands.knuckle_centres()[2], "knuckles.left"),
    (View.SOLES, FOOT["medial_heel"], "medial_heel.left"),
    (View.SOLES, FOOT["heel_bottom"][:1] + (FOOT["heel_bottom"][1] - 0.05,), "heel_pad.left"),
    (View.SOLES, FOOT["arch"], "arch.left"),
    (View.SOLES, FOOT["ball"], "ball_of_foot.left"),
]


@pytest.mark.parametrize(("view", "place", "expected"), PLACES,
                         ids=[f"{view.value}-{rid}" for view, _, rid in PLACES])
def test_each_landmark_lies_in_its_region(view, place, expected):
    assert region_at(view, *place) == expected
    # And the same on the mirrored half, in the twin region.
    x, y = drawn(view, *place)
    twin = expected.replace(".right", ".x").replace(".left", ".right").replace(".x", ".left")
    mirrored = Point(GEOMETRY.views[view].width - x, y)
    assert polygon(GEOMETRY.views[view].regions[twin]).contains(mirrored)


@pytest.mark.parametrize(("view", "stem"), [
    (View.HEAD_FRONT, "ear"), (View.HEAD_BACK, "ear"), (View.HEAD_FRONT, "upper_teeth"),
    (View.HEAD_FRONT, "lower_teeth"), (View.HAND_BACKS, "knuckles"), (View.SOLES, "medial_heel")])
def test_the_new_regions_are_drawn_on_both_sides(view, stem):
    regions = GEOMETRY.views[view].regions
    assert f"{stem}.left" in regions and f"{stem}.right" in regions
    assert "vertex" in GEOMETRY.views[View.HEAD_FRONT].regions


def test_the_ear_and_the_jaw_joint_are_two_regions_side_by_side():
    regions = {rid: polygon(s) for rid, s in GEOMETRY.views[View.HEAD_FRONT].regions.items()}
    ear, tmj = regions["ear.right"], regions["tmj.right"]
    assert ear.intersection(tmj).area < 1 and ear.distance(tmj) < 1  # they touch
    assert ear.centroid.x < tmj.centroid.x  # the ear outside, the joint in front of it
    atlas = load_atlas()
    assert "ear" not in atlas.name("tmj.right").lower()
    assert atlas.region("tmj.right").wpi_area == "jaw.right"
    assert atlas.region("ear.right").wpi_area is None  # an ear is not a jaw (ACR 2016)
    assert atlas.is_name_of("tmj.left", "Left jaw joint and ear")  # its name before


def test_the_masseter_spans_the_cheekbone_to_the_angle_of_the_jaw():
    view = View.HEAD_FRONT
    masseter = polygon(GEOMETRY.views[view].regions["masseter.right"])
    unit = detail_head.head_frame("right").scale
    _, top, _, bottom = masseter.bounds
    assert abs(top - drawn(view, *FACE["cheekbone"])[1]) < 0.02 * unit
    assert bottom >= drawn(view, *FACE["jaw_angle"])[1]
    assert (bottom - top) > 0.25 * unit  # a quarter of the head's height, not a patch
    assert masseter.distance(Point(drawn(view, *FACE["jaw_angle"]))) < 0.01 * unit


def test_the_sternocleidomastoid_runs_from_the_mastoid_to_the_breastbone():
    view = View.HEAD_FRONT
    scm = polygon(GEOMETRY.views[view].regions["sternocleidomastoid.right"])
    unit = detail_head.head_frame("right").scale
    assert scm.distance(Point(drawn(view, *FACE["mastoid"]))) < 0.02 * unit
    notch_x, notch_y = drawn(view, *FACE["sternal_notch"])
    low = [point for point in scm.exterior.coords if point[1] > notch_y - 0.05 * unit]
    assert low and min(abs(x - notch_x) for x, _ in low) < 0.08 * unit


def test_the_soles_end_at_a_round_heel_with_nothing_below_it():
    soles = GEOMETRY.views[View.SOLES]
    regions = {rid: polygon(s) for rid, s in soles.regions.items() if rid.endswith(".left")}
    heel = regions["heel_pad.left"]
    bottom = polygon(soles.silhouette).bounds[3]
    length = bottom - min(shape.bounds[1] for shape in regions.values())
    assert heel.bounds[3] == pytest.approx(bottom, abs=1)
    assert {rid for rid, shape in regions.items()
            if shape.bounds[3] > bottom - 0.1 * length} == {"heel_pad.left"}

    def width(y: float) -> float:
        cut = heel.intersection(box(heel.bounds[0] - 1, y - 0.5, heel.bounds[2] + 1, y + 0.5))
        return cut.bounds[2] - cut.bounds[0]
    # A round end, not a cut-off leg: narrower just above the bottom than across the heel.
    assert width(bottom - 0.03 * length) < 0.8 * width(bottom - 0.15 * length)
    # The soles and the tops of the feet are drawn apart, the tops running on into the ankle.
    tops = polygon(GEOMETRY.views[View.FOOT_TOPS].silhouette)
    assert tops.bounds[3] > bottom + 0.04 * length


def test_the_heel_pain_point_is_the_inner_heel_where_the_plantar_fascia_starts():
    regions = {rid: polygon(s) for rid, s in GEOMETRY.views[View.SOLES].regions.items()}
    point, heel, fascia = (regions[f"{stem}.left"] for stem in
                           ("medial_heel", "heel_pad", "plantar_fascia"))
    ball = regions["ball_of_foot.left"]
    midline = GEOMETRY.views[View.SOLES].width / 2
    # Inner side: nearer the middle (the big toes) than the heel pad's centre; in the heel.
    assert abs(point.centroid.x - midline) < abs(heel.centroid.x - midline)
    assert heel.bounds[1] - 5 < point.centroid.y < heel.bounds[3]
    # The fascia starts at the point and runs to the ball of the foot.
    assert fascia.distance(point) < 1 and fascia.distance(ball) < 1
    assert fascia.bounds[3] - fascia.bounds[1] > 0.4 * (heel.bounds[3] - ball.bounds[1])


def test_the_backs_of_the_hands_are_not_the_palms():
    backs, palms = GEOMETRY.views[View.HAND_BACKS], GEOMETRY.views[View.PALMS]
    stems = {view: {rid.split(".")[0] for rid in fig.regions} for view, fig in
             ((View.HAND_BACKS, backs), (View.PALMS, palms))}
    assert "knuckles" in stems[View.HAND_BACKS] and "knuckles" not in stems[View.PALMS]
    knuckles = polygon(backs.regions["knuckles.left"])
    for finger in ("index_finger", "middle_finger", "ring_finger", "little_finger"):
        assert knuckles.distance(polygon(backs.regions[f"{finger}.left"])) < 1, finger
    # The back shows its own lines (tendons, nails, joints), not the palm's creases.
    assert len(backs.details) > 2 * len(palms.details)


def test_the_jaw_muscles_refer_to_the_teeth_and_the_sternal_scm_to_the_vertex():
    atlas = load_atlas()

    def zones(muscle: str, source: str) -> set[str]:
        return {zone for p in atlas.patterns_from(source) if p.muscle == muscle
                for zone in p.zones}
    assert "upper_teeth.left" in zones("temporalis", "temple.left")
    assert {"upper_teeth.right", "lower_teeth.right", "ear.right"} <= zones(
        "masseter", "masseter.right")
    assert "vertex" in zones("sternocleidomastoid_sternal", "sternocleidomastoid.left")
    assert "ear.left" in zones("sternocleidomastoid_clavicular", "sternocleidomastoid.left")
    for region in ("vertex", "upper_teeth.left", "lower_teeth.right", "knuckles.left",
                   "medial_heel.right"):
        assert atlas.region(region).wpi_area is None
