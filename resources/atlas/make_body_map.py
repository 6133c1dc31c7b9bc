"""Generate resources/atlas/body_map.svg from anatomical landmarks.

Run from the repository root with the test environment (it needs shapely):

    .venv/bin/python resources/atlas/make_body_map.py

The figure is built in head units (a head is 1 unit tall, the figure 8) from the
art-anatomy landmarks (shoulders at 1.5 heads, navel at 3, crotch at 4). Only the viewer's left half
is drawn by hand; the right half is its exact mirror, and midline regions are a
half joined to its mirror, so left/right symmetry holds by construction. Every
region is carved out of the silhouette in priority order (each takes what is still
free inside its cell), so regions tile the body with no gaps or overlaps. Shared
edges are simplified together (shapely.coverage_simplify) so they stay shared.

What ships is the generated SVG; this script is kept so the drawing can be changed
and regenerated rather than edited by hand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import polylabel, unary_union

from body_regions import back_regions, front_regions  # beside this script
from figure_builds import BUILDS, build_lines, warp, warp_line
from figure_lines import details
from make_crop_views import CROP_FIGURES, CROPS, crop_view
from make_detail_views import DETAIL_FIGURES, Frame, detail_view
from shape_tools import (
    Point, carve, catmull_rom, polygons, region_below, region_left_of, without_spikes,
)

HERE = Path(__file__).resolve().parent
SCALE = 100.0           # SVG units per head height
MARGIN = 12.0
HALF_WIDTH = 1.30       # head units from the midline to the frame edge
VIEW_W = 2 * (HALF_WIDTH * SCALE)
VIEW_H = 8 * SCALE + 2 * MARGIN


# -- the silhouette: viewer's left half, x <= 0, y down, head units -------------------
UPPER = [  # top of the head, round the ear and jaw, neck, shoulder, outside of the arm,
    (0, 0), (-0.17, 0.035), (-0.27, 0.12), (-0.32, 0.25), (-0.335, 0.4),   # hand, inside of the arm
    (-0.36, 0.44), (-0.375, 0.52), (-0.362, 0.61), (-0.33, 0.655),
    (-0.305, 0.72), (-0.28, 0.8), (-0.25, 0.87), (-0.232, 0.94),
    (-0.232, 1.03), (-0.24, 1.11), (-0.27, 1.18),
    (-0.36, 1.245), (-0.5, 1.3), (-0.65, 1.35), (-0.8, 1.4),
    (-0.92, 1.46), (-1.01, 1.56), (-1.055, 1.7), (-1.065, 1.86), (-1.045, 2.05),
    (-1.04, 2.3), (-1.05, 2.6), (-1.075, 2.9), (-1.11, 3.12),
    (-1.14, 3.35), (-1.15, 3.62), (-1.145, 3.86), (-1.14, 4.0),
    (-1.165, 4.1), (-1.2, 4.2), (-1.21, 4.31), (-1.185, 4.39),
    (-1.17, 4.5), (-1.15, 4.62), (-1.105, 4.71), (-1.05, 4.73), (-1.0, 4.68),
    (-0.975, 4.52), (-0.972, 4.3), (-0.965, 4.1), (-0.955, 4.0),
    (-0.93, 3.8), (-0.9, 3.55), (-0.87, 3.3), (-0.845, 3.1), (-0.82, 2.9),
    (-0.785, 2.6), (-0.76, 2.3), (-0.74, 2.1), (-0.715, 1.98),
]
LOWER = [  # armpit, side of the chest and waist, hip, outside of the leg, foot, inside
    (-0.715, 1.98), (-0.7, 2.1), (-0.69, 2.3), (-0.665, 2.6), (-0.6, 2.88), (-0.58, 3.05),
    (-0.615, 3.25), (-0.695, 3.45), (-0.765, 3.7), (-0.795, 3.92), (-0.79, 4.15),
    (-0.765, 4.5), (-0.715, 4.9), (-0.645, 5.3), (-0.57, 5.65), (-0.535, 5.9), (-0.535, 6.1),
    (-0.56, 6.35), (-0.555, 6.6), (-0.5, 6.9), (-0.42, 7.25), (-0.37, 7.55), (-0.375, 7.7),
    (-0.41, 7.82), (-0.43, 7.92), (-0.4, 7.985), (-0.3, 8.0), (-0.2, 7.99), (-0.14, 7.93),
    (-0.13, 7.8), (-0.145, 7.62), (-0.14, 7.4), (-0.12, 7.1), (-0.09, 6.8), (-0.085, 6.5),
    (-0.1, 6.25), (-0.125, 6.0), (-0.12, 5.75), (-0.1, 5.4), (-0.075, 5.0), (-0.05, 4.6),
    (-0.03, 4.3), (-0.012, 4.12), (0, 4.08),
]


def half_silhouette() -> Polygon:
    upper = catmull_rom(UPPER, before=(0.17, 0.035))
    lower = catmull_rom(LOWER)
    outline = upper + lower[1:]
    polygon = Polygon([*outline, (0, 4.08), (0, 0)])
    if not polygon.is_valid:
        raise SystemExit(f"silhouette is not a simple polygon: {shapely.is_valid_reason(polygon)}")
    return polygon


# -- the views ---------------------------------------------------------------------------
def split_parts(silhouette: Polygon, view: str) -> dict[str, Polygon]:
    jaw = [(0.1, 1.0), (0, 1.0), (-0.13, 0.975), (-0.22, 0.91), (-0.27, 0.84), (-0.5, 0.8)]
    head = region_left_of([(0.2, -1), (0.2, 1.0)], smooth=False).difference(region_below(jaw))
    arm = region_left_of([(-0.66, 1.2), (-0.7, 1.36), (-0.76, 1.6), (-0.745, 1.85),
                          (-0.715, 1.98), (-0.765, 2.4), (-0.82, 3.0), (-0.9, 3.9),
                          (-0.94, 4.9)])
    if view == "front":
        thigh_line = [(0.0, 4.08), (-0.25, 3.93), (-0.5, 3.72), (-0.7, 3.5), (-1.0, 3.45)]
    else:  # the gluteal fold
        thigh_line = [(0.0, 4.2), (-0.15, 4.4), (-0.35, 4.48), (-0.6, 4.42), (-0.85, 4.3)]
    leg = region_below([(0.05, thigh_line[0][1]), *thigh_line])
    neck_line = [(0.05, 1.3), (0, 1.3), (-0.15, 1.28), (-0.3, 1.23), (-0.6, 1.15)]
    neck = region_left_of([(0.2, -1), (0.2, 5)], smooth=False).difference(region_below(neck_line))
    return carve(silhouette, [("head", head), ("arm", arm), ("leg", leg), ("neck", neck),
                              ("trunk", None)])


def to_svg_polyline(points: Sequence[Point], frame: Frame) -> str:
    return "M " + " ".join("{:.2f} {:.2f}".format(*frame.svg(x, y)) for x, y in points)


# -- assembling, checking, writing ---------------------------------------------------
VIEWS = ("front", "back", "head_front", "head_back", "shoulders_front", "shoulders_back",
         "pelvis_front", "pelvis_back", "palms", "hand_backs", "foot_tops", "soles")
BODY_FRAME = {view: Frame(scale=SCALE, half_width=HALF_WIDTH, top=0.0, bottom=8.0, margin=MARGIN,
                          near=near, sides_at=(-0.95, 1.02))
              for view, near in (("front", "right"), ("back", "left"))}


def figure_of(view: str) -> str:
    figures = DETAIL_FIGURES | CROP_FIGURES
    return next((name for name, views in figures.items() if view in views), "body")


def build_view(view: str, build: str = "neutral") -> tuple[Frame, Polygon, dict[str, Polygon],
                                                            list[list[Point]]]:
    """A view's frame, whole outline, regions by id (both sides) and lines; the front and
    back in the given build (figure_builds.py)."""
    if view in ("front", "back"):
        frame, neutral = BODY_FRAME[view], half_silhouette()
        parts = split_parts(neutral, view)
        stems = front_regions(parts) if view == "front" else back_regions(parts)
        stems = {stem: warp(build, shape) for stem, shape in stems.items()}
        half = warp(build, neutral)
        added = build_lines(build, view)
        lines = [warp_line(build, line) for line in
                 details(view, neutral) + added + [[(-x, y) for x, y in line] for line in added]]
    elif view in CROPS:  # a part of the whole figure (the neutral build), closer
        body_view = CROPS[view].body_view
        parts = split_parts(half_silhouette(), body_view)
        frame, half, stems = crop_view(view, parts, front_regions(parts) if body_view == "front"
                                       else back_regions(parts))
        lines = []
    else:
        frame, half, stems, half_lines = detail_view(
            view, lambda body_view: split_parts(half_silhouette(), body_view))
        lines = half_lines + [[(-x, y) for x, y in line] for line in half_lines]
    catalogue = {entry["id"]: entry for entry in
                 json.loads((HERE / "regions.json").read_text())["regions"]}
    # The viewer's left half is the person's right on the front view (seen face to
    # face) and the person's left on the back view; each detail view says which.
    near = frame.near
    far = "left" if near == "right" else "right"
    regions: dict[str, Polygon] = {}
    for stem, shape in stems.items():
        entry = catalogue[stem]
        # Its own view, or the other side of the whole figure where it is seen from there too
        # (the trapezius over the top of the shoulder, seen from the front).
        homes = (entry["view"], entry.get("also_on"))
        cropped = view in CROPS and CROPS[view].body_view in homes
        if view not in homes and entry.get("detail") != figure_of(view) and not cropped:
            raise SystemExit(f"{stem} is drawn on the {view} view but catalogued on {entry['view']}")
        mirrored = affinity.scale(shape, -1, 1, origin=(0, 0))
        if entry["paired"]:
            regions[f"{stem}.{near}"] = shape
            regions[f"{stem}.{far}"] = mirrored
        else:
            regions[stem] = unary_union([shape, mirrored]).buffer(0)
    silhouette = unary_union([half, affinity.scale(half, -1, 1, origin=(0, 0))])
    return frame, silhouette, regions, lines


def simplify(regions: dict[str, Polygon], frame: Frame) -> dict[str, Polygon]:
    names = list(regions)
    simplified = shapely.coverage_simplify([regions[n] for n in names], 0.4 / frame.scale)
    # Snap to the precision written to the SVG; this also drops zero-width spikes.
    snapped = shapely.set_precision(simplified, 1 / (frame.scale * 100))
    out = {}
    for name, shape in zip(names, snapped):
        # Snapping can pinch off a speck of a few square hundredths of a unit: dropped.
        pieces = [piece for piece in polygons(shape) if piece.area * frame.scale ** 2 > 0.05]
        out[name] = without_spikes(pieces[0]) if len(pieces) == 1 else shape
    return out


def to_svg_path(shape: Polygon | MultiPolygon, frame: Frame) -> str:
    polygons = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    parts = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = list(ring.coords)[:-1]
            text = " ".join("{:.2f} {:.2f}".format(*frame.svg(x, y)) for x, y in coords)
            parts.append(f"M {text} Z")
    return " ".join(parts)


def main() -> None:
    groups = []
    for view, build in [(view, build) for view in VIEWS
                        for build in (BUILDS if view in BODY_FRAME else ("neutral",))]:
        frame, silhouette, regions, lines = build_view(view, build)
        regions = simplify(regions, frame)
        # The outline of the regions as they are written (pinholes where three simplified
        # edges meet are not part of the outline).
        silhouette = unary_union([Polygon(piece.exterior) for piece in
                                  polygons(unary_union(list(regions.values())))])
        for name, shape in regions.items():
            if not isinstance(shape, Polygon) or shape.is_empty or not shape.is_valid:
                kind = shape.geom_type
                raise SystemExit(f"{view}: {name} is a {kind}, not one piece")
        sides = "{:.2f} {:.2f}".format(*frame.svg(*frame.sides_at))
        group = view if build == "neutral" else f"{view}-{build}"
        lines_out = [f'  <g id="{group}" data-view="{view}" data-build="{build}" '
                     f'data-figure="{figure_of(view)}" '
                     f'data-width="{frame.width:.2f}" data-height="{frame.height:.2f}" '
                     f'data-sides="{sides}">',
                     f'    <path id="{group}-silhouette" class="silhouette" '
                     f'd="{to_svg_path(silhouette, frame)}"/>']
        for name, shape in sorted(regions.items()):
            # The point deepest inside the region: where its number and label go.
            anchor = polylabel(shape, tolerance=0.1 / frame.scale)
            ax, ay = frame.svg(anchor.x, anchor.y)
            lines_out.append(f'    <path id="{group}:{name}" class="region" data-region="{name}" '
                             f'data-anchor="{ax:.2f} {ay:.2f}" d="{to_svg_path(shape, frame)}"/>')
        lines_out += [f'    <path class="detail" d="{to_svg_polyline(line, frame)}"/>'
                      for line in lines]
        lines_out.append("  </g>")
        groups.append("\n".join(lines_out))
        print(f"{group}: {len(regions)} regions")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEW_W:.0f} {VIEW_H:.0f}" '
           f'data-head-units="{SCALE:.0f}">\n'
           "  <!-- Generated by make_body_map.py; edit that script, not this file. -->\n"
           + "\n".join(groups) + "\n</svg>\n")
    (HERE / "body_map.svg").write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    main()
