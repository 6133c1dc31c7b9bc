"""The places tried for one region's number beside it (number_placement.py): boxes round
its anchor and on a grid over its side of the figure, each joined by a leader from the
dot on the region nearest to it. Sizes are in ``unit`` scene units (one output pixel at
the standard size of the numbers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from fibromap.figure.crossings import as_rows, boxes_touch, distances, segments_cross_boxes

STEP_PX = 5          # between two reaches tried round a region
NEAR_PX = 70         # leaders up to this long are tried first, round the region
FAR_PX = 260         # then anywhere on the region's side within this reach, on a grid
GRID_PX = 4          # of this step
LONG = 1.0           # a leader's length past NEAR_PX costs this much more again
MOST_HEADS = 2       # arrowheads round a number, at most
STARTS_ACROSS = 8    # a region's dots are tried on a grid about this many across
Box = tuple[float, float, float, float]


def starts_inside(shape: QPainterPath, anchor: tuple[float, float], dot: float):
    """Points of a region where a leader's dot fits wholly inside it (a K×2 array): its
    anchor first, then a coarse grid over it."""
    import numpy as np  # loaded with the first heat-map, not at start-up

    bounds = shape.boundingRect()
    step = max(2.5 * dot, max(bounds.width(), bounds.height()) / STARTS_ACROSS)
    points = [anchor]
    for x in np.arange(bounds.left() + step / 2, bounds.right(), step).tolist():
        for y in np.arange(bounds.top() + step / 2, bounds.bottom(), step).tolist():
            if shape.contains(QRectF(x - 1.5 * dot, y - 1.5 * dot, 3 * dot, 3 * dot)):
                points.append((x, y))
    if len(points) == 1 and not shape.contains(QPointF(*anchor)):
        return np.zeros((0, 2))
    return np.asarray(points, dtype=float)


@dataclass
class Candidates:
    """One region: its anchor, shape and bounds (scene), its number's size, the part of
    the scene its number may use (``side``), which way is away from the midline (-1, 1,
    or 0 for a region on it) and the points its leader may start from."""

    anchor: tuple[float, float]
    shape: QPainterPath
    bounds: Box
    size: tuple[float, float]
    side: Box
    outward: int
    starts: Any = field(repr=False)  # a K×2 array
    unit: float = 1.0
    upright: float = 1.0  # a leader's length up or down costs this much more than sideways,
    inward: float = 1.0   # and towards the midline this much more

    def crowded(self, left, top, heads: list[Box]):
        """Whether more than MOST_HEADS arrowheads lie round each candidate box (within a
        box's height of it): the number would be lost among them."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        if len(heads) <= MOST_HEADS:
            return np.zeros(len(left), dtype=bool)
        width, height = self.size
        return boxes_touch(left - height, top - height, left + width + height,
                           top + 2 * height, heads).sum(axis=1) > MOST_HEADS

    def inside(self, obstacles: list[Box], lines: list[Box], heads: list[Box]) -> QRectF | None:
        """A box for the number wholly inside the region, as near its anchor as can be,
        touching nothing taken and crossed by no leader."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        (width, height), (ax, ay), shape = self.size, self.anchor, self.shape
        bounds = shape.boundingRect()
        if bounds.width() < width or bounds.height() < height:
            return None
        step = 2 * self.unit
        across = np.arange(-int(bounds.width() / 2 / step), int(bounds.width() / 2 / step) + 1)
        down = np.arange(-int(bounds.height() / 2 / step), int(bounds.height() / 2 / step) + 1)
        dx, dy = (grid.ravel() * step for grid in np.meshgrid(across, down, indexing="ij"))
        nearest = np.argsort(dx * dx + dy * dy, kind="stable")[:400]  # nearest the anchor first
        left = ax + dx[nearest] - width / 2
        top = ay + dy[nearest] - height / 2
        b = self.bounds
        near = [o for o in obstacles if o[0] < b[2] and b[0] < o[2] and o[1] < b[3] and b[1] < o[3]]
        keep = ~self.crowded(left, top, heads)
        if near:
            keep &= ~boxes_touch(left, top, left + width, top + height, near).any(axis=1)
        if lines:
            boxes = np.stack([left, top, left + width, top + height], axis=1)
            ends = np.asarray(lines)
            keep &= ~segments_cross_boxes(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3],
                                          boxes).any(axis=0)
        margin = self.unit
        for x, y in zip(left[keep].tolist(), top[keep].tolist(), strict=True):
            box = QRectF(x, y, width, height)
            if shape.contains(box.adjusted(-margin, -margin, margin, margin)):
                return box
        return None

    def candidates(self) -> list:
        """Boxes to try, as (lefts, tops) arrays: round the anchor within a short leader,
        then on a grid over the region's side within reach."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        width, height = self.size
        ax, ay = self.anchor
        angles = np.radians(np.arange(0, 360, 15))
        reach = np.repeat(np.arange(STEP_PX, NEAR_PX + 1, STEP_PX, dtype=float) * self.unit,
                          len(angles))
        angle = np.tile(angles, len(reach) // len(angles))
        around = (ax + np.cos(angle) * (reach + width / 2) - width / 2,
                  ay + np.sin(angle) * (reach + height / 2) - height / 2)
        side, far, step = self.side, FAR_PX * self.unit, GRID_PX * self.unit
        xs = np.arange(max(side[0], ax - far), min(side[2], ax + far) - width, step)
        ys = np.arange(max(side[1], ay - far), min(side[3], ay + far) - height, step)
        grid = tuple(g.ravel() for g in np.meshgrid(xs, ys, indexing="ij"))
        return [around, grid]

    def free_starts(self, obstacles: list[Box], lines: list[Box]):
        """The points a leader may start from now: their dots clear of ``obstacles`` and
        off every leader drawn."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        points, dot = self.starts, 2.0 * self.unit
        keep = np.ones(len(points), dtype=bool)
        if obstacles and len(points):
            keep &= ~boxes_touch(points[:, 0] - dot, points[:, 1] - dot, points[:, 0] + dot,
                                 points[:, 1] + dot, obstacles).any(axis=1)
        if lines and len(points):
            keep &= ~(distances(as_rows(lines), points) < 2 * dot).any(axis=0)
        return points[keep]

    def open(self, left, top, starts, obstacles: list[Box], heads: list[Box]):
        """Which candidate boxes lie on the region's side clear of ``obstacles`` (a quick
        test of all), and for each its box and the leader from the nearest of ``starts``
        (an N×8 array: left, top, right, bottom, x1, y1, x2, y2)."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        width, height = self.size
        right, bottom = left + width, top + height
        side = self.side
        keep = (side[0] <= left) & (right <= side[2]) & (side[1] <= top) & (bottom <= side[3])
        ax, ay = self.anchor
        far = (FAR_PX + 2) * self.unit + width + height
        near = [b for b in obstacles + heads if ax - far < b[2] and b[0] < ax + far
                and ay - far < b[3] and b[1] < ay + far]
        if near and keep.any():
            keep[keep] = ~boxes_touch(left[keep], top[keep], right[keep], bottom[keep],
                                      near).any(axis=1)
        px, py = starts[:, 0][None, :], starts[:, 1][None, :]
        gap_x = np.maximum(np.maximum(left[:, None] - px, px - right[:, None]), 0.0)
        gap_y = np.maximum(np.maximum(top[:, None] - py, py - bottom[:, None]), 0.0)
        nearest = np.argmin(gap_x * gap_x + gap_y * gap_y, axis=1)
        x1, y1 = starts[nearest, 0], starts[nearest, 1]
        leaders = np.stack([left, top, right, bottom, x1, y1, np.clip(x1, left, right),
                            np.clip(y1, top, bottom)], axis=1)
        if keep.any():
            keep[keep] = ~self.crowded(left[keep], top[keep], heads)
        return keep, leaders

    def cost(self, leaders):
        """Each leader's length in output pixels; past NEAR_PX, up or down, or towards the
        midline, it counts for more (short, sideways and outwards reads best)."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        dx, dy = leaders[:, 6] - leaders[:, 4], leaders[:, 7] - leaders[:, 5]
        inward = np.maximum(0.0, -self.outward * dx)
        length = np.hypot(dx, dy) / self.unit
        return (length + LONG * np.maximum(0.0, length - NEAR_PX)
                + (self.upright * np.abs(dy) + self.inward * inward) / self.unit)
