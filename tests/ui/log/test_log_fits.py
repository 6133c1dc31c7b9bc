"""The Log at 1024x700: nothing scrolls inside something that scrolls, and with six marked
regions and a referral How long, Still going, Save and the view switch are in sight; the
region's controls keep their place whatever is selected; Possible sources belongs to the
region named above it; the find box is introduced. (Before, the middle column scrolled
and hid How long, Still going and Show the front; Marked and Possible sources were 3-line
scroll boxes inside it, the last line cut; the buttons jumped between two heights.)"""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QComboBox

from fibromap.i18n import _
from fibromap.ui.bodymap.body_map_page import FIND_HINT, FIRST_WORDS

SIX = [("upper_trapezius.left", 7), ("levator_scapulae.right", 5), ("gastrocnemius.left", 4),
       ("splenius_capitis.left", 6), ("rhomboid.right", 3), ("masseter.left", 4)]
SOURCE, ZONE = "upper_trapezius.left", "temple.left"
OFF = Qt.ScrollBarPolicy.ScrollBarAlwaysOff


@pytest.fixture
def small(window, qtbot):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.wait(20)
    return window


def mark_six_and_a_referral(window, qtbot):
    marks = window.log.marks
    for region, intensity in SIX:
        marks.mark(region, intensity)
    marks.set_current(SOURCE)
    marks.set_referral_mode(True)
    marks.toggle_referral(ZONE)
    marks.set_referral_mode(False)
    qtbot.wait(20)


def in_sight(widget, window):
    """Shown whole: not hidden, not cut by a scrolling column, inside the window."""
    if not widget.isVisible() or widget.visibleRegion().boundingRect() != widget.rect():
        return False
    corner = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(corner, widget.size()))


def nested_scrollers(page):
    found = []
    for area in page.findChildren(QAbstractScrollArea):
        if not area.isVisible() or isinstance(area.parentWidget(), QComboBox):
            continue
        parent = area.parentWidget()
        while parent is not None and parent is not page:
            if isinstance(parent, QAbstractScrollArea) and not (
                    area.verticalScrollBarPolicy() == OFF == area.horizontalScrollBarPolicy()):
                found.append(area.accessibleName() or type(area).__name__)
            parent = parent.parentWidget()
    return found


def test_nothing_scrolls_inside_something_that_scrolls(small, qtbot):
    mark_six_and_a_referral(small, qtbot)
    small.log.marks.set_current(ZONE)
    qtbot.wait(10)
    assert nested_scrollers(small.log) == []


def test_how_long_still_going_save_and_the_view_switch_are_in_sight(small, qtbot):
    mark_six_and_a_referral(small, qtbot)
    log = small.log
    for region in (ZONE, SOURCE, None):
        log.marks.set_current(region)
        qtbot.wait(10)
        for widget in (log.form.duration, log.form.ongoing, log.save_button, log.body.orientation,
                       log.body.view_choice, log.body.referral_button, log.body.remove_button):
            assert in_sight(widget, small), (region, widget.accessibleName() or widget.text())
        # Every mark can be read without scrolling: the column does not scroll at all.
        assert not log.body.lists_scroll.verticalScrollBar().isVisible(), region
        marked = log.body.marked
        assert marked.visualRect(marked.model().index(marked.count() - 1, 0)).bottom() \
            < marked.viewport().height()


def test_the_region_controls_keep_their_place_whatever_is_selected(small, qtbot):
    mark_six_and_a_referral(small, qtbot)
    body = small.log.body
    controls = (body.intensity, body.spasm, body.referral_button, body.remove_button,
                body.marked, body.orientation)
    places = set()
    for region in (None, "masseter.left", ZONE, "rhomboid.right", "splenius_capitis.left"):
        body.marks.set_current(region)
        qtbot.wait(10)
        places.add(tuple((c.mapTo(small, QPoint(0, 0)).y(), c.height()) for c in controls
                         if c is not body.marked) + (body.marked.mapTo(small, QPoint(0, 0)).y(),))
    assert len(places) == 1


def test_possible_sources_belong_to_the_region_named_above_them(small, qtbot):
    mark_six_and_a_referral(small, qtbot)
    body = small.log.body
    body.marks.set_current(ZONE)
    qtbot.wait(10)
    zone = small.log.map.atlas.name(ZONE).lower()
    assert body.suggestions_box.isVisible()
    assert zone in body.suggestions_title.text()
    assert body.suggestions.count() >= 1
    body.marks.set_current("levator_scapulae.right")  # a source, not a zone
    qtbot.wait(10)
    assert not body.suggestions_box.isVisible()


def test_the_find_box_is_introduced_then_hinted_after_the_first_flare(window, person, qtbot):
    body = window.log.body
    assert body.find_hint.isVisible() and body.find_hint.text() == _(FIND_HINT)
    assert body.region_details.text() == _(FIRST_WORDS)
    person.click_region("upper_trapezius.left")
    person.key("6")
    assert window.log.save() is not None
    assert body.help.text().startswith("Next time, type a muscle's name")
    person.click_region("gastrocnemius.left")
    person.key("3")
    window.log.save()
    assert not body.help.text().startswith("Next time")  # said once, not every time
