"""Shape tools for make_body_map.py: smooth outlines, bands that follow a part's shape,
carving regions in priority order and removing slivers (shapely, head units)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import shapely
from shapely import affinity
from shapely.geometry import LineString, Polygon
from shapely.ops import unary_union

Point = tuple[float, float]


# -- smooth curves -------------------------------------------------------------------
def catmull_rom(points: Sequence[Point], samples: int = 12, closed: bool = False,
                before: Point | None = None, after: Point | None = None) -> list[Point]:
    """A smooth curve through ``points`` (uniform Catmull-Rom)."""
    pts = list(points)
    if closed:
        ext = [pts[-1], *pts, pts[0], pts[1]]
        count = len(pts)
    else:
        ext = [before or pts[0], *pts, after or pts[-1]]
        count = len(pts) - 1
    out: list[Point] = []
    for i in range(count):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        for step in range(samples):
            t = step / samples
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * ((2 * p1[k]) + (-p0[k] + p2[k]) * t
                                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                             for k in (0, 1)))
    if not closed:
        out.append(pts[-1])
    return out


def blob(points: Sequence[Point]) -> Polygon:
    return Polygon(catmull_rom(points, closed=True)).buffer(0)


def ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0) -> Polygon:
    shape = affinity.scale(shapely.Point(cx, cy).buffer(1.0, quad_segs=24), rx, ry)
    return affinity.rotate(shape, angle, origin=(cx, cy))


def region_below(points: Sequence[Point], smooth: bool = True) -> Polygon:
    """Everything below a left-to-right curve (y grows downwards)."""
    line = catmull_rom(points) if smooth else list(points)
    if line[0][0] > line[-1][0]:
        line.reverse()
    return Polygon([(-5, line[0][1]), *line, (5, line[-1][1]), (5, 20), (-5, 20)]).buffer(0)


def region_left_of(points: Sequence[Point], smooth: bool = True) -> Polygon:
    """Everything left of a top-to-bottom curve."""
    line = catmull_rom(points) if smooth else list(points)
    if line[0][1] > line[-1][1]:
        line.reverse()
    return Polygon([(line[0][0], -5), *line, (line[-1][0], 20), (-5, 20), (-5, -5)]).buffer(0)


# -- fraction bands: cells that follow the shape of a part -----------------------------
def extents(part: Polygon, y: float) -> tuple[float, float]:
    cut = part.intersection(LineString([(-5, y), (5, y)]))
    if cut.is_empty:
        return math.nan, math.nan
    low, _, high, _ = cut.bounds
    return low, high


Fraction = float | Callable[[float], float]


def band(part: Polygon, y0: float, y1: float, f0: Fraction = 0.0, f1: Fraction = 1.0,
         inner_is_right: bool = True, steps: int = 60) -> Polygon:
    """The cell between fractions f0 and f1 of the part's width, from y0 to y1.

    Fraction 0 is the inner side (towards the midline: the right end of a
    cross-section on the viewer's left half), 1 the outer side.
    """
    as_fn = lambda f: f if callable(f) else (lambda _y, v=f: v)  # noqa: E731 - a number read as a constant function
    g0, g1 = as_fn(f0), as_fn(f1)
    left_edge, right_edge = [], []
    for i in range(steps + 1):
        y = y0 + (y1 - y0) * i / steps
        low, high = extents(part, y)
        if math.isnan(low):
            continue
        inner, outer = (high, low) if inner_is_right else (low, high)

        def at(f: float) -> float:
            if f <= 0:
                return inner + (0.5 if inner_is_right else -0.5) * (0 if inner == 0 else 1)
            if f >= 1:
                return outer - (0.5 if inner_is_right else -0.5)
            return inner + (outer - inner) * f
        left_edge.append((at(g0(y)), y))
        right_edge.append((at(g1(y)), y))
    if len(left_edge) < 2:
        return Polygon()
    # Reach past the first and last cross-section so nothing at the ends is left over.
    first, last = left_edge[0][1], left_edge[-1][1]
    pad_top = 0.3 if y0 <= part.bounds[1] + 1e-9 else 0.0
    pad_bottom = 0.3 if y1 >= part.bounds[3] - 1e-9 else 0.0
    left_edge.insert(0, (left_edge[0][0], first - pad_top))
    right_edge.insert(0, (right_edge[0][0], first - pad_top))
    left_edge.append((left_edge[-1][0], last + pad_bottom))
    right_edge.append((right_edge[-1][0], last + pad_bottom))
    return Polygon(left_edge + right_edge[::-1]).buffer(0)


def polygons(shape) -> list[Polygon]:
    return [g for g in getattr(shape, "geoms", [shape]) if isinstance(g, Polygon) and g.area > 0]


def carve(part: Polygon, cells: Sequence[tuple[str, Polygon | None]]) -> dict[str, Polygon]:
    """Give each region what is still free of ``part`` inside its cell; None takes the rest.

    A region left in several pieces keeps its largest; each smaller crumb goes to the
    neighbour it shares most border with, so the regions still tile the part.
    """
    free = part
    out: dict[str, list[Polygon]] = {}
    for name, cell in cells:
        piece = free if cell is None else free.intersection(cell)
        free = free.difference(piece)
        out[name] = polygons(piece)
    if free.area > 1e-9:
        raise SystemExit(f"{free.area:.6f} of a part was not given to any region")
    for _ in range(10):
        crumbs = []
        for name, pieces in out.items():
            pieces.sort(key=lambda g: g.area, reverse=True)
            crumbs += [(name, crumb) for crumb in pieces[1:]]
            del pieces[1:]
        if not crumbs:
            break
        for owner, crumb in crumbs:
            if crumb.area > 0.25 * out[owner][0].area:
                raise SystemExit(f"{owner} falls apart into large pieces ({crumb.area:.4f} "
                                 f"beside {out[owner][0].area:.4f} at {crumb.representative_point()})")
            shared = {name: pieces[0].boundary.intersection(crumb.boundary).length
                      for name, pieces in out.items() if name != owner and pieces}
            neighbour = max(shared, key=shared.get)
            if shared[neighbour] == 0:
                neighbour = owner
            out[neighbour] = polygons(unary_union([*out[neighbour], crumb]))
    regions = {name: pieces[0] if len(pieces) == 1 else unary_union(pieces)
               for name, pieces in out.items()}
    return remove_slivers(regions)


SLIVER = 0.006  # head units: thinner than this cannot be clicked and draws as a stray line


def remove_slivers(regions: dict[str, Polygon]) -> dict[str, Polygon]:
    """Hand thin spikes and wedges of a region to the neighbour they lie along."""
    for _ in range(3):
        moved = False
        for name in list(regions):
            shape = regions[name]
            opened = shape.buffer(-SLIVER).buffer(SLIVER).intersection(shape)
            kept = max(polygons(opened), key=lambda g: g.area, default=None)
            if kept is None:
                continue
            for sliver in polygons(shape.difference(kept)):
                shared = {other: regions[other].boundary.intersection(sliver.boundary).length
                          for other in regions if other != name}
                neighbour = max(shared, key=shared.get, default=None)
                if neighbour is None or shared[neighbour] < 1e-6:
                    continue
                merged = polygons(unary_union([regions[neighbour], sliver]).buffer(0))
                if len(merged) != 1:
                    continue
                regions[neighbour] = merged[0]
                shape = shape.difference(sliver)
                moved = True
            regions[name] = max(polygons(shape), key=lambda g: g.area)
        if not moved:
            break
    return regions


def without_spikes(shape: Polygon) -> Polygon:
    """Drop the points where the outline turns back on itself (within 8 degrees): where a
    cell's edge meets the outline they can leave a spike a few hundredths of a unit long,
    which draws as a stray line. The area moved is a sliver of a sliver."""
    ring = list(shape.exterior.coords)[:-1]
    changed = True
    while changed and len(ring) > 3:
        changed = False
        for i in range(len(ring)):
            a, b, c = ring[i - 1], ring[i], ring[(i + 1) % len(ring)]
            v1, v2 = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
            l1, l2 = math.hypot(*v1), math.hypot(*v2)
            if l1 and l2 and (v1[0] * v2[0] + v1[1] * v2[1]) / (l1 * l2) > 0.99:
                del ring[i]
                changed = True
                break
    return Polygon(ring, [interior.coords for interior in shape.interiors])
