"""The icon in the desktop's tray (where the desktop has one): a flare or today's check-in
in one click, the window back, and Quit. While it is there, closing the window puts
FibroMap in the tray instead of ending it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from fibromap import APP_NAME
from fibromap.i18n import N_, _
from fibromap.ui.icon import app_icon
from fibromap.ui.settings import Settings

STILL_RUNNING = N_("FibroMap keeps running here, ready for the next flare. "
                 "Quit it from this icon's menu.")


class Tray(QSystemTrayIcon):
    """The tray icon of ``window`` and its menu, shown by show(): its choices call
    ``answer`` with a request (REQUESTS of launch/instance.py), Quit calls ``end``;
    ``ending`` when the desktop session ends (logging out), when closing is quitting."""

    def __init__(self, window: QWidget, answer: Callable[[str], None], end: Callable[[], object],
                 ending: Callable[[], None]):
        super().__init__(app_icon(), window)
        self.menu = QMenu(window)
        self.log_flare = self.menu.addAction(_("Log a flare"))
        self.todays_checkin = self.menu.addAction(_("Today's check-in"))
        self.open_window = self.menu.addAction(_("Open {app}").format(app=APP_NAME))
        self.menu.addSeparator()
        self.quit_app = self.menu.addAction(_("Quit"))
        self.log_flare.triggered.connect(lambda: answer("log"))
        self.todays_checkin.triggered.connect(lambda: answer("checkin"))
        self.open_window.triggered.connect(lambda: answer("open"))
        self.quit_app.triggered.connect(end)
        self.setToolTip(APP_NAME)
        self.setContextMenu(self.menu)
        # A click on the icon brings the window (the menu is the other button's).
        self.activated.connect(lambda reason: answer("open") if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick) else None)
        # The check-in reminder's message, clicked, opens today's check-in.
        self.messageClicked.connect(lambda: answer("checkin"))
        self._ending = ending
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication), "a tray is made once the application is"
        app.commitDataRequest.connect(self._session_ends)

    def _session_ends(self, _manager) -> None:
        self._ending()

    def hold(self, window: QWidget, settings: Settings) -> None:
        """Hide ``window`` (closed by the person) and say, the first time ever, that FibroMap
        is still running here."""
        window.hide()
        if settings.tray_explained:
            return
        settings.tray_explained = True
        if QSystemTrayIcon.supportsMessages() and self.isVisible():
            self.showMessage(APP_NAME, _(STILL_RUNNING), QSystemTrayIcon.MessageIcon.Information)
