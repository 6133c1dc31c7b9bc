"""The Check-in view shows what a device measured beside the answers, says which device,
and which figure counts: the person's own answer wins where both exist."""

from PySide6.QtCore import QDate, Qt

from fibromap.exchange.files import import_file
from tests.exchange.devices.test_apple_health import EVERYTHING
from tests.helpers.device_exports import write_apple_health
from tests.helpers.refusals import fits


def test_the_night_and_day_a_device_measured_show_beside_the_answers(window, qtbot, tmp_path):
    import_file(window.store, write_apple_health(tmp_path, EVERYTHING))
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    page.day.setDate(QDate(2026, 3, 2))
    # 418 minutes asleep of 470 in bed (worked out in tests/exchange/devices).
    assert page.device_night.text() == (
        "Apple Watch (Apple Health): 6 h 58 min asleep, 7 h 50 min in bed, 1 awakening; "
        "to bed 22:50, up 06:40; deep 40 min, REM 50 min, light 5 h 28 min. Counted as this "
        "night's sleep while “Slept” is left empty.")
    # The phone counted 600 steps, the watch 300 of the same walk: the larger is shown.
    assert page.device_day.text() == "Steps: 600, counted by iPhone (Apple Health)."
    assert page.device_night.isVisible() and page.device_day.isVisible()
    page.day.setDate(QDate(2026, 3, 3))
    assert not page.device_night.isVisible()
    assert page.device_day.text() == ("Steps: 2,500, counted by iPhone (Apple Health). "
                                      "A nap of 40 min from 14:00, measured by Apple Watch "
                                      "(Apple Health).")
    # Typed, the person’s own answer is the one counted (and saved, still).
    page.day.setDate(QDate(2026, 3, 2))
    page.sleep_hours.setValue(6.0)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    fits(page.device_night.text(), "{night}. Your own answer above is the one counted.")


def test_a_day_with_nothing_from_a_device_shows_no_device_line(window):
    page = window.page("checkin")
    assert page.device_night.isHidden() and page.device_day.isHidden()
