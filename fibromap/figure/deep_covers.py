"""Which surface muscle each deep one of the body map lies under (fill_marks.lying_over):
its colour shows through the deep one's dots when the deep one has none of its own.

Working that out tests hundreds of points of every deep muscle's outline against the
surface shapes around it, a large part of drawing the map; the answer depends only on the
drawing, the catalogue's layers and this code, so it is kept between starts in the cache
folder (domain/resource_cache.py) and worked out again when any of them changes.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from fibromap.domain.atlas import Layer, View
from fibromap.domain.geometry import drawing
from fibromap.domain.resource_cache import checksum, code_of, kept
from fibromap.figure.fill_marks import lying_over
from fibromap.figure.region_item import RegionItem

# view -> deep region -> the surface region over it ("" for none)
Covers = dict[str, dict[str, str]]


def link_deep(drawn: Mapping[View, Mapping[str, RegionItem]], build: str) -> None:
    """Set ``cover`` of each deep item of ``drawn`` (each view's region items, the whole
    figure's views before their closer parts) and ``covered`` of each surface one."""
    views = tuple(drawn)
    layout = ";".join(f"{view}:{region_id}:{item.region.layer}"
                      for view in views for region_id, item in drawn[view].items()).encode()
    sources = (drawing(), layout, code_of(sys.modules[lying_over.__module__]),
               code_of(sys.modules[__name__]))
    name = f"deep-covers-{build}-{checksum(layout).hex()}"
    covers = kept(name, sources, lambda: find_covers(drawn), lambda plain: _checked(plain, drawn))
    for view in views:
        items = drawn[view]
        for item in items.values():
            if item.region.layer is Layer.SURFACE:
                item.covered = []
        for region_id, surface_id in covers[str(view)].items():
            deep = items[region_id]
            deep.cover = items.get(surface_id) if surface_id else None
            if deep.cover is not None:
                deep.cover.covered.append(deep)


def find_covers(drawn: Mapping[View, Mapping[str, RegionItem]]) -> Covers:
    """The surface region over each deep one, worked out from the shapes; a closer part
    of the whole figure keeps the whole figure's pairs."""
    whole: dict[str, str] = {}
    covers: Covers = {}
    for view, items in drawn.items():
        surface = [item for item in items.values() if item.region.layer is Layer.SURFACE]
        found = covers[str(view)] = {}
        for region_id, item in items.items():
            if item.region.layer is not Layer.DEEP:
                continue
            known = whole.get(region_id) if view.crop_of is not None else None
            if known:  # drawn in this closer part or not: the whole figure's pair
                found[region_id] = known
                continue
            cover = lying_over(item, surface)
            found[region_id] = cover.region.id if cover is not None else ""
            if view.crop_of is None and cover is not None:
                whole[region_id] = cover.region.id
    return covers


def _checked(plain: object, drawn: Mapping[View, Mapping[str, RegionItem]]) -> Covers:
    """``plain`` as read back, if it names a cover for every deep item drawn (else a
    KeyError: it is worked out again)."""
    if not isinstance(plain, dict):
        raise TypeError("not a table of covers")
    for view, items in drawn.items():
        kept_view = plain[str(view)]
        deep = {rid for rid, item in items.items() if item.region.layer is Layer.DEEP}
        if set(kept_view) != deep or not all(isinstance(rid, str) for rid in kept_view.values()):
            raise KeyError(str(view))
    return plain
