"""The main window's views: one table of its pages, from which the tabs, the View menu,
the reloading after a save and `fibromap screenshot VIEW` are made, and what a page is
handed when it is built (no Qt here, so the command line can list them without loading it).

Adding a view is a module with its page and one line in PAGES.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from fibromap.i18n import N_

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QAbstractButton, QStatusBar

    from fibromap.domain.atlas import Atlas
    from fibromap.domain.flare import Flare
    from fibromap.domain.geometry import BodyGeometry
    from fibromap.store.store import Store
    from fibromap.ui.settings import Settings
    from fibromap.ui.worker import Worker


@dataclass(frozen=True)
class PageEntry:
    """One page of the main window, a tab in the order of PAGES."""

    name: str  # as `fibromap screenshot VIEW` and the last view opened call it
    title: str  # its tab, and its line in the View menu
    # "module:Class.function" called with a PageContext (below) to build
    # the page, imported when first opened; None for the Log, which the window builds at start.
    factory: str | None
    shortcut: str | None = None  # that shows the page (the View menu's)
    # A review view loads on a worker thread, and after a save only when next shown.
    review: bool = False

    @property
    def module(self) -> str | None:
        """The module the page is built in (imported only when it is first opened)."""
        return None if self.factory is None else self.factory.partition(":")[0]


PAGES = (
    PageEntry("log", N_("Log"), None, "Ctrl+1"),
    PageEntry("history", N_("History"), "fibromap.ui.log.history_page:HistoryPage.for_window", "Ctrl+2"),
    PageEntry("checkin", N_("Check-in"), "fibromap.ui.daily.checkin_page:CheckInPage.for_window", "Ctrl+3"),
    PageEntry("medications", N_("Medications"),
              "fibromap.ui.daily.medications_page:MedicationsPage.for_window", "Ctrl+4"),
    PageEntry("heatmap", N_("Heat-map"), "fibromap.ui.review.heatmap_page:HeatMapPage.for_window", "Ctrl+5",
              review=True),
    PageEntry("trends", N_("Trends"), "fibromap.ui.review.trends_page:TrendsPage.for_window", "Ctrl+6",
              review=True),
    PageEntry("patterns", N_("Patterns"), "fibromap.ui.review.patterns_page:PatternsPage.for_window",
              "Ctrl+7", review=True),
    PageEntry("insights", N_("Insights"), "fibromap.ui.review.insights_page:InsightsPage.for_window",
              "Ctrl+8", review=True),
    PageEntry("scores", N_("Scores"), "fibromap.ui.review.scores_page:ScoresPage.for_window", "Ctrl+9",
              review=True),
    PageEntry("overview", N_("Overview"), "fibromap.ui.review.overview:OverviewPage.for_window", "Ctrl+0"),
)

# In tab order; "bodymap" is the Log view showing the most recent flare.
VIEWS = (*(page.name for page in PAGES), "bodymap")

# What the Log's map can show in a screenshot (`--map`): the whole figure or a detail view
# (atlas.View, named here so the command line need not load the atlas).
MAP_VIEWS = ("whole", "head_front", "head_back", "shoulders_front", "shoulders_back", "pelvis_front",
             "pelvis_back", "palms", "hand_backs", "foot_tops", "soles")


def page_entry(name: str) -> PageEntry:
    """The entry of the page ``name``."""
    for page in PAGES:
        if page.name == name:
            return page
    raise ValueError(f"no page called {name!r}")


class Page(Protocol):
    """Every page but the Log: it shows the database anew when told that it changed."""

    def reload(self) -> None:
        """Show what the database holds now."""


class ReviewView(Page, Protocol):
    """A page whose entry says ``review``: it loads on a worker thread, and after a save
    again only when next shown."""

    @property
    def worker(self) -> Worker:
        """Loads its figures; busy while it does."""

    def mark_stale(self) -> None:
        """The database changed: load again now if on screen, else when next shown."""


class PageHost(Protocol):
    """What of the window a page may use: where to go, what to say, what may not be saved,
    and the one undo stack (Edit › Undo) a page's changes go on."""

    undo_stack: QUndoStack

    def edit_flare(self, flare: Flare) -> None: ...
    def flare_deleted(self, flare: Flare) -> None: ...
    def show_view(self, name: str) -> None: ...
    def show_report(self) -> None: ...
    def reload_if_built(self, name: str) -> None: ...
    def refuse_saving(self, button: QAbstractButton) -> None: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


@dataclass(frozen=True)
class PageContext:
    """A page's collaborators, handed to its factory: no reaching through the window."""

    store: Store
    settings: Settings
    atlas: Atlas
    geometry: BodyGeometry  # the body figure drawn now; figure_changed brings another
    orientation_changed: SignalInstance  # the Log's map turned: the front as in a mirror or not
    figure_changed: SignalInstance  # another BodyGeometry chosen (View › Body figure)
    window: PageHost
