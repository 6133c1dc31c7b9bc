"""The numbers on a heat-map stay readable: on a busy year of demo data, at a small and a
large size, no two numbers touch, none covers an arrowhead, each is wholly inside its region
or beside it on a leader line, each reads against its backing at WCAG contrast 4.5:1 or more,
and every region with a figure is numbered or named in the words under the legend."""

import pytest

from fibromap.analysis.heatmap import Metric
from fibromap.demo import generate
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.store.store import Store
from fibromap.ui.review.heatmap_page import HeatMapPage
from fibromap.ui.settings import Settings
from tests.helpers.colour import wcag_contrast


@pytest.fixture
def page(qtbot, sqlite_url, paths):
    from fibromap.domain.atlas import load_atlas

    store = Store.open(sqlite_url, paths)
    history = generate(days=365, seed=1)
    write_new(store, Records(flares=history.flares))
    last = max(f.onset for f in history.flares).date()
    widget = HeatMapPage(store, Settings(paths.settings_file), load_atlas(), today=lambda: last)
    qtbot.addWidget(widget)
    widget.show()
    widget.picker.choose("Last year")
    qtbot.waitUntil(lambda: not widget.worker.busy and widget.data is not None
                    and widget.data.flares > 0)
    yield widget
    store.close()


@pytest.mark.parametrize("size", [(1024, 640), (1600, 1000)])
@pytest.mark.parametrize("metric", [Metric.FLARES, Metric.BURDEN])
def test_every_number_on_a_busy_map_reads_clearly(page, qtbot, size, metric):
    page.resize(*size)
    page.metric_choice.setCurrentIndex(page.metric_choice.findData(metric))
    assert page.current_metric() == metric
    # The numbers are placed again once a resize rests, for the map's new scale.
    qtbot.waitUntil(lambda: abs(page.map.numbers.scale - page.map.transform().m11()) < 0.005)
    numbers = page.map.numbers
    labels = list(numbers.labels.values())
    valued = {rid for rid, item in page.map.region_items.items() if item.value}
    assert len(valued) > 40 and len(labels) > 20
    assert {label.region_id for label in labels} | set(numbers.left_off) == valued
    for a_index, a in enumerate(labels):
        for b in labels[a_index + 1:]:
            assert not a.box.intersects(b.box), (a.text, b.text)
    heads = [arrow.head_rect() for arrow in page.map.arrows().values()]
    assert heads, "the demo year has referral arrows"
    for label in labels:
        assert not any(label.box.intersects(head) for head in heads), label.text
        shape = label.region_item.mapToScene(label.region_item.path())
        if label.leader is None:
            assert shape.contains(label.box), label.text  # inside, not spilling onto skin
        else:
            assert not shape.intersects(label.box) and label.leader.length() > 0
        assert wcag_contrast(label.text_color(), label.fill()) >= 4.5, label.text
    # What has no room is said in words, with its figure.
    if numbers.left_off:
        assert page.left_off.isVisible()
        items = page.map.region_items
        biggest = sorted(numbers.left_off, key=lambda rid: -items[rid].value)
        for rid in biggest[:8]:  # the biggest named with their figures, the rest counted
            assert f"{page._atlas.name(rid).lower()} {items[rid].value_text}" in page.left_off.text()
        if len(biggest) > 8:
            assert f"and {len(biggest) - 8} smaller one" in page.left_off.text()
    else:
        assert not page.left_off.isVisible()


def test_the_legend_says_what_is_counted_in_round_numbers(page):
    page.metric_choice.setCurrentIndex(page.metric_choice.findData(Metric.FLARES))
    legend = page.legend
    assert legend.title == "Flares touching the region"
    top = max(item.value for item in page.map.region_items.values() if item.value)
    values = [float(t) for t in legend.ticks]
    steps = {round(b - a, 6) for a, b in zip(values, values[1:])}
    assert values[0] == 0 and len(steps) == 1 and values[-1] <= top < values[-1] + steps.pop()
    # Drawn labels never touch, and a narrow legend wraps its title rather than cutting it.
    rects = [rect for _text, rect in legend.tick_rects()]
    assert all(a.right() < b.left() for a, b in zip(rects, rects[1:]))
    page.legend.set_scale("Burden (intensity × minutes)", 29102, whole=True)
    assert page.legend.ticks == ["0", "5000", "10000", "15000", "20000", "25000"]
    assert legend.heightForWidth(120) > legend.heightForWidth(400)


def test_the_overview_map_has_a_legend_and_names_what_has_no_room(qtbot, sqlite_url, paths):
    from fibromap.ui.review.overview import OverviewPage

    store = Store.open(sqlite_url, paths)
    history = generate(days=365, seed=1)
    write_new(store, Records(flares=history.flares))
    last = max(f.onset for f in history.flares).date()
    page = OverviewPage(store, today=lambda: last)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    qtbot.waitUntil(lambda: abs(page.map.numbers.scale - page.map.transform().m11()) < 0.005)
    values = [item.value for item in page.map.region_items.values() if item.value]
    assert page.legend.title == "Flares touching the region" and page.legend.ticks[0] == "0"
    assert float(page.legend.ticks[-1]) <= max(values)
    labels = list(page.map.numbers.labels.values())
    assert len(labels) + len(page.map.numbers.left_off) == len(values)
    assert page.left_off.isVisible() == bool(page.map.numbers.left_off)
    assert page.left_off.text() == page.map.left_off_text()
    store.close()


def test_new_figures_are_coloured_at_once_and_numbered_a_moment_later(page, qtbot):
    """Colours change within the frame; the numbers (a tenth of a second on a busy map) follow
    in the next turn of the event loop, and last figures' numbers are never left on new
    colours meanwhile."""
    data = page.data
    page.metric_choice.setCurrentIndex(page.metric_choice.findData(Metric.MAX))
    numbers = page.map.numbers
    assert numbers.labels == {} and numbers.scale == 0.0  # none yet, none stale
    top = max(item.value for item in page.map.region_items.values() if item.value)
    assert top <= 10 and data is page.data  # the colours already show the highest intensity
    qtbot.waitUntil(lambda: numbers.labels != {})
    assert all(label.text == page.map.region_items[rid].value_text
               for rid, label in numbers.labels.items())
