"""The hand detail views (make_detail_views.py): the palms and the backs of the hands, a
right palm (or a left back) on the viewer's left, fingers up, the thumb towards the middle,
in hand lengths. The two views share the hand's outline (the back of a left hand is the
mirror of a left palm) and differ inside: creases and the thenar and hypothenar eminences
on the palm; on the back, the knuckles, the extensor tendons fanning from the wrist to
each knuckle, the nails and the joints of the fingers."""

from __future__ import annotations

import math

from shapely.geometry import LineString, Polygon
from shapely.geometry import Point as ShapelyPoint
from shapely.ops import unary_union

from detail_frame import Frame
from shape_tools import Point, band, blob, carve, catmull_rom, region_below

HAND = {  # finger: (base, tip, width), in hand lengths; the little finger is outermost
    "little_finger": ((-0.825, 0.56), (-0.9, 0.22), 0.1),
    "ring_finger": ((-0.715, 0.5), (-0.745, 0.07), 0.108),
    "middle_finger": ((-0.6, 0.48), (-0.6, 0.0), 0.112),
    "index_finger": ((-0.485, 0.5), (-0.445, 0.07), 0.108),
}
HAND_SHIFT = 0.13  # towards the middle: the thumbs nearly meet, the hands drawn bigger
THUMB = [(-0.43, 0.95), (-0.35, 0.8), (-0.28, 0.66), (-0.23, 0.55)]
WRIST = 1.02  # where the back of the hand meets the wrist


def hand_frame(near: str) -> Frame:
    return Frame(scale=340.0, half_width=0.83, top=0.0, bottom=1.64, near=near,
                 sides_at=(-0.77, 0.06))


def _along(base: Point, tip: Point, fraction: float) -> Point:
    """A point on the finger's axis: 0 at its base, 1 at its tip (negative: into the hand)."""
    return base[0] + (tip[0] - base[0]) * fraction, base[1] + (tip[1] - base[1]) * fraction


def knuckle_centres() -> list[Point]:
    """The head of each finger's metacarpal: just into the hand from the finger's base."""
    centres = []
    for base, tip, _width in HAND.values():
        length = math.dist(base, tip)
        centres.append(_along(base, tip, -0.05 / length))
    return centres


def _finger(base: Point, tip: Point, width: float) -> Polygon:
    # From well inside the palm, so the finger's root is hidden in it.
    root = (base[0] + (base[0] - tip[0]) * 0.3, base[1] + 0.12)
    return LineString([root, base, tip]).buffer(width / 2, cap_style="round")


def hand_outline() -> Polygon:
    palm = blob([(-0.87, 0.58), (-0.78, 0.5), (-0.6, 0.47), (-0.45, 0.52), (-0.4, 0.62),
                 (-0.4, 0.95), (-0.45, 1.05), (-0.8, 1.05), (-0.88, 0.9)])
    forearm = Polygon([(-0.83, 0.95), (-0.44, 0.95), (-0.4, 1.2), (-0.34, 1.7), (-0.9, 1.7),
                       (-0.86, 1.2)])
    thumb = LineString(catmull_rom(THUMB, samples=6)).buffer(0.068, cap_style="round")
    fingers = [_finger(*spec) for spec in HAND.values()]
    # Closing by a little more than half the gap at the fingers' roots makes their webs.
    return unary_union([palm, forearm, thumb, *fingers]).buffer(0.015).buffer(-0.015).difference(
        region_below([(-1.2, 1.62), (0.0, 1.62)], smooth=False))


def _hand_cells() -> list[tuple[str, Polygon]]:
    """The fingers and the thumb, each cut off at its root (round at the tip)."""
    cells = []
    for name, (base, tip, width) in HAND.items():
        cells.append((name, LineString([base, tip]).buffer(width / 2 + 0.01, cap_style="flat")
                      .union(ShapelyPoint(tip).buffer(width / 2 + 0.01))))
    thumb = LineString(catmull_rom(THUMB[1:], samples=6)).buffer(0.085, cap_style="flat")
    cells.append(("thumb", thumb.union(ShapelyPoint(THUMB[-1]).buffer(0.085))))
    return cells


def palm_regions(outline: Polygon) -> dict[str, Polygon]:
    """The palm side: fingers, thenar and hypothenar eminences, the palm, the wrist, and the
    forearm's flexors (radial, the fingers', ulnar; the thumb side is the radial side)."""
    return carve(outline, _hand_cells() + [
        ("wrist_front", band(outline, 1.02, 1.16)),
        ("flexor_carpi_radialis", band(outline, 1.1, 1.7, 0.0, 0.3)),
        ("finger_flexors", band(outline, 1.1, 1.7, 0.3, 0.68)),
        ("flexor_carpi_ulnaris", band(outline, 1.1, 1.7, 0.68, 1.0)),
        ("thenar", blob([(-0.42, 0.62), (-0.5, 0.68), (-0.54, 0.86), (-0.5, 1.02),
                         (-0.4, 1.03), (-0.36, 0.85)])),
        ("hypothenar", blob([(-0.76, 0.66), (-0.9, 0.64), (-0.9, 0.9), (-0.82, 1.03),
                             (-0.72, 1.02), (-0.7, 0.82)])),
        ("palm_centre", None),
    ])


def hand_back_regions(outline: Polygon) -> dict[str, Polygon]:
    """The back: fingers, the knuckles (the heads of the four metacarpals, in a row), the
    web of the thumb (first dorsal interosseous), the back of the hand where the extensor
    tendons run, the wrist, and the forearm's extensors."""
    return carve(outline, _hand_cells() + [
        ("knuckles", LineString(knuckle_centres()).buffer(0.058)),
        ("wrist_back", band(outline, WRIST, 1.16)),
        ("wrist_extensors", band(outline, 1.1, 1.7, 0.0, 0.34)),
        ("finger_extensors", band(outline, 1.1, 1.7, 0.34, 0.72)),
        ("extensor_carpi_ulnaris", band(outline, 1.1, 1.7, 0.72, 1.0)),
        ("first_dorsal_interosseous", blob([(-0.44, 0.6), (-0.52, 0.64), (-0.52, 0.78),
                                            (-0.44, 0.87), (-0.37, 0.79), (-0.38, 0.66)])),
        ("hand_back_centre", None),
    ])


def _nail(base: Point, tip: Point, width: float) -> list[Point]:
    """A nail on the back of a finger (``tip`` the centre of its round end): a rounded U
    from near the tip towards the base."""
    length = math.dist(base, tip)
    ux, uy = (tip[0] - base[0]) / length, (tip[1] - base[1]) / length  # towards the tip
    px, py = -uy, ux
    half = width * 0.3
    top, bottom = 0.0, 0.075  # from the tip's point back along the finger
    corners = [(-half, top), (-half, bottom - half), (0.0, bottom), (half, bottom - half),
               (half, top)]
    return catmull_rom([(tip[0] - ux * along + px * side, tip[1] - uy * along + py * side)
                        for side, along in corners], samples=5)


def _joint(base: Point, tip: Point, width: float, fraction: float) -> list[Point]:
    """The crease over a finger joint, a short line across the finger."""
    length = math.dist(base, tip)
    ux, uy = (tip[0] - base[0]) / length, (tip[1] - base[1]) / length
    cx, cy = _along(base, tip, fraction)
    half = width * 0.22
    return [(cx + uy * half, cy - ux * half), (cx - uy * half, cy + ux * half)]


def hand_lines(palm_side: bool) -> list[list[Point]]:
    """The creases of the palm; or, on the back, the extensor tendons from the wrist to the
    knuckles and the thumb, the nails and the creases over the finger joints."""
    if palm_side:
        return [catmull_rom([(-0.87, 0.66), (-0.7, 0.64), (-0.55, 0.6), (-0.47, 0.56)], samples=6),
                catmull_rom([(-0.86, 0.76), (-0.7, 0.74), (-0.56, 0.74)], samples=6),
                catmull_rom([(-0.45, 0.6), (-0.51, 0.75), (-0.5, 0.9), (-0.46, 1.0)], samples=6)]
    lines = []
    starts = [(-0.74, WRIST - 0.01), (-0.67, WRIST - 0.01), (-0.6, WRIST - 0.01),
              (-0.54, WRIST - 0.01)]
    for start, (kx, ky) in zip(starts, knuckle_centres()):
        lines.append(catmull_rom([start, ((start[0] + kx) / 2, (start[1] + ky) / 2 + 0.02),
                                  (kx, ky + 0.06)], samples=6))
    lines.append(catmull_rom([(-0.47, WRIST - 0.02), (-0.42, 0.9), (-0.37, 0.8)], samples=6))
    for base, tip, width in HAND.values():
        lines += [_nail(base, tip, width), _joint(base, tip, width, 0.47),
                  _joint(base, tip, width, 0.76)]
    return [*lines, _nail(THUMB[-2], THUMB[-1], 0.136)]
