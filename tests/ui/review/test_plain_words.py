"""Insights and Patterns as a tired person reads them (issue 31): a plain sentence first,
the method behind a closed "How this is worked out" that the keyboard opens, and a forest
plot grouped by outcome whose scale is on screen whenever its rows are."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from fibromap.analysis.insight_words import group_of, lead, word_count
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn, SymptomRating
from fibromap.domain.device_data import DeviceSleep, DeviceSource, Moment
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.ui.review.forest_plot import ZERO
from fibromap.ui.review.insights_page import InsightsPage
from fibromap.ui.review.patterns_page import PatternsPage
from tests.helpers.records import at

TODAY = date(2026, 6, 30)
START = TODAY - timedelta(days=119)
FOODS = ("bread", "coffee", "dairy", "eggs", "fish", "nuts", "rice", "sugar", "tea", "wine",
         "pasta", "apples")
METHOD_WORDS = ("Newey", "Welch", "Benjamini", "CI", "p =", "q =", "confidence")
PAGE_1280 = (1280, 733)  # the page inside a 1280x800 window


@pytest.fixture
def four_outcomes(store):
    """120 days: flares, night flares, pain, water, stress, twelve foods and fatigue."""
    checkins, flares, ratings = [], [], []
    for i in range(120):
        day = START + timedelta(days=i)
        poor = i % 3 == 0
        checkins.append(CheckIn(day, sleep_hours=4.0 if poor else 8.0, water_glasses=2 + i % 6,
                                stress=(i * 7) % 11, pain=5 + poor + i % 2,
                                foods=frozenset(f for j, f in enumerate(FOODS) if (i + j) % 3 == 0)))
        ratings.append(SymptomRating(day, "Fatigue", 4 + 2 * poor + i % 2, "test"))
        for n in range((3 if poor else 1) + (i % 5 == 0)):
            flares.append(Flare(onset=at(day.year, day.month, day.day, 10 + n),
                                sites=(SpasmSite("soleus.left", 5),)))
        if i % 4 == 0:
            flares.append(Flare(onset=at(day.year, day.month, day.day, 3),
                                sites=(SpasmSite("soleus.right", 4),)))
    store.flares.add_many(flares)
    store.checkins.put_many(checkins)
    store.symptoms.put_many(ratings)
    return store


def open_insights(qtbot, store, size=PAGE_1280):
    page = InsightsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.picker.choose("Last year")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 365)
    QApplication.processEvents()
    return page


def shown_text(page) -> str:
    """Every label the page shows now."""
    from PySide6.QtWidgets import QLabel

    return "\n".join(label.text() for label in page.findChildren(QLabel)
                     if label.isVisibleTo(page))


def test_each_card_leads_with_a_plain_sentence_and_the_method_waits_behind_a_closed_door(
        qtbot, four_outcomes):
    page = open_insights(qtbot, four_outcomes)
    cards = [card for card in page.cards if hasattr(card, "lead")]
    assert len(cards) >= 15
    for card in cards:
        first = card.text().split("\n")[0]
        assert first == lead(card.comparison)
        assert not [w for w in METHOD_WORDS if w in first] and word_count(first) <= 25, first
        assert not card.method.isVisibleTo(page)
    assert not page.how.isChecked() and not page.method.isVisibleTo(page)
    assert not [w for w in METHOD_WORDS if w in shown_text(page)]
    # The keyboard reaches the door from the period and opens it with the space bar.
    page.picker.setFocus()
    for _ in range(8):
        if QApplication.focusWidget() is page.how:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.how
    qtbot.keyClick(page.how, Qt.Key.Key_Space)
    assert page.how.isChecked() and page.method.isVisibleTo(page)
    assert "sliding the exposure" in page.method.text()
    assert "Benjamini–Hochberg" in page.method.text()
    assert all(card.method.isVisibleTo(page) and "95 % confidence interval" in card.method.text()
               for card in cards if card.comparison.enough and card.comparison.estimable)
    qtbot.keyClick(page.how, Qt.Key.Key_Space)
    assert not page.method.isVisibleTo(page) and not cards[0].method.isVisibleTo(page)


def test_the_forest_plot_has_a_group_and_a_scale_for_each_outcome(qtbot, four_outcomes):
    page = open_insights(qtbot, four_outcomes)
    forest = page.forest
    assert [g.scale.heading for g in forest.groups] == [
        "Flares a day", "Overall pain (0–10)", "Night-time flares", "Fatigue rating (0–10)"]
    for group in forest.groups:
        assert {group_of(c.outcome) for c in group.rows} == {group.outcome}  # one unit each
    texts = [text for text, _box in forest.text_boxes()]
    for unit in ("difference in flares a day", "difference in points of pain",
                 "difference in flares a night", "difference in points of fatigue"):
        assert texts.count(unit) == 1
    fatigue = forest.groups[-1].scale.caption
    assert "less fatigue" in fatigue and "flares" not in fatigue
    assert "fewer night-time flares" in forest.groups[2].scale.caption
    assert len(forest.scale_rects()) == len(forest.groups)
    # Every group's axis has its own ticks, 0 among them.
    for placed in forest._layout(forest.width()):
        assert 0.0 in [round(t, 9) for t in placed.ticks] and len(placed.ticks) >= 3


def _axis_in(image, left: float, right: float, rows: range) -> bool:
    """A line drawn across the plot somewhere in ``rows`` (darker than the background by
    at least a third of the way to the axis colour, allowing for antialiasing)."""
    background = image.pixelColor(1, rows.start + 1).lightness()
    dark = background - (background - ZERO.lightness()) / 3
    for y in rows:
        inked = sum(1 for x in range(int(left), int(right))
                    if image.pixelColor(x, y).lightness() < dark)
        if inked >= 0.9 * (right - left):
            return True
    return False


@pytest.mark.parametrize("size", [PAGE_1280, (1024, 633)])
def test_each_groups_scale_is_on_screen_whenever_its_rows_are(qtbot, four_outcomes, size):
    page = open_insights(qtbot, four_outcomes, size)
    forest, viewport, bar = page.forest, page.area.viewport(), page.area.verticalScrollBar()
    assert bar.maximum() > 0
    left, right = forest._plot_span(forest.width())
    held = 0
    for value in range(0, bar.maximum() + 1, 37):
        bar.setValue(value)
        QApplication.processEvents()
        view_top = -forest.mapTo(viewport, QPoint(0, 0)).y()
        view_bottom = view_top + viewport.height()
        for placed, scale in zip(forest._layout(forest.width()), forest.scale_rects(), strict=True):
            # The rows on screen and not under the group's own header, as drawn.
            shown = (min(placed.bottom - 6, view_bottom)
                     - max(placed.top + placed.header, view_top, scale.bottom()))
            if shown < 26 or view_top < 0:
                continue  # not a whole row of this group on screen
            assert view_top - 1 <= scale.top() and scale.bottom() <= view_bottom + 1, (
                placed.group.scale.heading, value)
            if scale.top() > placed.top + 1:  # held at the top while its rows scroll
                held += 1
                image = viewport.grab().toImage()
                top = int(scale.top() - view_top)
                dx = forest.mapTo(viewport, QPoint(0, 0)).x()
                assert _axis_in(image, left + dx, right + dx,
                                range(top, top + int(placed.header))), value
    assert held  # the scroll did pass through groups taller than what was left above


def test_patterns_bedtime_paragraph_leads_with_plain_sentences(qtbot, store):
    watch = DeviceSource("Apple Health", "Apple Watch")
    nights = []
    for i in range(90):
        bed = datetime.combine(START + timedelta(days=i), datetime.min.time()) + timedelta(
            hours=23, minutes=-90 if i % 5 == 0 else 0)
        nights.append(DeviceSleep(watch, Moment(bed, 0), Moment(bed + timedelta(hours=8), 0), 480,
                                  460, 20, 1))
    store.devices.merge(nights, [])
    store.checkins.put_many([CheckIn(START + timedelta(days=i), sleep_hours=7) for i in range(90)])
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 3), sites=(SpasmSite("soleus.left", 5),))
                           for d in (START + timedelta(days=i) for i in range(90) if i % 3 == 0)])
    page = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(*PAGE_1280)
    page.picker.choose("Last year")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 365)
    times, compared = page.rhythm_lead.text().split("\n")
    assert times == "You usually went to bed around 23:00 and woke around 07:00."
    assert compared == lead(page.data.rhythm.comparison)
    assert compared.startswith("After bedtimes over 60 minutes from your usual")
    for sentence in (times, compared, page.summary.text()):
        assert not [w for w in METHOD_WORDS if w in sentence] and word_count(sentence) <= 25
    # The details come after, still without the method's words.
    assert page.rhythm.text().startswith("Half the nights began")
    assert not [w for w in METHOD_WORDS if w in page.rhythm.text()]
