"""The detail views of the body map: head and neck, hands and wrists, feet and ankles.

Used by make_body_map.py. Like the whole figure, each view is drawn for the viewer's left
half only (x <= 0, y down) and mirrored, so the two hands, feet or sides of the face are
mirror-exact; regions are carved in priority order so they tile the outline. Each view
is drawn from its own landmarks, in its own units (detail_head.py, detail_hands.py,
detail_feet.py), and scaled so that it fills about the same frame as a whole figure: on
screen a finger is as wide as a thigh is on the body.

    head_front  the face and neck from the front   (viewer's left: the person's right)
    head_back   the back of the head and neck       (viewer's left: the person's left)
    palms       both palms, fingers up, thumbs in   (viewer's left: the person's right)
    hand_backs  the backs of both hands             (viewer's left: the person's left)
    foot_tops   the tops of both feet, toes up      (viewer's left: the person's left)
    soles       both soles, toes up                 (viewer's left: the person's left)
"""

from __future__ import annotations

from shapely.affinity import translate
from shapely.geometry import Polygon

from detail_feet import FOOT_SHIFT, foot_frame, foot_outline, foot_top_regions, sole_regions, toe_lines
from detail_frame import Frame
from detail_hands import HAND_SHIFT, hand_back_regions, hand_frame, hand_lines, hand_outline, palm_regions
from detail_head import face_lines, head_back_regions, head_frame, head_front_regions, head_outline
from shape_tools import Point

__all__ = ["DETAIL_FIGURES", "Frame", "detail_view"]

DETAIL_FIGURES = {"head": ("head_front", "head_back"), "hands": ("palms", "hand_backs"),
                  "feet": ("foot_tops", "soles")}


def detail_view(view: str, _parts_by_view=None) -> tuple[Frame, Polygon, dict[str, Polygon],
                                                         list[list[Point]]]:
    """A detail view's frame, half outline, regions (stems) and lines, viewer's left half.
    (``_parts_by_view``, the whole figure's parts, is no longer needed: each view is drawn
    from its own landmarks.)"""
    if view in ("head_front", "head_back"):
        front = view == "head_front"
        regions = head_front_regions() if front else head_back_regions()
        return (head_frame("right" if front else "left"), head_outline(), regions,
                face_lines() if front else [])
    if view in ("palms", "hand_backs"):
        outline = hand_outline()
        palm_side = view == "palms"
        regions = (palm_regions if palm_side else hand_back_regions)(outline)
        return (hand_frame("right" if palm_side else "left"),
                *_shifted(HAND_SHIFT, outline, regions, hand_lines(palm_side)))
    sole = view == "soles"
    outline = foot_outline(sole)
    regions = (sole_regions if sole else foot_top_regions)(outline)
    return foot_frame("left", sole), *_shifted(FOOT_SHIFT, outline, regions, toe_lines(sole, outline))


def _shifted(dx: float, outline: Polygon, regions: dict[str, Polygon], lines):
    """Everything moved ``dx`` towards the middle (drawn apart, set close)."""
    return (translate(outline, dx), {name: translate(shape, dx) for name, shape in regions.items()},
            [[(x + dx, y) for x, y in line] for line in lines])
