"""The numbers on a heat-map, placed so that each one can be read.

A number sits inside its region only where its box fits there whole; otherwise beside the
region with a short leader line to a dot on it; where neither fits it is left off (the
region's tooltip and the view's hover panel still give it). No two numbers touch, none
covers an arrowhead, and every number is drawn above the arrows on a backing of its
region's colour, in black or white, whichever contrasts more (WCAG ratio 4.58 or better).
Sizes are in screen pixels: the numbers are placed again when the map is resized.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

from fibromap.figure import colors

if TYPE_CHECKING:
    from fibromap.ui.bodymap.body_map_widget import BodyMapWidget

FONT_PX = 12         # the numbers' size on screen
PAD_PX = 2           # backing around the digits
GAP_PX = 2           # between two numbers, at least
LEADER_PX = 64       # the longest leader line
Z = 8                # above arrows (5), the built-in numbers (6) and the L/R labels (7)
ANGLES = (180, 0, 150, 210, 30, 330, 120, 240, 60, 300, 90, 270)  # sideways first
REACHES = tuple(range(8, LEADER_PX + 1, 6))  # screen pixels from the anchor, nearest first
Box = tuple[float, float, float, float]  # left, top, right, bottom (quick to compare)


def _box(rect: QRectF) -> Box:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _touch(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Whether the segment (x1, y1)–(x2, y2) passes through the inside of ``box``
    (Liang–Barsky clipping)."""
    low, high = 0.0, 1.0
    dx, dy = x2 - x1, y2 - y1
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low >= high:
                return False
    return True


def _free_places(ax: float, ay: float, width: float, height: float, pixel: float,
                 taken: list[Box], bounds: Box) -> list[list[bool]]:
    """For each reach and angle round the anchor, whether a box there lies on the map and
    touches nothing taken: all candidates at once (numpy), the slow checks then run on
    these few."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    radians = np.radians(ANGLES)
    reach = np.array(REACHES, dtype=float)[:, None] * pixel
    left = ax + np.cos(radians)[None, :] * (reach + width / 2) - width / 2
    top = ay + np.sin(radians)[None, :] * (reach + height / 2) - height / 2
    right, bottom = left + width, top + height
    free = ((bounds[0] <= left) & (right <= bounds[2]) & (bounds[1] <= top)
            & (bottom <= bounds[3]))
    if taken:
        boxes = np.array(taken, dtype=float)
        touching = ((left[..., None] < boxes[:, 2]) & (boxes[:, 0] < right[..., None])
                    & (top[..., None] < boxes[:, 3]) & (boxes[:, 1] < bottom[..., None]))
        free &= ~touching.any(axis=-1)
    return free.tolist()


class HeatLabel(QGraphicsItem):
    """One region's number: a box in its region's colour, maybe with a leader line."""

    def __init__(self, region_item, text: str, box: QRectF, font: QFont, pixel: float,
                 anchor: QPointF | None = None):
        super().__init__()
        self.region_item = region_item
        self.region_id = region_item.region.id
        self.text = text
        self.box = box
        self.font = font
        self.pixel = pixel  # scene units per screen pixel
        self.leader = None if anchor is None else QLineF(anchor, QPointF(
            min(max(anchor.x(), box.left()), box.right()),
            min(max(anchor.y(), box.top()), box.bottom())))
        self.setZValue(Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def fill(self) -> QColor:
        return self.region_item.brush().color()

    def text_color(self) -> QColor:
        return colors.text_color_on(self.fill())

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        rect = QRectF(self.box)
        if self.leader is not None:
            rect = rect.united(QRectF(self.leader.p1(), self.leader.p2()).normalized())
        margin = 3 * self.pixel
        return rect.adjusted(-margin, -margin, margin, margin)

    def paint(self, painter, _option, _widget=None) -> None:
        pixel, fill = self.pixel, self.fill()
        if self.leader is not None:
            painter.setPen(_pen(QColor(255, 255, 255, 220), 3 * pixel))  # a halo over arrows
            painter.drawLine(self.leader)
            painter.setPen(_pen(colors.LABEL, 1.2 * pixel))
            painter.drawLine(self.leader)
            painter.setBrush(colors.LABEL)
            painter.setPen(_pen(QColor("white"), pixel))
            painter.drawEllipse(self.leader.p1(), 2.5 * pixel, 2.5 * pixel)
            painter.setPen(_pen(colors.LABEL, pixel))  # an outlined box: it names a region elsewhere
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(self.box, 2 * pixel, 2 * pixel)
        painter.setFont(self.font)
        painter.setPen(self.text_color())
        painter.drawText(self.box, int(Qt.AlignmentFlag.AlignCenter), self.text)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class HeatLabels:
    """The numbers of one heat-map (a BodyMapWidget showing values)."""

    def __init__(self, body_map: BodyMapWidget) -> None:
        self.map = body_map
        self.labels: dict[str, HeatLabel] = {}
        self.left_off: list[str] = []  # regions with a figure but no room for its number
        self.scale = 0.0               # the view's scale the numbers were placed for
        self._leaders: list[Box] = []  # as x1, y1, x2, y2

    def clear(self) -> None:
        for label in self.labels.values():
            self.map.scene().removeItem(label)
        self.labels, self.left_off = {}, []

    def place(self) -> None:
        """Place every number again, biggest figures first, for the map's current size."""
        self.clear()
        body_map = self.map
        self.scale = body_map.transform().m11() or 1.0
        pixel = 1.0 / self.scale
        font = QFont(body_map.font())
        font.setBold(True)
        font.setPixelSize(max(1, round(FONT_PX * pixel)))
        metrics = QFontMetricsF(font)
        valued = sorted(((rid, item) for rid, item in body_map.region_items.items()
                         if item.value is not None and item.value_text),
                        key=lambda pair: (-(pair[1].value or 0), pair[0]))
        if not valued:
            return
        shapes = {rid: item.mapToScene(item.path()) for rid, item in valued}
        taken = self._marks_drawn()
        pad = PAD_PX * pixel
        sizes = {rid: (metrics.horizontalAdvance(item.value_text) + 2 * pad,
                       metrics.height() + pad) for rid, item in valued}
        self._leaders = []
        outside = self._place_inside(valued, shapes, sizes, taken, font, pixel)
        self._place_beside(outside, shapes, sizes, taken, font, pixel)

    def _marks_drawn(self) -> list[Box]:
        """What a number may not cover: the arrowheads and the map's visible texts."""
        taken: list[Box] = [_box(arrow.head_rect()) for arrow in self.map.arrows().values()]
        taken += [_box(item.sceneBoundingRect()) for item in self.map.scene().items()
                  if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible()]
        return taken

    def _place_inside(self, valued: list, shapes: dict[str, QPainterPath], sizes: dict,
                      taken: list[Box], font: QFont, pixel: float) -> list:
        """Each number that fits inside its region, placed there (``taken`` grows by each);
        returns the (region id, item) of those that do not."""
        gap = GAP_PX * pixel
        outside = []
        for rid, item in valued:
            box = self._inside(shapes[rid], self.map.scene_anchor(rid), sizes[rid], taken, pixel)
            if box is None:
                outside.append((rid, item))
                continue
            self._add(HeatLabel(item, item.value_text, box, font, pixel))
            taken.append(_box(box.adjusted(-gap, -gap, gap, gap)))
        return outside

    def _place_beside(self, outside: list, shapes: dict[str, QPainterPath], sizes: dict,
                      taken: list[Box], font: QFont, pixel: float) -> None:
        """Each of the others beside its region on a leader line, or left off where none fits."""
        gap = GAP_PX * pixel
        bounds = _box(self.map.sceneRect())
        others = {rid: _box(shape.boundingRect()) for rid, shape in shapes.items()}
        for rid, item in outside:
            anchor = self.map.scene_anchor(rid)
            box = self._beside(rid, anchor, sizes[rid], shapes, others, taken, bounds, pixel)
            if box is None:
                self.left_off.append(rid)
                continue
            label = HeatLabel(item, item.value_text, box, font, pixel, anchor)
            self._add(label)
            line = label.leader
            assert line is not None  # a number beside its region has a leader (from the anchor)
            self._leaders.append((line.x1(), line.y1(), line.x2(), line.y2()))
            taken.append(_box(box.adjusted(-gap, -gap, gap, gap)))

    def _add(self, label: HeatLabel) -> None:
        self.map.scene().addItem(label)
        self.labels[label.region_id] = label

    def _inside(self, shape: QPainterPath, anchor: QPointF, size, taken, pixel) -> QRectF | None:
        """A box for the number wholly inside the region, as near its anchor as can be."""
        width, height = size
        bounds = shape.boundingRect()
        if bounds.width() < width or bounds.height() < height:
            return None
        import numpy as np  # loaded with the first heat-map, not at start-up

        inner = [other for other in taken if _touch(_box(bounds), other)]
        step = 2 * pixel
        across = np.arange(-int(bounds.width() / 2 / step), int(bounds.width() / 2 / step) + 1)
        down = np.arange(-int(bounds.height() / 2 / step), int(bounds.height() / 2 / step) + 1)
        dx, dy = (grid.ravel() * step for grid in np.meshgrid(across, down, indexing="ij"))
        nearest = np.argsort(dx * dx + dy * dy, kind="stable")[:400]  # nearest the anchor first
        left = anchor.x() + dx[nearest] - width / 2
        top = anchor.y() + dy[nearest] - height / 2
        if inner:  # clear of every number and arrowhead already there
            boxes = np.array(inner, dtype=float)
            touching = ((left[:, None] < boxes[:, 2]) & (boxes[:, 0] < left[:, None] + width)
                        & (top[:, None] < boxes[:, 3]) & (boxes[:, 1] < top[:, None] + height))
            keep = ~touching.any(axis=1)
            left, top = left[keep], top[keep]
        margin = pixel
        for x, y in zip(left.tolist(), top.tolist(), strict=True):
            box = QRectF(x, y, width, height)
            if shape.contains(box.adjusted(-margin, -margin, margin, margin)):
                return box
        return None

    def _beside(self, rid: str, anchor: QPointF, size, shapes, others, taken, bounds,
                pixel) -> QRectF | None:
        """A box near the region but off it, reached by a leader that crosses no number."""
        width, height = size
        ax, ay = anchor.x(), anchor.y()
        around = self._surroundings(rid, anchor, size, shapes, others, taken, pixel)
        free = _free_places(ax, ay, width, height, pixel, around.near, bounds)
        best: tuple[float, QRectF] | None = None
        for row, reach in enumerate(REACHES):
            for column, angle in enumerate(ANGLES):
                if not free[row][column]:  # off the map, or on a number or an arrowhead
                    continue
                radians = math.radians(angle)
                cx = ax + math.cos(radians) * (reach * pixel + width / 2)
                cy = ay + math.sin(radians) * (reach * pixel + height / 2)
                box = QRectF(cx - width / 2, cy - height / 2, width, height)
                cost = around.cost(box, pixel)
                if cost is not None and (best is None or cost < best[0]):
                    best = (cost, box)
            if best is not None and best[0] <= reach + 6:
                break  # nothing further out can cost less
        return None if best is None else best[1]

    def _surroundings(self, rid: str, anchor: QPointF, size, shapes, others, taken,
                      pixel) -> _Surroundings:
        """What lies within a leader's reach of the region's anchor: only that can be in the way."""
        width, height = size
        ax, ay = anchor.x(), anchor.y()
        reach_all = LEADER_PX * pixel + width + height
        area = (ax - reach_all, ay - reach_all, ax + reach_all, ay + reach_all)
        return _Surroundings(
            ax, ay, shapes[rid], [other for other in taken if _touch(area, other)],
            [(others[other], shapes[other]) for other in shapes
             if other != rid and _touch(area, others[other])],
            [line for line in self._leaders if _touch(area, _span(line))])


def _span(line: Box) -> Box:
    """The box a leader (x1, y1, x2, y2) spans."""
    return min(line[0], line[2]), min(line[1], line[3]), max(line[0], line[2]), max(line[1], line[3])


@dataclass(frozen=True)
class _Surroundings:
    """What lies within a leader's reach of one region's anchor (``ax``, ``ay``): the
    region's own shape, the numbers and arrowheads there (``near``), the other regions (their
    bounds and shapes) and the leaders already drawn."""

    ax: float
    ay: float
    own: QPainterPath
    near: list[Box]
    regions: list[tuple[Box, QPainterPath]]
    leaders: list[Box]

    def cost(self, box: QRectF, pixel: float) -> float | None:
        """What a number in ``box`` costs (its leader's length in screen pixels, more for each
        region it covers or leader it crosses); None where it may not go: on its own region,
        or joined by a leader that crosses a number or an arrowhead, or on another leader."""
        ax, ay = self.ax, self.ay
        if self.own.intersects(box):
            return None
        quick = _box(box)
        end_x = min(max(ax, quick[0]), quick[2])
        end_y = min(max(ay, quick[1]), quick[3])
        if any(_crosses(ax, ay, end_x, end_y, other) for other in self.near) or any(
                _crosses(*line, quick) for line in self.leaders):
            return None
        leader = QLineF(ax, ay, end_x, end_y)
        crossings = sum(1 for line in self.leaders if leader.intersects(
            QLineF(*line))[0] == QLineF.IntersectionType.BoundedIntersection)
        # Off the figure is best: a number over another coloured region is read
        # against that one's colour, so those cost more.
        covered = sum(1 for bounds, shape in self.regions
                      if _touch(quick, bounds) and shape.intersects(box))
        return leader.length() / pixel + 40 * covered + 30 * crossings
