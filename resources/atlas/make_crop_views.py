"""The detail views that show a part of the whole figure closer: the shoulders (front and
back) and the lower back and pelvis (back, and the hips and groin in front).

Used by make_body_map.py. A crop view draws the whole figure's own regions (the neutral
build), cut to a window and drawn about twice as large, so that the crowded muscles of the
shoulder girdle and of the low back and pelvis are each a target a shaky hand can hit: the
whole figure is not redrawn, only shown closer. A region cut by the window's edge (the
latissimus, the top of a thigh muscle) is drawn as far as it reaches inside.

A crop keeps, of each part of the figure (make_body_map.split_parts), what lies between
a top and a bottom; or only the regions it names, for a window that follows their edges
(the chest, without a strip of the abdomen below it). A region named in ``grow`` is drawn
a little wider than on the whole figure, taken from its neighbours: a thin crease that
would otherwise be the one target under 24 pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry import Polygon, box
from shapely.ops import unary_union

from make_detail_views import Frame
from shape_tools import polygons

WIDTH = 560.0  # SVG units: about as wide as the other detail views


@dataclass(frozen=True)
class Crop:
    body_view: str                                # the whole figure's view it shows closer
    near: str                                     # the person's side on the viewer's left
    keep: tuple[tuple[str, float, float], ...]    # (part, top, bottom), head units
    only: tuple[str, ...] = ()                    # when given: these regions and no others
    grow: dict[str, float] = field(default_factory=dict)  # head units wider, each side


CROPS = {
    # The chest plate: the pectorals, breastbone and serratus, with the front of each
    # shoulder down to where the deltoid narrows.
    "shoulders_front": Crop("front", "right", (("trunk", 1.28, 2.8), ("arm", 1.0, 1.84)),
                            only=("pectoralis", "sternum", "serratus_anterior",
                                  "anterior_deltoid", "upper_trapezius", "pectoralis_minor",
                                  "costochondral", "intercostals", "scalenes"),
                            # The strip of trapezius over the shoulder, the fossa above the
                            # clavicle and the second rib's junction are small even here.
                            grow={"upper_trapezius": 0.06, "costochondral": 0.03,
                                  "scalenes": 0.065}),
    # From the neck to the lower tip of the shoulder blades.
    "shoulders_back": Crop("back", "left", (("trunk", 1.0, 2.72), ("arm", 1.0, 1.84)),
                           grow={"thoracic_spine": 0.012, "subscapularis": 0.035,
                                 "serratus_posterior_superior": 0.012}),
    "pelvis_front": Crop("front", "right", (("trunk", 3.06, 5.0), ("leg", 3.0, 4.6)),
                         grow={"groin": 0.012}),
    "pelvis_back": Crop("back", "left", (("trunk", 2.8, 5.0), ("leg", 2.8, 4.75)),
                        grow={"sacroiliac": 0.01}),
}
CROP_FIGURES = {"shoulders": ("shoulders_front", "shoulders_back"),
                "pelvis": ("pelvis_front", "pelvis_back")}


def crop_view(view: str, parts: dict[str, Polygon],
              regions: dict[str, Polygon]) -> tuple[Frame, Polygon, dict[str, Polygon]]:
    """A crop view's frame, half outline and regions (stems, the viewer's left half), from
    the whole figure's ``parts`` and ``regions`` of its view (make_body_map.py)."""
    crop = CROPS[view]
    window = unary_union([parts[part].intersection(box(-5.0, top, 0.0, bottom))
                          for part, top, bottom in crop.keep])
    if crop.only:
        window = window.intersection(unary_union([regions[stem] for stem in crop.only]))
    cut = {stem: shape.intersection(window) for stem, shape in regions.items()}
    for stem, by in crop.grow.items():
        wider = cut[stem].buffer(by).intersection(window)
        cut = {name: shape.difference(wider) for name, shape in cut.items()} | {stem: wider}
    cut = _whole_pieces(cut)
    outline = unary_union(list(cut.values()))
    left, top, _, bottom = outline.bounds
    half_width = -left + 0.06
    frame = Frame(scale=WIDTH / (2 * half_width), half_width=half_width, top=top - 0.03,
                  bottom=bottom + 0.03, near=crop.near, sides_at=(left + 0.08, top + 0.1))
    return frame, outline, cut


CRUMB = 2e-3  # square head units: a region cut smaller than this is not drawn


def _whole_pieces(cut: dict[str, Polygon]) -> dict[str, Polygon]:
    """Each region in one piece: a crumb left by the cut (a corner of a region mostly
    outside the window, or a second piece of one) goes to the neighbour it shares most
    border with, so the regions still tile the window."""
    kept = {}
    crumbs = []
    for stem, shape in cut.items():
        pieces = sorted(polygons(shape), key=lambda piece: piece.area, reverse=True)
        if pieces and pieces[0].area >= CRUMB:
            kept[stem] = pieces[0]
            pieces = pieces[1:]
        crumbs += pieces
    for crumb in crumbs:
        shared = {stem: shape.boundary.intersection(crumb.boundary).length
                  for stem, shape in kept.items()}
        neighbour = max(shared, key=shared.get)
        merged = polygons(unary_union([kept[neighbour], crumb]).buffer(0))
        if shared[neighbour] > 0 and len(merged) == 1:
            kept[neighbour] = merged[0]
    return kept


def crop_figure(view: str) -> str | None:
    return next((name for name, views in CROP_FIGURES.items() if view in views), None)

