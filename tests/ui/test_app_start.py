"""Start-up (ui/app.py): the window answers while the records open behind it, and a Save
pressed meanwhile is kept and saved once they are open, at the moment it was pressed."""

from __future__ import annotations

import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from fibromap.store.store import Store
from fibromap.ui import app as app_module
from fibromap.ui.log import flare_form
from fibromap.ui.log.log_page import OPENING
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import click_region
from tests.helpers.refusals import fits
from tests.helpers.starting import run_python

T0 = datetime(2026, 12, 7, 5, 13, 20, tzinfo=timezone(timedelta(hours=1)))
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def clock(monkeypatch):
    now = [T0]
    monkeypatch.setattr(flare_form, "local_now", lambda: now[0])
    return now


@pytest.fixture
def opening_window(qtbot, paths):
    """The window as start-up shows it: drawn, its records not open yet."""
    window = MainWindow(None, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def sites(flare) -> list[tuple[str, int | None]]:
    return [(site.region, site.intensity) for site in flare.sites]


def test_a_save_pressed_before_the_records_open_is_saved_once_they_are(
        qtbot, opening_window, sqlite_url, paths, clock):
    log = opening_window.log
    click_region(qtbot, log.map, "upper_trapezius.left")
    qtbot.keyClick(log.map, "7")
    qtbot.mouseClick(log.save_button, LEFT)
    assert log.feedback.text() == OPENING and not log.feedback.is_error
    assert not log.body.isEnabled()  # the flare waits as it is: the map takes no more marks
    clock[0] = T0 + timedelta(minutes=3)  # the records take long to open
    store = Store.open(sqlite_url, paths)
    assert store.flares.count() == 0
    with qtbot.waitSignal(log.saved):
        opening_window.attach(store)
    assert log.body.isEnabled()
    saved = store.flares.latest()
    assert sites(saved) == [("upper_trapezius.left", 7)]
    assert saved.onset == T0.replace(second=0)  # when Save was pressed, not when it was stored
    fits(log.feedback.text(), "Saved the flare of {onset}: {regions}.")
    assert log.draft().is_empty and log.form.follows_clock  # ready for the next one
    assert opening_window.current_view() == "log"  # not the Overview a first start shows


def test_a_flare_begun_while_the_records_open_keeps_the_log_in_front(
        qtbot, opening_window, sqlite_url, paths):
    """The view open last time comes once the records are open, unless the person has
    begun marking a flare on the Log by then."""
    Settings(paths.settings_file).last_view = "trends"
    log = opening_window.log
    click_region(qtbot, log.map, "upper_trapezius.left")
    opening_window.attach(Store.open(sqlite_url, paths))
    assert opening_window.current_view() == "log"
    assert [rid for rid, _mark in log.marks.marks()] == ["upper_trapezius.left"]


def test_a_save_that_could_never_be_saved_says_why_at_once(
        qtbot, opening_window, sqlite_url, paths):
    log = opening_window.log
    qtbot.mouseClick(log.save_button, LEFT)  # nothing marked
    assert log.feedback.is_error and log.feedback.text().startswith("Not saved:")
    store = Store.open(sqlite_url, paths)
    opening_window.attach(store)
    assert store.flares.count() == 0


class _Person(QObject):
    """Clicks on the window while the store's code loads on the worker thread (which says
    ``loading``), then lets the loading go on."""

    loading = Signal()

    def __init__(self, qtbot):
        super().__init__()
        self.qtbot = qtbot
        self.done = threading.Event()
        self.seen: dict[str, object] = {}
        self.loading.connect(self.act)  # a queued call: it runs on the window's thread

    def act(self) -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        log = window.log
        self.seen["store"] = window.store
        click_region(self.qtbot, log.map, "biceps.right")
        self.qtbot.keyClick(log.map, "4")
        self.seen["current"] = log.map.marks.current
        self.qtbot.mouseClick(log.save_button, LEFT)
        self.seen["said"] = log.feedback.text()
        self.done.set()


def test_the_window_answers_while_the_records_open_and_keeps_a_save_made_then(
        qtbot, sqlite_url, paths, monkeypatch):
    person = _Person(qtbot)
    loading = app_module._load_store_code

    def load_when_the_person_is_done() -> None:
        person.loading.emit()
        assert person.done.wait(60)
        loading()

    monkeypatch.setattr(app_module, "_load_store_code", load_when_the_person_is_done)
    window = app_module.open_main_window(sqlite_url, paths)
    assert window is not None
    qtbot.addWidget(window)
    assert person.seen == {"store": None, "current": "biceps.right", "said": OPENING}
    assert sites(window.opened_store().flares.latest()) == [("biceps.right", 4)]
    fits(window.log.feedback.text(), "Saved the flare of {onset}: {regions}.")


def test_fibromap_selects_no_pyside_feature_so_the_source_scan_is_off():
    """create_application turns off PySide6's reading of every module's source, which is
    only for `from __feature__ import …` (snake_case, true_property); FibroMap uses none."""
    package = Path(app_module.__file__).parents[1]
    assert not [path for path in package.rglob("*.py")
                if "__feature__" in path.read_text(encoding="utf-8") and path.name != "app.py"]
    app_module.create_application()
    feature = sys.modules["shibokensupport.feature"]  # PySide6 renamed it: look again
    assert feature._mod_uses_pyside is app_module._uses_no_feature


CLOSED_WHILE_OPENING = """
import os, sys, threading
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
import fibromap.ui.app as app_module
from fibromap.config import Paths, database_url
from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow

class Person(QObject):
    loading = Signal()
    def __init__(self):
        super().__init__()
        self.done = threading.Event()
        self.loading.connect(self.act)
    def act(self):
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        window.log.marks.mark("biceps.right", 4)
        QTest.mouseClick(window.log.save_button, Qt.MouseButton.LeftButton)
        window.close()
        self.done.set()

person = Person()
loading = app_module._load_store_code
def load():
    person.loading.emit()
    person.done.wait(60)
    loading()
app_module._load_store_code = load
paths = Paths.from_environment()
code = app_module.run_gui(database_url(paths), paths, crash_dialog=False)
store = Store.open_read_only(database_url(paths), paths)
latest = store.flares.latest()
print(code, store.flares.count(), [s.region for s in latest.sites], DraftFile(paths).load(),
      [name for name in os.listdir(paths.data_dir) if name.endswith(".socket")])
"""


def test_a_window_closed_while_its_records_open_ends_fibromap_and_loses_nothing(paths):
    """Closed before the records were open: FibroMap ends (it used to run on with no
    window) and leaves no socket behind; the flare whose Save was pressed is stored."""
    started = run_python(paths.data_dir, CLOSED_WHILE_OPENING, timeout=60)
    assert started.stdout.strip().splitlines()[-1] == "0 1 ['biceps.right'] None []", started.stderr


def test_an_unexpected_error_while_opening_reaches_the_caller(paths):
    """A bug met while the records open (in a Qt slot, behind the window) is raised by
    open_main_window, for the crash handler, instead of leaving it waiting for ever."""
    code = ("import fibromap.ui.app as app_module\n"
            "from fibromap.config import Paths, database_url\n"
            "def broken(url, paths, window):\n"
            "    raise RuntimeError('a bug while opening')\n"
            "app_module._open_store = broken\n"
            "app = app_module.create_application(); p = Paths.from_environment()\n"
            "try:\n"
            "    app_module.open_main_window(database_url(p), p)\n"
            "except RuntimeError as exc:\n"
            "    print('raised:', exc)\n")
    started = run_python(paths.data_dir, code, timeout=30)
    assert started.stdout.strip().splitlines()[-1] == "raised: a bug while opening", started.stderr

