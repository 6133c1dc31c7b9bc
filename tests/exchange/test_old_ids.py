"""Records made before the catalogue grew keep their meaning: a flare on every region id
ever shipped (resources/atlas/shipped_ids.json) is stored, exported, imported into an empty
database and counted by region and by WPI exactly as before."""

import json
from datetime import datetime, timedelta, timezone

from fibromap.analysis.scores import wpi
from fibromap.config import Paths, resource
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.records import flare_fingerprint
from fibromap.exchange.files import export_file, import_file
from fibromap.store import aggregates
from fibromap.store.store import Store

SHIPPED = json.loads(resource("atlas", "shipped_ids.json").read_text(encoding="utf-8"))
START = datetime(2025, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def one_flare_per_old_id() -> list[Flare]:
    return [Flare(onset=START + timedelta(hours=index), sites=(SpasmSite(region, 4),),
                  duration_seconds=60)
            for index, region in enumerate(SHIPPED)]


def test_every_old_id_is_stored_exported_and_imported_with_its_meaning(sqlite_store, tmp_path):
    assert len(SHIPPED) == 120
    sqlite_store.flares.add_many(one_flare_per_old_id())
    for fmt in ("json", "csv"):
        target = tmp_path / f"old.{fmt}"
        export_file(sqlite_store, fmt, target)
        home = tmp_path / fmt
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        second = Store.open(f"sqlite:///{tmp_path / (fmt + '.sqlite3')}", paths)
        try:
            report = import_file(second, target)
            assert report.result.added["flares"] == len(SHIPPED), fmt
            assert sorted(map(flare_fingerprint, second.flares.between())) == sorted(
                map(flare_fingerprint, sqlite_store.flares.between()))
            figures = aggregates.region_figures(second.database, START.date(),
                                                START.date() + timedelta(days=6))
            assert set(figures) == set(SHIPPED)
            assert all(f.flares == 1 and f.max_intensity == 4 for f in figures.values())
        finally:
            second.close()


def test_the_old_ids_reach_all_19_wpi_areas_as_they_did():
    result = wpi(SHIPPED, load_atlas())
    assert result.score == 19 and result.generalized
