"""The foot detail views (make_detail_views.py): the tops of the feet and the soles, toes
up, the big toe towards the middle, in foot lengths (the left foot on the viewer's left:
looking down at the feet, or up at the soles from behind).

The two are drawn from their own outlines: the top of the foot runs on into the ankle,
with the two malleoli (the inner one higher, the outer one lower and further back), and
shows the toenails and the tendons to the toes; the sole ends at the round heel, its inner
edge drawn in at the arch. The toes are short and round and touch each other. On the sole
the plantar fascia runs from the inner front of the heel, where heel pain is classically
felt (its own region), forward and out to the ball of the foot."""

from __future__ import annotations

import math

from shapely.geometry import LineString, Polygon, box
from shapely.ops import unary_union

from detail_frame import Frame
from shape_tools import Point, blob, carve, catmull_rom, ellipse, region_below

TOES = {  # toe: (base, tip, width), in foot lengths; the tip is the centre of its round end
    "big_toe": ((-0.29, 0.2), (-0.285, 0.09), 0.15),
    "toe_2": ((-0.425, 0.21), (-0.43, 0.11), 0.092),
    "toe_3": ((-0.515, 0.235), (-0.525, 0.15), 0.085),
    "toe_4": ((-0.6, 0.27), (-0.615, 0.19), 0.08),
    "toe_5": ((-0.675, 0.315), (-0.69, 0.245), 0.075),
}
FOOT_SHIFT = 0.15  # towards the middle
# Where things are, for the regions and for the tests that check them against the drawing.
FOOT: dict[str, Point] = {
    "heel_bottom": (-0.42, 1.155),
    "medial_heel": (-0.325, 0.94),   # the inner tubercle of the heel bone, under the sole
    "ball": (-0.45, 0.38),           # under the heads of the metatarsals
    "arch": (-0.3, 0.72),            # the inner edge of the sole, between ball and heel
    "medial_malleolus": (-0.235, 0.97),
    "lateral_malleolus": (-0.635, 0.93),
}
SOLE = [(-0.3, 0.2), (-0.215, 0.24), (-0.2, 0.32), (-0.205, 0.42), (-0.225, 0.55),
        (-0.255, 0.7), (-0.262, 0.8), (-0.255, 0.9), (-0.27, 1.03), (-0.32, 1.12),
        (-0.4, 1.155), (-0.48, 1.145), (-0.54, 1.1), (-0.575, 1.02), (-0.59, 0.93),
        (-0.6, 0.84), (-0.62, 0.74), (-0.66, 0.6), (-0.695, 0.47), (-0.705, 0.38),
        (-0.68, 0.31), (-0.6, 0.27), (-0.45, 0.22)]
TOP = [(-0.3, 0.2), (-0.215, 0.24), (-0.2, 0.32), (-0.205, 0.42), (-0.222, 0.56),
       (-0.24, 0.7), (-0.25, 0.82), (-0.235, 0.9), (-0.225, 0.97), (-0.245, 1.04),
       (-0.27, 1.1), (-0.28, 1.2), (-0.285, 1.32), (-0.565, 1.32), (-0.57, 1.2),
       (-0.578, 1.1), (-0.61, 1.03), (-0.645, 0.95), (-0.64, 0.89), (-0.625, 0.82),
       (-0.635, 0.72), (-0.66, 0.6), (-0.695, 0.47), (-0.705, 0.38), (-0.68, 0.31),
       (-0.6, 0.27), (-0.45, 0.22)]
ANKLE_CUT = 1.24
# The plantar fascia's edges, from the heel to the ball of the foot.
# (Each goes on into the ball, which is carved first, so the cells beside them meet it.)
FASCIA_INNER = [(-0.325, 0.95), (-0.345, 0.8), (-0.34, 0.62), (-0.3, 0.47), (-0.28, 0.4)]
FASCIA_OUTER = [(-0.44, 0.95), (-0.5, 0.8), (-0.56, 0.62), (-0.63, 0.47), (-0.66, 0.4)]
BALL_BACK = 0.47  # where the ball of the foot ends


def foot_frame(near: str, sole: bool) -> Frame:
    return Frame(scale=430.0, half_width=0.67, top=-0.02, bottom=1.18 if sole else 1.26,
                 near=near, sides_at=(-0.64, 1.08))


def _toes() -> list[Polygon]:
    return [LineString([(base[0], base[1] + 0.1), base, tip]).buffer(width / 2)
            for base, tip, width in TOES.values()]


def foot_outline(sole: bool) -> Polygon:
    """The sole, ending at the heel; or the top of the foot, running on into the ankle."""
    body = blob(SOLE if sole else TOP)
    outline = unary_union([body, *_toes()]).buffer(0.004).buffer(-0.004)
    if not sole:
        outline = outline.difference(region_below([(-1.2, ANKLE_CUT), (0.0, ANKLE_CUT)],
                                                  smooth=False))
    return outline


def _toe_cells() -> list[tuple[str, Polygon]]:
    """The big toe, and the other four together, each from where it leaves the foot."""
    split = (TOES["big_toe"][0][0] + TOES["toe_2"][0][0]) / 2 - 0.01
    big = Polygon([(split, 0.215), (-0.24, 0.225), (0.0, 0.25), (0.0, -0.3), (split, -0.3)])
    webs = [(base[0], base[1] + 0.02) for name, (base, _tip, _w) in TOES.items()
            if name != "big_toe"]
    lesser = Polygon([(split, -0.3), (split, 0.225), *webs, (-1.0, webs[-1][1] + 0.02),
                      (-1.0, -0.3)])
    return [("big_toe", big), ("lesser_toes", lesser)]


def foot_top_regions(outline: Polygon) -> dict[str, Polygon]:
    """The top of the foot: toes, extensor digitorum brevis on the outer side in front of
    the ankle, the rest of the top (the instep), and the front of the ankle between and
    below the malleoli."""
    return carve(outline, _toe_cells() + [
        ("ankle_front", box(-1.0, 0.97, 1.0, 2.0)),
        ("extensor_digitorum_brevis", blob([(-0.54, 0.72), (-0.61, 0.7), (-0.64, 0.8),
                                            (-0.61, 0.92), (-0.54, 0.91), (-0.52, 0.82)])),
        ("instep", None),
    ])


def sole_regions(outline: Polygon) -> dict[str, Polygon]:
    """The sole: toes, the ball, the inner front of the heel where the plantar fascia starts,
    the fascia from there to the ball, the arch on its inner side, the outer edge, and the
    heel pad."""
    heel_line = [(0.0, 0.9), (-1.0, 0.9)]
    inner, outer = catmull_rom(FASCIA_INNER, samples=6), catmull_rom(FASCIA_OUTER, samples=6)
    return carve(outline, _toe_cells() + [
        # Behind the heads of the metatarsals, the outer ones a little further back.
        ("ball_of_foot", Polygon([(1.0, -1.0), (1.0, BALL_BACK - 0.02), (-1.0, BALL_BACK + 0.07),
                                  (-1.0, -1.0)])),
        ("medial_heel", ellipse(*FOOT["medial_heel"], 0.058, 0.062)),
        ("plantar_fascia", Polygon([*inner[::-1], *outer]).buffer(0)),
        ("arch", Polygon([(0.0, inner[-1][1]), *inner[::-1], (0.0, inner[0][1])]).buffer(0)
         .difference(region_below(heel_line, False))),
        ("outer_sole", Polygon([(-1.0, outer[-1][1]), *outer[::-1], (-1.0, outer[0][1])])
         .buffer(0).difference(region_below(heel_line, False))),
        ("heel_pad", None),
    ])


def toe_lines(sole: bool, outline: Polygon) -> list[list[Point]]:
    """Where the lesser toes part (they are one region); on the top, the toenails, the two
    malleoli and the tendons that run from the front of the ankle to the toes."""
    lines = []
    names = list(TOES)
    for left, right in zip(names[1:], names[2:]):
        (bx0, by0), _tip, _w = TOES[left]
        (bx1, by1), _tip, _w = TOES[right]
        x = (bx0 + bx1) / 2
        notch = outline.intersection(LineString([(x, -1.0), (x, 2.0)])).bounds[1]
        lines.append([(x, notch + 0.008), (x, (by0 + by1) / 2 + 0.02)])
    if sole:
        return lines
    for base, tip, width in TOES.values():
        lines.append(_toenail(base, tip, width))
    mx, my = FOOT["medial_malleolus"]
    lx, ly = FOOT["lateral_malleolus"]
    lines.append(catmull_rom([(mx - 0.02, my - 0.05), (mx - 0.045, my), (mx - 0.025, my + 0.05)],
                             samples=6))
    lines.append(catmull_rom([(lx + 0.02, ly - 0.05), (lx + 0.045, ly), (lx + 0.025, ly + 0.05)],
                             samples=6))
    # Extensor hallucis longus to the big toe, extensor digitorum longus to the others,
    # from under the band at the front of the ankle.
    for (base, _tip, _w), start in zip(TOES.values(), (-0.36, -0.385, -0.41, -0.435, -0.46)):
        lines.append(catmull_rom([(start, 0.98), ((start * 2 + base[0]) / 3, 0.72),
                                  (base[0], base[1] + 0.07)], samples=6))
    return lines


def _toenail(base: Point, tip: Point, width: float) -> list[Point]:
    length = math.dist(base, tip)
    ux, uy = (tip[0] - base[0]) / length, (tip[1] - base[1]) / length
    half = width * 0.3
    corners = [(-half, -0.01), (-half, 0.05), (0.0, 0.065), (half, 0.05), (half, -0.01)]
    return catmull_rom([(tip[0] - ux * along - uy * side, tip[1] - uy * along + ux * side)
                        for side, along in corners], samples=5)
