"""A time typed where the clocks changed (issue 31). In the hour the clocks went back it
was saved as its first instant, an hour early if the second was meant; now the Log asks
which, saves nothing until told, and stores the offset chosen. In the hour they went
forward Qt silently moved the typed time; now the Log says it never happened and offers
the new clock's time. Typed with keys into the real "When" field, under TZ."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fibromap.domain.clock_time import ClockTime
from fibromap.domain.draft import FlareDraft
from fibromap.domain.flare import SpasmSite
from fibromap.errors import ValidationError
from fibromap.i18n import _
from tests.helpers.refusals import quoted

CTRL = Qt.KeyboardModifier.ControlModifier
# zone: the day the clocks went back, the time that came twice, its offsets (first,
# second) and its instants in UTC worked out by hand from the 2026 rules.
AUTUMN = {
    "Europe/Berlin": (date(2026, 10, 25), time(2, 30), (2, 1),
                      (datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
                       datetime(2026, 10, 25, 1, 30, tzinfo=UTC))),
    "America/New_York": (date(2026, 11, 1), time(1, 30), (-4, -5),
                         (datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
                          datetime(2026, 11, 1, 6, 30, tzinfo=UTC))),
}
# zone: the day the clocks went forward at 02:00, the offset after, 03:30 then in UTC.
SPRING = {
    "Europe/Berlin": (date(2026, 3, 29), 2, datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    "America/New_York": (date(2026, 3, 8), -4, datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
}


def type_when(qtbot, form, day: date, at: time) -> None:
    """Into "When" as a person types: Tab to the day, then day, month, year, hour,
    minute (each part goes on to the next when it is full)."""
    form.onset.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(form.onset.hasFocus)
    qtbot.keyClick(form.onset, Qt.Key.Key_Tab)  # from the weekday to the day
    for part in (f"{day.day:02d}", f"{day:%b}", f"{day.year}", f"{at.hour:02d}", f"{at.minute:02d}"):
        qtbot.keyClicks(QApplication.focusWidget(), part)
    assert form.onset.dateTime().toPython() == datetime.combine(day, at)


def save(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_S, CTRL)


@pytest.mark.parametrize("zone", sorted(AUTUMN))
@pytest.mark.parametrize("which", [0, 1])
def test_a_time_that_came_twice_is_saved_as_the_one_chosen(window, person, qtbot, local_zone,
                                                           zone, which):
    local_zone(zone)
    day, at, hours, instants = AUTUMN[zone]
    log, store = window.log, window.store
    person.click_region("soleus.left")
    person.key("6")
    type_when(qtbot, log.form, day, at)
    choice = log.form.clock_change
    assert choice.isVisible() and f"so {at:%H:%M} came twice" in choice.text.text()
    offsets = [f"UTC{'+' if h > 0 else chr(0x2212)}{abs(h):02d}:00" for h in hours]
    assert offsets[0] in choice.first.text() and offsets[1] in choice.second.text()
    assert not choice.first.isChecked() and not choice.second.isChecked()  # nothing guessed
    save(qtbot, window)
    assert store.flares.count() == 0
    assert log.feedback.text().startswith(f"Not saved: {at:%H:%M} came twice on ")
    assert log.marks.sites() == [SpasmSite("soleus.left", 6)]  # nothing lost
    qtbot.mouseClick((choice.first, choice.second)[which], Qt.MouseButton.LeftButton)
    save(qtbot, window)
    [flare] = store.flares.between()
    assert flare.onset.utcoffset() == timedelta(hours=hours[which])
    assert flare.utc_offset_minutes == hours[which] * 60
    assert flare.onset.astimezone(UTC) == instants[which]
    assert flare.onset_local == datetime.combine(day, at)
    # Read back and opened again, it is the same instant, and says which it is.
    log.edit(flare)
    assert choice.isVisible() and (choice.first, choice.second)[which].isChecked()
    assert log.form.onset_value().astimezone(UTC) == instants[which]
    again = log.save()
    assert again.onset.astimezone(UTC) == instants[which]
    assert store.flares.get(flare.id).utc_offset_minutes == hours[which] * 60


@pytest.mark.parametrize("zone", sorted(SPRING))
def test_a_time_the_clocks_skipped_is_refused_with_the_new_clocks_time_offered(
        window, person, qtbot, local_zone, zone):
    local_zone(zone)
    day, hours_after, utc = SPRING[zone]
    log, store = window.log, window.store
    person.click_region("soleus.left")
    person.key("4")
    type_when(qtbot, log.form, day, time(2, 30))  # Qt moved it to 01:30 or 03:30 unasked
    choice = log.form.clock_change
    assert choice.isVisible()
    skipped = ClockTime.of(datetime.combine(day, time(2, 30)))  # the domain's words for it
    assert choice.text.text() == skipped.question()
    save(qtbot, window)
    assert store.flares.count() == 0
    assert log.feedback.text() == _("Not saved: {problem}.").format(problem=skipped.problem())
    quoted(log.feedback.text(), "02:30", "03:30")  # the time asked for, and the one offered
    assert choice.use.text() == _("Use {time}").format(time="03:30")
    qtbot.mouseClick(choice.use, Qt.MouseButton.LeftButton)
    assert log.form.onset.dateTime().toPython() == datetime.combine(day, time(3, 30))
    assert not choice.isVisible()
    save(qtbot, window)
    [flare] = store.flares.between()
    assert flare.onset == datetime.combine(day, time(3, 30), timezone(timedelta(hours=hours_after)))
    assert flare.onset.astimezone(UTC) == utc


def test_an_unanswered_time_stays_unanswered_in_the_draft_and_through_undo(
        window, person, qtbot, local_zone):
    """Kept on disk and brought back, the question is asked again, not answered for the
    person; undoing the answer takes it back."""
    local_zone("Europe/Berlin")
    log = window.log
    person.click_region("soleus.left")
    person.key("5")
    type_when(qtbot, log.form, date(2026, 10, 25), time(2, 30))
    kept = FlareDraft.from_json(log.draft().to_json())
    assert kept.onset_open
    with pytest.raises(ValidationError, match="02:30 came twice on Sun 25 Oct"):
        kept.to_flare(log.map.atlas)
    log.new()
    log.load_draft(kept)
    choice = log.form.clock_change
    assert choice.isVisible() and choice.instant() is None
    qtbot.mouseClick(choice.second, Qt.MouseButton.LeftButton)
    assert not log.draft().onset_open
    assert log.undo_stack.undoText() == "Time"
    log.undo_stack.undo()
    assert choice.isVisible() and choice.instant() is None and log.draft().onset_open


def test_last_night_on_a_day_the_clocks_changed_at_three_is_a_time_that_happened(
        window, local_zone, monkeypatch):
    """Helsinki changes its clocks at 03:00, the hour "Last night" gives: in spring there
    was no 03:00 (it was moved to 02:00 unsaid; now the new clock's 04:00), in autumn 03:00
    came twice (the first is taken, and the choice is shown)."""
    from fibromap.ui.log import flare_form

    local_zone("Europe/Helsinki")
    form = window.log.form
    monkeypatch.setattr(flare_form, "local_now", lambda: datetime(2026, 3, 29, 10, 0).astimezone())
    form.choose_onset("Last night")
    assert form.onset.dateTime().toPython() == datetime(2026, 3, 29, 4, 0)
    assert form.onset_value().utcoffset() == timedelta(hours=3) and form.onset_problem() is None
    assert not form.clock_change.isVisible()
    monkeypatch.setattr(flare_form, "local_now", lambda: datetime(2026, 10, 25, 10, 0).astimezone())
    form.choose_onset("Last night")
    assert form.onset.dateTime().toPython() == datetime(2026, 10, 25, 3, 0)
    assert form.clock_change.isVisible() and form.clock_change.first.isChecked()
    assert form.onset_value().astimezone(UTC) == datetime(2026, 10, 25, 0, 0, tzinfo=UTC)
    assert form.onset_problem() is None
