"""“No spasms today” in one click on the Log, taken back with another; a past day marked
or unmarked from the Check-in by its date; History counts the marked days."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import _, ngettext
from fibromap.ui.log.flare_form import local_now
from fibromap.ui.widgets.no_spasms_box import HAS_FLARE, _long, _short


def click(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)


def test_one_click_marks_today_and_another_takes_it_back(window, qtbot):
    box = window.log.no_spasms.check
    assert box.isVisible() and box.isEnabled() and box.text() == _("No spasms today")
    click(qtbot, box)
    assert window.store.no_spasms.between() == [date.today()]
    assert window.log.feedback.text() == _("Marked today as a day with no spasms: it counts in the "
                                           "insights. Untick it to take the mark back.")
    click(qtbot, box)
    assert window.store.no_spasms.between() == []
    assert window.log.feedback.text() == _("The “no spasms” mark is taken off today.")


def test_a_day_with_a_flare_needs_no_mark(window, qtbot):
    now = local_now()
    window.store.flares.add(Flare(onset=now, sites=(SpasmSite("soleus.left", 4),)))
    window.tabs.setCurrentWidget(window.page("history"))
    window.tabs.setCurrentWidget(window.log)  # shown again: what the database says now
    box = window.log.no_spasms.check
    assert not box.isEnabled() and not box.isChecked()
    assert box.toolTip() == _(HAS_FLARE)


def test_a_past_day_is_marked_from_the_check_in_and_history_counts_it(window, qtbot):
    checkin = window.page("checkin")
    window.tabs.setCurrentWidget(checkin)
    yesterday = date.today() - timedelta(days=1)
    checkin.day.setDate(checkin.day.date().addDays(-1))
    box = checkin.no_spasms.check
    assert box.text() == _("No spasms on {day}").format(day=_short(yesterday))
    click(qtbot, box)
    assert window.store.no_spasms.between() == [yesterday]
    assert checkin.feedback.text() == _("Marked {day} as a day with no spasms: it counts in the "
                                        "insights. Untick it to take the mark back.").format(
        day=_long(yesterday))
    history = window.page("history")
    window.tabs.setCurrentWidget(history)
    history.reload()
    marked = ngettext("{flares}; {n} day marked “no spasms”", "{flares}; {n} days marked “no spasms”",
                      1).split("{flares}")[1].format(n=1)
    assert history.model.total == 0 and history.count.text().endswith(marked)
