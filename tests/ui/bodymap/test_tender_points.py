"""The 18 tender-point sites of the ACR 1990 criteria can each be marked at its exact place.

Each site is found on the figure from anatomical landmarks: heights from the canon of eight
heads the figure is drawn to (make_body_map.py: chin at 1, shoulders at 1.5, navel and elbows
at 3, crotch at 4 heads from the crown), widths measured on the figure's outline (the neck,
the waist, the hips at the trochanters, the arm, the knee), never from the region drawn
there. The point is hit as a click hits it (BodyMapWidget.region_at at its place on screen),
on both sides, in the patient and clinician views and on the three figures; the test names
the region each site lands on. And a click on the top of the shoulder from the front marks
the trapezius, as it does from behind.
"""

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPointF, Qt
from shapely.geometry import LineString, Polygon

from fibromap.domain.atlas import Side, View
from fibromap.domain.geometry import Build, FigureView, load_geometry
from fibromap.figure.orientation import Orientation
from fibromap.ui.bodymap.body_map_widget import BodyMapWidget

# The person's side drawn on the viewer's left of the figure's own frame (the front is seen
# face to face; a mirrored patient view is undone by the view's transform, as a click is).
VIEWER_LEFT = {View.FRONT: Side.RIGHT, View.BACK: Side.LEFT}


class Outline:
    """The figure's silhouette in head units: x from the midline (negative on the viewer's
    left), y from the crown down."""

    def __init__(self, figure: FigureView, unit: float):
        rings = figure.silhouette.rings
        shape = Polygon(rings[0])
        for ring in rings[1:]:
            shape = shape.symmetric_difference(Polygon(ring))
        self.shape, self.unit, self.mid, self.top = shape, unit, figure.width / 2, shape.bounds[1]

    def frame(self, x: float, y: float) -> QPointF:
        return QPointF(self.mid + x * self.unit, self.top + y * self.unit)

    def across(self, y: float) -> list[tuple[float, float]]:
        """The pieces of the body cut at height ``y``, left to right."""
        level = self.top + y * self.unit
        cut = self.shape.intersection(LineString([(-1, level), (2 * self.mid + 1, level)]))
        return sorted(((min(c[0] for c in s.coords) - self.mid) / self.unit,
                       (max(c[0] for c in s.coords) - self.mid) / self.unit)
                      for s in getattr(cut, "geoms", [cut]))

    def trunk(self, y: float) -> float:
        """The half-width of the piece across the midline (neck, trunk)."""
        return next(-low for low, high in self.across(y) if low <= 0 <= high)

    def outer(self, y: float) -> tuple[float, float]:
        """The outermost piece on the viewer's left (an arm; a leg below the hands)."""
        return self.across(y)[0]

    def top_at(self, x: float) -> float:
        """How far down the outline's top is at ``x`` (the shoulder's upper edge)."""
        cut = self.shape.intersection(LineString([(self.mid + x * self.unit, self.top + 1.1 * self.unit),
                                                  (self.mid + x * self.unit, self.top + 3 * self.unit)]))
        return (cut.bounds[1] - self.top) / self.unit

    def scan(self, measure, low: float, high: float, pick=min) -> tuple[float, float]:
        """The smallest (or largest) ``measure`` between two heights, with its height."""
        return pick((measure(y / 100), y / 100) for y in range(round(low * 100), round(high * 100) + 1))

    # -- landmarks ---------------------------------------------------------------------------
    def neck(self) -> float:
        return self.scan(self.trunk, 0.9, 1.1)[0]

    def acromion(self) -> float:
        """The tip of the shoulder: 5/8 of the way out to the deltoid's bulge."""
        return 0.62 * self.scan(lambda y: -self.outer(y)[0], 1.5, 2.0, max)[0]


@dataclass(frozen=True)
class Site:
    name: str
    view: View
    stem: str  # the region it is marked on

    def place(self, body: Outline) -> tuple[float, float]:
        """(distance from the midline, height) in head units, from the landmarks."""
        return SITES[self.name](body)


def _trapezius(body: Outline) -> tuple[float, float]:
    # The midpoint of the upper border, between the neck and the acromion, in the muscle.
    x = (body.neck() + body.acromion()) / 2
    return x, body.top_at(-x) + 0.06


def _lateral_epicondyle(body: Outline) -> tuple[float, float]:
    # The epicondyles just above the elbow's joint line (elbows at 3 heads); the site is
    # 2 cm (0.09 head) distal, on the extensor mass at the arm's outer edge.
    y = 2.95 + 0.09
    return -body.outer(y)[0] - 0.05, y


def _gluteal(body: Outline) -> tuple[float, float]:
    # The middle of the upper outer quadrant: the buttock from the midline to the hips at the
    # trochanters, from the iliac crest (a little below the waist) to the gluteal fold (below
    # the crotch).
    hips = body.scan(body.trunk, 3.6, 4.05, max)[0]
    crest = body.scan(body.trunk, 2.7, 3.3)[1] + 0.27
    crotch = next(y / 1000 for y in range(3900, 4400) if not any(
        low <= 0 <= high for low, high in body.across(y / 1000)))
    fold = crotch + 0.32
    return 0.75 * hips, crest + (fold - crest) / 4


def _trochanter(body: Outline) -> tuple[float, float]:
    # Just behind the trochanteric prominence: the hips' widest point.
    hips, y = body.scan(body.trunk, 3.6, 4.05, max)
    return hips - 0.06, y


def _knee(body: Outline) -> tuple[float, float]:
    # The medial fat pad, 1.5 cm above the joint line (the knee's narrowest), inside the edge.
    def width(y: float) -> float:
        low, high = body.outer(y)
        return high - low
    joint = body.scan(width, 5.7, 6.2)[1]
    y = joint - 0.07
    return -body.outer(y)[1] + 0.07, y


SITES = {
    # At the suboccipital muscles' insertions: the base of the skull, level with the lower
    # ends of the ears, 2-3 cm either side of the midline.
    "occiput": lambda body: (0.1, 0.85),
    # In front of the intertransverse spaces C5-C7: the lower third of the neck between the
    # chin (1) and the jugular notch (1.3), behind the sternocleidomastoid's back edge.
    "low cervical": lambda body: (0.8 * body.trunk(1.1), 1.2),
    "trapezius": _trapezius,
    # Above the scapular spine near its inner end, where it starts from the shoulder blade's
    # inner edge (3/5 of the way out to the acromion), at the level of the shoulders.
    "supraspinatus": lambda body: (0.58 * body.acromion(), 1.53),
    # Just beside the second costochondral junction: the sternal angle 5 cm (0.22 head) below
    # the jugular notch, 3.5 cm (0.15 head) from the midline.
    "second rib": lambda body: (0.15, 1.3 + 0.22),
    "lateral epicondyle": _lateral_epicondyle,
    "gluteal": _gluteal,
    "greater trochanter": _trochanter,
    "knee": _knee,
}
TENDER_POINTS = [
    Site("occiput", View.BACK, "suboccipital"),
    Site("low cervical", View.FRONT, "scalenes"),
    Site("trapezius", View.BACK, "upper_trapezius"),
    Site("supraspinatus", View.BACK, "supraspinatus"),
    Site("second rib", View.FRONT, "costochondral"),
    Site("lateral epicondyle", View.BACK, "lateral_epicondyle"),
    Site("gluteal", View.BACK, "gluteus_medius"),
    Site("greater trochanter", View.BACK, "trochanter"),
    Site("knee", View.FRONT, "knee_front"),
]


@pytest.fixture(scope="module", params=list(Orientation), ids=[o.value for o in Orientation])
def body_map(qapp, request):
    widget = BodyMapWidget(request.param)
    widget.resize(1280, 800)
    widget.show()
    qapp.processEvents()
    yield widget
    widget.close()
    widget.deleteLater()


def hit(body_map: BodyMapWidget, view: View, frame_point: QPointF) -> str | None:
    """The region a click at this point of a view's own frame lands on."""
    scene = body_map.figures.containers[view].mapToScene(frame_point)
    return body_map.region_at(body_map.mapFromScene(scene))


@pytest.mark.parametrize("build", list(Build), ids=[b.value for b in Build])
def test_each_acr_1990_tender_point_lands_on_its_region_on_both_sides(body_map, build):
    geometry = load_geometry(build)
    if body_map.body_geometry is not geometry:
        body_map.set_geometry(geometry)
    landed = {}
    for site in TENDER_POINTS:
        body = Outline(geometry.views[site.view], geometry.head_unit)
        x, y = site.place(body)
        near = VIEWER_LEFT[site.view]
        far = Side.LEFT if near is Side.RIGHT else Side.RIGHT
        for side, sign in ((near, -1), (far, 1)):
            landed[f"{site.name} ({side.value})"] = hit(body_map, site.view,
                                                        body.frame(sign * x, y))
    expected = {f"{site.name} ({side.value})": f"{site.stem}.{side.value}"
                for site in TENDER_POINTS for side in (Side.RIGHT, Side.LEFT)}
    assert landed == expected
    assert len(landed) == 18


def test_a_click_on_the_top_of_the_shoulder_from_the_front_marks_the_trapezius(qtbot, body_map):
    """The commonest tender point, tapped from the front: the trapezius, not the chest; and
    its number goes where the muscle is seen best, on the back."""
    geometry = load_geometry(Build.NEUTRAL)
    if body_map.body_geometry is not geometry:
        body_map.set_geometry(geometry)
    body_map.marks.clear()
    front = Outline(geometry.views[View.FRONT], geometry.head_unit)
    x = (front.neck() + front.acromion()) / 2
    for sign, side in ((-1, "right"), (1, "left")):  # the viewer's left is the person's right
        point = front.frame(sign * x, front.top_at(sign * x) + 0.04)
        for _ in range(2):  # a muscle under 24 pixels comes closer at the first click
            if body_map.marks.is_marked(f"upper_trapezius.{side}"):
                break
            qtbot.mouseClick(body_map.viewport(), Qt.MouseButton.LeftButton, pos=body_map.mapFromScene(
                body_map.figures.containers[View.FRONT].mapToScene(point)))
        assert body_map.marks.current == f"upper_trapezius.{side}"
        assert body_map.marks.is_marked(f"upper_trapezius.{side}")
        label = body_map.figures.labels[f"upper_trapezius.{side}"]
        back = body_map.figures.containers[View.BACK]
        assert label.isVisible() and back.sceneBoundingRect().contains(label.scenePos())
    assert {region for region, _mark in body_map.marks.marks()} == {
        "upper_trapezius.right", "upper_trapezius.left"}
    body_map.marks.clear()
