"""The female and male figures: the same regions as the neutral one, with the same
neighbours and at the same heights, and the widths of figure-proportions.md."""

import pytest
from shapely import STRtree
from shapely.geometry import LineString, Polygon

from fibromap.domain.atlas import FIGURES, View
from fibromap.domain.geometry import Build, load_geometry
from tests.domain.test_geometry import polygon

BUILDS = list(Build)
UNIT = load_geometry().head_unit
MARGIN = 12.0  # the SVG units above the top of the head


def regions(build: Build, view: View) -> dict[str, Polygon]:
    return {rid: polygon(shape) for rid, shape in load_geometry(build).views[view].regions.items()}


def neighbours(shapes: dict[str, Polygon]) -> set[frozenset[str]]:
    """Pairs of regions sharing more than 2 SVG units of border."""
    names = list(shapes)
    tree = STRtree([shapes[n] for n in names])
    pairs = set()
    for i, name in enumerate(names):
        for j in tree.query(shapes[name].buffer(0.5)):
            if j > i:
                shared = shapes[name].buffer(0.5).intersection(shapes[names[j]].boundary).length
                if shared > 2:
                    pairs.add(frozenset((name, names[j])))
    return pairs


@pytest.mark.parametrize("view", FIGURES["body"], ids=lambda v: v.value)
@pytest.mark.parametrize("build", [Build.FEMALE, Build.MALE], ids=lambda b: b.value)
def test_each_figure_has_the_same_regions_with_the_same_neighbours(build, view):
    neutral, other = regions(Build.NEUTRAL, view), regions(build, view)
    assert set(other) == set(neutral)
    assert neighbours(other) == neighbours(neutral)


@pytest.mark.parametrize("view", FIGURES["body"], ids=lambda v: v.value)
@pytest.mark.parametrize("build", [Build.FEMALE, Build.MALE], ids=lambda b: b.value)
def test_each_region_keeps_its_height_on_every_figure(build, view):
    """Only widths change: a region spans the same heights (to the drawing's precision)."""
    neutral, other = regions(Build.NEUTRAL, view), regions(build, view)
    for rid, shape in other.items():
        assert shape.bounds[1] == pytest.approx(neutral[rid].bounds[1], abs=1.0), rid
        assert shape.bounds[3] == pytest.approx(neutral[rid].bounds[3], abs=1.0), rid


def test_the_detail_views_are_the_same_for_every_figure():
    neutral = load_geometry(Build.NEUTRAL).views
    for build in (Build.FEMALE, Build.MALE):
        views = load_geometry(build).views
        assert set(views) == set(View)
        for view in View:
            if view not in FIGURES["body"]:
                assert views[view].regions == neutral[view].regions, (build, view)


def width_at(build: Build, view: View, height: float, region_ids=None) -> float:
    """Full width in head units at ``height`` head units from the top of the head: of the
    outline's piece on the midline, or across the regions named."""
    figure = load_geometry(build).views[view]
    y = MARGIN + height * UNIT
    line = LineString([(-1, y), (figure.width + 1, y)])
    if region_ids:
        cut = [regions(build, view)[rid].intersection(line) for rid in region_ids]
        return (max(c.bounds[2] for c in cut) - min(c.bounds[0] for c in cut)) / UNIT
    pieces = polygon(figure.silhouette).intersection(line)
    middle = figure.width / 2
    piece = next(p for p in getattr(pieces, "geoms", [pieces])
                 if p.bounds[0] <= middle <= p.bounds[2])
    return (piece.bounds[2] - piece.bounds[0]) / UNIT


def shoulders(build: Build) -> float:
    """Outside of the deltoids, at their widest (head units)."""
    deltoids = [polygon(load_geometry(build).views[View.FRONT].regions[f"anterior_deltoid.{side}"])
                for side in ("left", "right")]
    return (max(d.bounds[2] for d in deltoids) - min(d.bounds[0] for d in deltoids)) / UNIT


def test_the_figures_have_the_widths_of_a_woman_and_a_man():
    """figure-proportions.md: shoulders ~1.8 (female), ~2.25 (male), hips at the
    trochanters ~1.75 and ~1.5, with the neutral figure between the two."""
    hips = {b: width_at(b, View.BACK, 3.95, ["trochanter.left", "trochanter.right"])
            for b in BUILDS}
    waist = {b: width_at(b, View.FRONT, 2.95) for b in BUILDS}
    shoulder = {b: shoulders(b) for b in BUILDS}
    assert 1.8 <= shoulder[Build.FEMALE] <= 1.95
    assert 2.2 <= shoulder[Build.MALE] <= 2.35
    assert shoulder[Build.FEMALE] < shoulder[Build.NEUTRAL] < shoulder[Build.MALE]
    assert 1.7 <= hips[Build.FEMALE] <= 1.8
    assert 1.45 <= hips[Build.MALE] <= 1.55
    assert hips[Build.MALE] < hips[Build.NEUTRAL] < hips[Build.FEMALE]
    # The waist against the hips: narrower on the woman.
    assert waist[Build.FEMALE] / hips[Build.FEMALE] < waist[Build.MALE] / hips[Build.MALE] - 0.1


def test_the_female_front_draws_the_breasts_and_the_others_do_not():
    lines = {b: len(load_geometry(b).views[View.FRONT].details) for b in BUILDS}
    assert lines[Build.FEMALE] == lines[Build.NEUTRAL] + 2 == lines[Build.MALE] + 2
    backs = {len(load_geometry(b).views[View.BACK].details) for b in BUILDS}
    assert len(backs) == 1


def test_a_build_is_read_from_the_drawing_once_and_unknown_ones_are_refused():
    assert load_geometry(Build.FEMALE) is load_geometry("female")
    assert load_geometry(Build.FEMALE).build is Build.FEMALE
    with pytest.raises(ValueError):
        load_geometry("child")
