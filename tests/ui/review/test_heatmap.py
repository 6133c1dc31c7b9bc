"""The heat-map as a person reads it, from a small dataset worked out by hand."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from fibromap.analysis.heatmap import Metric
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.domain.questionnaires import Appointment
from fibromap.figure import colors
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import decimal
from fibromap.store.store import Store
from fibromap.ui.review.heatmap_page import HeatMapPage, unrated_text
from fibromap.ui.review.legend_bar import NOTHING
from fibromap.ui.settings import Settings
from tests.helpers.records import at
from tests.helpers.refusals import fits

TODAY = date(2026, 4, 20)


@pytest.fixture
def page(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add_many([
        Flare(onset=at(2026, 4, 6, 3), duration_seconds=60,
              sites=(SpasmSite("gastrocnemius.left", 8), SpasmSite("heel.left", 5, SiteRole.REFERRED)),
              referrals=(Referral("gastrocnemius.left", "heel.left", 5),)),
        Flare(onset=at(2026, 4, 12, 23), duration_seconds=120, sites=(SpasmSite("gastrocnemius.left", 4),)),
        Flare(onset=at(2026, 4, 18, 14), duration_seconds=30,
              sites=(SpasmSite("gastrocnemius.left", 2), SpasmSite("heel.left", 1, SiteRole.REFERRED),
                     SpasmSite("upper_trapezius.right", 6), SpasmSite("temple.right", 3, SiteRole.REFERRED)),
              referrals=(Referral("gastrocnemius.left", "heel.left", 1),
                         Referral("upper_trapezius.right", "temple.right", 3))),
        Flare(onset=at(2026, 1, 3, 10), sites=(SpasmSite("masseter.left", 9),)),  # January
    ])
    widget = HeatMapPage(store, Settings(paths.settings_file), __import__(
        "fibromap.domain.atlas", fromlist=["load_atlas"]).load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    qtbot.waitUntil(lambda: not widget.worker.busy and widget.data is not None)
    return widget


def choose(page, qtbot, metric):
    page.metric_choice.setCurrentIndex(page.metric_choice.findData(metric))


def label(page, region):
    """The number drawn for a region (inside it or beside it), None if none is drawn."""
    page.map.place_numbers_now()  # placed in the next turn of the event loop
    item = page.map.numbers.labels.get(region)
    return item.text if item is not None and item.isVisible() else None


def test_last_30_days_counts_flares_per_region_with_a_legend(page, qtbot):
    assert page.period().start == date(2026, 3, 22) and page.period().end == TODAY
    assert "3 flares on 3 of 30 days" in page.caption.text()
    assert label(page, "gastrocnemius.left") == "3"
    assert label(page, "heel.left") == "2"
    assert label(page, "masseter.left") is None  # January is outside the period
    # Three figures (1, 2 and 3 flares) make three classes, the lightest colour to the
    # darkest, and the key says what each holds.
    assert page.legend.scale.texts() == ["1", "2", "3"]
    assert [text for _box, _words, _colour, text in page.legend.key()] == ["none", "1", "2", "3"]
    fills = {rid: page.map.region_items[rid].brush().color() for rid in
             ("upper_trapezius.right", "heel.left", "gastrocnemius.left")}
    assert [fill.name() for fill in fills.values()] == [
        colour.name() for _box, _words, colour, _text in page.legend.key()[1:]]
    assert fills["upper_trapezius.right"] == colors.intensity_color(0)
    assert fills["gastrocnemius.left"] == colors.intensity_color(10)  # the darkest


def test_each_metric(page, qtbot):
    choose(page, qtbot, Metric.MEAN)
    assert label(page, "gastrocnemius.left") == "4.7"  # (8 + 4 + 2) / 3
    assert page.legend.ticks == ["0", "2", "4", "6", "8", "10"]  # the 0–10 scale, round numbers
    choose(page, qtbot, Metric.MAX)
    assert label(page, "gastrocnemius.left") == "8"
    choose(page, qtbot, Metric.BURDEN)
    assert label(page, "gastrocnemius.left") == "17"  # (8*60 + 4*120 + 2*30) / 60
    choose(page, qtbot, Metric.REFERRED)
    assert label(page, "heel.left") == "2" and label(page, "gastrocnemius.left") is None


def test_referral_arrows_are_thicker_for_more_frequent_links(page):
    arrows = page.map.arrows()
    assert set(arrows) == {("gastrocnemius.left", "heel.left"),
                           ("upper_trapezius.right", "temple.right")}
    assert arrows[("gastrocnemius.left", "heel.left")]._width > arrows[
        ("upper_trapezius.right", "temple.right")]._width
    assert "2 times" in arrows[("gastrocnemius.left", "heel.left")].toolTip()


def test_hovering_a_region_shows_its_figures(page, qtbot):
    qtbot.mouseMove(page.map.viewport(), page.map.viewport_point("gastrocnemius.left"))
    text = page.info.text()
    assert text.split("\n")[:2] == [
        page.map.atlas.name("gastrocnemius.left"),
        ngettext("{count} flare, {rated}", "{count} flares, {rated}", 3).format(
            count=3, rated=_("mean intensity {mean}, highest {highest}").format(
                mean=decimal(4.7), highest=8))]
    qtbot.mouseMove(page.map.viewport(), page.map.viewport_point("soleus.right"))
    assert page.info.text() == _("{region}: no flares.").format(
        region=page.map.atlas.name("soleus.right"))


def test_a_referred_zone_not_rated_counts_where_felt_and_in_no_intensity(page, qtbot):
    """Issue 30: the temple, never rated, was stored at its source's 7 and counted in the
    mean intensity."""
    from tests.helpers.records import temple_flare

    page._store.flares.add(temple_flare(onset=at(2026, 4, 19, 6)))
    page.reload()
    qtbot.waitUntil(lambda: not page.worker.busy and "4 flares" in page.caption.text())
    assert label(page, "temple.left") == "1"  # flares touching it
    assert not page.unrated_note.isHidden()
    assert page.unrated_note.text() == unrated_text(1, intensity=False)
    choose(page, qtbot, Metric.MEAN)
    assert label(page, "temple.left") is None and label(page, "masseter.left") == "7.0"
    assert page.unrated_note.text() == unrated_text(1, intensity=True)
    qtbot.mouseMove(page.map.viewport(), page.map.viewport_point("temple.left"))
    assert "1 flare, referred, not rated" in page.info.text()


def test_the_map_is_read_only(page, qtbot):
    qtbot.mouseClick(page.map.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.map.viewport_point("biceps.left"))
    qtbot.keyClick(page.map, "7")
    assert page.map.marks.current == "biceps.left"
    assert page.map.marks.sites() == []


def test_custom_range_and_presets(page, qtbot):
    page.picker.choose("Custom")
    assert page.picker.start.isEnabled()
    page.picker.start.setDate(QDate(2026, 1, 1))
    qtbot.waitUntil(lambda: not page.worker.busy)
    assert label(page, "masseter.left") == "1"
    page.picker.choose("Last 7 days")  # only the 18 April flare
    qtbot.waitUntil(lambda: not page.worker.busy)
    assert label(page, "gastrocnemius.left") == "1" and "1 flare on 1 of 7 days" in page.caption.text()


def test_since_last_appointment(page, qtbot):
    page.picker.choose("Since last appointment")
    assert page.note.text() == _("No appointment yet: add its date with “Appointments…”.")
    page._store.appointments.add(Appointment(date(2026, 4, 10), "rheumatology"))
    page.picker.choose("Last 7 days")
    page.picker.choose("Since last appointment")
    qtbot.waitUntil(lambda: not page.worker.busy)
    assert page.period().start == date(2026, 4, 10)
    assert label(page, "gastrocnemius.left") == "2"  # 12 and 18 April


def test_one_small_map_per_month_across_a_year(page, qtbot):
    page.by_month.setChecked(True)
    qtbot.waitUntil(lambda: not page.worker.busy and bool(page.data.months))
    titles = [title.text() for title, _map in page.month_maps]
    # The period box says what the small maps show: 12 whole months up to today, the
    # last of them only to today (the 20th).
    assert page.picker.preset.currentText() == "Last 12 months"
    assert page.picker.period().start == date(2025, 5, 1)
    assert titles[0] == "May 2025" and titles[-1] == "April 2026 (1–20)"
    january = page.month_maps[titles.index("January 2026")][1]
    april = page.month_maps[-1][1]
    assert january.region_items["masseter.left"].value == 1
    assert april.region_items["gastrocnemius.left"].value == 3
    assert page.stack.currentIndex() == 1
    page.by_month.setChecked(False)  # back to the preset chosen before
    assert page.picker.preset.currentText() == "Last 30 days"


def test_an_empty_database_renders(qtbot, sqlite_url, paths):
    from fibromap.domain.atlas import load_atlas

    store = Store.open(sqlite_url, paths)
    widget = HeatMapPage(store, Settings(paths.settings_file), load_atlas())
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.data is not None)
    fits(widget.caption.text(), "{period}: 0 flares on {days}. Nothing recorded in this period.")
    assert all(item.value is None for item in widget.map.region_items.values())
    # No scale to read, only a sentence: nothing is coloured.
    assert widget.legend.scale is None and widget.legend.key() == []
    assert [text for text, _box in widget.legend.text_boxes()] == [NOTHING]
