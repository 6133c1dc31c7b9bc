"""Invariants of the body-map drawing, checked with shapely."""

import itertools
import math

import pytest
from shapely import affinity
from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from fibromap.domain.atlas import FIGURES, WPI_AREAS, Side, View, load_atlas
from fibromap.domain.geometry import Build, _rings, load_geometry

GEOMETRY = load_geometry()
MIDLINE = GEOMETRY.width / 2  # of the whole figure's views; a detail view has its own


def polygon(shape) -> Polygon:
    """The shape as drawn (even-odd: a ring inside another is a hole, one beside it another
    piece, as the two hands of a detail view)."""
    result = Polygon(shape.rings[0])
    for ring in shape.rings[1:]:
        result = result.symmetric_difference(Polygon(ring))
    return result


# Every view, and the front and back of the female and male figures too.
DRAWN = [(Build.NEUTRAL, view) for view in View] + [
    (build, view) for build in (Build.FEMALE, Build.MALE) for view in FIGURES["body"]]


@pytest.fixture(scope="module", params=DRAWN, ids=[f"{view.value}-{build.value}"
                                                   for build, view in DRAWN])
def figure(request):
    build, view = request.param
    view = load_geometry(build).views[view]
    return view, polygon(view.silhouette), {rid: polygon(s) for rid, s in view.regions.items()}


def test_every_drawn_region_is_catalogued_on_its_view_and_every_region_is_drawn():
    """Each region is drawn on the view it is catalogued on; it may be drawn again, closer,
    only in its own detail figure (a finger on the palm and on the back of the hand), or in
    a crop view of its own view (the shoulders and pelvis: parts of the whole figure); and
    on the other side of the whole figure where the catalogue says it is seen from there too
    (the upper trapezius, over the top of the shoulder from the front)."""
    atlas = load_atlas()
    assert set(GEOMETRY.views) == set(View)
    drawn: dict[str, list[View]] = {}
    for view, fig in GEOMETRY.views.items():
        for rid in fig.regions:
            drawn.setdefault(rid, []).append(view)
    assert set(drawn) == {region.id for region in atlas}
    for region in atlas:
        assert region.view in drawn[region.id], region.id
        for view in drawn[region.id]:
            homes = (region.view, region.also_on)
            assert (view in homes or view.figure == region.detail
                    or view.crop_of in homes), (region.id, view)
    # A detail region's parent is a region of the whole figure, in the same figure.
    for region in atlas:
        if region.parent:
            parent = atlas.region(region.parent)
            assert parent.view.figure == "body" and parent.detail == region.detail, region.id


def test_regions_are_valid_single_shapes_inside_the_silhouette(figure):
    _, silhouette, regions = figure
    for rid, shape in regions.items():
        assert shape.is_valid and shape.area > 20, rid  # 20 square units: clickable
        outside = shape.difference(silhouette.buffer(0.5)).area
        assert outside < 0.5, (rid, outside)


def test_regions_do_not_overlap(figure):
    _, _, regions = figure
    for (a, pa), (b, pb) in itertools.combinations(regions.items(), 2):
        if pa.bounds[0] > pb.bounds[2] or pb.bounds[0] > pa.bounds[2]:
            continue
        assert pa.intersection(pb).area < 0.5, (a, b)


def test_regions_cover_the_silhouette(figure):
    _, silhouette, regions = figure
    covered = unary_union(list(regions.values())).intersection(silhouette).area
    assert covered / silhouette.area >= 0.97
    assert covered / silhouette.area > 0.995  # in fact they tile it


def test_left_and_right_mirror_each_other(figure):
    view, silhouette, regions = figure
    atlas = load_atlas()
    MIDLINE = view.width / 2  # noqa: N806 - the view's own
    mirrored_outline = affinity.scale(silhouette, -1, 1, origin=(MIDLINE, 0))
    assert silhouette.symmetric_difference(mirrored_outline).area < 2
    for rid, shape in regions.items():
        region = atlas.region(rid)
        twin = regions[region.mirror_id()]
        mirrored = affinity.scale(shape, -1, 1, origin=(MIDLINE, 0))
        assert mirrored.symmetric_difference(twin).area < 0.02 * shape.area + 1, rid


# The side of the person drawn on the viewer's left: facing the viewer the person's right;
# from behind, and looking down at the feet or up at the soles, the person's left.
VIEWER_LEFT = {View.FRONT: Side.RIGHT, View.BACK: Side.LEFT, View.HEAD_FRONT: Side.RIGHT,
               View.HEAD_BACK: Side.LEFT, View.SHOULDERS_FRONT: Side.RIGHT,
               View.SHOULDERS_BACK: Side.LEFT, View.PELVIS_FRONT: Side.RIGHT,
               View.PELVIS_BACK: Side.LEFT, View.PALMS: Side.RIGHT, View.HAND_BACKS: Side.LEFT,
               View.FOOT_TOPS: Side.LEFT, View.SOLES: Side.LEFT}


def test_left_is_where_it_belongs_on_each_view(figure):
    view, _, regions = figure
    atlas = load_atlas()
    midline = view.width / 2
    for rid, shape in regions.items():
        side = atlas.region(rid).side
        x = shape.centroid.x
        if side is Side.CENTER:
            assert abs(x - midline) < 1, rid
        else:
            assert (x < midline) == (side is VIEWER_LEFT[view.view]), rid
    assert view.view.facing == (VIEWER_LEFT[view.view] is Side.RIGHT)


def test_anchors_lie_well_inside_their_region(figure):
    view, _, regions = figure
    for rid, shape in regions.items():
        anchor = Point(view.regions[rid].anchor)
        assert shape.contains(anchor), rid
        assert shape.exterior.distance(anchor) > 1.5, rid


def test_all_19_wpi_areas_can_be_reached_on_the_drawing():
    atlas = load_atlas()
    drawn = {rid for fig in GEOMETRY.views.values() for rid in fig.regions}
    assert {atlas.region(rid).wpi_area for rid in drawn} - {None} == {a.id for a in WPI_AREAS}


def test_the_figure_has_human_proportions():
    unit = GEOMETRY.head_unit
    outline = polygon(GEOMETRY.views[View.FRONT].silhouette)
    x0, y0, x1, y1 = outline.bounds
    assert (y1 - y0) / unit == pytest.approx(8, abs=0.05)  # eight heads tall
    shoulders = (x1 - x0) / unit
    assert 2.0 <= shoulders <= 2.6  # shoulders and hanging arms
    head = polygon(GEOMETRY.views[View.FRONT].regions["forehead"]).bounds
    assert (head[3] - y0) / unit < 0.6


def test_no_region_has_a_thin_spike(figure):
    """A spike (the outline doubling back on itself) draws as a stray line."""
    view, _, _ = figure
    for rid, shape in view.regions.items():
        ring = shape.outer
        for i, b in enumerate(ring):
            a, c = ring[i - 1], ring[(i + 1) % len(ring)]
            v1, v2 = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
            l1, l2 = math.hypot(*v1), math.hypot(*v2)
            if min(l1, l2) > 1.5:
                cosine = (v1[0] * v2[0] + v1[1] * v2[1]) / (l1 * l2)
                assert cosine < 0.995, (rid, b)


def test_a_path_of_moves_and_lines_reads_as_rings():
    d = "M 0 0 10 0 10,10 0 10 Z M 2 2 L 4 2 4 4 Z M 1 1 2 2"
    assert _rings(d) == (((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)),
                         ((2.0, 2.0), (4.0, 2.0), (4.0, 4.0)))
    assert _rings(d, minimum=2)[-1] == ((1.0, 1.0), (2.0, 2.0))


@pytest.mark.parametrize("d", ["M 0 0 C 1 1 2 2 3 3", "M 0 0 10 0 10"])
def test_a_path_that_is_not_a_polygon_is_refused(d):
    with pytest.raises(ValueError, match="body map has a path"):
        _rings(d)


@pytest.mark.parametrize("which", [View.FRONT, View.BACK], ids=["front", "back"])
def test_hands_have_fingers_and_the_feet_toes_drawn_inside_them(which):
    """The lines that make the hands and feet read as such (not mittens) lie inside the
    palm, the back of the hand and the top of the foot, on both sides."""
    from shapely.geometry import LineString

    view = GEOMETRY.views[which]
    regions = {rid: polygon(s) for rid, s in view.regions.items()}
    inside = {"palm", "hand_back", "foot_top"}
    counts = {}
    for line in view.details:
        shape = LineString(line)
        homes = [rid for rid, region in regions.items()
                 if rid.split(".")[0] in inside and region.buffer(0.5).contains(shape)]
        for home in homes:
            counts[home] = counts.get(home, 0) + 1
    hands = {rid: n for rid, n in counts.items() if rid.split(".")[0] in ("palm", "hand_back")}
    assert len(hands) == 2 and all(n == 4 for n in hands.values())  # 3 gaps and a thumb
    feet = {rid: n for rid, n in counts.items() if rid.startswith("foot_top")}
    assert feet == ({"foot_top.left": 4, "foot_top.right": 4} if view.view is View.FRONT else {})


DETAIL_PARTS = {
    View.HEAD_FRONT: {"lateral_pterygoid", "medial_pterygoid", "tmj", "masseter", "temple",
                      "sternocleidomastoid", "scalenes", "digastric"},
    View.HEAD_BACK: {"suboccipital", "splenius_capitis", "occipitalis", "temporalis"},
    View.PALMS: {"thenar", "hypothenar", "palm_centre", "thumb", "index_finger",
                 "middle_finger", "ring_finger", "little_finger", "finger_flexors",
                 "flexor_carpi_radialis", "flexor_carpi_ulnaris", "wrist_front"},
    View.HAND_BACKS: {"first_dorsal_interosseous", "hand_back_centre", "thumb", "little_finger",
                      "finger_extensors", "wrist_extensors", "extensor_carpi_ulnaris"},
    View.FOOT_TOPS: {"big_toe", "lesser_toes", "instep", "extensor_digitorum_brevis",
                     "ankle_front"},
    View.SOLES: {"plantar_fascia", "arch", "heel_pad", "ball_of_foot", "outer_sole", "big_toe",
                 "lesser_toes"},
}


@pytest.mark.parametrize("view", DETAIL_PARTS, ids=[view.value for view in DETAIL_PARTS])
def test_each_detail_view_draws_what_the_issue_names_on_both_sides(view):
    stems = {rid.split(".")[0] for rid in GEOMETRY.views[view].regions}
    assert DETAIL_PARTS[view] <= stems
    for rid in GEOMETRY.views[view].regions:
        if rid.endswith(".left"):
            assert rid.replace(".left", ".right") in GEOMETRY.views[view].regions


def test_the_fingers_are_in_order_across_each_hand():
    """On the palms, facing the viewer, the person's right hand is on the viewer's left and
    its thumb points in, towards the middle; the little finger is outermost."""
    palms = GEOMETRY.views[View.PALMS].regions
    order = ["little_finger", "ring_finger", "middle_finger", "index_finger", "thumb"]
    xs = [polygon(palms[f"{stem}.right"]).centroid.x for stem in order]
    assert xs == sorted(xs)
    xs = [polygon(palms[f"{stem}.left"]).centroid.x for stem in order]
    assert xs == sorted(xs, reverse=True)
    # The thumb is shorter: its tip is lower than the index finger's.
    assert polygon(palms["thumb.right"]).bounds[1] > polygon(palms["index_finger.right"]).bounds[1]


def test_detail_views_are_drawn_bigger_than_the_whole_figure():
    """The reason for a detail view: the same region drawn several times larger."""
    for view, region_id in ((View.HEAD_FRONT, "masseter.left"), (View.PALMS, "wrist_front.left"),
                            (View.FOOT_TOPS, "ankle_front.left")):
        body = GEOMETRY.views[GEOMETRY.views[View.FRONT].view].regions[region_id]
        closer = GEOMETRY.views[view].regions[region_id]
        assert polygon(closer).area > 9 * polygon(body).area, region_id
