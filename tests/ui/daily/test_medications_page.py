"""The Medications view: add (the fields cleared after), the same one twice refused,
correct, stop, change the dose, delete, and every change undone exactly, by the Undo beside
the message and by Edit › Undo (Ctrl+Z)."""

from datetime import date

from PySide6.QtCore import QDate, Qt

from fibromap.domain.daily import Medication
from fibromap.i18n import _
from fibromap.ui.daily.medications_page import ADDING, CHANGING
from fibromap.ui.daily.medications_page import _day as shown_day
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits, quoted

CYCLO, MAGNESIUM = "Cyclobenzaprine 5 mg at night", "Magnesium glycinate 300 mg at night"

START = QDate(2026, 1, 5)


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add(qtbot, page, name, dose, start=START):
    page.name.setText(name)
    page.dose.setText(dose)
    page.form.start.setDate(start)
    click(qtbot, page.add_button)


def choose(page, name):
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == name)
    page.table.selectRow(row)


def test_add_clears_its_fields_and_the_same_medication_twice_is_refused(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    add(qtbot, page, "Cyclobenzaprine", "5 mg at night")
    assert page.feedback.text() == _("Added {medication}.").format(medication=CYCLO)
    assert not page.feedback.is_error
    assert (page.name.text(), page.dose.text()) == ("", "")
    assert page.form.start.date() == QDate.currentDate() and page.form.still_taking.isChecked()
    assert page.name.hasFocus()  # ready for the next
    add(qtbot, page, "Cyclobenzaprine", "5 mg at night")  # Add pressed twice, as before
    assert page.feedback.is_error
    assert page.feedback.text() == _("Not saved: {medication} from {day} is already in the list.").format(
        medication=CYCLO, day=shown_day(START.toPython()))
    assert page.name.text() == "Cyclobenzaprine"  # what was typed stays, to be corrected
    assert window.store.medications.count() == 1 and page.table.rowCount() == 1
    # Enter in a field adds too; an empty dose and any script are fine.
    page.name.setText("  Магний цитрат ")
    page.dose.setText("")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert [(m.name, m.dose) for m in window.store.medications.all()][-1] == ("Магний цитрат", "")


def test_correct_stop_change_dose_and_delete_each_undone_exactly(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    add(qtbot, page, "Cyclobenzaprine", "5 mg at night")
    add(qtbot, page, "Pregabalin", "75 mg twice daily", QDate(2026, 2, 3))
    store = window.store
    first = store.medications.all()
    assert not page.save_button.isVisible() and page.hint.isVisible()

    choose(page, "Cyclobenzaprine")
    assert page.heading.text() == _(CHANGING) and not page.add_button.isVisible()
    assert (page.name.text(), page.dose.text(), page.form.start.date()) == (
        "Cyclobenzaprine", "5 mg at night", START)
    click(qtbot, page.save_button)  # nothing typed: nothing saved, nothing to undo
    assert page.feedback.text() == _("Nothing to save: {medication} is as shown.").format(medication=CYCLO)
    assert window.undo_stack.count() == 2  # the two additions
    page.dose.setText("2.5 mg at night")
    page.form.start.setDate(QDate(2026, 1, 4))
    click(qtbot, page.save_button)
    corrected = store.medications.get(first[0].id)
    assert (corrected.dose, corrected.start) == ("2.5 mg at night", date(2026, 1, 4))
    assert page.feedback.text() == _("Saved the changes to {medication}.").format(
        medication="Cyclobenzaprine 2.5 mg at night")
    click(qtbot, page.undo_button)
    assert store.medications.all() == first  # exactly, number and all
    assert page.dose.text() == "5 mg at night" and page.feedback.text() == (
        _("{medication} is as it was before.").format(medication=CYCLO))
    assert not page.undo_button.isVisible()

    # Stop: today unless another day is chosen.
    choose(page, "Pregabalin")
    assert page.when.date() == QDate.currentDate()
    click(qtbot, page.stop_button)
    assert store.medications.get(first[1].id).stop == date.today()
    assert page.table.item(1, 3).text() == shown_day(date.today())
    assert not page.changes.isVisible()  # stopped: nothing left to stop
    click(qtbot, page.undo_button)
    assert store.medications.all() == first
    choose(page, "Pregabalin")
    page.when.setDate(QDate(2026, 3, 18))
    click(qtbot, page.stop_button)
    assert page.feedback.text() == _("Stopped {medication} on {day}.").format(
        medication="Pregabalin 75 mg twice daily", day=shown_day(date(2026, 3, 18)))
    assert store.medications.get(first[1].id).stop == date(2026, 3, 18)

    # A new dose from a day on: the old one ends the day before; undone, both as they were.
    choose(page, "Cyclobenzaprine")
    page.when.setDate(QDate(2026, 2, 1))
    page.new_dose.setText("10 mg at night")
    click(qtbot, page.change_button)
    assert [(m.dose, m.start, m.stop) for m in store.medications.all() if m.name == "Cyclobenzaprine"] \
        == [("5 mg at night", date(2026, 1, 5), date(2026, 1, 31)),
            ("10 mg at night", date(2026, 2, 1), None)]
    assert page.selected().dose == "10 mg at night"  # the new dose is the one chosen
    before_dose_change = [first[0], store.medications.get(first[1].id)]
    click(qtbot, page.undo_button)
    assert store.medications.all() == before_dose_change

    # Delete (the Delete key in the list does the same), then Undo: back with its number.
    choose(page, "Cyclobenzaprine")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.feedback.text() == _("Deleted {medication}.").format(medication=CYCLO)
    assert page.undo_button.isVisible() and store.medications.all() == before_dose_change[1:]
    assert page.heading.text() == _(ADDING) and page.name.text() == ""
    click(qtbot, page.undo_button)
    assert store.medications.all() == before_dose_change
    assert page.feedback.text() == _("{medication} is back.").format(medication=CYCLO)


def test_edit_undo_and_ctrl_z_share_the_window_s_undo_stack(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    add(qtbot, page, "Magnesium glycinate", "300 mg at night")
    kept = window.store.medications.all()
    choose(page, "Magnesium glycinate")
    click(qtbot, page.delete_button)
    undo = window.menu_actions.undo
    deleting = _("delete {medication}").format(medication=MAGNESIUM)
    assert undo.isEnabled() and undo.text() == f"{_('&Undo')} {deleting}"
    # Ctrl+Z from another view: the medication comes back, the window says so.
    window.show_view("history")
    undo.trigger()
    assert window.store.medications.all() == kept
    assert window.statusBar().currentMessage() == _("{medication} is back.").format(medication=MAGNESIUM)
    window.menu_actions.redo.trigger()
    assert window.store.medications.count() == 0
    assert page.feedback.text() == _("Done again: {change}.").format(change=deleting)
    # Another undoable change on top: the page's Undo no longer offers to undo it.
    undo.trigger()
    flare = window.store.flares.add(full_flare())
    window.flare_deleted(window.store.flares.delete(flare.id))
    assert not page.undo_button.isVisible()


def test_an_undo_over_a_change_made_elsewhere_says_so_and_changes_nothing(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    add(qtbot, page, "Amitriptyline", "10 mg")
    medication = window.store.medications.all()[0]
    choose(page, "Amitriptyline")
    page.dose.setText("25 mg")
    click(qtbot, page.save_button)
    # Another window stops it meanwhile.
    stopped = window.store.medications.stop(medication.id, date(2026, 6, 1))
    click(qtbot, page.undo_button)
    assert page.feedback.is_error
    said = fits(page.feedback.text(), "Could not undo “{change}”: {error}.")
    assert said["change"] == _("change {medication}").format(medication="Amitriptyline 10 mg")
    quoted(said["error"], "Amitriptyline 25 mg")  # the medication as it is now
    assert window.store.medications.all() == [stopped]
    # The step is dropped, not offered again; the one before it is next.
    assert window.undo_stack.count() == 1 and window.undo_stack.undoText() == _(
        "add {medication}").format(medication="Amitriptyline 10 mg")
    assert page.table.item(0, 3).text() == shown_day(date(2026, 6, 1))


def test_a_read_only_database_offers_no_change(qtbot, sqlite_url, paths):
    from fibromap.store.store import Store
    from fibromap.ui.daily.medications_page import MedicationsPage

    writer = Store.open(sqlite_url, paths)
    writer.medications.add(Medication("Pregabalin", "75 mg", date(2026, 2, 3)))
    writer.close()
    store = Store.open_read_only(sqlite_url, paths)
    page = MedicationsPage(store)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    assert page.name.text() == "Pregabalin"
    assert not any(button.isEnabled() for button in page.saving_buttons())
    store.close()
