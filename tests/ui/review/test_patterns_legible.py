"""Patterns as a person reads it: every category label whole and apart from its neighbours,
the number of regions said once, and a region's history drawn without choosing one first."""

from collections import Counter
from datetime import date

import pytest
from PySide6.QtGui import QColor, QFontMetrics

from fibromap.demo import generate
from fibromap.domain.atlas import load_atlas
from fibromap.domain.records import Records
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import whole
from fibromap.store.bulk import write_new
from fibromap.ui.review.patterns_page import PatternsPage
from tests.helpers.refusals import fits
from tests.ui.review.test_review_pages import seed_patterns

SPREAD = ("{share} of the marks were on the {names}. {regions} in all, on average "
          "{per_week} different regions a week, over {weeks} with flares.")

TODAY = date(2026, 6, 30)
UNITS = {"s", "min", "h"}


@pytest.fixture
def demo_year(store):
    history = generate(days=365, seed=7, end=TODAY)
    write_new(store, Records(flares=history.flares, checkins=history.checkins))  # as an import
    return store


def open_page(qtbot, store, size):
    page = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    return page


def plain(text):
    return " ".join(text.replace("\u00a0", " ").split())


def assert_labels_legible(chart, every_one):
    boxes = chart.label_boxes()
    if every_one:  # a category left out is a category nobody can read
        assert [index for index, _lines, _box in boxes] == list(range(len(chart.labels)))
    metrics = QFontMetrics(chart.font())
    for index, lines, box in boxes:
        # Broken between words only, nothing cut off or elided, a number kept with its unit.
        assert plain(" ".join(lines)) == plain(chart.labels[index])
        assert all(metrics.horizontalAdvance(line) <= box.width() for line in lines), lines
        assert not any("…" in line or line.strip() in UNITS for line in lines), lines
        assert box.left() >= 0 and box.right() <= chart.width()
        assert box.bottom() <= chart.height()
    for (_i, _l, one), (_j, _m, other) in zip(boxes, boxes[1:]):
        assert one.right() + 4 <= other.left(), (chart.title, one, other)
    # What is painted is what was measured: in the labels' band, ink only inside the boxes.
    image = chart.grab().toImage()
    background = image.pixelColor(chart.width() - 1, chart.height() - 1)
    top = int(min(box.top() for _i, _l, box in boxes))
    start = int(min(box.left() for _i, _l, box in boxes))
    inked = set()
    for y in range(top, chart.height()):
        for x in range(start, chart.width()):
            if _differs(image.pixelColor(x, y), background):
                inside = [i for i, (_n, _l, box) in enumerate(boxes)
                          if box.left() - 1 <= x <= box.right() + 1 and box.top() - 1 <= y <= box.bottom() + 1]
                assert inside, f"{chart.title}: ink at {x},{y} outside every label"
                inked.update(inside)
    assert inked == set(range(len(boxes)))  # and every label is there to see


def _differs(colour: QColor, background: QColor) -> bool:
    return abs(colour.lightness() - background.lightness()) > 40


@pytest.mark.parametrize("size", [(1024, 633), (1280, 733)])  # the page in 1024x700, 1280x800
def test_every_duration_and_weekday_label_is_whole_and_apart(qtbot, store, size):
    seed_patterns(store)
    page = open_page(qtbot, store, size)
    assert page.durations.labels[0].replace("\u00a0", " ") == "under 30 s"
    for chart in (page.durations, page.weekdays):
        assert_labels_legible(chart, every_one=True)
    for chart in (page.hours, page.region_chart):  # thinned, but what is shown is legible
        assert_labels_legible(chart, every_one=False)
    lines = {index: lines for index, lines, _box in page.durations.label_boxes()}
    assert all(len(text) <= 2 for text in lines.values())


def test_the_number_of_regions_is_said_once(qtbot, demo_year):
    page = open_page(qtbot, demo_year, (1280, 733))
    period = page.period()
    regions = {site.region for flare in demo_year.flares.between(period.start, period.end)
               for site in flare.sites if site.intensity > 0}
    said = page.summary.text() + " " + page.spread_figures.text()
    counted = fits(page.spread_figures.text(), SPREAD)["regions"]  # "12 regions" in all
    assert said.count(counted) == 1
    assert said.count(ngettext("{count} region", "{count} regions", len(regions)).format(
        count=whole(len(regions)))) <= 1


def test_a_few_regions_are_counted_where_the_summary_does_not_count_them(qtbot, store):
    seed_patterns(store)  # soleus left and right: "mostly the same spots", no count in it
    page = open_page(qtbot, store, (1280, 733))
    counted = fits(page.spread_figures.text(), SPREAD)["regions"]
    assert counted == ngettext("{count} region", "{count} regions", 2).format(count=whole(2))
    assert counted not in page.summary.text()


def test_the_most_frequent_region_is_chosen_and_its_history_drawn(qtbot, demo_year):
    page = open_page(qtbot, demo_year, (1280, 733))
    period = page.period()
    flares = demo_year.flares.between(period.start, period.end)
    counts = Counter(region for flare in flares
                     for region in {site.region for site in flare.sites if site.intensity > 0})
    (top, most), (_second, next_most) = counts.most_common(2)
    assert most > next_most  # one clear answer in the demo year
    assert page.data.region == top
    assert page.region.currentText() == load_atlas().name(top)
    assert sum(page.region_chart.values) == most and len(page.region_chart.values) == 14
    from fibromap.domain.wording import chart_date

    # The first bar is named by the period's first day, not the Monday before it.
    assert page.region_chart.labels[0] == chart_date(period.start, period.days)
    assert page.region_chart.title.startswith(f"{load_atlas().name(top)}: {most} flares")
    assert "most often" in page.region_chart.title
    # Another choice is kept, and shown as the person's own.
    other = page.region.findData("soleus.left")
    page.region.setCurrentIndex(other)
    qtbot.waitUntil(lambda: not page.worker.busy and page.data.region == "soleus.left")
    assert "most often" not in page.region_chart.title
    page.picker.choose("Last 30 days")
    qtbot.waitUntil(lambda: not page.worker.busy and page.data.period.days == 30)
    assert page.data.region == "soleus.left"


def test_an_empty_database_says_so_calmly(qtbot, store):
    page = open_page(qtbot, store, (1024, 633))
    assert page.hours.empty_text == _("No flares recorded in this period yet")
    assert page.weekdays.values == [] and page.durations.values == []
    # Said once: the other charts do not repeat it.
    assert [c.empty_text for c in (page.weekdays, page.durations, page.region_chart)] == [""] * 3
    assert page.data.region is None and page.spread_figures.text() == ""


def test_value_axes_read_in_round_numbers(qtbot, demo_year):
    page = open_page(qtbot, demo_year, (1280, 800))
    charts = [page.hours, page.weekdays, page.durations, page.region_chart]
    for chart in charts:
        ticks = chart._layout().ticks
        peak = max(chart.values)
        steps = {b - a for a, b in zip(ticks, ticks[1:])}
        assert ticks[0] == 0 and len(steps) == 1, ticks
        step = steps.pop()
        # 1, 2 or 5 times a power of ten, whole for counts, the top tick within a step.
        assert step == int(step) and str(int(step)).strip("0") in ("1", "2", "5"), ticks
        assert ticks[-1] <= peak < ticks[-1] + step, (ticks, peak)


@pytest.mark.parametrize("peak", [1, 2, 3])
def test_a_few_flares_are_never_counted_in_halves(qtbot, peak):
    from fibromap.ui.review.bar_chart import BarChart

    chart = BarChart("Flares by weekday")
    qtbot.addWidget(chart)
    chart.resize(300, 200)
    chart.set_data(["Mon", "Tue"], [peak, 0])
    assert chart._layout().ticks == list(range(peak + 1))


@pytest.mark.parametrize("height", [146, 110, 90])
def test_a_short_chart_writes_fewer_numbers_up_its_axis_rather_than_stack_them(qtbot, height):
    """The most frequent region's weekly chart is 146 px high at 1024×700 under a two-line
    title: five numbers 0 to 8 were 11.6 px apart in 14 px lines, one on the other. The
    chart keeps fewer, each on its own line, from 0 up."""
    from itertools import combinations

    from fibromap.ui.review.bar_chart import BarChart

    chart = BarChart("Right side of low back (quadratus lumborum, deep): 88 flares, per week "
                     "— the region marked most often")
    qtbot.addWidget(chart)
    chart.resize(262, height)
    chart.set_data([f"w{n}" for n in range(12)], [6, 9, 2, 8, 6, 9, 3, 4, 7, 5, 1, 6])
    ticks = chart._layout().ticks
    assert ticks[0] == 0 and 2 <= len(ticks) < 5, ticks
    numbers = [(text, box) for text, box in chart.text_boxes() if box.left() < 20]
    assert len(numbers) == len(ticks)
    assert not any(a.intersects(b) for (_t, a), (_u, b) in combinations(numbers, 2)), numbers
