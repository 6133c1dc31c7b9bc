import math
import os
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import Qt

from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse
from fibromap.i18n import _
from tests.helpers.colour import delta_e
from tests.helpers.records import at
from tests.helpers.refusals import fits

TODAY = date(2026, 6, 30)


def test_pyqtgraph_is_loaded_only_when_trends_first_open(tmp_path):
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from fibromap.config import Paths, database_url\n"
        "from fibromap.store.store import Store\n"
        "from fibromap.ui.app import create_application\n"
        "from fibromap.ui.main_window import MainWindow\n"
        "from fibromap.ui.settings import Settings\n"
        "app = create_application(); p = Paths.from_environment()\n"
        "w = MainWindow(Store.open(database_url(p), p), Settings(p.settings_file), p)\n"
        "before = 'pyqtgraph' in sys.modules\n"
        "w.show_view('trends')\n"
        "print(before, 'pyqtgraph' in sys.modules, type(w.tabs.currentWidget()).__name__)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=os.environ)
    assert result.stdout.split()[-3:] == ["False", "True", "TrendsPage"], result.stderr


def make_page(qtbot, store):
    from fibromap.ui.review.trends_page import TrendsPage

    page = TrendsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    return page


def test_trends_draw_flares_intensity_overlays_medication_and_regions(qtbot, store):
    store.flares.add_many([
        Flare(onset=at(2026, 6, 2, 3), sites=(SpasmSite("soleus.left", 6),),
              treatments=(TreatmentUse("heat", 5),)),
        Flare(onset=at(2026, 6, 20, 15), sites=(SpasmSite("biceps.right", 3),)),
    ])
    store.checkins.put(CheckIn(date(2026, 6, 3), sleep_hours=5.5, stress=7))
    store.medications.add(Medication("Magnesium", "300 mg", date(2026, 6, 10)))
    page = make_page(qtbot, store)
    assert sum(page.data.flares) == 2
    # flares a day, 7-day average; highest, its average, mean; sleep
    assert page.series_count() == 6
    # Treatments tried are shown on demand, one mark a week (not one a day along zero).
    page.show_treatments.setChecked(True)
    assert page.series_count() == 7
    [marks] = [i for i in page.flare_plot.listDataItems() if i.name() == "treatment tried that week"]
    assert len(marks.getData()[0]) == 1
    page.show_treatments.setChecked(False)
    # Each plot's key sits above its data, never over the curves.
    for plot, legend in page.legends.items():
        area = plot.vb.sceneBoundingRect()
        assert legend.placed(), "an empty key"
        for name, box in legend.placed():
            assert not box.intersects(area), name
    assert [name for name, _box in page.medications.legend.placed()] == ["Magnesium from 10 Jun"]
    [(name, bar)] = page.medications.bars
    assert name == "Magnesium" and "Magnesium 300 mg" in bar.toolTip()
    page.overlay_boxes["stress"].setChecked(True)
    assert page.series_count() == 7
    page.region.activated.emit(page.region.findData("soleus.left"))
    qtbot.waitUntil(lambda: not page.worker.busy and "soleus.left" in page.data.regions)
    assert page.series_count() == 8
    page.per_week.setChecked(True)
    # One weekly curve instead of daily + average, and open marks on the weeks the period
    # cuts (fewer days counted: not to be read as a drop).
    names = [item.name() for item in page.flare_plot.listDataItems()]
    assert names == [_("flares a week"), _("part of a week (fewer days)"),
                     _("{region} (a week)").format(region=load_atlas().name("soleus.left"))]
    start, end = page.data.period.start, page.data.period.end
    [part] = [i for i in page.flare_plot.listDataItems() if i.name().startswith("part")]
    assert len(part.getData()[0]) == (start.weekday() != 0) + (end.weekday() != 6)
    page.clear_regions.click()
    qtbot.waitUntil(lambda: not page.worker.busy and not page.data.regions)
    start, end = page.flare_plot.viewRange()[0]
    middle = (start + end) / 2
    page.flare_plot.setXRange(middle, end, padding=0)  # zoom into the second half
    linked = page.intensity_plot.viewRange()[0]
    assert abs(linked[0] - middle) < 0.05 * (end - middle)  # the time axes move together


def test_each_medication_has_a_lane_and_a_colour_of_its_own_named_in_the_key(qtbot, store):
    """Three medications, two of them at once and one changing its dose: a lane each (the
    dose change stays in its lane), colours told apart, each shown on the screen exactly
    as its key shows it (no two laid over each other into a colour no key names)."""
    from PySide6.QtGui import QColor

    store.flares.add(Flare(onset=at(2026, 6, 2, 3), sites=(SpasmSite("soleus.left", 6),)))
    for medication in (Medication("Magnesium", "300 mg", date(2025, 6, 10)),
                       Medication("Pregabalin", "75 mg", date(2026, 4, 20), date(2026, 5, 14)),
                       Medication("Pregabalin", "150 mg", date(2026, 5, 15)),
                       Medication("Ibuprofen", "400 mg", date(2026, 5, 1), date(2026, 5, 20))):
        store.medications.add(medication)
    page = make_page(qtbot, store)
    lanes = page.medications
    keyed = {name: entry.brush.color().name() for entry, (name, _box) in zip(
        lanes.legend.entries, lanes.legend.placed(), strict=True)}
    assert list(keyed) == ["Magnesium", "Pregabalin from 20 Apr", "Ibuprofen 1 May – 20 May"]
    colours = {}
    for name, bar in lanes.bars:
        colours.setdefault(name, set()).add(bar.brush().color().name())
    assert all(len(found) == 1 for found in colours.values())  # a dose change keeps its colour
    shown = {name: found.pop() for name, found in colours.items()}
    assert sorted(shown.values()) == sorted(keyed.values())  # each colour keyed
    rgb = [QColor(name) for name in shown.values()]
    for index, one in enumerate(rgb):  # plainly different colours
        for other in rgb[index + 1:]:
            assert delta_e(one, other) >= 20, (one.name(), other.name())
    lanes_y = {round(bar.rect().center().y()) for _name, bar in lanes.bars}
    assert len(lanes_y) == 3  # a lane each, none over another
    box = lanes.plot.vb

    def on_screen() -> dict[str, str]:  # the middle of each bar, once laid out
        image = page.plots.grab().toImage()
        return {name: image.pixelColor(page.plots.mapFromScene(
            box.mapViewToScene(bar.rect().center()))).name() for name, bar in lanes.bars}
    qtbot.waitUntil(lambda: on_screen() == shown)
    assert not [item for plot in (page.flare_plot, page.intensity_plot, page.daily_plot)
                for item in plot.items if type(item).__name__ == "LinearRegionItem"]
    # Dashed lines where each starts and stops inside the period, on all three plots:
    # Pregabalin starts (its new dose the day after the first is no stop), Ibuprofen starts
    # and stops; Magnesium began before the period.
    assert len(lanes.lines) == 3 * (1 + 2)


def test_trends_render_an_empty_database(qtbot, store):
    page = make_page(qtbot, store)
    assert sum(page.data.flares) == 0
    fits(page.caption.text(), "{period}: nothing recorded in this period yet.", whole=False)
    # No line along zero, a plain 0–5 axis (not "Flares (x0.001)" from -400 to 400), and
    # the plot says why it is empty.
    assert page.flare_plot.listDataItems() == []
    low, high = page.flare_plot.viewRange()[1]
    assert (round(low), round(high)) == (0, 5)
    assert "x0.001" not in page.flare_plot.getAxis("left").labelString()
    assert page.messages[page.flare_plot].toPlainText() == _("Nothing recorded in this period yet")


def test_daily_symptom_ratings_are_offered_and_drawn_with_gaps_where_not_rated(qtbot, store):
    from fibromap.domain.daily import SymptomRating

    store.symptoms.put_many(
        [SymptomRating(date(2026, 6, d), "Muscle spasms", d % 11) for d in range(1, 29, 2)]
        + [SymptomRating(date(2026, 6, 5), "Brain fog", 5)])
    page = make_page(qtbot, store)
    # The most often rated symptom first, and shown at first; not rated is a gap, never 0.
    assert list(page.symptom_boxes) == ["Muscle spasms", "Brain fog"]
    assert page.symptom_row.isVisible()
    assert page.symptom_boxes["Muscle spasms"].isChecked()
    assert not page.symptom_boxes["Brain fog"].isChecked()
    series = dict(zip(page.data.days, page.data.symptoms["Muscle spasms"]))
    assert series[date(2026, 6, 3)] == 3 and series[date(2026, 6, 21)] == 21 % 11
    assert series[date(2026, 6, 4)] != series[date(2026, 6, 4)]  # NaN: not rated
    names = [item.name() for item in page.daily_plot.listDataItems()]
    assert "Muscle spasms (rating 0–10)" in names
    before = page.series_count()
    qtbot.mouseClick(page.symptom_boxes["Brain fog"], Qt.MouseButton.LeftButton)
    assert page.series_count() == before + 1
    qtbot.mouseClick(page.symptom_boxes["Muscle spasms"], Qt.MouseButton.LeftButton)
    assert "Muscle spasms (rating 0–10)" not in [i.name() for i in page.daily_plot.listDataItems()]


def test_no_ratings_no_ratings_row(qtbot, store):
    page = make_page(qtbot, store)
    assert not page.symptom_row.isVisible() and page.symptom_boxes == {}


def test_curves_are_drawn_plain_while_dragged_and_smooth_once_still(qtbot, store):
    store.flares.add_many([Flare(onset=at(2026, 6, d, 9), sites=(SpasmSite("soleus.left", 5),))
                           for d in range(1, 29)])
    page = make_page(qtbot, store)
    curves = [item.curve for item in page.flare_plot.listDataItems()]
    assert page.drawn_smooth() and all(c.opts["antialias"] for c in curves)
    page.flare_plot.getViewBox().translateBy(x=86400 * 3)
    assert not page.drawn_smooth() and not any(c.opts["antialias"] for c in curves)
    qtbot.waitUntil(page.drawn_smooth, timeout=2000)
    assert all(c.opts["antialias"] for c in curves)
    # A new drawing (another period, the weekly view) is smooth at once.
    page.flare_plot.getViewBox().translateBy(x=-86400 * 3)
    page.per_week.setChecked(True)
    assert page.drawn_smooth()
    assert all(item.curve.opts["antialias"] for item in page.flare_plot.listDataItems())


def test_a_one_day_period_shows_its_day_not_an_empty_plot(qtbot, store):
    from PySide6.QtCore import QDate

    store.flares.add_many([
        Flare(onset=at(2026, 6, 2, 3), sites=(SpasmSite("soleus.left", 6),)),
        Flare(onset=at(2026, 6, 2, 15), sites=(SpasmSite("biceps.right", 4),)),
    ])
    store.checkins.put(CheckIn(date(2026, 6, 2), sleep_hours=5.5))
    page = make_page(qtbot, store)
    page.picker.choose("Custom")
    page.picker.start.setDate(QDate(2026, 6, 2))
    page.picker.end.setDate(QDate(2026, 6, 2))
    qtbot.waitUntil(lambda: not page.worker.busy and page.data.period.days == 1)
    [daily] = page.flare_plot.listDataItems()  # no 7-day average over one day
    assert daily.name() == _("flares a day") and daily.opts["symbol"] == "o"  # a mark, not a line
    assert list(daily.getData()[1]) == [2]
    names = [item.name() for item in page.intensity_plot.listDataItems()]
    assert names == ["highest", "mean"]
    # The time axis names the day, not hours of it.
    from fibromap.ui.review.trends_page import epoch

    ticks = page.flare_plot.getAxis("bottom")._tickLevels
    assert ticks[0] == [(epoch(date(2026, 6, 2)), "Tue 02")]


def test_what_a_device_measured_is_offered_and_drawn_on_its_days(qtbot, store, tmp_path):
    from fibromap.exchange.files import import_file
    from fibromap.ui.review.trends_page import TrendsPage
    from tests.exchange.devices.test_apple_health import EVERYTHING
    from tests.helpers.device_exports import write_apple_health

    empty = make_page(qtbot, store)
    assert empty.device_row.isHidden() and empty.data.device == {}
    import_file(store, write_apple_health(tmp_path, EVERYTHING))
    page = TrendsPage(store, load_atlas(), today=lambda: date(2026, 3, 31))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    assert not page.device_row.isHidden()
    days = page.data.days
    sleep = dict(zip(days, page.data.device["device_sleep"]))
    # The watch's 418 minutes; the nap is not a night; the 29th lost an hour to the clocks.
    assert sleep[date(2026, 3, 2)] == pytest.approx(418 / 60)
    assert math.isnan(sleep[date(2026, 3, 3)]) and sleep[date(2026, 3, 29)] == 7.0
    steps = dict(zip(days, page.data.device["steps"]))
    assert steps[date(2026, 3, 2)] == 0.6 and steps[date(2026, 3, 3)] == 2.5
    before = page.series_count()
    page.device_boxes["device_sleep"].setChecked(True)
    page.device_boxes["steps"].setChecked(True)
    assert page.series_count() == before + 2
    names = [name for name, _box in page.legends[page.daily_plot].placed()]
    assert "Sleep, measured (hours)" in names and "Steps (thousands)" in names


def test_an_unrated_referred_zone_is_left_out_of_the_intensity_lines_and_said_so(qtbot, store):
    from tests.helpers.records import temple_flare

    store.flares.add(temple_flare(onset=at(2026, 6, 20, 6)))
    page = make_page(qtbot, store)
    day = page.data.days.index(date(2026, 6, 20))
    assert page.data.mean_intensity[day] == 7.0  # the jaw alone: the temple was not rated
    assert "1 referred zone not rated: left out of the intensities." in page.caption.text()
