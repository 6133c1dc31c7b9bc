"""The check-in asks overall pain today first, stiffness, fibro fog and waking unrefreshed:
answered with real clicks and keys, saved, shown again; one left alone is saved as not
answered; the 0–3 scales take only 0 to 3 and say their level in words; the page fits a
1024×700 window without anything cut."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

from fibromap.domain.daily import CheckIn
from tests.helpers.legibility import problems


def click_at(qtbot, slider, value: int) -> None:
    """A click where ``value`` sits on the slider's groove."""
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    style = slider.style()
    groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                  QStyle.SubControl.SC_SliderGroove, slider)
    handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                  QStyle.SubControl.SC_SliderHandle, slider)
    span = groove.width() - handle.width()
    x = groove.x() + handle.width() / 2 + QStyle.sliderPositionFromValue(
        slider.minimum(), slider.maximum(), value, span)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(x), slider.height() // 2))


def test_pain_comes_first_and_the_new_questions_are_saved_and_shown_again(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    # The first question of the form is overall pain, above the night before.
    def top(widget) -> int:
        return widget.mapTo(page, QPoint(0, 0)).y()

    others = [page.sleep_hours, page.woken, page.water,
              *(scale for name, scale in page.scales.items() if name != "pain")]
    assert top(page.scales["pain"]) < min(top(widget) for widget in others)
    click_at(qtbot, page.scales["pain"].slider, 7)
    qtbot.keyClick(page.scales["stiffness"].slider, Qt.Key.Key_4)
    fog = page.scales["fibro_fog"]
    qtbot.keyClick(fog.slider, Qt.Key.Key_2)
    qtbot.keyClick(fog.slider, Qt.Key.Key_7)  # no level 7 on a 0–3 scale: ignored
    assert fog.value() == 2 and fog.value_label.text() == "2 moderate"
    waking = page.scales["waking_unrefreshed"]
    qtbot.keyClick(waking.slider, Qt.Key.Key_Right)  # a first step starts from the middle
    assert waking.value() == 1 and waking.value_label.text() == "1 mild"
    assert page.scales["pain"].value_label.text() == "7"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert window.store.checkins.get(date.today()) == CheckIn(
        date.today(), pain=7, stiffness=4, fibro_fog=2, waking_unrefreshed=1)
    page.day.setDate(QDate.currentDate().addDays(-1))
    assert page.scales["pain"].value() is None and page.scales["fibro_fog"].value() is None
    page.day.setDate(QDate.currentDate())
    assert [page.scales[n].value() for n in ("pain", "stiffness", "fibro_fog",
                                             "waking_unrefreshed")] == [7, 4, 2, 1]


def test_a_question_left_alone_or_cleared_is_saved_as_not_answered(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    qtbot.keyClick(page.scales["pain"].slider, Qt.Key.Key_0)  # 0 is an answer
    qtbot.keyClick(page.scales["stiffness"].slider, Qt.Key.Key_5)
    qtbot.mouseClick(page.scales["stiffness"].clear_button, Qt.MouseButton.LeftButton)
    assert page.scales["stiffness"].value_label.text() == "not set"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.store.checkins.get(date.today())
    assert (saved.pain, saved.stiffness, saved.fibro_fog, saved.waking_unrefreshed) == (
        0, None, None, None)


@pytest.mark.parametrize("size", [(1024, 700), (1280, 800)])
def test_the_check_in_fits_with_every_answer_given(window, qtbot, size):
    window.store.checkins.put(CheckIn(date.today(), sleep_hours=6.5, sleep_quality=3,
                                      woken_by_spasms=2, water_glasses=6, stress=7,
                                      fatigue=8, mood=3, activity_level=5, pain=10,
                                      stiffness=10, fibro_fog=2, waking_unrefreshed=2))
    page = window.page("checkin")
    window.resize(*size)
    window.tabs.setCurrentWidget(page)
    page.load_day(date.today())
    qtbot.waitUntil(lambda: window.size().width() == size[0])
    assert (window.width(), window.height()) == size
    assert problems(window) == []
    # The last answer and the Save button are inside the window, nothing below cut off.
    bottom = page.save_button.mapTo(window, QPoint(0, page.save_button.height())).y()
    assert bottom < window.height()
    widths = {page.scales[n].slider.width() for n in page.scales}
    assert len(widths) == 1 and widths.pop() >= 150  # the scales line up, each wide enough
