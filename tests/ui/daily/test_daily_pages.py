from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt

from fibromap.domain.daily import CheckIn
from fibromap.i18n import _
from fibromap.ui.daily.medications_page import STILL_TAKING
from fibromap.ui.daily.reminder import CheckInReminder
from tests.helpers.refusals import fits


def test_the_check_in_is_saved_and_shown_again_for_its_day(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    page.sleep_hours.setValue(5.5)
    page.scales["sleep_quality"].slider.setValue(3)
    page.woken.setValue(2)
    page.water.setValue(6)
    page.scales["stress"].slider.setValue(7)
    page.scales["fatigue"].slider.setValue(8)
    page.foods.setText("coffee, Dark chocolate , bread")
    page.notes.setPlainText("long day")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.store.checkins.get(date.today())
    assert saved == CheckIn(date.today(), sleep_hours=5.5, sleep_quality=3, woken_by_spasms=2,
                            water_glasses=6, stress=7, fatigue=8,
                            foods=frozenset({"coffee", "Dark chocolate", "bread"}), notes="long day")
    assert not page.feedback.is_error
    page.day.setDate(QDate.currentDate().addDays(-1))
    assert page.sleep_hours.value() == page.sleep_hours.minimum()  # nothing yet for yesterday
    page.day.setDate(QDate.currentDate())
    assert page.sleep_hours.value() == 5.5 and page.scales["stress"].value() == 7


def test_todays_check_in_moves_to_today_but_never_drops_answers_typed(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    page.day.setDate(QDate.currentDate().addDays(-3))
    page.show_today()  # the tray's Today's check-in
    assert page.selected_day() == date.today() and page.sleep_hours.hasFocus()
    page.day.setDate(QDate.currentDate().addDays(-1))
    page.water.setValue(4)  # an answer for yesterday, not saved yet
    page.show_today()
    assert page.selected_day() == date.today() - timedelta(days=1) and page.water.value() == 4


def test_a_bad_check_in_answer_is_refused_visibly(window, qtbot):
    page = window.page("checkin")
    page.foods.setText("x" * 61)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.feedback.is_error
    problem = fits(page.feedback.text(), "Not saved: {error}.")["error"]
    fits(problem, "food must be at most {limit} characters, got {length}", limit=60, length=61)
    assert window.store.checkins.count() == 0


def test_medications_add_change_dose_and_stop(window, qtbot):
    page = window.page("medications")
    page.name.setText("Cyclobenzaprine")
    page.dose.setText("5 mg at night")
    page.form.start.setDate(QDate(2026, 1, 5))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == _(STILL_TAKING)
    page.table.selectRow(0)
    page.new_dose.setText("10 mg at night")
    page.when.setDate(QDate(2026, 2, 1))
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    page.table.selectRow(1)
    page.when.setDate(QDate(2026, 1, 20))
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert page.feedback.is_error
    fits(page.feedback.text(), "stop date {stop} is before start date {start}", whole=False)
    page.when.setDate(QDate(2026, 3, 1))
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert [(m.dose, m.start, m.stop) for m in window.store.medications.all()] == [
        ("5 mg at night", date(2026, 1, 5), date(2026, 1, 31)),
        ("10 mg at night", date(2026, 2, 1), date(2026, 3, 1))]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.name.setText("")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.feedback.text() == _("Not saved: {error}.").format(
        error=_("medication name must not be empty"))
    assert window.store.medications.count() == 2


def test_the_check_in_reminder_comes_once_at_the_chosen_time(window, qtbot):
    page = window.page("checkin")
    page.remind.setChecked(True)
    page.remind_at.setTime(page.remind_at.time().fromString("20:00", "HH:mm"))
    assert window.settings.checkin_reminder == time(20, 0)
    today = date.today()
    clock = [datetime.combine(today, time(19, 59))]
    reminder = CheckInReminder(window.store, window.settings, clock=lambda: clock[0])
    seen = []
    reminder.due.connect(seen.append)
    assert not reminder.check()
    clock[0] = datetime.combine(today, time(20, 1))
    assert reminder.check() and len(seen) == 1
    assert not reminder.check()  # once a day
    clock[0] += timedelta(days=1)
    window.store.checkins.put(CheckIn(clock[0].date()))
    assert not reminder.check()  # already filled in
    page.remind.setChecked(False)
    assert window.settings.checkin_reminder is None


def test_medications_empty_list_says_how_to_add_one(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    note = page.empty_note
    assert note.isVisible() and note.text() == _(
        "No medications yet.\n\nTo add one, type its name and dose on the right, choose the day "
        "you started taking it, then click Add.")
    assert page.table.viewport().rect().contains(note.geometry())
    image = page.table.viewport().grab().toImage()
    dark = sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 100  # the words are drawn, not only set
    page.name.setText("Magnesium glycinate")
    page.dose.setText("300 mg at night")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1 and not note.isVisible()


def test_medication_columns_fit_their_words_and_the_name_takes_the_rest(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    for name, dose, day in (("Pregabalin", "75 mg twice daily", QDate(2026, 2, 3)),
                            ("Cyclobenzaprine", "5 mg at night", QDate(2026, 6, 10))):
        page.name.setText(name)
        page.dose.setText(dose)
        page.form.start.setDate(day)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    page.table.selectRow(0)
    page.when.setDate(QDate(2026, 3, 18))
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    table, metrics = page.table, page.table.fontMetrics()
    widths = [table.columnWidth(c) for c in range(4)]
    for column in (1, 2, 3):
        words = [table.item(r, column).text() for r in range(table.rowCount())]
        words.append(table.horizontalHeaderItem(column).text())
        widest = max(metrics.horizontalAdvance(w) for w in words)
        # Room either side of the widest words, and no long blank after them.
        assert widest + 12 <= widths[column] <= widest + 40, (column, words, widths)
    assert {table.item(r, 3).text() for r in range(2)} == {"18 Mar 2026", "still taking"}
    # The name column takes the rest of the table's width, whatever the window's size.
    assert sum(widths) >= table.viewport().width() - 2
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: table.columnWidth(0) < widths[0])
    assert [table.columnWidth(c) for c in (1, 2, 3)] == widths[1:]
    # The form sits beside the list, not under a mostly empty table.
    form_left = page.name.mapTo(page, page.name.rect().topLeft()).x()
    assert form_left > table.geometry().right()


def test_an_unanswered_scale_looks_unset_and_can_be_answered_and_cleared(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    stress = page.scales["stress"]
    assert stress.value() is None and stress.value_label.text() == "not set"
    assert stress.slider.accessibleDescription() == "not set"
    assert page.sleep_hours.text() == "not set"  # a count left blank says so too, not "–"
    unset = stress.slider.grab().toImage()
    stress.set_value(0)
    assert stress.value_label.text() == "0"
    # 0 draws a handle at the left end: it does not look like "not answered".
    assert stress.slider.grab().toImage() != unset
    stress.clear_button.click()
    assert stress.value() is None and stress.slider.grab().toImage() == unset
    # A click lands the handle where it is clicked: the middle of the groove is 5.
    slider = stress.slider
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.rect().center())
    assert stress.value() == 5 and stress.clear_button.isVisible()
    # The keyboard: Delete unanswers, a first arrow starts from the middle, a digit is a value.
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Delete)
    assert stress.value() is None
    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert stress.value() == 5
    qtbot.keyClick(slider, Qt.Key.Key_7)
    assert stress.value() == 7
    page.scales["fatigue"].set_value(None)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.store.checkins.get(date.today())
    assert (saved.stress, saved.fatigue, saved.sleep_hours) == (7, None, None)


def test_one_click_on_a_scale_is_one_answer(qtbot):
    from fibromap.ui.widgets.answer_slider import AnswerSlider

    slider = AnswerSlider()
    qtbot.addWidget(slider)
    slider.resize(220, 30)
    slider.show()
    said = []
    slider.answerChanged.connect(lambda: said.append(slider.value()))
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.rect().center())
    assert said == [5]  # said once, not once for the value and again for the answer
    slider.clear()
    said.clear()
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=slider.rect().center())
    assert said == [5] and slider.answered  # the same value again: answered, said once
