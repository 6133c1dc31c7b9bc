"""Every view with about 25,000 flares (thirty years): no error, no warning, the figures
add up."""

import pytest
from PySide6.QtCore import QDate

from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from fibromap.ui.views import VIEWS
from tests.helpers.big_history import build_big_store


@pytest.fixture(scope="module")
def big_database(tmp_path_factory):
    home = tmp_path_factory.mktemp("big-home")
    store = build_big_store(home, copies=3)
    count = store.flares.count()
    store.close()
    return home, count


def test_every_view_with_twenty_five_thousand_flares(qtbot, big_database, paths):
    home, count = big_database
    assert count >= 25_000
    store = Store.open(f"sqlite:///{home / 'big.sqlite3'}", paths)
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    for name in VIEWS:
        window.show_view(name)
        qtbot.waitUntil(lambda: not window.busy(), timeout=60_000)
        assert window.grab().toImage().width() > 0
    assert window.page("history").model.total == count and window.page("history").model.rowCount() == 200
    # The whole thirty years on the heat-map: computed off the UI thread, then shown.
    picker = window.page("heatmap").picker
    picker.choose("Custom")
    picker.start.setDate(QDate(1960, 1, 1))
    qtbot.waitUntil(lambda: not window.page("heatmap").worker.busy and window.page("heatmap").data is not None
                    and window.page("heatmap").data.flares == count, timeout=60_000)
    top = max(item.value or 0 for item in window.page("heatmap").map.region_items.values())
    assert top > 1000
