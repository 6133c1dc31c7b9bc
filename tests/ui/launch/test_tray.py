"""The tray: a flare or today's check-in in one click; closing the window leaves FibroMap
there, with the flare being written kept; Quit ends it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from fibromap.ui.launch.tray import Tray
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings

PASSPHRASE = "tray test passphrase"


def test_the_tray_menu_says_what_each_choice_does(qtbot, window):
    asked: list[str] = []
    ended: list[bool] = []
    tray = Tray(window, asked.append, lambda: ended.append(True), lambda: None)
    assert [a.text() for a in tray.contextMenu().actions() if not a.isSeparator()] == [
        "Log a flare", "Today's check-in", "Open FibroMap", "Quit"]
    for action in (tray.log_flare, tray.todays_checkin, tray.open_window, tray.quit_app):
        action.trigger()
    tray.activated.emit(Tray.ActivationReason.Trigger)  # a click on the icon
    tray.activated.emit(Tray.ActivationReason.Context)  # the other button: its menu only
    tray.messageClicked.emit()  # the check-in reminder's message
    assert asked == ["log", "checkin", "open", "open", "checkin"] and ended == [True]


def test_from_the_tray_a_flare_and_todays_check_in(qtbot, window):
    tray = window.add_tray()
    window.show_view("history")
    page = window.page("checkin")
    page.day.setDate(QDate.currentDate().addDays(-2))  # looked at earlier, nothing typed
    tray.todays_checkin.trigger()
    assert window.current_view() == "checkin" and page.selected_day() == date.today()
    tray.log_flare.trigger()
    assert window.current_view() == "log"
    qtbot.waitUntil(window.log.map.hasFocus)


def test_closing_the_window_leaves_fibromap_in_the_tray_and_quit_ends_it(qtbot, window, paths):
    tray = window.add_tray()
    window.show_view("history")
    window.log.marks.mark("biceps.right", 4)  # a flare half written
    closing = QCloseEvent()
    QApplication.sendEvent(window, closing)  # the window's close button
    assert not closing.isAccepted() and not window.isVisible()
    assert window.store.flares.count() == 0  # the records are still open
    assert [s.region for s in DraftFile(paths).load().sites] == ["biceps.right"]
    settings = Settings(paths.settings_file)
    assert settings.last_view == "history" and settings.tray_explained  # said once
    tray.open_window.trigger()
    assert window.isVisible() and window.current_view() == "history"
    assert window.log.marks.sites()[0].region == "biceps.right"
    assert window.quit() is True and not window.isVisible()  # File › Quit, or the tray's


def test_without_a_tray_closing_the_window_ends_fibromap(qtbot, window):
    closing = QCloseEvent()
    QApplication.sendEvent(window, closing)
    assert closing.isAccepted()


def test_a_request_waits_for_the_passphrase_while_the_window_is_locked(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths, passphrase=PASSPHRASE)  # protected: it can lock
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    window.show_view("history")
    window.lock_now()
    window.add_tray().todays_checkin.trigger()
    assert window.isVisible() and window.current_view() == "history"  # nothing shown yet
    window.app_lock.form.passphrase.setText(PASSPHRASE)
    window.app_lock.form.unlock_button.click()
    assert not window.app_lock.is_locked() and window.current_view() == "checkin"
