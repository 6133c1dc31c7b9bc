"""The daily part in another language: the check-in, the medications, the no-spasms box,
the period picker and the lock screen speak German when German is chosen (and English
again after), and French counts 0 and 1 alike."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from fibromap.i18n import activate, ngettext, using
from fibromap.ui.daily.checkin_page import CheckInPage
from fibromap.ui.daily.medications_page import MedicationsPage
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.lock_screen import LockCover, UnlockForm, locked_title
from fibromap.ui.widgets.no_spasms_box import NoSpasmsBox
from fibromap.ui.widgets.period_picker import PeriodPicker

MONDAY = date(2026, 12, 7)



@pytest.fixture
def german():
    activate("de")
    try:
        yield
    finally:
        activate("en")


def test_the_check_in_in_german(qtbot, store, paths, german):
    page = CheckInPage(store, Settings(paths.settings_file))
    qtbot.addWidget(page)
    labels = {label.text() for label in page.findChildren(QLabel)}
    assert {"Wie war der Tag?", "Die Nacht davor", "Von Krämpfen geweckt", "Schlafqualität",
            "Fibro-Nebel", "Notizen"} <= labels
    stress = page.scales["stress"]
    assert stress.value_label.text() == "offen"
    assert stress.clear_button.accessibleName() == "Stress löschen"
    assert page.scales["fibro_fog"].slider.toolTip().startswith("Denken und Gedächtnis:")
    page.scales["fibro_fog"].set_value(2)
    assert page.scales["fibro_fog"].value_label.text() == "2 mäßig"
    assert page.woken.suffix() == " Mal" and page.save_button.text() == "Tagesprotokoll speichern"
    page.day.setDate(QDate(2026, 12, 7))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.feedback.text() == "Tagesprotokoll für Montag, 7. Dezember gespeichert."


def test_the_check_in_in_english_is_as_it_was(qtbot, store, paths):
    page = CheckInPage(store, Settings(paths.settings_file))
    qtbot.addWidget(page)
    assert page.scales["pain"].clear_button.accessibleName() == "Clear overall pain today"
    page.day.setDate(QDate(2026, 12, 7))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.feedback.text() == "Saved the check-in for Monday 07 December."


def test_medications_in_german(qtbot, store, german):
    page = MedicationsPage(store)
    qtbot.addWidget(page)
    headers = [page.table.horizontalHeaderItem(i).text() for i in range(4)]
    assert headers == ["Medikament", "Dosis", "Von", "Bis"]
    assert page.heading.text() == "Medikament hinzufügen"
    page.name.setText("Pregabalin")
    page.dose.setText("75 mg")
    page.form.start.setDate(QDate(2026, 12, 7))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.feedback.text() == "Pregabalin 75 mg hinzugefügt."
    assert page.table.item(0, 2).text() == "7. Dez. 2026"
    assert page.table.item(0, 3).text() == "noch eingenommen"
    page.table.selectRow(0)
    assert page.heading.text() == "Gewähltes Medikament ändern"
    page.when.setDate(QDate(2026, 12, 9))
    qtbot.mouseClick(page.stop_button, Qt.MouseButton.LeftButton)
    assert page.feedback.text() == "Pregabalin 75 mg am 9. Dez. 2026 abgesetzt."
    page.undo_stack.undo()
    assert page.feedback.text() == "Pregabalin 75 mg ist wie zuvor nicht mehr abgesetzt."
    page.undo_stack.redo()
    assert page.feedback.text() == "Erneut ausgeführt: Pregabalin 75 mg absetzen."


def test_no_spasms_box_period_picker_and_lock_in_german(qtbot, store, german):
    box = NoSpasmsBox(store, today=lambda: MONDAY)
    qtbot.addWidget(box)
    assert box.check.text() == "Heute keine Krämpfe"
    said = []
    box.message.connect(lambda text, _error: said.append(text))
    box.show_day(date(2026, 12, 5))
    assert box.check.text() == "Keine Krämpfe am Sa., 5. Dez."
    box.check.setChecked(True)
    assert said[-1].startswith("Als Tag ohne Krämpfe markiert: Samstag, 5. Dezember.")
    picker = PeriodPicker(store, today=lambda: MONDAY)
    qtbot.addWidget(picker)
    assert picker.preset.itemText(0) == "Letzte 7 Tage"
    picker.choose("Last year")  # by its English label, in any language
    assert picker.preset.currentText() == "Letztes Jahr"
    picker.set_months(12)
    assert picker.preset.itemText(0) == "Letzte 12 Monate"
    form = UnlockForm()
    qtbot.addWidget(form)
    form.wait(30)
    assert form.unlock_button.text() == "Erneut in 30 s"
    cover = LockCover(form)
    assert cover.title.text() == "FibroMap ist gesperrt"
    assert locked_title() == "FibroMap — gesperrt"


def test_english_after_and_french_counts_zero_and_one_alike(qtbot, store):
    box = NoSpasmsBox(store, today=lambda: MONDAY)
    qtbot.addWidget(box)
    box.show_day(date(2026, 12, 5))
    assert box.check.text() == "No spasms on Sat 5 Dec"
    assert locked_title() == "FibroMap — locked"
    one = "{count} wrong passphrase in a row: each further try waits."
    other = "{count} wrong passphrases in a row: each further try waits."
    with using("fr"):
        said = [ngettext(one, other, n).format(count=n) for n in (0, 1, 2)]
    assert said == ["0 phrase secrète erronée de suite : chaque nouvel essai doit attendre.",
                    "1 phrase secrète erronée de suite : chaque nouvel essai doit attendre.",
                    "2 phrases secrètes erronées de suite : chaque nouvel essai doit attendre."]
