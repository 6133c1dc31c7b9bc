"""The marks drawn over a region's fill: fine dots on a deep muscle, diagonal hatching on a
referred zone, and the muscle a deep one lies under.

Both marks are real shapes in the drawing (little circles, thin strips), never a Qt brush
pattern: a pattern brush becomes a PDF tiling pattern, which poppler drew as black squares
while Ghostscript and pdf.js drew dots. Shapes are drawn alike by every reader, on screen
and on paper. Their colour is opaque, mixed from the fill toward black or white (whichever
reads on it), so no reader has to blend a transparency either.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPainterPathStroker, QPen

from fibromap.figure import colors
from fibromap.i18n import N_

# The key to the dots, wherever a map of figures is explained (heat-map, report).
DEEP_KEY = N_("Dotted: a deep muscle, under the one around it; with no flares of its own it "
              "shows that one's colour.")  # shown as _(DEEP_KEY)
DOT_SPACING = 6.5   # scene units between neighbouring dots (about 5 px on screen, 3 pt on paper)
DOT_RADIUS = 1.15   # scene units
HATCH_SPACING = 7.0  # between the diagonal lines of a hatching
HATCH_WIDTH = 1.1
MARK_SHARE = 0.38    # how far a mark's colour goes from the fill toward black or white
EDGE_SAMPLES = 2.0   # scene units between the points of an outline tried for a neighbour


def mark_colour(fill: QColor) -> QColor:
    """The opaque colour of dots or hatching on ``fill``: darker on a light fill, lighter on
    a dark one."""
    towards = colors.text_color_on(fill)
    return QColor.fromRgbF(*(a + (b - a) * MARK_SHARE for a, b in (
        (fill.redF(), towards.redF()), (fill.greenF(), towards.greenF()),
        (fill.blueF(), towards.blueF()))))


def dots(path: QPainterPath, spacing: float = DOT_SPACING,
         radius: float = DOT_RADIUS) -> QPainterPath:
    """Circles on a staggered grid, each wholly inside ``path``."""
    dotted = QPainterPath()
    box = path.boundingRect()
    row_step = spacing * math.sqrt(3) / 2
    rows = int(box.height() / row_step) + 1
    for row in range(rows + 1):
        y = box.top() + row * row_step
        x = box.left() + (spacing / 2 if row % 2 else 0.0)
        while x <= box.right():
            circle = QRectF(x - radius, y - radius, 2 * radius, 2 * radius)
            if path.contains(circle):
                dotted.addEllipse(circle)
            x += spacing
    return dotted


def hatching(path: QPainterPath, spacing: float = HATCH_SPACING,
             width: float = HATCH_WIDTH) -> QPainterPath:
    """Thin strips rising to the right, cut to ``path`` (a filled shape, not a pattern)."""
    box = path.boundingRect()
    lines = QPainterPath()
    x = box.left() - box.height()
    while x <= box.right():
        lines.moveTo(x, box.bottom())
        lines.lineTo(x + box.height(), box.top())
        x += spacing
    stroker = QPainterPathStroker(QPen(Qt.GlobalColor.black, width))
    stroker.setCapStyle(Qt.PenCapStyle.FlatCap)
    return stroker.createStroke(lines).intersected(path)


class _Shaped(Protocol):
    def path(self) -> QPainterPath: ...


Shaped = TypeVar("Shaped", bound=_Shaped)


def _outline_points(path: QPainterPath) -> Iterable[QPointF]:
    """Points along ``path``'s outline, about EDGE_SAMPLES apart."""
    for polygon in path.toSubpathPolygons():
        points = [polygon.at(index) for index in range(polygon.size())]
        for start, end in zip(points, points[1:], strict=False):
            steps = max(1, int(math.hypot(end.x() - start.x(), end.y() - start.y()) / EDGE_SAMPLES))
            for step in range(steps):
                t = step / steps
                yield QPointF(start.x() + (end.x() - start.x()) * t,
                              start.y() + (end.y() - start.y()) * t)


def lying_over(deep: Shaped, surface: Sequence[Shaped], reach: float = 2.5) -> Shaped | None:
    """The surface region a deep one lies under: the one that holds it, else the one along
    most of its outline (None: no surface region beside it). Shapes in one frame."""
    path = deep.path()
    centre = path.boundingRect().center()
    holding = [item for item in surface if item.path().contains(centre)]
    if holding:
        return holding[0]
    near = [item for item in surface
            if item.path().boundingRect().adjusted(-reach, -reach, reach, reach).intersects(
                path.boundingRect())]
    touches: Counter[int] = Counter()
    for point in _outline_points(path):
        probe = QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)
        for index, item in enumerate(near):
            if item.path().intersects(probe):
                touches[index] += 1
    if not touches:
        return None
    return near[touches.most_common(1)[0][0]]
