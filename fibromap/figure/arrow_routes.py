"""Where a referral arrow runs on the figures (BodyFigures): between its two regions when
both are on one figure; from the source to the edge of its own figure when the pain is
felt on the other one (front and back), at the height of the zone and on its side of the
body, so no arrow crosses the gap and the other figure."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from fibromap.domain.atlas import Side
from fibromap.figure.referral_arrow import ReferralArrow, ring_letter
from fibromap.figure.region_item import RegionItem, shape_path

OUTSIDE = 6.0  # between the figure's outline and the ring
SPACING = 3.4  # rings are moved this many radii up or down, clear of each other (room for a
# leader between two)


def route_arrow(figures, arrow: ReferralArrow) -> bool:
    """Route ``arrow`` on ``figures`` (a BodyFigures; not annotated: it imports this
    module); False (to be hidden) when one of its ends is not on display."""
    start, end = figures.shown_anchor(arrow.source), figures.shown_anchor(arrow.target)
    if start is None or end is None or start == end:
        return False
    source, target = _shown(figures, arrow.source), _shown(figures, arrow.target)
    if source.view == target.view or not source.view.figure == target.view.figure == "body":
        arrow.route(start, end)
        return True
    ring = _edge(figures, arrow, source, target, end.y())
    arrow.route_to_edge(start, ring, ring_letter(target.view.facing))
    return True


def _shown(figures, region_id: str) -> RegionItem:
    item = figures.shown_item(region_id)
    if item is None:  # a part shown on the figure as the region it lies in
        item = figures.shown_item(figures.atlas.region(region_id).parent)
    assert item is not None  # shown_anchor found it
    return item


def _edge(figures, arrow: ReferralArrow, source: RegionItem, target: RegionItem,
          height: float) -> QPointF:
    """Beside the outline of ``source``'s figure, at ``height`` (moved to stay clear of
    the L and R), on the side of the body ``target`` lies on (for a zone on the midline,
    the side the source lies on)."""
    view = source.view
    middle = figures.midline(view)
    outward = _outward(figures, source, target, middle)
    outline = figures.containers[view].mapToScene(shape_path(figures.geometry.views[view].silhouette))
    bounds = outline.boundingRect()
    ring = arrow.ring_radius
    # Clear of the L and R, and of the rings already drawn.
    texts = [item.sceneBoundingRect() for item in figures.scene.items()
             if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible()]
    texts += [item.head_rect() for item in figures.scene.items()
              if isinstance(item, ReferralArrow) and item.ring is not None and item.isVisible()
              and item is not arrow]
    y = min(max(height, bounds.top() + ring), bounds.bottom() - ring)

    def beside(at: float) -> float:
        """The ring's centre, clear of the outline over the ring's whole height (a hand or
        an elbow may reach out just above or below ``at``)."""
        edges = [_outermost(outline, at + ring * k / 2, outward, middle) for k in range(-2, 3)]
        return (max(edges) if outward > 0 else min(edges)) + outward * (OUTSIDE + ring)

    for step in range(24):  # a little lower, then higher, until clear
        at = y + (step + 1) // 2 * SPACING * ring * (1 if step % 2 else -1) if step else y
        if not bounds.top() + ring <= at <= bounds.bottom() - ring:
            continue  # never above the head or below the feet
        x = beside(at)
        box = QRectF(x - ring - 2, at - ring - 2, 2 * ring + 4, 2 * ring + 4)
        if not any(box.intersects(text) for text in texts):
            return QPointF(x, at)
    return QPointF(beside(y), y)


def _outward(figures, source: RegionItem, target: RegionItem, middle: float) -> float:
    """Which way, on ``source``'s figure, lies the side of the body ``target`` is on: 1
    (the viewer's right) or -1."""
    side = target.region.side
    if side is Side.CENTER:
        return 1.0 if figures.scene_anchor(source.region.id).x() >= middle else -1.0
    # Seen from behind, or in a mirror, the person's left is on the viewer's left.
    left_is_left = not source.view.facing or figures.mirrored
    return -1.0 if (side is Side.LEFT) == left_is_left else 1.0


def _outermost(outline, y: float, outward: float, middle: float) -> float:
    """The outline's farthest point from the midline at height ``y``, on one side."""
    crossings = []
    for polygon in outline.toSubpathPolygons():
        for index in range(len(polygon)):
            a, b = polygon[index], polygon[(index + 1) % len(polygon)]
            if (a.y() - y) * (b.y() - y) <= 0 and a.y() != b.y():
                crossing = QLineF(a, b).pointAt((y - a.y()) / (b.y() - a.y())).x()
                if (crossing - middle) * outward >= 0:
                    crossings.append(crossing)
    if not crossings:
        return middle
    return max(crossings) if outward > 0 else min(crossings)
