"""Exports of throw-away databases, and imports that must be refused."""

from __future__ import annotations

import pytest

from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from fibromap.store.store import Store
from tests.helpers.records import full_flare


def exported(paths, tmp_path, flares=None, fmt="json", **records) -> str:
    """An export of a throw-away database holding ``flares`` (and check-ins etc.)."""
    from fibromap.config import Paths, database_url

    home = tmp_path / f"source-{fmt}-{len(list(tmp_path.iterdir()))}"
    source_paths = Paths(home, home / "b", home / "l", home / "s.ini")
    store = Store.open(database_url(source_paths), source_paths)
    try:
        store.flares.add_many(flares if flares is not None else [full_flare()])
        for checkin in records.get("checkins", []):
            store.checkins.put(checkin)
        return export_text(store, fmt)
    finally:
        store.close()


def refused(store, text, *expected: str) -> ImportRefused:
    """The import and its dry run both refuse, saying each ``expected`` text; nothing written."""
    before = store.flares.count(), store.checkins.count(), store.database.changes()
    messages = []
    for dry_run in (True, False):
        with pytest.raises(ImportRefused) as refusal:
            import_text(store, text, "the file", dry_run=dry_run)
        messages.append(str(refusal.value))
    assert messages[0] == messages[1]
    for text_part in expected:
        assert text_part in messages[0], messages[0]
    assert (store.flares.count(), store.checkins.count(), store.database.changes()) == before
    return refusal.value
