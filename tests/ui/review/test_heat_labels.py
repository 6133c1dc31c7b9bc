"""The numbers on the heat-map and the Overview's map never mislead: on a year and on ten
years of demo data, at the window sizes of 1024 and 1280 pixels, every number is on its
region's side of the midline, off the arrowheads and the other numbers, its leader crosses
no other, the biggest are drawn first and the smallest left off are said under the map
(tests/helpers/heat_numbers.py); the room beside the figures holds numbers. The arrows
can be followed: the 12 most frequent referral patterns, at most two to one region, each
within one figure, the rest named under the map."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate

from fibromap.analysis.heatmap import Metric
from fibromap.config import Paths
from fibromap.demo import generate
from fibromap.domain.atlas import load_atlas
from fibromap.domain.records import Records
from fibromap.i18n import ngettext
from fibromap.i18n.formats import whole
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from fibromap.ui.review.heatmap_page import HeatMapPage
from fibromap.ui.review.overview import OverviewPage
from fibromap.ui.settings import Settings
from tests.helpers.heat_numbers import check_arrows, check_numbers
from tests.helpers.refusals import fits

WINDOWS = [(1024, 700), (1280, 800)]
CHROME = (20, 80)  # the window's frame, menus, tabs and status bar round a view


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory):
    """Ten years of demo flares in a database of this module's own, and the last day."""
    folder = tmp_path_factory.mktemp("ten-years")
    paths = Paths(folder, folder / "backups", folder / "logs", folder / "settings.ini")
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    history = generate(days=3650, seed=1)
    write_new(store, Records(flares=history.flares))
    store.close()
    return paths, max(f.onset for f in history.flares).date()


@pytest.fixture
def opened(ten_years):
    paths, last = ten_years
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    yield store, paths, last
    store.close()


def heat_map(qtbot, opened, days: int, window: tuple[int, int]) -> HeatMapPage:
    store, paths, last = opened
    page = HeatMapPage(store, Settings(paths.settings_file), load_atlas(), today=lambda: last)
    qtbot.addWidget(page)
    page.resize(window[0] - CHROME[0], window[1] - CHROME[1])
    page.show()
    page.picker.choose("Custom")
    first = last - timedelta(days=days - 1)
    page.picker.start.setDate(QDate(first.year, first.month, first.day))
    page.picker.end.setDate(QDate(last.year, last.month, last.day))
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.start == first, timeout=20_000)
    page.map.place_numbers_now()
    qtbot.waitUntil(lambda: abs(page.map.numbers.scale - page.map.transform().m11()) < 0.005)
    return page


@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("days", [365, 3650])
def test_heat_map_numbers_and_arrows_never_mislead(qtbot, opened, days, window):
    page = heat_map(qtbot, opened, days, window)
    counts = check_numbers(page.map.figures, page.map.numbers, page.map.arrows().values())
    arrows = check_arrows(page.map.figures, page.map.arrows().values(), page.map.numbers)
    assert arrows["arrows"] == 12 and arrows["to the other figure"] >= 1, arrows
    # The thicker, the more often; the patterns not drawn are named, then counted.
    drawn = page.map.links_drawn
    widths = [page.map.arrows()[(s, t)].width for s, t, _n in drawn]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    text = page.arrows_note.text()
    assert page.arrows_note.isVisible() and "Arrows: the 12 most frequent" in text
    left = page.map.links_left
    source, zone, count = left[0]
    atlas = page.map.atlas
    assert f"Not drawn: {atlas.name(source)} → {atlas.name(zone).lower()} {count}×" in text
    assert f"and {len(left) - 3} more" in text
    numbers = page.map.numbers
    assert counts["drawn"] >= 40, counts
    # The room beside the figures is there, and used.
    figures = page.map.figures
    assert figures.margin > 0 and figures.gap > 100
    fronts = [figures.containers[view].sceneBoundingRect() for view in figures.shown]
    assert any(not any(label.box.intersects(front) for front in fronts)
               for label in numbers.labels.values())
    # What is left off is said, as the smallest figures they are.
    if numbers.left_off:
        values = [page.map.region_items[rid].value_text for rid in numbers.left_off]
        assert page.left_off.isVisible()
        found = fits(page.left_off.text(), ngettext(
            "{count} smaller number ({each} each) not shown on the map: hover a region for its figure.",
            "{count} smaller numbers ({each} each) not shown on the map: hover a region for its figure.",
            len(values)), count=whole(len(values)))
        assert found["each"].split(" ")[0] in values  # the smallest figures left off
    else:
        assert not page.left_off.isVisible()


@pytest.mark.parametrize("window", WINDOWS)
def test_the_overview_map_numbers_never_mislead(qtbot, opened, window):
    store, _paths, last = opened
    page = OverviewPage(store, today=lambda: last)
    qtbot.addWidget(page)
    page.resize(window[0] - CHROME[0], window[1] - CHROME[1])
    page.show()
    page.map.place_numbers_now()
    qtbot.waitUntil(lambda: abs(page.map.numbers.scale - page.map.transform().m11()) < 0.005)
    counts = check_numbers(page.map.figures, page.map.numbers, page.map.arrows().values())
    assert counts["drawn"] >= 10, counts  # the last 7 days of ten years: 14 regions
    assert page.left_off.isVisible() == bool(page.map.numbers.left_off)
    assert page.left_off.text() == page.map.left_off_text()


def test_new_figures_are_coloured_at_once_and_numbered_a_moment_later(qtbot, opened):
    """Colours change within the frame; the numbers follow in the next turn of the event
    loop, and last figures' numbers are never left on new colours meanwhile."""
    page = heat_map(qtbot, opened, 365, WINDOWS[0])
    data = page.data
    page.metric_choice.setCurrentIndex(page.metric_choice.findData(Metric.MAX))
    numbers = page.map.numbers
    assert numbers.labels == {} and numbers.scale == 0.0  # none yet, none stale
    top = max(item.value for item in page.map.region_items.values() if item.value)
    assert top <= 10 and data is page.data  # the colours already show the highest intensity
    qtbot.waitUntil(lambda: numbers.labels != {})
    assert all(label.text == page.map.region_items[rid].value_text
               for rid, label in numbers.labels.items())
