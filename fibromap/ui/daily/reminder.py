"""A reminder to fill in the daily check-in, while the app is running."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from fibromap.i18n import _
from fibromap.ui.settings import Settings

if TYPE_CHECKING:
    from fibromap.store.store import Store

CHECK_EVERY_MS = 30_000


class CheckInReminder(QObject):
    """Once a day, at the chosen time, if today's check-in is still missing."""

    due = Signal(str)

    def __init__(self, store: Store, settings: Settings, tray: QSystemTrayIcon | None = None,
                 clock: Callable[[], datetime] = datetime.now, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._tray = tray
        self._clock = clock
        self._reminded_on: date | None = None
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> bool:
        """Remind now if it is time; True when a reminder was given."""
        when = self._settings.checkin_reminder
        now = self._clock()
        if when is None or now.time() < when or self._reminded_on == now.date():
            return False
        if self._store.checkins.get(now.date()) is not None:
            return False
        self._reminded_on = now.date()
        text = _("How was today? The daily check-in takes half a minute.")
        if self._tray is not None and self._tray.isVisible() and QSystemTrayIcon.supportsMessages():
            self._tray.showMessage("FibroMap", text, QSystemTrayIcon.MessageIcon.Information)
        self.due.emit(text)
        return True
