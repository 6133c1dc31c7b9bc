"""“No spasms today” in one click on the Log, taken back with another; a past day marked
or unmarked from the Check-in by its date; History counts the marked days."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.ui.log.flare_form import local_now


def click(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def test_one_click_marks_today_and_another_takes_it_back(window, qtbot):
    box = window.log.no_spasms.check
    assert box.isVisible() and box.isEnabled() and box.text() == "No spasms today"
    click(qtbot, box)
    assert window.store.no_spasms.between() == [date.today()]
    assert window.log.feedback.text().startswith("Marked today as a day with no spasms")
    click(qtbot, box)
    assert window.store.no_spasms.between() == []
    assert window.log.feedback.text() == "The “no spasms” mark is taken off today."


def test_a_day_with_a_flare_needs_no_mark(window, qtbot):
    now = local_now()
    window.store.flares.add(Flare(onset=now, sites=(SpasmSite("soleus.left", 4),)))
    window.tabs.setCurrentWidget(window.page("history"))
    window.tabs.setCurrentWidget(window.log)  # shown again: what the database says now
    box = window.log.no_spasms.check
    assert not box.isEnabled() and not box.isChecked()
    assert box.toolTip() == "This day has a flare, so it counts already."


def test_a_past_day_is_marked_from_the_check_in_and_history_counts_it(window, qtbot):
    checkin = window.page("checkin")
    window.tabs.setCurrentWidget(checkin)
    yesterday = date.today() - timedelta(days=1)
    checkin.day.setDate(checkin.day.date().addDays(-1))
    box = checkin.no_spasms.check
    assert box.text() == f"No spasms on {yesterday:%a} {yesterday.day} {yesterday:%b}"
    click(qtbot, box)
    assert window.store.no_spasms.between() == [yesterday]
    assert checkin.feedback.text().startswith(f"Marked {yesterday:%A} {yesterday.day}")
    history = window.page("history")
    window.tabs.setCurrentWidget(history)
    history.reload()
    assert "0 flares; 1 day marked “no spasms”" in history.count.text()
