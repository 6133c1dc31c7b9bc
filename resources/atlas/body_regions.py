"""The regions of the whole figure, front and back, carved out of its parts (make_body_map.py).

Head units, y down, the viewer's left half (x <= 0); each part (head, neck, trunk, arm, leg)
is carved in priority order (shape_tools.carve), so a region listed earlier keeps what it
covers. Deep muscles (named deep in regions.json) are carved where they are felt through
the muscles above them, before those muscles.

What a therapist palpates decides the shapes: from the front the trapezius makes the top of
the shoulder above the clavicle, with the supraclavicular fossa (scalenes) between it and
the sternocleidomastoid; the pectorals start below the clavicle. From behind the gluteus
maximus covers the buttock from the sacrum and the posterior iliac crest down to the fold,
the sacroiliac joint is the small area over the joint beside the sacrum, and the coccyx is
the tip of the sacrum.
"""

from __future__ import annotations

from shapely.geometry import LineString, Polygon, box
from shapely.ops import unary_union

from shape_tools import Point, band, blob, carve, catmull_rom, ellipse, polygons, region_below

# The clavicle, from the sternoclavicular joint out to the acromion (drawn as a line on the
# front view, figure_lines.py): the pectorals start below it.
CLAVICLE: list[Point] = [(0.05, 1.335), (-0.15, 1.34), (-0.2, 1.345), (-0.32, 1.365),
                         (-0.44, 1.39), (-0.56, 1.425), (-0.7, 1.465)]
# The trapezius's front edge, seen from the front: from the side of the neck at its base,
# along the top of the shoulder about 2 cm below the outline, to the acromion.
TRAPEZIUS_EDGE: list[Point] = [(-0.205, 1.15), (-0.218, 1.2), (-0.258, 1.265), (-0.33, 1.33),
                               (-0.42, 1.385), (-0.52, 1.43), (-0.64, 1.475), (-0.8, 1.525)]


def _above(points: list[Point]) -> Polygon:
    """Everything above a left-to-right curve."""
    return box(-5, -5, 5, 20).difference(region_below(points))


def _sternum(trunk: Polygon) -> Polygon:
    """The sternum, its manubrium widening at the top to the sternoclavicular joints."""
    manubrium = Polygon([(0, 1.2), (-0.15, 1.2), (-0.15, 1.35), (-0.12, 1.4), (-0.09, 1.47),
                         (0, 1.47)])
    return unary_union([band(trunk, 1.32, 2.42, 0.0, 0.13), manubrium])


def _shoulder_top(neck: Polygon, trunk: Polygon) -> tuple[dict[str, Polygon], Polygon]:
    """The neck with the top of the shoulder above the clavicle (the trapezius along the
    outline, the scalenes in the fossa between it and the sternocleidomastoid), and the
    rest of the trunk."""
    above = trunk.intersection(_above(CLAVICLE).difference(_sternum(trunk)))
    trapezius = _above(TRAPEZIUS_EDGE).intersection(box(-5, TRAPEZIUS_EDGE[0][1], -0.2, 20))
    regions = carve(unary_union([neck, *polygons(above)]), [
        ("upper_trapezius", trapezius),
        ("sternocleidomastoid", band(neck, 0.8, 1.45, lambda y: 0.12 + 0.5 * (1.3 - y) / 0.5,
                                     lambda y: 0.45 + 0.55 * (1.3 - y) / 0.5)),
        ("anterior_neck", band(neck, 0.8, 1.45, 0.0, lambda y: 0.12 + 0.5 * (1.3 - y) / 0.5)),
        ("scalenes", None),
    ])
    return regions, trunk.difference(above)


def front_regions(parts: dict[str, Polygon]) -> dict[str, Polygon]:
    head, neck, trunk, arm, leg = (parts[k] for k in ("head", "neck", "trunk", "arm", "leg"))
    regions: dict[str, Polygon] = {}
    regions |= carve(head, [
        ("tmj", ellipse(-0.345, 0.55, 0.075, 0.13)),
        ("temple", blob([(-0.2, 0.2), (-0.34, 0.2), (-0.36, 0.48), (-0.24, 0.46), (-0.21, 0.34)])),
        ("brow_eye", blob([(-0.045, 0.37), (-0.12, 0.335), (-0.24, 0.37), (-0.255, 0.47),
                           (-0.16, 0.53), (-0.06, 0.5)])),
        ("masseter", blob([(-0.2, 0.62), (-0.31, 0.62), (-0.34, 0.8), (-0.24, 0.9), (-0.17, 0.8)])),
        ("chin", blob([(0.2, 0.72), (-0.08, 0.72), (-0.15, 0.84), (-0.1, 1.1), (0.2, 1.1)])),
        ("cheek", blob([(0.2, 0.5), (-0.05, 0.51), (-0.2, 0.5), (-0.31, 0.47), (-0.34, 0.62),
                        (-0.2, 0.74), (0.2, 0.76)])),
        ("forehead", None),
    ])
    neck_regions, chest = _shoulder_top(neck, trunk)
    regions |= neck_regions
    regions |= carve(chest, [
        ("groin", blob([(0.0, 4.1), (-0.2, 3.82), (-0.5, 3.58), (-0.74, 3.42), (-0.76, 3.58),
                        (-0.5, 3.8), (-0.25, 4.0)])),
        ("sternum", _sternum(trunk)),
        # Just beside the sternum at the sternal angle: the ACR 1990 second-rib point.
        ("costochondral", ellipse(-0.16, 1.53, 0.075, 0.06, -8)),
        # From the coracoid, under the clavicle's outer third, down and in to the 3rd-5th
        # ribs; deep to pectoralis major, felt through it at the front of the armpit.
        ("pectoralis_minor", blob([(-0.56, 1.41), (-0.68, 1.43), (-0.8, 1.5), (-0.7, 1.62),
                                   (-0.58, 1.79), (-0.46, 1.93), (-0.34, 1.88), (-0.39, 1.72),
                                   (-0.5, 1.54)])),
        # Below the armpit, over the ribs: the fingers of serratus anterior.
        ("serratus_anterior", blob([(-0.6, 2.02), (-0.73, 1.97), (-0.72, 2.5), (-0.62, 2.66),
                                    (-0.5, 2.52), (-0.53, 2.25)])),
        # A fan from the clavicle and sternum to the front of the armpit: its lower edge
        # rises from the sixth rib beside the sternum to the armpit fold.
        ("pectoralis", blob([(-0.05, 1.25), (-0.7, 1.3), (-0.78, 1.85), (-0.67, 2.03),
                             (-0.45, 2.24), (-0.2, 2.36), (-0.05, 2.37)])),
        # The chest wall below the pectorals, between serratus and the costal margin.
        ("intercostals", blob([(-0.14, 2.37), (-0.32, 2.3), (-0.5, 2.2), (-0.56, 2.32),
                               (-0.5, 2.56), (-0.34, 2.56), (-0.18, 2.5)])),
        # Each side of the midline down to the pubis; the abdomen regions keep the top
        # (below the ribs), the sides and the bottom.
        ("rectus_abdominis", band(trunk, 2.66, 3.8, 0.0,  # narrowing to the pubis
                                  lambda y: 0.46 - 0.22 * min(1.0, max(0.0, (y - 3.15) / 0.65)))),
        ("upper_abdomen", band(trunk, 1.2, 3.06, 0.0, 0.6)),
        ("lower_abdomen", band(trunk, 3.06, 4.2, 0.0, 0.62)),
        ("oblique", None),
    ])
    # The medial epicondyle: the inner side of the elbow, where the forearm flexors start.
    regions |= _arm(arm, "anterior_deltoid", "biceps", "elbow_front", "forearm_flexors",
                    "wrist_front", "palm", thumb_side="brachioradialis",
                    epicondyle=("medial_epicondyle", 0.0, 0.5))
    regions |= carve(leg, [
        # The lateral malleolus: the outer ankle bone, below the peroneals.
        ("lateral_malleolus", blob([(-0.32, 7.47), (-0.39, 7.5), (-0.41, 7.6), (-0.39, 7.7),
                                    (-0.31, 7.72), (-0.275, 7.6)])),
        ("foot_top", band(leg, 7.72, 8.3)),
        ("ankle_front", band(leg, 7.48, 7.72)),
        ("knee_front", blob([(-0.33, 5.62), (-0.52, 5.78), (-0.52, 6.12), (-0.33, 6.2),
                             (-0.13, 6.12), (-0.12, 5.78)])),
        ("peroneals", band(leg, 6.0, 7.5, 0.78, 1.0)),
        ("tibialis_anterior", band(leg, 5.9, 7.5)),
        # The femoral triangle, where iliopsoas is reached (it lies deep, under the groin).
        ("iliopsoas", blob([(-0.26, 3.98), (-0.5, 3.76), (-0.56, 3.88), (-0.44, 4.2),
                            (-0.34, 4.32), (-0.24, 4.16)])),
        ("tensor_fasciae_latae", blob([(-0.6, 3.58), (-0.74, 3.49), (-0.82, 3.8), (-0.78, 4.08),
                                       (-0.66, 4.02), (-0.6, 3.8)])),
        ("gracilis", band(leg, 4.15, 5.72, 0.0, 0.16)),
        # From the front of the hip bone across the thigh to the inside of the knee.
        ("sartorius", LineString(catmull_rom([(-0.7, 3.5), (-0.55, 3.95), (-0.38, 4.45),
                                              (-0.24, 5.0), (-0.16, 5.45), (-0.13, 5.8)],
                                             samples=8)).buffer(0.05, cap_style="flat")),
        ("vastus_medialis", blob([(-0.1, 5.0), (-0.24, 5.25), (-0.32, 5.6), (-0.25, 5.86),
                                  (-0.1, 5.8)])),
        ("adductors", band(leg, 3.6, 5.6, 0.0, lambda y: max(0.02, 0.42 - 0.33 * (y - 4.0)))),
        ("vastus_lateralis", band(leg, 3.4, 6.0, lambda y: 0.7 - 0.04 * (y - 4.0), 1.0)),
        ("rectus_femoris", None),
    ])
    return regions


# The upper border of gluteus maximus: from the posterior superior iliac spine beside the
# sacrum, out and down to the top of the greater trochanter. Above it, gluteus medius.
GLUTEUS_MAXIMUS_TOP: list[Point] = [(0.0, 3.42), (-0.17, 3.47), (-0.3, 3.55), (-0.5, 3.7),
                                    (-0.7, 3.83), (-0.9, 3.93)]


def back_regions(parts: dict[str, Polygon]) -> dict[str, Polygon]:
    head, neck, trunk, arm, leg = (parts[k] for k in ("head", "neck", "trunk", "arm", "leg"))
    regions: dict[str, Polygon] = {}
    regions |= carve(head, [
        ("suboccipital", band(head, 0.7, 1.2, 0.0, 1.0)),
        # The side of the head, seen from behind: the back of temporalis.
        ("temporalis", blob([(-0.2, 0.16), (-0.32, 0.2), (-0.42, 0.42), (-0.38, 0.62),
                             (-0.26, 0.56), (-0.2, 0.36)])),
        ("occiput", None),
    ])
    regions |= carve(neck, [
        # Splenius capitis high and to the side, levator scapulae below it.
        ("splenius_capitis", blob([(-0.1, 0.97), (-0.23, 0.94), (-0.28, 1.03), (-0.23, 1.11),
                                   (-0.12, 1.09)])),
        ("levator_scapulae", band(neck, 0.9, 1.5, lambda y: 0.62 - 0.2 * (1.25 - y),
                                  1.0)),
        ("posterior_neck", None),
    ])
    regions |= carve(trunk, _back_trunk(trunk))
    regions |= _arm(arm, "posterior_deltoid", "triceps", "elbow_back", "forearm_extensors",
                    "wrist_back", "hand_back", epicondyle=("lateral_epicondyle", 0.55, 1.0))
    regions |= carve(leg, [
        ("heel", band(leg, 7.7, 8.3)),
        ("achilles", band(leg, 7.3, 7.7)),
        # The back of the knee: the diamond between the hamstring tendons above and the
        # two heads of gastrocnemius below.
        ("popliteal", blob([(-0.33, 5.6), (-0.45, 5.84), (-0.33, 6.1), (-0.2, 5.84)])),
        # Deep in the calf, reached through soleus between the heads of gastrocnemius.
        ("tibialis_posterior", ellipse(-0.33, 6.87, 0.062, 0.15)),
        # The two heads bulge from the knee to mid-calf and end in a W, the inner head
        # lower; soleus shows below and beside them.
        ("gastrocnemius", Polygon([(-0.9, 5.86), (0.3, 5.86), (0.3, 6.5), *catmull_rom(
            [(-0.05, 6.55), (-0.1, 6.82), (-0.17, 6.95), (-0.25, 6.93), (-0.3, 6.85),
             (-0.33, 6.82), (-0.37, 6.85), (-0.43, 6.86), (-0.5, 6.76), (-0.56, 6.55),
             (-0.62, 6.4)], samples=8),
            (-0.9, 6.35)])),
        ("soleus", band(leg, 5.86, 7.3)),
        ("hamstring_medial", band(leg, 4.0, 6.0, 0.0, 0.48)),
        ("biceps_femoris", None),
    ])
    return regions


def _back_trunk(trunk: Polygon) -> list[tuple[str, Polygon | None]]:
    """The back of the trunk, in priority order."""
    return [
        ("upper_trapezius", region_below([(0.0, 1.18), (-0.3, 1.2)], smooth=False).difference(
            region_below([(0.0, 1.5), (-0.25, 1.48), (-0.5, 1.45), (-0.75, 1.5), (-0.9, 1.55)]))),
        ("sacrum", Polygon([(0, 3.42), (-0.13, 3.44), (-0.1, 3.78), (-0.05, 3.9), (0, 3.91)])),
        ("coccyx", Polygon(catmull_rom([(0.0, 3.88), (-0.058, 3.89), (-0.068, 3.97),
                                        (-0.04, 4.045), (0.0, 4.075)], samples=6)
                           + [(0.0, 3.88)])),
        # Levator ani and coccygeus, felt beside the coccyx and the anus.
        ("pelvic_floor", blob([(0.01, 4.0), (-0.07, 4.0), (-0.125, 4.07), (-0.13, 4.17),
                               (-0.08, 4.25), (0.01, 4.25)])),
        # The small area over the joint, along the sacrum's edge below the iliac spine.
        ("sacroiliac", ellipse(-0.152, 3.6, 0.068, 0.115, -10)),
        ("thoracic_spine", band(trunk, 1.2, 2.75, 0.0, 0.08)),
        ("lumbar_spine", band(trunk, 2.75, 3.45, 0.0, 0.1)),
        # Deep muscles, each where it is felt through the others.
        ("multifidus", blob([(-0.055, 3.04), (-0.13, 3.02), (-0.158, 3.2), (-0.155, 3.42),
                             (-0.1, 3.47), (-0.055, 3.44)])),
        ("serratus_posterior_superior", ellipse(-0.39, 1.73, 0.08, 0.11, 25)),
        ("serratus_posterior_inferior", ellipse(-0.41, 2.66, 0.11, 0.085, -20)),
        ("subscapularis", ellipse(-0.67, 1.965, 0.072, 0.085)),
        # Above the scapular spine, out from the shoulder blade's inner edge (the ACR 1990
        # point is at its inner end); middle trapezius runs in over the spine below it.
        ("supraspinatus", blob([(-0.3, 1.46), (-0.55, 1.44), (-0.76, 1.5), (-0.7, 1.62),
                                (-0.5, 1.62), (-0.34, 1.61)])),
        ("middle_trapezius", blob([(-0.08, 1.5), (-0.28, 1.5), (-0.33, 1.6), (-0.42, 1.66),
                                   (-0.4, 1.78), (-0.08, 1.8)])),
        ("teres_minor", blob([(-0.62, 1.66), (-0.76, 1.63), (-0.79, 1.9), (-0.71, 1.98),
                              (-0.62, 1.84)])),
        ("teres_major", blob([(-0.6, 1.99), (-0.78, 1.95), (-0.8, 2.15), (-0.64, 2.32),
                              (-0.52, 2.3), (-0.55, 2.12)])),
        ("infraspinatus", blob([(-0.34, 1.6), (-0.7, 1.64), (-0.72, 1.85), (-0.56, 2.22),
                                (-0.42, 2.3), (-0.34, 2.05)])),
        ("erector_upper", band(trunk, 1.2, 2.3, 0.0, 0.25)),
        # From the spine (T2-T5) down and out to the inner edge of the shoulder blade.
        ("rhomboid", Polygon([(-0.1, 1.47), (-0.46, 1.56), (-0.52, 2.3), (-0.1, 2.02)])),
        # Its lower fibres, rising from the lower thoracic spine towards the shoulder blade.
        ("lower_trapezius", blob([(-0.22, 2.3), (-0.5, 2.27), (-0.44, 2.46), (-0.3, 2.68),
                                  (-0.21, 2.72)])),
        ("erector_mid", band(trunk, 2.3, 2.8, 0.0, 0.38)),
        # Down to the top of gluteus maximus (no sliver of buttock between them).
        ("erector_lower", band(trunk, 2.8, 3.6, 0.0, 0.36).difference(
            region_below(GLUTEUS_MAXIMUS_TOP))),
        ("quadratus_lumborum", band(trunk, 2.8, 3.33, 0.36, 0.72)),
        # From the sacrum's edge to the top of the greater trochanter, under gluteus maximus
        # (which wraps round its inner end).
        ("trochanter", band(trunk, 3.75, 4.6, 0.84, 1.0)),
        ("piriformis", blob([(-0.2, 3.8), (-0.4, 3.81), (-0.7, 3.88), (-0.72, 3.98),
                             (-0.4, 3.95), (-0.2, 3.93)])),
        # Under gluteus medius, at the side of the hip above the trochanter.
        ("gluteus_minimus", blob([(-0.64, 3.5), (-0.82, 3.44), (-0.88, 3.7), (-0.76, 3.82),
                                  (-0.64, 3.72)])),
        ("gluteus_maximus", region_below(GLUTEUS_MAXIMUS_TOP).intersection(box(-5, 0, 5, 4.6))),
        ("gluteus_medius", band(trunk, 3.25, 3.95, 0.12, 1.0)),
        ("latissimus", None),
    ]


def _arm(arm: Polygon, deltoid: str, upper: str, elbow: str, forearm: str, wrist: str,
         hand: str, thumb_side: str | None = None,
         epicondyle: tuple[str, float, float] | None = None) -> dict[str, Polygon]:
    """The arm in bands; ``thumb_side`` takes the outer part of the forearm (palms forward,
    the thumb is on the outside); ``epicondyle`` (name, fractions of the width from the
    inner side) the side of the elbow where the forearm muscles start, with 2 cm of them."""
    # The deltoid narrows to a point on the outside of the arm (its insertion, ~2.2).
    cells = [(deltoid, band(arm, 1.0, 2.22, lambda y: _taper(y, 0.0, 0.58),
                            lambda y: _taper(y, 1.0, 0.68))), (upper, band(arm, 1.8, 2.86))]
    if epicondyle:
        name, f0, f1 = epicondyle
        # Level with the elbow's crease at the top, rounded where the forearm wraps below.
        cells.append((name, unary_union([band(arm, 2.86, 3.22, f0, f1).buffer(-0.035).buffer(0.035),
                                         band(arm, 2.86, 3.0, f0, f1)])))
    cells.append((elbow, band(arm, 2.86, 3.12)))
    if thumb_side:
        cells.append((thumb_side, band(arm, 3.12, 3.8, 0.5, 1.0)))
    return carve(arm, cells + [(forearm, band(arm, 3.12, 3.93)), (wrist, band(arm, 3.93, 4.08)),
                               (hand, None)])


def _taper(y: float, start: float, end: float, top: float = 1.84, tip: float = 2.22) -> float:
    """A fraction of the arm's width that goes from ``start`` to ``end`` between ``top``
    and ``tip`` (the point of the deltoid)."""
    return start + (end - start) * min(1.0, max(0.0, (y - top) / (tip - top)))
