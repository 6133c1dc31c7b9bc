"""The main window's pages after Log, built when first opened: a start imports and
builds only the view it shows."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

# The tabs after Log, in order: each page is built (its module imported, its figures
# loaded) when first opened or asked for, so a start builds only what it shows.
LATER_PAGES = {"history": "History", "checkin": "Check-in", "medications": "Medications",
               "heatmap": "Heat-map", "trends": "Trends", "patterns": "Patterns",
               "insights": "Insights", "scores": "Scores", "overview": "Overview"}
REVIEW_PAGES = ("heatmap", "trends", "patterns", "insights", "scores")


def build_page(window, name: str) -> QWidget:
    """The page ``name`` of the main window ``window``, wired to it."""
    store, settings, atlas = window.store, window.settings, window.log.map.atlas
    if name == "history":
        from fibromap.ui.log.history_page import HistoryPage

        page = HistoryPage(store, atlas)
        page.openFlare.connect(window.edit_flare)
        page.deleted.connect(window.flare_deleted)
        page.message.connect(lambda text: window.statusBar().showMessage(text, 6000))
    elif name == "checkin":
        from fibromap.ui.daily.checkin_page import CheckInPage

        page = CheckInPage(store, settings)
        page.saved.connect(lambda _c: window.refresh_if_built("overview"))
        if store.read_only:
            window.refuse_saving(page.save_button)
    elif name == "medications":
        from fibromap.ui.daily.medications_page import MedicationsPage

        page = MedicationsPage(store)
    elif name == "heatmap":
        from fibromap.ui.review.heatmap_page import HeatMapPage

        page = HeatMapPage(store, settings, atlas)
        window.log.body.orientationChanged.connect(page.set_orientation)
        window.figureChanged.connect(page.set_geometry)
    elif name == "trends":
        from fibromap.ui.review.trends_page import TrendsPage

        page = TrendsPage(store, atlas)
    elif name == "patterns":
        from fibromap.ui.review.patterns_page import PatternsPage

        page = PatternsPage(store, atlas)
    elif name == "insights":
        from fibromap.ui.review.insights_page import InsightsPage

        page = InsightsPage(store)
    elif name == "scores":
        from fibromap.ui.review.scores_page import ScoresPage

        page = ScoresPage(store, atlas)
    elif name == "overview":
        from fibromap.ui.review.overview import OverviewPage

        page = OverviewPage(store, settings.orientation, geometry=window.log.map.geometry)
        page.navigate.connect(window.show_view)
        page.reportRequested.connect(window.show_report)
        window.log.body.orientationChanged.connect(page.map.set_orientation)
        window.figureChanged.connect(page.map.set_geometry)
    else:
        raise ValueError(f"no page called {name!r}")
    return page
