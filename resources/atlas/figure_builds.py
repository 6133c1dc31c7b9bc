"""The female and male figures of the body map, made from the neutral one.

Used by make_body_map.py. The neutral figure is drawn from the landmarks of
art-anatomy proportions (a figure eight heads tall); a build reshapes it with a smooth sideways warp
that changes widths at given heights and nothing else: the shoulders, chest, waist, hips,
thighs and limbs are made as wide as that build's landmarks say. Heights do not change,
so every landmark stays at its height.

The warp moves a point at height y and distance |x| from the midline to

    |x| * s(y)                          on the trunk, neck, head and legs (|x| <= b(y))
    b(y) * s(y) + (|x| - b(y)) * t(y)   on the arm (|x| > b(y))

where b(y) is the line between the arm and the trunk, s(y) the trunk's width factor and
t(y) the arm's. It is continuous, keeps left and right in order and sends -x where it sends
x, so a tiling stays a tiling and mirror-exact stays mirror-exact: regions keep exactly the
same neighbours on every figure. Edges are divided into short pieces first (the same points
from either side of an edge) so that straight edges can bend with the warp.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import shapely
from shapely.geometry import Polygon

from shape_tools import Point, catmull_rom, polygons

BUILDS = ("neutral", "female", "male")

# The line between the arm and the trunk (split_parts' arm line, extended up and down).
ARM_LINE = [(-0.66, -1.0), (-0.66, 1.2), (-0.7, 1.36), (-0.76, 1.6), (-0.745, 1.85),
            (-0.715, 1.98), (-0.765, 2.4), (-0.82, 3.0), (-0.9, 3.9), (-0.94, 4.9), (-0.94, 9.0)]

# Width factors by height (head units from the top of the head), against the neutral
# figure. Female (figure-proportions.md): shoulders ~1.8-1.9 wide against 2.1, the waist a
# little narrower, hips at the trochanters ~1.75 against 1.6, fuller thighs, slimmer arms,
# neck, calves and feet. Male: shoulders ~2.25, hips ~1.5, a thicker neck and arms.
TRUNK = {
    "female": [(0.0, 1.0), (0.95, 1.0), (1.15, 0.93), (1.4, 0.9), (2.0, 0.9), (2.45, 0.94),
               (2.95, 0.95), (3.35, 1.03), (3.75, 1.09), (4.15, 1.09), (4.8, 1.07),
               (5.4, 1.03), (5.95, 1.0), (6.5, 0.97), (7.6, 0.95), (8.1, 0.95)],
    "male": [(0.0, 1.0), (0.95, 1.0), (1.15, 1.1), (1.4, 1.07), (2.0, 1.06), (2.45, 1.05),
             (2.95, 1.02), (3.35, 0.97), (3.8, 0.95), (4.2, 0.95), (4.8, 0.98),
             (5.95, 1.0), (6.5, 1.03), (7.6, 1.02), (8.1, 1.04)],
}
ARM = {
    "female": [(0.0, 1.0), (1.3, 0.9), (1.7, 0.88), (2.9, 0.88), (3.9, 0.9), (4.8, 0.9)],
    "male": [(0.0, 1.07), (1.3, 1.07), (1.7, 1.08), (2.9, 1.08), (3.9, 1.05), (4.8, 1.05)],
}


def _smooth(table: Sequence[Point], y: float) -> float:
    """The table's value at ``y``, eased between its points (flat at each point, so the
    outline has no corner where two factors meet)."""
    if y <= table[0][0]:
        return table[0][1]
    for (y0, v0), (y1, v1) in zip(table, table[1:]):
        if y <= y1:
            u = (y - y0) / (y1 - y0)
            return v0 + (v1 - v0) * (1 - math.cos(math.pi * u)) / 2
    return table[-1][1]


def _boundary(y: float) -> float:
    """|x| of the line between the arm and the trunk at height ``y``."""
    for (x0, y0), (x1, y1) in zip(ARM_LINE, ARM_LINE[1:]):
        if y <= y1:
            return -(x0 + (x1 - x0) * (y - y0) / (y1 - y0))
    return -ARM_LINE[-1][0]


def warp_point(build: str, x: float, y: float) -> Point:
    if build == "neutral":
        return x, y
    s, t, b = _smooth(TRUNK[build], y), _smooth(ARM[build], y), _boundary(y)
    distance = abs(x)
    moved = distance * s if distance <= b else b * s + (distance - b) * t
    return math.copysign(moved, x), y


def _divided(ring: Sequence[Point], step: float) -> list[Point]:
    """The ring with each edge cut into pieces no longer than ``step``. The points on an
    edge are worked out from its lower-left end whichever way the ring runs, so two regions
    sharing the edge get exactly the same points."""
    out: list[Point] = []
    for p, q in zip(ring, ring[1:]):
        out.append(p)
        count = math.ceil(math.dist(p, q) / step)
        a, b = (p, q) if p <= q else (q, p)
        inner = [(a[0] + (b[0] - a[0]) * i / count, a[1] + (b[1] - a[1]) * i / count)
                 for i in range(1, count)]
        out += inner if a == p else inner[::-1]
    out.append(ring[-1])
    return out


def warp(build: str, shape: Polygon, step: float = 0.02) -> Polygon:
    if build == "neutral":
        return shape

    def ring(coords) -> list[Point]:
        return [warp_point(build, x, y) for x, y in _divided(list(coords), step)]
    warped = Polygon(ring(shape.exterior.coords), [ring(hole.coords) for hole in shape.interiors])
    if warped.is_valid:
        return warped
    # A zigzag a ten-thousandth of a unit across (where carved edges meet) can fold over
    # itself: the fold is dropped.
    return max(polygons(shapely.make_valid(warped).buffer(0)), key=lambda piece: piece.area)


def warp_line(build: str, line: Sequence[Point]) -> list[Point]:
    return [warp_point(build, x, y) for x, y in _divided(list(line), 0.02)]


def build_lines(build: str, view: str) -> list[list[Point]]:
    """Lines a build adds to the whole figure (viewer's left half, before the warp): the
    lower curve of the breast on the female front."""
    if build != "female" or view != "front":
        return []
    return [catmull_rom([(-0.13, 1.98), (-0.18, 2.14), (-0.32, 2.2), (-0.46, 2.13),
                         (-0.53, 1.98)], samples=8)]
