"""What every heat-map's numbers must be, on screen and on paper, checked with geometry of
the test's own (not the placer's): none on the other side of its figure's midline from its
region (the midline is x = width / 2 of a view's frame, geometry.FigureView) nor past half
the gap to the next figure, none on an arrowhead or another number, no leader crossing
another or another's number, each inside its region or beside it on a leader from a dot on
it, readable on its backing, and biggest first: a number is missing only when every bigger
one is drawn."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF

from fibromap.domain.atlas import Side
from fibromap.figure.region_item import shape_path
from tests.helpers.colour import wcag_contrast


def line_crosses_box(line: QLineF, box: QRectF) -> bool:
    """Whether a segment passes through the inside of a box (Liang–Barsky clipping)."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    low, high = 0.0, 1.0
    for p, q in ((x1 - x2, x1 - box.left()), (x2 - x1, box.right() - x1),
                 (y1 - y2, y1 - box.top()), (y2 - y1, box.bottom() - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def figure_columns(figures) -> dict:
    """Each shown view's scene x range for numbers (to half the gap to its neighbour, or
    the scene's edge) and its midline."""
    views = list(figures.shown)
    rect = figures.scene.sceneRect()
    columns = {}
    for index, view in enumerate(views):
        container = figures.containers[view]
        frame = figures.geometry.views[view]
        ends = [container.mapToScene(QPointF(x, 0)).x() for x in (0, frame.width)]
        left, right = min(ends), max(ends)
        middle = container.mapToScene(QPointF(frame.width / 2, 0)).x()
        if index > 0:
            before = figures.containers[views[index - 1]]
            left = (left + before.mapToScene(QPointF(figures.geometry.views[views[index - 1]].width,
                                                     0)).x()) / 2
        else:
            left = rect.left()
        if index < len(views) - 1:
            after = figures.containers[views[index + 1]].mapToScene(QPointF(0, 0)).x()
            right = (right + after) / 2
        else:
            right = rect.right()
        columns[view] = (left, middle, right)
    return columns


def check_numbers(figures, numbers, arrows) -> dict:
    """Every rule above; returns counts for the caller to say more."""
    items = figures.region_items
    labels = list(numbers.labels.values())
    valued = {rid for rid, item in items.items() if item.value is not None and item.value_text}
    assert set(numbers.labels) | set(numbers.left_off) == valued
    assert not set(numbers.labels) & set(numbers.left_off)
    if numbers.left_off and labels:  # biggest first: only the smallest are left off
        assert max(items[rid].value for rid in numbers.left_off) <= min(
            items[rid].value for rid in numbers.labels)
    heads = [arrow.head_rect() for arrow in arrows if arrow.isVisible()]
    leaders = [(label.region_id, label.leader) for label in labels if label.leader is not None]
    columns = figure_columns(figures)
    beside = 0
    for index, label in enumerate(labels):
        item = label.region_item
        shape = item.mapToScene(item.path())
        left, middle, right = columns[item.view]
        assert left - 0.01 <= label.box.left() and label.box.right() <= right + 0.01, label.text
        if item.region.side is not Side.CENTER:  # on its region's side of the midline
            if shape.boundingRect().center().x() > middle:
                assert label.box.left() >= middle - 0.01, (label.region_id, label.text)
            else:
                assert label.box.right() <= middle + 0.01, (label.region_id, label.text)
        assert not any(label.box.intersects(head) for head in heads), label.text
        assert not any(label.box.intersects(other.box) for other in labels[index + 1:]), label.text
        if label.leader is None:
            assert shape.contains(label.box), label.text
        else:
            beside += 1
            assert not shape.intersects(label.box) and shape.contains(label.leader.p1()), label.text
        for rid, line in leaders:
            if rid != label.region_id:
                assert not line_crosses_box(line, label.box), (rid, label.region_id)
        assert wcag_contrast(label.text_color(), label.fill()) >= 4.5, label.text
    for index, (rid, line) in enumerate(leaders):
        for other, second in leaders[index + 1:]:
            kind = line.intersects(second)[0]
            assert kind != QLineF.IntersectionType.BoundedIntersection, (rid, other)
    return {"drawn": len(labels), "beside": beside, "left_off": len(numbers.left_off)}


def check_arrows(figures, arrows, numbers=None) -> dict:
    """The heat-map's arrows can be followed: at most 12, one per source and zone, at most
    two ending at one region; each stays within one figure's column (to half the gap), an
    arrow between the front and the back ending beside its source's figure in a ring
    holding F or B; no number has more than two arrowheads round it."""
    shown = [arrow for arrow in arrows if arrow.isVisible()]
    assert len(shown) <= 12
    pairs = [(arrow.source, arrow.target) for arrow in shown]
    assert len(set(pairs)) == len(pairs)
    zones = [target for _source, target in pairs]
    assert all(zones.count(zone) <= 2 for zone in zones)
    columns = figure_columns(figures)
    crossing = 0
    for arrow in shown:
        source = figures.shown_item(arrow.source)
        target = figures.shown_item(arrow.target)
        left, _middle, right = columns[source.view]
        bounds = arrow.sceneBoundingRect()
        assert left <= bounds.left() and bounds.right() <= right, pairs
        if source.view != target.view:
            crossing += 1
            assert arrow.letter == ("F" if target.view.facing else "B")
            ring = arrow.head_rect()
            outline = figures.containers[source.view].sceneBoundingRect()
            silhouette = source.parentItem().mapToScene(
                shape_path(figures.geometry.views[source.view].silhouette))
            assert not silhouette.intersects(ring) and outline.adjusted(-60, 0, 60, 0).contains(ring)
        else:
            assert arrow.ring is None
    if numbers is not None:
        heads = [arrow.head_rect() for arrow in shown if arrow.ring is None]
        for label in numbers.labels.values():
            near = label.box.adjusted(-label.box.height(), -label.box.height(),
                                      label.box.height(), label.box.height())
            assert sum(1 for head in heads if near.intersects(head)) <= 2, label.text
    return {"arrows": len(shown), "to the other figure": crossing}
