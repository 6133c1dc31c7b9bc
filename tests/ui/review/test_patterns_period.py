"""The Patterns view on a period that begins on a Tuesday and ends on a Sunday, with a
flare at 00:00 on its first day and one at 00:00 on the Monday after, stored as an import
stores them (issue 31: the view raised KeyError and showed nothing)."""

from collections import Counter

from fibromap.domain.atlas import load_atlas
from fibromap.ui.review.patterns_page import PatternsPage
from tests.helpers.period_flares import PERIOD, TODAY, edge_history, save_as_imported, weekly_counts


def test_patterns_shows_the_regions_of_its_period_alone(qtbot, store):
    flares = edge_history()
    save_as_imported(store, flares)
    page = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    assert page.period() == PERIOD
    regions = len(sum(weekly_counts(flares).values(), Counter()))
    shown = page.summary.text() + " " + page.spread_figures.text()
    assert f"{regions} regions in all" in shown or f"{regions} different regions" in shown
    assert page.data.spread.distinct_regions == regions
