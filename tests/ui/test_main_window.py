import dataclasses
import sqlite3

from fibromap.demo import generate
from fibromap.store.store import Store
from fibromap.ui.app import open_main_window
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.dialogs import answer_next_box


def test_window_opens_on_the_database_with_title_menus_and_status(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.windowTitle() == "FibroMap"
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    assert window.database_label.text() == f"Database: {paths.database_file}"
    assert window.overview._headline.text() == "No flares recorded yet"
    assert paths.database_file.exists()


def window_with_history(qtbot, sqlite_url, paths):
    """A main window on two weeks of demo flares."""
    store = Store.open(sqlite_url, paths)
    history = generate(days=14, seed=3)
    store.flares.add_many(history.flares)
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    return window, store, history


def test_overview_shows_what_was_recorded(qtbot, sqlite_url, paths):
    window, store, history = window_with_history(qtbot, sqlite_url, paths)
    assert window.overview._headline.text() == f"{len(history.flares)} flares recorded"
    latest = history.flares[-1].onset
    assert f"Most recent: {latest:%a %d %b %Y, %H:%M}" in window.overview._details.text()
    store.flares.add(dataclasses.replace(history.flares[0], notes="one more"))
    window.refresh_action.trigger()
    assert window.overview._headline.text() == f"{len(history.flares) + 1} flares recorded"


def test_body_map_view_shows_the_most_recent_flare(qtbot, sqlite_url, paths):
    window, _, history = window_with_history(qtbot, sqlite_url, paths)
    window.show_view("bodymap")
    assert window.tabs.currentWidget() is window.log
    latest = history.flares[-1]
    assert sorted(window.log.map.sites(), key=lambda s: s.region) == sorted(
        latest.sites, key=lambda s: s.region)
    assert window.log.body.caption.text().startswith("Most recent flare: ")


def test_quit_closes_the_window(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    window.quit_action.trigger()
    assert not window.isVisible()


def test_a_foreign_database_is_refused_with_a_dialog_and_left_untouched(qtbot, paths, tmp_path):
    foreign = tmp_path / "mail.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE message (body TEXT)")
    db.close()
    before = foreign.read_bytes()
    seen: list[str] = []
    answer_next_box(seen)
    assert open_main_window(f"sqlite:///{foreign}", paths) is None
    assert len(seen) == 1 and "is not a FibroMap database" in seen[0].text
    assert foreign.read_bytes() == before


def test_about_names_version_and_database(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    seen: list[str] = []
    answer_next_box(seen)
    window.about_action.trigger()
    assert "FibroMap 0.1.0" in seen[0].text and str(paths.database_file) in seen[0].text
