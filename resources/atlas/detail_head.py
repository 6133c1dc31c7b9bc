"""The head and neck detail views (make_detail_views.py): the face and the back of the head,
drawn from their own landmarks in head units (the head 1 unit from the vertex to the chin,
y down), the viewer's left half only (x <= 0), mirrored by make_body_map.py.

The face is drawn as a clinician palpates it: the ear stands apart from the jaw joint,
which lies just in front of it; the masseter is the broad muscle from the cheekbone (the
zygomatic arch) down to the angle of the jaw; the sternocleidomastoid starts at the
mastoid, under the ear lobe and behind the angle, and runs down and in to the breastbone;
the teeth, upper and lower, lie behind the lips; the vertex is the top of the head.
"""

from __future__ import annotations

from shapely.geometry import LineString, Polygon, box
from shapely.ops import unary_union

from detail_frame import Frame
from shape_tools import Point, blob, carve, catmull_rom, ellipse

# Where things are, for the regions and for the tests that check them against the drawing.
FACE: dict[str, Point] = {
    "vertex": (0.0, 0.0),
    "tmj": (-0.29, 0.545),         # just in front of the ear
    "ear": (-0.372, 0.5),          # the middle of the outer ear
    "cheekbone": (-0.2, 0.555),    # the zygomatic arch's lower edge, over the masseter
    "jaw_angle": (-0.25, 0.8),
    "mastoid": (-0.322, 0.665),    # under the ear lobe, where the outline leaves the ear
    "chin": (0.0, 0.997),
    "mouth": (0.0, 0.765),
    "sternal_notch": (0.0, 1.32),
}
OUTLINE = [(0.0, 0.0), (-0.17, 0.03), (-0.27, 0.11), (-0.322, 0.24), (-0.338, 0.38),
           (-0.334, 0.47), (-0.325, 0.56), (-0.318, 0.645), (-0.302, 0.74), (-0.285, 0.84),
           (-0.27, 0.94), (-0.262, 1.04), (-0.272, 1.13), (-0.31, 1.2), (-0.38, 1.25),
           (-0.46, 1.285)]
EAR = [(-0.326, 0.405), (-0.362, 0.39), (-0.395, 0.42), (-0.41, 0.49), (-0.402, 0.565),
       (-0.382, 0.62), (-0.355, 0.665), (-0.33, 0.662), (-0.318, 0.62), (-0.322, 0.5)]
# The back of the jaw's ramus from the joint down to the angle, and the jaw on to the chin.
RAMUS = [(-0.29, 0.57), (-0.282, 0.64), (-0.268, 0.72), FACE["jaw_angle"]]
JAW = [FACE["jaw_angle"], (-0.232, 0.86), (-0.185, 0.92), (-0.115, 0.964), (-0.05, 0.99),
       FACE["chin"]]
# The two edges of the sternocleidomastoid below the angle, to the breastbone and clavicle.
SCM_FRONT = [(-0.24, 0.9), (-0.21, 1.0), (-0.16, 1.1), (-0.1, 1.2), (-0.06, 1.3), (-0.05, 1.5)]
SCM_BACK = [(-0.28, 0.94), (-0.26, 1.02), (-0.235, 1.12), (-0.2, 1.25), (-0.17, 1.5)]
# Where the skull ends behind (the occipital ridge, out to the mastoid).
SKULL_BASE = [(0.3, 0.73), (0.0, 0.73), (-0.1, 0.728), (-0.2, 0.71), (-0.27, 0.685),
              (-0.33, 0.655), (-0.6, 0.64)]
# The line where the upper and lower teeth meet (and the lips), from the middle outwards.
BITE = [FACE["mouth"], (-0.085, 0.752), (-0.165, 0.746)]


def head_frame(near: str) -> Frame:
    return Frame(scale=460.0, half_width=0.56, top=0.0, bottom=1.34, near=near,
                 sides_at=(-0.5, 0.3))


def head_outline() -> Polygon:
    """The head, the ears and the neck down to where it meets the shoulders."""
    side = catmull_rom(OUTLINE, before=(0.17, 0.03), samples=8)
    bottom = [(-0.3, 1.31), (-0.15, 1.32), (0.0, FACE["sternal_notch"][1])]
    head = Polygon([*side, *bottom]).buffer(0)
    return unary_union([head, blob(EAR)]).intersection(box(-1.0, -1.0, 0.0, 2.0))


def _above_jaw() -> Polygon:
    """The face: everything above the jaw and in front of the ramus (and the whole head
    above the jaw joint)."""
    return Polygon([(0.3, -1.0), (0.3, FACE["chin"][1]), *JAW[::-1], *RAMUS[-2::-1],
                    (-0.29, 0.56), (-0.6, 0.56), (-0.6, -1.0)])


def _vertex() -> Polygon:
    edge = catmull_rom([(0.3, 0.115), (0.0, 0.115), (-0.1, 0.12), (-0.18, 0.135),
                        (-0.25, 0.16), (-0.32, 0.19), (-0.6, 0.2)], samples=6)
    return Polygon([(0.3, -1.0), *edge, (-0.6, -1.0)])


def _teeth() -> tuple[Polygon, Polygon]:
    """The upper and lower teeth of one side, meeting at the bite, out to the masseter."""
    bite = catmull_rom(BITE, samples=6)
    upper = Polygon([*bite, (-0.178, 0.73), (-0.17, 0.69), (-0.15, 0.676), (-0.08, 0.679),
                     (0.0, 0.683), (0.3, 0.683), (0.3, FACE["mouth"][1])])
    lower = Polygon([*bite, (-0.178, 0.765), (-0.17, 0.8), (-0.15, 0.82), (-0.08, 0.836),
                     (0.0, 0.842), (0.3, 0.842), (0.3, FACE["mouth"][1])])
    return upper.buffer(0), lower.buffer(0)


def head_front_regions() -> dict[str, Polygon]:
    outline, face = head_outline(), _above_jaw()
    neck = box(-1.0, -1.0, 1.0, 2.0).difference(face)
    upper_teeth, lower_teeth = _teeth()
    angle = FACE["jaw_angle"]
    return carve(outline, [
        ("ear", blob(EAR)),
        ("vertex", _vertex()),
        ("tmj", ellipse(*FACE["tmj"], 0.046, 0.056)),
        # Deep, under the upper masseter in front of the joint, and inside the angle.
        ("lateral_pterygoid", ellipse(-0.232, 0.628, 0.05, 0.046)),
        # From the mastoid, behind the ramus and the angle, down and in to the breastbone.
        ("sternocleidomastoid", neck.intersection(Polygon(
            [(-0.6, 0.56), (-0.29, 0.56), *RAMUS, *SCM_FRONT, *SCM_BACK[::-1], (-0.6, 0.9)]))),
        ("medial_pterygoid", neck.intersection(ellipse(-0.17, 0.975, 0.062, 0.058))),
        # From the cheekbone to the angle, between the back of the ramus and its front edge.
        ("masseter", face.intersection(Polygon(
            [(-0.287, 0.585), (-0.25, 0.565), FACE["cheekbone"], (-0.168, 0.56),
             (-0.16, 0.64), (-0.162, 0.74), (-0.172, 0.84), (-0.18, 0.95), (-0.3, 0.95),
             (angle[0] - 0.05, angle[1]), (-0.3, 0.6)]))),
        ("upper_teeth", upper_teeth),
        ("lower_teeth", lower_teeth),
        ("temple", blob([(-0.2, 0.2), (-0.335, 0.2), (-0.36, 0.5), (-0.26, 0.47),
                         (-0.21, 0.34)])),
        ("brow_eye", blob([(-0.045, 0.37), (-0.12, 0.335), (-0.24, 0.37), (-0.255, 0.47),
                           (-0.16, 0.53), (-0.06, 0.5)])),
        ("chin", face.intersection(Polygon([(0.3, 0.8), (-0.4, 0.8), (-0.4, 1.2), (0.3, 1.2)]))),
        ("cheek", face.intersection(box(-0.6, 0.47, 0.3, 1.2))),
        ("digastric", neck.intersection(blob([(-0.02, 0.99), (-0.08, 0.985), (-0.14, 0.96),
                                              (-0.17, 0.99), (-0.15, 1.05), (-0.1, 1.075),
                                              (-0.03, 1.075)]))),
        ("anterior_neck", neck.intersection(Polygon(
            [(0.3, 0.7), (angle[0], 0.7), angle, *SCM_FRONT, (0.3, 1.5)]))),
        ("scalenes", neck.intersection(Polygon([(-0.6, 0.9), *SCM_BACK, (-0.6, 1.5)]))),
        ("forehead", None),
    ])


def head_back_regions() -> dict[str, Polygon]:
    outline = head_outline()
    skull = Polygon([*SKULL_BASE, (-0.6, -1.0), (0.3, -1.0)])
    neck = box(-1.0, -1.0, 1.0, 2.0).difference(skull)
    return carve(outline, [
        ("ear", blob(EAR)),
        ("vertex", _vertex()),
        # Just under the skull each side of the middle, over the top two vertebrae.
        ("suboccipital", neck.intersection(blob([(0.02, 0.7), (-0.12, 0.7), (-0.22, 0.72),
                                                 (-0.235, 0.79), (-0.2, 0.85), (-0.1, 0.875),
                                                 (0.02, 0.875)]))),
        # From the mastoid down and in, above levator scapulae.
        ("splenius_capitis", neck.intersection(LineString(
            [FACE["mastoid"], (-0.25, 0.84), (-0.16, 0.98), (-0.11, 1.07)]).buffer(0.055))),
        ("levator_scapulae", neck.intersection(Polygon(
            [(-0.6, 0.8), *catmull_rom([(-0.35, 0.8), (-0.235, 0.98), (-0.2, 1.1),
                                       (-0.19, 1.25), (-0.185, 1.5)], samples=6),
             (-0.6, 1.5)]))),
        ("posterior_neck", neck),
        ("temporalis", blob([(-0.2, 0.2), (-0.32, 0.2), (-0.4, 0.38), (-0.32, 0.6),
                             (-0.26, 0.56), (-0.2, 0.36)])),
        # The back of occipitofrontalis, over the ridge of the skull each side.
        ("occipitalis", blob([(-0.05, 0.42), (-0.15, 0.4), (-0.22, 0.5), (-0.2, 0.62),
                              (-0.1, 0.66), (-0.04, 0.58)])),
        ("occiput", None),
    ])


def face_lines() -> list[list[Point]]:
    """Eyes, nose, mouth, the teeth, and the fold of the ear, for the viewer's left half."""
    bite = LineString(catmull_rom(BITE, samples=6))
    teeth = []
    for x in (-0.04, -0.08, -0.12):
        y = bite.intersection(LineString([(x, 0.0), (x, 2.0)])).bounds[1]
        teeth.append([(x, y - 0.028), (x, y + 0.028)])
    return [
        catmull_rom([(-0.075, 0.455), (-0.12, 0.44), (-0.165, 0.455)], samples=6),
        catmull_rom([(-0.075, 0.455), (-0.12, 0.468), (-0.165, 0.455)], samples=6),
        catmull_rom([(-0.025, 0.5), (-0.03, 0.58), (-0.045, 0.625), (-0.02, 0.64)], samples=6),
        catmull_rom(BITE, samples=6),
        *teeth,
        catmull_rom([(-0.34, 0.44), (-0.375, 0.425), (-0.392, 0.48), (-0.385, 0.56),
                     (-0.36, 0.62)], samples=6),  # the rim of the ear
    ]
