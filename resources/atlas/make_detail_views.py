"""The detail views of the body map: head and neck, hands and wrists, feet and ankles.

Used by make_body_map.py. Like the whole figure, each view is drawn for the viewer's left
half only (x <= 0, y down) and mirrored, so the two hands, feet or sides of the face are
mirror-exact; regions are carved in priority order so they tile the outline. Each view
is drawn in its own units and scaled so that it fills about the same frame as a whole
figure: on screen a finger is as wide as a thigh is on the body.

    head_front  the face and neck from the front   (viewer's left: the person's right)
    head_back   the back of the head and neck       (viewer's left: the person's left)
    palms       both palms, fingers up, thumbs in   (viewer's left: the person's right)
    hand_backs  the backs of both hands             (viewer's left: the person's left)
    foot_tops   the tops of both feet, toes up      (viewer's left: the person's left)
    soles       both soles, toes up                 (viewer's left: the person's left)
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.affinity import translate
from shapely.geometry import LineString, Polygon
from shapely.geometry import Point as ShapelyPoint
from shapely.ops import unary_union

from shape_tools import Point, band, blob, carve, catmull_rom, ellipse, region_below


@dataclass(frozen=True)
class Frame:
    """Where a view's units land in the SVG: x' = (x + half_width) * scale,
    y' = (y - top) * scale + margin; the frame is 2 * half_width wide and spans top..bottom."""

    scale: float
    half_width: float
    top: float
    bottom: float
    near: str            # the person's side drawn on the viewer's left
    sides_at: Point      # where the viewer's-left L/R letter goes, in the view's units
    margin: float = 12.0

    @property
    def width(self) -> float:
        return 2 * self.half_width * self.scale

    @property
    def height(self) -> float:
        return (self.bottom - self.top) * self.scale + 2 * self.margin

    def svg(self, x: float, y: float) -> tuple[float, float]:
        return (x + self.half_width) * self.scale, (y - self.top) * self.scale + self.margin


DETAIL_FIGURES = {"head": ("head_front", "head_back"), "hands": ("palms", "hand_backs"),
                  "feet": ("foot_tops", "soles")}


# -- head and neck: the whole figure's head and neck, closer, with the deep jaw muscles ---
def head_frame(near: str) -> Frame:
    return Frame(scale=460.0, half_width=0.56, top=0.0, bottom=1.38, near=near,
                 sides_at=(-0.5, 0.3))


def head_part(parts: dict[str, Polygon]) -> Polygon:
    """The head and neck of the whole figure (the neck ends where it meets the shoulders)."""
    return unary_union([parts["head"], parts["neck"]])


def head_front_regions(parts: dict[str, Polygon]) -> dict[str, Polygon]:
    head, neck = parts["head"], parts["neck"]
    regions = carve(head, [
        ("tmj", ellipse(-0.345, 0.55, 0.075, 0.13)),
        # Deep, under the cheek and the jaw: drawn where they lie.
        ("lateral_pterygoid", blob([(-0.2, 0.55), (-0.27, 0.54), (-0.3, 0.6), (-0.26, 0.66),
                                    (-0.19, 0.63)])),
        ("medial_pterygoid", blob([(-0.19, 0.78), (-0.24, 0.75), (-0.28, 0.82), (-0.25, 0.9),
                                   (-0.19, 0.88)])),
        ("temple", blob([(-0.2, 0.2), (-0.34, 0.2), (-0.36, 0.48), (-0.24, 0.46), (-0.21, 0.34)])),
        ("brow_eye", blob([(-0.045, 0.37), (-0.12, 0.335), (-0.24, 0.37), (-0.255, 0.47),
                           (-0.16, 0.53), (-0.06, 0.5)])),
        ("masseter", blob([(-0.2, 0.62), (-0.31, 0.62), (-0.34, 0.8), (-0.24, 0.9), (-0.17, 0.8)])),
        ("chin", blob([(0.2, 0.72), (-0.08, 0.72), (-0.15, 0.84), (-0.1, 1.1), (0.2, 1.1)])),
        ("cheek", blob([(0.2, 0.5), (-0.05, 0.51), (-0.2, 0.5), (-0.31, 0.47), (-0.34, 0.62),
                        (-0.2, 0.74), (0.2, 0.76)])),
        ("forehead", None),
    ])
    regions |= carve(neck, [
        # Under the jaw, from the chin back towards the ear.
        ("digastric", blob([(-0.04, 1.0), (-0.12, 0.99), (-0.21, 0.93), (-0.25, 0.96),
                            (-0.2, 1.04), (-0.1, 1.07), (-0.04, 1.07)])),
        ("sternocleidomastoid", band(neck, 0.8, 1.45, lambda y: 0.12 + 0.5 * (1.3 - y) / 0.5,
                                     lambda y: 0.45 + 0.55 * (1.3 - y) / 0.5)),
        ("anterior_neck", band(neck, 0.8, 1.45, 0.0, lambda y: 0.12 + 0.5 * (1.3 - y) / 0.5)),
        ("scalenes", None),
    ])
    return regions


def head_back_regions(parts: dict[str, Polygon]) -> dict[str, Polygon]:
    head, neck = parts["head"], parts["neck"]
    regions = carve(head, [
        ("suboccipital", band(head, 0.7, 1.2, 0.0, 1.0)),
        ("temporalis", blob([(-0.2, 0.16), (-0.32, 0.2), (-0.42, 0.42), (-0.38, 0.62),
                             (-0.26, 0.56), (-0.2, 0.36)])),
        # The back of occipitofrontalis, over the ridge of the skull each side.
        ("occipitalis", blob([(-0.05, 0.42), (-0.15, 0.4), (-0.22, 0.5), (-0.2, 0.62),
                              (-0.1, 0.66), (-0.04, 0.58)])),
        ("occiput", None),
    ])
    regions |= carve(neck, [
        ("splenius_capitis", blob([(-0.1, 0.97), (-0.23, 0.94), (-0.28, 1.03), (-0.23, 1.11),
                                   (-0.12, 1.09)])),
        ("levator_scapulae", band(neck, 0.9, 1.5, lambda y: 0.62 - 0.2 * (1.25 - y), 1.0)),
        ("posterior_neck", None),
    ])
    return regions


def face_lines() -> list[list[Point]]:
    """Eyes, nose, mouth, and the line of the jaw, for the viewer's left half."""
    return [
        catmull_rom([(-0.075, 0.455), (-0.12, 0.44), (-0.165, 0.455)], samples=6),
        catmull_rom([(-0.075, 0.455), (-0.12, 0.468), (-0.165, 0.455)], samples=6),
        catmull_rom([(-0.025, 0.5), (-0.03, 0.58), (-0.045, 0.625), (-0.02, 0.64)], samples=6),
        catmull_rom([(0.0, 0.765), (-0.05, 0.76), (-0.085, 0.75)], samples=6),
        catmull_rom([(-0.3, 0.47), (-0.33, 0.5), (-0.345, 0.56)], samples=6),  # the ear's rim
    ]


# -- hands: a right palm on the viewer's left, fingers up, the thumb towards the middle ---
HAND = {  # finger: (base, tip, width), in hand lengths; the little finger is outermost
    "little_finger": ((-0.825, 0.56), (-0.9, 0.22), 0.1),
    "ring_finger": ((-0.715, 0.5), (-0.745, 0.07), 0.108),
    "middle_finger": ((-0.6, 0.48), (-0.6, 0.0), 0.112),
    "index_finger": ((-0.485, 0.5), (-0.445, 0.07), 0.108),
}
HAND_SHIFT = 0.13  # towards the middle: the thumbs nearly meet, the hands drawn bigger
THUMB = [(-0.43, 0.95), (-0.35, 0.8), (-0.28, 0.66), (-0.23, 0.55)]


def hand_frame(near: str) -> Frame:
    return Frame(scale=340.0, half_width=0.83, top=0.0, bottom=1.64, near=near,
                 sides_at=(-0.77, 0.06))


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
    """The back: fingers, the web of the thumb (first dorsal interosseous), the back of the
    hand, the wrist, and the forearm's extensors."""
    return carve(outline, _hand_cells() + [
        ("wrist_back", band(outline, 1.02, 1.16)),
        ("wrist_extensors", band(outline, 1.1, 1.7, 0.0, 0.34)),
        ("finger_extensors", band(outline, 1.1, 1.7, 0.34, 0.72)),
        ("extensor_carpi_ulnaris", band(outline, 1.1, 1.7, 0.72, 1.0)),
        ("first_dorsal_interosseous", blob([(-0.44, 0.56), (-0.52, 0.6), (-0.52, 0.76),
                                            (-0.44, 0.86), (-0.37, 0.78), (-0.38, 0.64)])),
        ("hand_back_centre", None),
    ])


def hand_lines(palm_side: bool) -> list[list[Point]]:
    """The creases of the palm, or the knuckles on the back."""
    if palm_side:
        return [catmull_rom([(-0.87, 0.66), (-0.7, 0.64), (-0.55, 0.6), (-0.47, 0.56)], samples=6),
                catmull_rom([(-0.86, 0.76), (-0.7, 0.74), (-0.56, 0.74)], samples=6),
                catmull_rom([(-0.45, 0.6), (-0.51, 0.75), (-0.5, 0.9), (-0.46, 1.0)], samples=6)]
    return [[(x - 0.015, y), (x + 0.015, y)] for (x, y), _tip, _w in HAND.values()]


# -- feet: toes up; the big toe towards the middle -------------------------------------
TOES = {  # toe: (base, tip, width), in foot lengths
    "big_toe": ((-0.3, 0.24), (-0.3, 0.02), 0.15),
    "toe_2": ((-0.44, 0.27), (-0.45, 0.06), 0.09),
    "toe_3": ((-0.53, 0.29), (-0.55, 0.1), 0.085),
    "toe_4": ((-0.615, 0.32), (-0.645, 0.15), 0.08),
    "toe_5": ((-0.695, 0.36), (-0.725, 0.22), 0.075),
}
FOOT_SHIFT = 0.15  # towards the middle


def foot_frame(near: str) -> Frame:
    return Frame(scale=430.0, half_width=0.67, top=-0.08, bottom=1.26, near=near,
                 sides_at=(-0.62, 1.1))


def foot_outline() -> Polygon:
    body = blob([(-0.22, 0.22), (-0.38, 0.22), (-0.62, 0.28), (-0.76, 0.38), (-0.78, 0.55),
                 (-0.74, 0.78), (-0.7, 0.95), (-0.66, 1.06), (-0.53, 1.1), (-0.4, 1.06),
                 (-0.35, 0.92), (-0.32, 0.75), (-0.27, 0.55), (-0.22, 0.4)])
    ankle = Polygon([(-0.66, 1.0), (-0.38, 1.0), (-0.4, 1.3), (-0.64, 1.3)])
    toes = [LineString([(base[0], base[1] + 0.1), base, tip]).buffer(width / 2, cap_style="round")
            for base, tip, width in TOES.values()]
    return unary_union([body, ankle, *toes]).buffer(0.004).buffer(-0.004).difference(
        region_below([(-1.2, 1.24), (0.0, 1.24)], smooth=False))


def _toe_cells() -> list[tuple[str, Polygon]]:
    big_base, big_tip, big_width = TOES["big_toe"]
    big = Polygon([(big_base[0] - 0.09, big_base[1] + 0.015), (big_base[0] + 0.2, big_base[1] + 0.0),
                   (big_tip[0] + 0.2, -0.2), (big_tip[0] - 0.09, -0.2)])
    lesser = Polygon([(-0.36, 0.31), (-0.45, 0.34), (-0.53, 0.36), (-0.61, 0.39), (-0.69, 0.43),
                      (-1.0, 0.44), (-1.0, -0.2), (-0.36, -0.2)])
    return [("big_toe", big), ("lesser_toes", lesser)]


def foot_top_regions(outline: Polygon) -> dict[str, Polygon]:
    """The top of the foot: toes, extensor digitorum brevis on the outer side near the
    ankle, the rest of the top, and the front of the ankle."""
    return carve(outline, _toe_cells() + [
        ("ankle_front", band(outline, 1.0, 1.3)),
        ("extensor_digitorum_brevis", blob([(-0.6, 0.68), (-0.72, 0.7), (-0.72, 0.86),
                                            (-0.64, 0.98), (-0.54, 0.92), (-0.55, 0.78)])),
        ("instep", None),
    ])


def sole_regions(outline: Polygon) -> dict[str, Polygon]:
    """The sole: toes, the ball, the inner arch, the plantar fascia down the middle, the
    outer edge, and the heel pad."""
    return carve(outline, _toe_cells() + [
        ("ball_of_foot", band(outline, 0.28, 0.5)),
        ("heel_pad", band(outline, 0.86, 1.3)),
        ("arch", band(outline, 0.5, 0.86, 0.0, 0.34)),
        ("plantar_fascia", band(outline, 0.5, 0.86, 0.34, 0.7)),
        ("outer_sole", None),
    ])


def toe_lines() -> list[list[Point]]:
    """Where the lesser toes part (they are one region)."""
    lines = []
    names = list(TOES)
    for left, right in zip(names[1:], names[2:]):
        (bx0, by0), (tx0, ty0), _ = TOES[left]
        (bx1, by1), (tx1, ty1), _ = TOES[right]
        top = ((tx0 + tx1) / 2, (ty0 + ty1) / 2 + 0.05)
        lines.append([top, ((bx0 + bx1) / 2, (by0 + by1) / 2 + 0.02)])
    return lines


def detail_view(view: str, parts_by_view) -> tuple[Frame, Polygon, dict[str, Polygon],
                                                    list[list[Point]]]:
    """A detail view's frame, half outline, regions (stems) and lines, viewer's left half."""
    if view in ("head_front", "head_back"):
        parts = parts_by_view("front" if view == "head_front" else "back")
        outline = head_part(parts)
        regions = (head_front_regions if view == "head_front" else head_back_regions)(parts)
        lines = face_lines() if view == "head_front" else []
        return head_frame("right" if view == "head_front" else "left"), outline, regions, lines
    if view in ("palms", "hand_backs"):
        outline = hand_outline()
        palm_side = view == "palms"
        regions = (palm_regions if palm_side else hand_back_regions)(outline)
        return (hand_frame("right" if palm_side else "left"),
                *_shifted(HAND_SHIFT, outline, regions, hand_lines(palm_side)))
    outline = foot_outline()
    regions = (foot_top_regions if view == "foot_tops" else sole_regions)(outline)
    return foot_frame("left"), *_shifted(FOOT_SHIFT, outline, regions, toe_lines())


def _shifted(dx: float, outline: Polygon, regions: dict[str, Polygon], lines):
    """Everything moved ``dx`` towards the middle (drawn apart, set close)."""
    return (translate(outline, dx), {name: translate(shape, dx) for name, shape in regions.items()},
            [[(x + dx, y) for x, y in line] for line in lines])

