"""The lines drawn over the whole figure for the eye, not regions: the face, the navel,
the gaps between the fingers and toes (make_body_map.py; head units, y down)."""

from __future__ import annotations

import math

from shapely.geometry import LineString, Polygon

from body_regions import CLAVICLE
from shape_tools import Point, catmull_rom


def _edge_below(outline: Polygon, x: float, y: float) -> float:
    """How far down from (x, y) the outline's edge is, straight down."""
    cut = outline.intersection(LineString([(x, y), (x, 9.0)]))
    return max(point[1] for line in polygons_or_lines(cut) for point in line.coords)


def polygons_or_lines(shape) -> list:
    return list(getattr(shape, "geoms", [shape]))


def digits(outline: Polygon, view: str) -> list[list[Point]]:
    """The gaps between the fingers, the thumb's crease and (in front) between the toes:
    the hands and feet read as hands and feet, not mittens."""
    lines = []
    for x, top in ((-1.043, 4.52), (-1.077, 4.5), (-1.111, 4.52)):  # four fingers
        lines.append([(x, top), (x, _edge_below(outline, x, top) - 0.012)])
    lines.append(catmull_rom([(-1.12, 4.2), (-1.15, 4.3), (-1.165, 4.4)], samples=6))  # thumb
    if view == "front":
        for x in (-0.2, -0.26, -0.31, -0.36):  # the big toe, then the others
            lines.append([(x, 7.9), (x, _edge_below(outline, x, 7.9) - 0.012)])
    return lines


def details(view: str, outline: Polygon) -> list[list[Point]]:
    """Thin lines that help the eye (face, navel, fingers, toes), not regions: open
    polylines, both halves, drawn on the outline of the viewer's left half."""
    hands_and_feet = digits(outline, view)
    mirrored = [[(-x, y) for x, y in line] for line in hands_and_feet]
    if view != "front":
        return hands_and_feet + mirrored
    half = [
        catmull_rom([(-0.075, 0.455), (-0.12, 0.44), (-0.165, 0.455)], samples=6),  # eye
        catmull_rom([(-0.075, 0.455), (-0.12, 0.468), (-0.165, 0.455)], samples=6),
        catmull_rom([(-0.025, 0.5), (-0.03, 0.58), (-0.045, 0.625), (-0.02, 0.64)], samples=6),
        catmull_rom([(0.0, 0.765), (-0.05, 0.76), (-0.085, 0.75)], samples=6),  # mouth
    ]
    # The clavicle, from beside the top of the sternum out to the acromion.
    half.append(catmull_rom([point for point in CLAVICLE if -0.7 <= point[0] <= -0.15],
                            samples=6))
    lines = half + [[(-x, y) for x, y in line] for line in half]
    navel = [(0.025 * math.cos(a), 3.0 + 0.03 * math.sin(a))
             for a in (i * math.pi / 8 for i in range(17))]
    return lines + [navel] + hands_and_feet + mirrored
