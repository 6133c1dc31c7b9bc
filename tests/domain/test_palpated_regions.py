"""The regions a therapist palpates (issue 32): each new region on both sides where paired,
in its layer, drawn where it lies, with the referral pattern Travell & Simons give its muscle
(bony points and joints have none); the trapezius seen from the front above the clavicle;
the gluteus maximus over the whole buttock with the sacroiliac joint a small area beside
the sacrum."""

import pytest
from shapely.geometry import LineString, Point, Polygon

from fibromap.domain.atlas import Layer, Side, View, load_atlas
from fibromap.domain.geometry import load_geometry

# stem: (view, layer, its trigger-point muscle or None for a bony point or joint, WPI area)
NEW_REGIONS = {
    "lateral_epicondyle": (View.BACK, Layer.SURFACE, None, "lower_arm"),
    "medial_epicondyle": (View.FRONT, Layer.SURFACE, None, "lower_arm"),
    "costochondral": (View.FRONT, Layer.SURFACE, None, "chest"),
    "pectoralis_minor": (View.FRONT, Layer.DEEP, "pectoralis_minor", "chest"),
    "subscapularis": (View.BACK, Layer.DEEP, "subscapularis", "shoulder_girdle"),
    "intercostals": (View.FRONT, Layer.SURFACE, "intercostals", "chest"),
    "coccyx": (View.BACK, Layer.SURFACE, None, "lower_back"),
    "pelvic_floor": (View.BACK, Layer.DEEP, "pelvic_floor", None),
    "lateral_malleolus": (View.FRONT, Layer.SURFACE, None, None),
    "tibialis_posterior": (View.BACK, Layer.DEEP, "tibialis_posterior", "lower_leg"),
    "multifidus": (View.BACK, Layer.DEEP, "multifidus", "lower_back"),
    "serratus_posterior_superior": (View.BACK, Layer.DEEP, "serratus_posterior_superior",
                                    "upper_back"),
    "serratus_posterior_inferior": (View.BACK, Layer.DEEP, "serratus_posterior_inferior",
                                    "upper_back"),
}
MIDLINE = {"coccyx"}


def polygon(shape) -> Polygon:
    result = Polygon(shape.rings[0])
    for ring in shape.rings[1:]:
        result = result.symmetric_difference(Polygon(ring))
    return result


@pytest.mark.parametrize("stem", NEW_REGIONS)
def test_each_new_region_is_on_both_sides_in_its_layer_with_its_pattern(stem):
    atlas = load_atlas()
    view, layer, muscle, wpi = NEW_REGIONS[stem]
    sides = (Side.CENTER,) if stem in MIDLINE else (Side.LEFT, Side.RIGHT)
    drawn = load_geometry().views[view].regions
    for side in sides:
        region_id = stem if side is Side.CENTER else f"{stem}.{side.value}"
        region = atlas.region(region_id)
        assert (region.view, region.layer, region.side) == (view, layer, side)
        assert region_id in drawn
        assert region.wpi_area == (wpi if wpi is None or side is Side.CENTER
                                   or wpi not in {"lower_arm", "shoulder_girdle", "lower_leg"}
                                   else f"{wpi}.{side.value}")
        assert ("deep" in region.name) == (layer is Layer.DEEP)
        patterns = atlas.patterns_from(region_id)
        if muscle is None:
            assert patterns == [] and region.muscles == ()
        else:
            assert region.muscles == (muscle,)
            assert [p.muscle for p in patterns] == [muscle]
            pattern = patterns[0]
            assert "Travell & Simons" in pattern.reference and pattern.zones
            assert all(atlas.region(zone).side in (side, Side.CENTER) for zone in pattern.zones)


def test_the_elbow_patterns_point_at_the_lateral_epicondyle_not_the_olecranon():
    """Travell & Simons send supraspinatus, brachioradialis and the radial wrist extensors to
    the lateral epicondyle; the atlas sent them to the point of the elbow."""
    atlas = load_atlas()
    for muscle in ("supraspinatus", "brachioradialis", "wrist_extensors_radial"):
        for side in ("left", "right"):
            (pattern,) = [p for p in atlas.patterns if p.muscle == muscle
                          and p.name.lower().startswith(side)]
            assert f"lateral_epicondyle.{side}" in pattern.zones, muscle
            assert f"elbow_back.{side}" not in pattern.zones, muscle


def test_the_new_regions_lie_where_they_are_felt():
    """Epicondyles at the elbow (lateral on the outer edge, medial on the inner), the
    malleolus at the outer ankle, the coccyx under the sacrum on the midline, the 2nd
    costochondral junction beside the top of the sternum, subscapularis at the back of the
    armpit between the teres muscles."""
    geometry = load_geometry()
    unit = geometry.head_unit

    def where(view: View, region_id: str) -> tuple[float, float]:
        """A region's centre: head units from the midline (viewer's left negative) and from
        the top of the frame's figure."""
        figure = geometry.views[view]
        top = polygon(figure.silhouette).bounds[1]
        centre = polygon(figure.regions[region_id]).centroid
        return (centre.x - figure.width / 2) / unit, (centre.y - top) / unit

    front, back = View.FRONT, View.BACK
    elbow = where(back, "elbow_back.left")
    lateral = where(back, "lateral_epicondyle.left")
    assert lateral[0] < elbow[0] and abs(lateral[1] - elbow[1]) < 0.15  # outside, level
    medial = where(front, "medial_epicondyle.right")
    assert medial[0] > where(front, "elbow_front.right")[0] and 2.85 < medial[1] < 3.15
    ankle = where(front, "ankle_front.right")
    malleolus = where(front, "lateral_malleolus.right")
    assert malleolus[0] < ankle[0] and abs(malleolus[1] - ankle[1]) < 0.1
    sacrum, coccyx = where(back, "sacrum"), where(back, "coccyx")
    assert abs(coccyx[0]) < 0.01 and coccyx[1] > sacrum[1] + 0.25
    rib = where(front, "costochondral.right")
    assert -0.25 < rib[0] < -0.1 and 1.45 < rib[1] < 1.6
    teres_minor, teres_major = where(back, "teres_minor.left"), where(back, "teres_major.left")
    subscapularis = where(back, "subscapularis.left")
    assert teres_minor[1] < subscapularis[1] < teres_major[1] and subscapularis[0] < -0.6


def test_from_the_front_the_trapezius_tops_the_shoulder_above_the_clavicle():
    """The pectorals start at the clavicle (a line drawn on the front); above it the
    trapezius makes the whole top of the shoulder, neck to acromion, on both sides."""
    figure = load_geometry().views[View.FRONT]
    unit, mid = load_geometry().head_unit, figure.width / 2
    top = polygon(figure.silhouette).bounds[1]
    clavicles = [line for line in figure.details
                 if 0.4 < (max(x for x, _ in line) - min(x for x, _ in line)) / unit < 0.6
                 and all(1.3 < (y - top) / unit < 1.5 for _, y in line)]
    assert len(clavicles) == 2  # one a side
    for side, sign in (("right", -1), ("left", 1)):  # the person's right on the viewer's left
        trapezius = polygon(figure.regions[f"upper_trapezius.{side}"])
        pectoralis = polygon(figure.regions[f"pectoralis.{side}"])
        clavicle = LineString(next(line for line in clavicles if (line[0][0] - mid) * sign > 0))
        assert pectoralis.bounds[1] >= min(y for _, y in clavicle.coords) - 0.5
        for d in (0.3, 0.4, 0.5, 0.6):  # along the top of the shoulder, just inside it
            x = mid + sign * d * unit
            edge = polygon(figure.silhouette).intersection(
                LineString([(x, top + 1.1 * unit), (x, top + 2 * unit)])).bounds[1]
            assert trapezius.contains(Point(x, edge + 0.03 * unit)), (side, d)


def test_the_gluteus_maximus_covers_the_buttock_and_the_sacroiliac_joint_is_small():
    figure = load_geometry().views[View.BACK]
    unit, mid = load_geometry().head_unit, figure.width / 2
    top = polygon(figure.silhouette).bounds[1]
    for side, sign in (("left", -1), ("right", 1)):  # the person's left on the viewer's left
        maximus = polygon(figure.regions[f"gluteus_maximus.{side}"])
        joint = polygon(figure.regions[f"sacroiliac.{side}"])
        sacrum = polygon(figure.regions["sacrum"])
        assert joint.area < 0.1 * maximus.area
        assert joint.distance(sacrum) < 0.5  # beside the sacrum, over the joint
        # The upper inner buttock, beside the sacroiliac joint and below the iliac crest,
        # and the lower inner buttock beside the cleft.
        for d, y in ((0.28, 3.62), (0.2, 3.75), (0.2, 4.3), (0.5, 4.1)):
            assert maximus.contains(Point(mid + sign * d * unit, top + y * unit)), (side, d, y)
