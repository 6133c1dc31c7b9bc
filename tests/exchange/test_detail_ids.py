"""Marks made in the detail views travel like any other: a flare on every detail region
(thumb, plantar fascia, lateral pterygoid…) goes out as JSON and CSV and comes back into an
empty database the same, a second import adds nothing, and the heat-map's roll-up of the
copy counts each on its whole-figure region."""

from datetime import datetime, timedelta, timezone

import pytest

from fibromap.config import Paths
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.records import flare_fingerprint
from fibromap.exchange.files import export_file, import_file
from fibromap.store import aggregates
from fibromap.store.store import Store

START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone(timedelta(hours=-5)))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_every_detail_region_is_exported_and_imported_with_its_meaning(sqlite_store, tmp_path,
                                                                       fmt):
    atlas = load_atlas()
    parts = sorted(region.id for region in atlas if region.parent)
    assert len(parts) == 69
    sqlite_store.flares.add_many([
        Flare(onset=START + timedelta(hours=index), sites=(SpasmSite(region, 6),),
              duration_seconds=60) for index, region in enumerate(parts)])
    target = tmp_path / f"detail.{fmt}"
    export_file(sqlite_store, fmt, target)
    home = tmp_path / fmt
    second = Store.open(f"sqlite:///{tmp_path / (fmt + '.sqlite3')}",
                        Paths(home, home / "backups", home / "logs", home / "settings.ini"))
    try:
        assert import_file(second, target).result.added["flares"] == len(parts)
        assert sorted(map(flare_fingerprint, second.flares.between())) == sorted(
            map(flare_fingerprint, sqlite_store.flares.between()))
        assert import_file(second, target).result.added["flares"] == 0  # nothing twice
        rolled = aggregates.region_figures(second.database, rolled_up=atlas.roll_up())
        expected: dict[str, int] = {}
        for region in parts:
            parent = atlas.region(region).parent
            expected[parent] = expected.get(parent, 0) + 1
        assert {rid: f.flares for rid, f in rolled.items()} == expected
    finally:
        second.close()
