"""The body map's drawing is read once and kept between starts (domain/resource_cache.py):
read back the same, made again when stale or damaged, never needed."""

from __future__ import annotations

import pytest

from fibromap.config import cache_folder
from fibromap.domain import geometry
from fibromap.domain.geometry import Build, load_geometry
from fibromap.domain.resource_cache import kept

BUILD = Build.MALE


@pytest.fixture
def fresh_geometry():
    """No geometry loaded in this process yet (load_geometry keeps each build it reads)."""
    geometry._load.cache_clear()
    yield cache_folder() / f"body-geometry-{BUILD.value}.cache"
    geometry._load.cache_clear()


def test_the_drawing_read_at_a_start_is_kept_and_read_back_the_same(fresh_geometry):
    read = load_geometry(BUILD)
    assert fresh_geometry.is_file()
    made = fresh_geometry.stat()
    geometry._load.cache_clear()  # as a new start
    again = load_geometry(BUILD)
    assert again == read == geometry._parse(BUILD)
    assert again is not read
    assert fresh_geometry.stat().st_ino == made.st_ino  # read back, not made again


@pytest.mark.parametrize("where", [0, 3, 16, -5], ids=["made-from", "made-from-2", "checksum", "numbers"])
def test_a_stale_or_damaged_cache_is_made_again(fresh_geometry, where):
    """A file made from another drawing or other code (its first eight bytes), or damaged
    (its checksum or its numbers), is not used: the drawing is read and the file written anew."""
    load_geometry(BUILD)
    good = fresh_geometry.read_bytes()
    changed = bytearray(good)
    changed[where] ^= 0xFF
    fresh_geometry.write_bytes(bytes(changed))
    geometry._load.cache_clear()
    assert load_geometry(BUILD) == geometry._parse(BUILD)
    assert fresh_geometry.read_bytes() == good


def test_a_cache_that_cannot_be_read_or_written_costs_only_time(fresh_geometry):
    fresh_geometry.parent.parent.mkdir(parents=True, exist_ok=True)
    fresh_geometry.parent.write_text("not a folder")  # the cache folder cannot be made
    assert load_geometry(BUILD) == geometry._parse(BUILD)


def test_what_was_kept_in_another_shape_is_made_again(fresh_geometry):
    """Kept by code that wrote it otherwise (same sources): what cannot be read is remade."""
    made = []

    def make(value):
        made.append(value)
        return value

    assert kept("test", (b"source",), lambda: make(("old", 1)), tuple) == ("old", 1)
    assert kept("test", (b"source",), lambda: make(("old", 2)), tuple) == ("old", 1)  # kept
    assert kept("test", (b"source",), lambda: make({"new": 3}), lambda plain: plain["new"]) == 3
    assert kept("test", (b"other",), lambda: make({"new": 4}), lambda plain: plain["new"]) == 4
    assert made == [("old", 1), {"new": 3}, {"new": 4}]
