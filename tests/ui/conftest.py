import pytest
from PySide6.QtCore import Qt

from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import click_region, rest_then_click


@pytest.fixture
def store(sqlite_url, paths):
    """The interface's tests run on the SQLite file; the store's own run on PostgreSQL too."""
    opened = Store.open(sqlite_url, paths)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, sqlite_url, paths):
    """The main window on a fresh database, shown and active."""
    store = Store.open(sqlite_url, paths)
    main = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    return main


class Person:
    """Clicks and keys, counted: the measure of how fast a flare is logged."""

    def __init__(self, qtbot, window):
        self.qtbot = qtbot
        self.window = window
        self.interactions = 0

    def click_region(self, region_id):
        """One click, or two for a region too small to hit at once (it comes closer first)."""
        self.interactions += click_region(self.qtbot, self.window.log.map, region_id)

    def rest_on(self, region_id, modifier=Qt.KeyboardModifier.NoModifier):
        """The pointer rests on the region (a small one comes closer), then one click."""
        self.interactions += rest_then_click(self.qtbot, self.window.log.map, region_id, modifier)

    def click(self, widget):
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.interactions += 1

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None):
        target = widget or self.window.focusWidget() or self.window
        self.qtbot.keyClick(target, key, modifier)
        self.interactions += 1


@pytest.fixture
def person(qtbot, window):
    return Person(qtbot, window)
