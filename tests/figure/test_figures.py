"""The body figure drawn without any widget, as the report draws it."""

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from fibromap.domain.atlas import View, load_atlas
from fibromap.domain.geometry import load_geometry
from fibromap.figure import colors
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.legend import scale_gradient
from fibromap.figure.orientation import Orientation


@pytest.fixture
def figures(qapp):
    scene = QGraphicsScene()
    drawn = BodyFigures(scene, load_atlas(), load_geometry(), QFont("DejaVu Sans"))
    drawn.scene_ref = scene  # keep the scene alive with the figures
    return drawn


def render(scene: QGraphicsScene) -> tuple[QImage, float]:
    source = scene.sceneRect()
    image = QImage(int(source.width()), int(source.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image, source.left()


@pytest.mark.parametrize("orientation, left_side_of_front", [
    (Orientation.CLINICIAN, "right"),  # facing the person, their left is on the viewer's right
    (Orientation.PATIENT, "left"),     # as in a mirror, their left is on the viewer's left
])
def test_the_persons_left_is_where_the_orientation_says(figures, orientation, left_side_of_front):
    figures.apply_orientation(orientation)
    left = figures.scene_anchor("pectoralis.left").x()
    right = figures.scene_anchor("pectoralis.right").x()
    assert (left > right) == (left_side_of_front == "right")
    viewer_left, viewer_right = (label.text() for label in figures.side_labels[View.FRONT])
    assert (viewer_left, viewer_right) == (("R", "L") if left_side_of_front == "right" else ("L", "R"))
    # From behind the person's left is always on the viewer's left.
    assert figures.scene_anchor("gluteus_maximus.left").x() < figures.scene_anchor(
        "gluteus_maximus.right").x()


def test_a_region_is_painted_in_the_colour_of_its_value(figures):
    figures.apply_orientation(Orientation.CLINICIAN)
    figures.set_values({"gluteus_maximus.left": 10.0}, lambda v: v / 10, lambda v: f"{v:g}")
    for region_id in figures.region_items:
        figures.refresh(region_id)
    figures.labels["gluteus_maximus.left"].hide()  # the number would sit on the anchor
    image, left = render(figures.scene_ref)
    hot = figures.scene_anchor("gluteus_maximus.left")
    cold = figures.scene_anchor("gluteus_maximus.right")
    painted = image.pixelColor(int(hot.x() - left), int(hot.y()))
    expected = colors.intensity_color(10)
    assert max(abs(painted.red() - expected.red()), abs(painted.green() - expected.green()),
               abs(painted.blue() - expected.blue())) <= 8
    assert image.pixelColor(int(cold.x() - left), int(cold.y())) != painted


def test_the_legend_runs_from_light_orange_to_dark_red(qapp):
    image = QImage(300, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    bar = QRectF(8, 20, 284, 12)
    painter.fillRect(bar, scale_gradient(bar))
    painter.end()
    rows = [y for y in range(60) if image.pixelColor(150, y) not in (QColor("white"), QColor("black"))]
    middle = rows[len(rows) // 2]
    start, end = image.pixelColor(12, middle), image.pixelColor(288, middle)
    # Light orange (#fdae61): clearly not the pale yellow of unmarked skin.
    assert 150 < start.lightness() < 200 and start.red() > start.green() > start.blue()
    assert end.lightness() < 100 and end.red() > 3 * end.green()       # dark red


@pytest.mark.parametrize("orientation", list(Orientation))
def test_an_arrow_between_front_and_back_stays_on_its_own_figure(figures, orientation):
    """From the back's right low back to the front's right groin: to the right edge of the
    back figure (the person's right, seen from behind, is on the viewer's right), at the
    groin's height, in a ring holding F; from the front's right inner thigh to the back's
    right buttock: to the front figure's edge on the person's right (left of the page
    facing the person, right in a mirror), in a ring holding B. Neither crosses the gap."""
    from fibromap.figure.referral_arrow import ReferralArrow
    from fibromap.figure.region_item import shape_path

    figures.apply_orientation(orientation)
    back, front = (figures.containers[view].sceneBoundingRect() for view in (View.BACK, View.FRONT))
    gap = (front.right(), back.left())
    for source, zone, letter, view in (("quadratus_lumborum.right", "groin.right", "F", View.BACK),
                                       ("adductors.right", "gluteus_maximus.right", "B", View.FRONT)):
        arrow = ReferralArrow(source, zone)
        figures.scene.addItem(arrow)
        assert figures.route_arrow(arrow)
        assert arrow.letter == letter and arrow.ring is not None
        bounds = arrow.sceneBoundingRect()
        assert bounds.right() <= gap[0] + 40 if view is View.FRONT else bounds.left() >= gap[1] - 40
        middle = figures.midline(view)
        persons_right_on_the_right = view is View.BACK or orientation is Orientation.PATIENT
        assert (arrow.ring.x() > middle) == persons_right_on_the_right
        outline = figures.containers[view].mapToScene(shape_path(
            figures.geometry.views[view].silhouette))
        assert not outline.intersects(arrow.head_rect())  # beside the figure, not on it
        assert abs(arrow.ring.y() - figures.scene_anchor(zone).y()) < 20  # at the zone's height


# The ring on paper (larger: the figures are small there) facing the person, and on screen
# as in a mirror.
@pytest.mark.parametrize("orientation, radius", [(Orientation.CLINICIAN, 16.0),
                                                 (Orientation.PATIENT, 7.0)])
def test_every_ring_to_the_other_figure_lies_clear_of_its_figure(figures, orientation, radius):
    """Every referral of the atlas from one figure to a zone on the other ends in a ring
    beside its source's figure, never on it: clear of the outline over the ring's whole
    height, where a hand or an elbow reaches out just above or below the zone's height
    (on paper, the ring of the front's brachioradialis to the back of the wrist sat on
    the hand)."""
    from fibromap.figure.referral_arrow import ReferralArrow
    from fibromap.figure.region_item import shape_path

    figures.apply_orientation(orientation)
    atlas = figures.atlas
    outlines = {view: figures.containers[view].mapToScene(
        shape_path(figures.geometry.views[view].silhouette)) for view in (View.FRONT, View.BACK)}
    routed = 0
    for region in atlas:
        source = figures.shown_item(region.id)
        if source is None:
            continue
        frame = figures.containers[source.view].sceneBoundingRect()
        rings = []  # a muscle's rings together, as on a map: each moves clear of the others
        for zone in atlas.referral_zones(region.id):
            target = figures.shown_item(zone) or figures.shown_item(atlas.on_figure(zone))
            if target is None or target.view == source.view:
                continue
            arrow = ReferralArrow(region.id, zone)
            arrow.ring_radius = radius
            figures.scene.addItem(arrow)
            rings.append(arrow)
            assert figures.route_arrow(arrow) and arrow.ring is not None
            ring = arrow.head_rect()
            assert not outlines[source.view].intersects(ring), (region.id, zone)
            # Never above the head or below the feet (the suboccipitals' third ring, to
            # the forehead, went over the top of the back figure).
            assert frame.top() <= ring.top() and ring.bottom() <= frame.bottom(), (region.id, zone)
        for arrow in rings:
            figures.scene.removeItem(arrow)
        routed += len(rings)
    assert routed > 100
