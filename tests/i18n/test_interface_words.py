"""The shell's dialogs, tray and messages in the language of the process (German here), a
French plural that says 0 and 1 alike, and the questionnaires' note that their items stay
English; the process is always left in English."""

from PySide6.QtCore import QDate

from fibromap.domain.geometry import Build
from fibromap.i18n import activate, current, using
from fibromap.ui.dialogs.appointments_dialog import AppointmentsDialog
from fibromap.ui.dialogs.backups_dialog import BackupsDialog, reason_text
from fibromap.ui.dialogs.devices_dialog import DevicesDialog
from fibromap.ui.dialogs.privacy_dialog import PrivacyDialog
from fibromap.ui.dialogs.questionnaire_dialogs import SssDialog
from fibromap.ui.dialogs.restore_offer import flares_text
from fibromap.ui.launch.tray import Tray
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings



def headers(table) -> list[str]:
    return [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]


def test_the_dialogs_speak_german(qtbot, store, paths):
    activate("de")
    try:
        appointments = AppointmentsDialog(store)
        qtbot.addWidget(appointments)
        assert appointments.windowTitle() == "Arzttermine"
        assert appointments.hint.text().startswith("Noch keine Arzttermine.")
        appointments.day.setDate(QDate(2026, 11, 2))
        appointments.note.setText("Rheumatologie")
        appointments.add_button.click()
        assert appointments.hint.text().startswith("1 Arzttermin, der neueste zuerst.")
        assert appointments.list.item(0).text().endswith(" — Rheumatologie")
        assert "Nov" in appointments.list.item(0).text() and "Mon" not in appointments.list.item(0).text()
        backups = BackupsDialog(store, paths)
        qtbot.addWidget(backups)
        assert headers(backups.table) == ["Erstellt", "Anlass", "Schübe", "Integritätsprüfung"]
        assert backups.back_up_button.text() == "Jetzt sichern"
        assert reason_text("before-upgrade-0011") == "vor dem Update (Schema 0011)"
        devices = DevicesDialog(store)
        qtbot.addWidget(devices)
        assert headers(devices.table)[:3] == ["Gerät", "Von", "Nächte"]
        assert devices.empty.text().startswith("Noch kein Schlaf und keine Schritte")
        privacy = PrivacyDialog(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(privacy)
        assert privacy.protect_button.text() == "Mit einer Passphrase schützen"
        assert privacy.status.text().endswith("sind nicht geschützt: Wer den Datenträger dieses "
                                              "Computers oder seine Sicherungen lesen kann, "
                                              "kann sie lesen.")
        sss = SssDialog(store)
        qtbot.addWidget(sss)
        assert sss.windowTitle() == "Symptomschwere-Skala (SSS)"
        assert sss.english_note is not None and "auf Englisch" in sss.english_note.text()
    finally:
        activate("en")
    english = SssDialog(store)
    qtbot.addWidget(english)
    assert english.english_note is None  # its items are English already: nothing to say


def test_the_window_and_tray_speak_german(qtbot, store, paths):
    activate("de")
    try:
        window = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(window)
        assert window.database_label.text().startswith("Datenbank: ")
        window.set_build(Build.MALE)
        assert window.statusBar().currentMessage() == "Die Körperkarte zeigt jetzt die männliche Figur."
        tray = Tray(window, lambda _request: None, lambda: None, lambda: None)
        assert [a.text() for a in tray.menu.actions() if a.text()] == [
            "Schub erfassen", "Heutiges Tagesprotokoll", "FibroMap öffnen", "Beenden"]
    finally:
        activate("en")
    window.set_build(Build.NEUTRAL)
    assert window.statusBar().currentMessage() == (
        "The body map now shows the neutral figure (between the two).")


def test_counted_flares_follow_each_language():
    with using("fr"):  # French says 0 and 1 alike
        assert (flares_text(0), flares_text(1), flares_text(2)) == ("0 crise", "1 crise", "2 crises")
    with using("de"):
        assert (flares_text(0), flares_text(1), flares_text(1615)) == (
            "0 Schübe", "1 Schub", "1.615 Schübe")
        assert flares_text(None) == "eine unbekannte Zahl von Schüben"
    assert (flares_text(0), flares_text(1), flares_text(1615)) == ("0 flares", "1 flare", "1,615 flares")
    assert current() == "en"
