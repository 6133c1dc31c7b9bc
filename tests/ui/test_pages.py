"""The table of pages (fibromap/ui/views.py): the tabs, the View menu, the reloading after
a save, the screenshot command and `make screenshots` all follow it, so a view added to it
is everywhere at once."""

import argparse
import dataclasses
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence

from fibromap.cli import build_parser
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.ui.menus import WindowActions
from fibromap.ui.views import PAGES, VIEWS, PageContext, page_entry
from tests.helpers.records import at

ROOT = Path(__file__).resolve().parents[2]
LATER = [page for page in PAGES if page.factory is not None]

# The views as they were when the table was made: a view added keeps these as they are.
KNOWN = [("log", "Log", "Ctrl+1", False), ("history", "History", "Ctrl+2", False),
         ("checkin", "Check-in", "Ctrl+3", False), ("medications", "Medications", "Ctrl+4", False),
         ("heatmap", "Heat-map", "Ctrl+5", True), ("trends", "Trends", "Ctrl+6", True),
         ("patterns", "Patterns", "Ctrl+7", True), ("insights", "Insights", "Ctrl+8", True),
         ("scores", "Scores", "Ctrl+9", True), ("overview", "Overview", "Ctrl+0", False)]


def test_the_views_keep_their_order_titles_shortcuts_and_reloading():
    known = {name for name, *_ in KNOWN}
    assert [(p.name, p.title, p.shortcut, p.review) for p in PAGES if p.name in known] == KNOWN
    assert [p.name for p in PAGES if p.factory is None] == ["log"]  # built with the window
    assert len({p.name for p in PAGES}) == len(PAGES)
    shortcuts = [p.shortcut for p in PAGES if p.shortcut]
    assert len(set(shortcuts)) == len(shortcuts)
    with pytest.raises(ValueError):
        page_entry("nowhere")


def test_the_screenshot_command_and_make_screenshots_offer_every_view():
    assert VIEWS == (*(p.name for p in PAGES), "bodymap")
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    view = next(a for a in commands.choices["screenshot"]._actions if a.dest == "view")
    assert tuple(view.choices) == VIEWS
    made = subprocess.run(["make", "-s", "--no-print-directory", "--eval",
                           "print-views: ; @echo $(VIEWS)", "print-views"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert made.stdout.split() == list(VIEWS), made.stderr


def test_every_page_has_its_tab_and_view_menu_line_and_opens_from_it(qtbot, window):
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [p.title for p in PAGES]
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    lines = view_menu.actions()[:len(PAGES)]
    assert [a.text() for a in lines] == ["&" + p.title for p in PAGES]
    assert [a.shortcut() for a in lines] == [QKeySequence(p.shortcut or "") for p in PAGES]
    assert view_menu.actions()[len(PAGES)].isSeparator()
    for page, line in zip(PAGES, lines, strict=True):
        line.trigger()
        assert window.current_view() == page.name
        shown = window.page(page.name)
        assert tabs.currentWidget() is shown and tabs.tabText(tabs.currentIndex()) == page.title
        assert callable(getattr(shown, "reload", None)) or page.factory is None


def test_after_a_save_the_review_views_reload_when_next_shown_and_the_others_at_once(
        qtbot, window, monkeypatch):
    for page in LATER:
        window.page(page.name)
    window.show_view("log")
    calls = []
    for page in LATER:
        built = window.page(page.name)
        for method in ("reload", "mark_stale"):
            if hasattr(built, method):
                monkeypatch.setattr(built, method, lambda m=method, n=page.name: calls.append((n, m)))
    window.log.marks.mark("soleus.left", 6)
    window.log.save()
    assert sorted(calls) == sorted((p.name, "mark_stale" if p.review else "reload") for p in LATER)


def test_a_review_view_not_on_screen_loads_again_only_when_shown(qtbot, window):
    reviews = [page.name for page in PAGES if page.review]
    for name in reviews:
        window.show_view(name)
        qtbot.waitUntil(lambda: not window.busy(), timeout=20_000)
    window.show_view("log")
    before = {name: window.page(name).data for name in reviews}
    window.store.flares.add(Flare(onset=at(2026, 1, 5, 0, 30), sites=(SpasmSite("soleus.left", 6),)))
    window.refresh()
    assert not window.busy()
    for name in reviews:
        assert window.page(name).data is before[name]
        window.show_view(name)
        qtbot.waitUntil(lambda n=name: window.page(n).data is not before[n], timeout=20_000)


def test_the_window_declares_its_actions_and_nothing_is_attached_to_it(qtbot, window):
    actions = window.menu_actions
    assert isinstance(actions, WindowActions)
    single = [f.name for f in dataclasses.fields(actions)
              if f.name not in ("views", "figures", "languages", "needs_the_store")]
    assert len(single) == 16 and all(isinstance(getattr(actions, n), QAction) for n in single)
    assert list(actions.views) == [p.name for p in PAGES]
    assert [name for name in vars(window) if name.endswith(("_action", "_actions"))] == [
        "menu_actions"]
    assert set(actions.needs_the_store) >= {actions.views[p.name] for p in LATER}
    assert actions.views["log"] not in actions.needs_the_store


class Host:
    """A window as a page sees it, recording what the page asks of it."""

    def __init__(self):
        self.asked = []

    def __getattr__(self, name):
        return lambda *args: self.asked.append((name, *args))


def test_a_page_is_wired_through_its_context_alone(qtbot, store, paths):
    """The Check-in asks the window to reload the Overview after a save, through what it
    is handed, not by reaching into the window."""
    from PySide6.QtCore import QObject, Signal

    from fibromap.domain.atlas import load_atlas
    from fibromap.domain.geometry import load_geometry
    from fibromap.ui.daily.checkin_page import CheckInPage
    from fibromap.ui.settings import Settings

    class Signals(QObject):
        turned = Signal(object)
        figure = Signal(object)

    signals, host = Signals(), Host()
    context = PageContext(store, Settings(paths.settings_file), load_atlas(), load_geometry(),
                          signals.turned, signals.figure, host)
    page = CheckInPage.for_window(context)
    qtbot.addWidget(page)
    page.sleep_hours.setValue(7)
    assert page.save() is not None
    assert host.asked == [("reload_if_built", "overview")]
