"""Which surface muscle lies over each deep one is worked out once and kept between starts
(figure/deep_covers.py): read back the same as worked out afresh, worked out again for
another catalogue, and never taken from a damaged file."""

import marshal
from dataclasses import replace

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsScene

from fibromap.config import cache_folder
from fibromap.domain.atlas import FIGURES, Atlas, Layer, load_atlas
from fibromap.domain.geometry import load_geometry
from fibromap.domain.resource_cache import checksum
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.deep_covers import find_covers
from fibromap.figure.region_item import RegionItem

PIRIFORMIS = "piriformis.left"


def drawn(atlas: Atlas | None = None, built=FIGURES["body"]) -> BodyFigures:
    figures = BodyFigures(QGraphicsScene(), atlas or load_atlas(), load_geometry(), QFont(), built)
    figures.scene_ref = figures.scene  # kept alive with the figures
    return figures


def covers(figures: BodyFigures) -> dict[str, str | None]:
    """Each drawn deep muscle's cover as the figures hold it, by view and region."""
    return {f"{item.view}:{region_id}": item.cover.region.id if item.cover else None
            for region_id, items in figures.items.items() for item in items
            if type(item) is RegionItem and item.region.layer is Layer.DEEP}


def afresh(figures: BodyFigures) -> dict[str, str | None]:
    """The same worked out from the shapes now, with no file."""
    by_view = {view: {item.region.id: item for items in figures.items.values() for item in items
                      if item.view is view and type(item) is RegionItem}
               for view in figures.containers}
    found = find_covers(by_view)
    return {f"{view}:{region_id}": (surface if surface in by_view[view] else None) or None
            for view in by_view for region_id, surface in found[str(view)].items()}


def kept_files() -> list:
    return sorted(cache_folder().glob("deep-covers-*.cache"))


def test_what_is_kept_is_what_is_worked_out(qapp):
    first = drawn(built=tuple(load_geometry().views))  # every view: the detail views too
    assert len(kept_files()) == 1
    made = kept_files()[0].stat()
    again = drawn(built=tuple(load_geometry().views))  # as at the next start: read back
    assert kept_files()[0].stat().st_mtime_ns == made.st_mtime_ns
    assert covers(again) == covers(first) == afresh(again)
    assert covers(again)[f"back:{PIRIFORMIS}"] == "gluteus_maximus.left"
    assert again.region_items[PIRIFORMIS] in again.region_items["gluteus_maximus.left"].covered


def test_another_catalogue_is_worked_out_again(qapp):
    """The piriformis catalogued as a surface muscle: it lies under nothing, whatever was
    kept for the catalogue as shipped."""
    assert covers(drawn())[f"back:{PIRIFORMIS}"] == "gluteus_maximus.left"
    shipped = load_atlas()
    changed = Atlas([replace(region, layer=Layer.SURFACE) if region.id == PIRIFORMIS else region
                     for region in shipped], list(shipped.patterns))
    figures = drawn(changed)
    assert f"back:{PIRIFORMIS}" not in covers(figures)
    assert figures.region_items[PIRIFORMIS].cover is None
    assert covers(figures) == afresh(figures)


@pytest.mark.parametrize("where", [3, 12, -4], ids=["made-from", "checksum", "table"])
def test_a_damaged_file_is_not_used_and_is_written_again(qapp, where):
    expected = covers(drawn())
    [path] = kept_files()
    good = path.read_bytes()
    damaged = bytearray(good)
    damaged[where] ^= 0xFF
    path.write_bytes(bytes(damaged))
    assert covers(drawn()) == expected
    assert path.read_bytes() == good


def test_a_file_holding_another_table_is_worked_out_again(qapp):
    """A whole file (made by the same code) that lacks a muscle drawn now is not trusted."""
    expected = covers(drawn())
    [path] = kept_files()
    figures = drawn()  # read back; then the kept table loses the piriformis
    key, body = path.read_bytes()[:8], path.read_bytes()[16:]
    table = marshal.loads(body)
    del table["back"][PIRIFORMIS]
    body = marshal.dumps(table)
    path.write_bytes(key + checksum(body) + body)
    assert covers(drawn()) == expected == covers(figures)
    assert PIRIFORMIS in marshal.loads(path.read_bytes()[16:])["back"]
