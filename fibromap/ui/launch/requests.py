"""What a later start (`fibromap log`) or the tray asks of the window, carried out as soon
as it can be: a check-in waits for the database to open, anything waits for the
passphrase while the window is locked."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from fibromap.ui.launch.instance import TOKEN_VARIABLE

if TYPE_CHECKING:
    from fibromap.store.store import Store
    from fibromap.ui.daily.checkin_page import CheckInPage
    from fibromap.ui.log.log_page import LogPage
    from fibromap.ui.widgets.app_lock import AppLock


class RequestHost(Protocol):
    """What of the main window a request uses."""

    @property
    def store(self) -> Store | None: ...
    @property
    def app_lock(self) -> AppLock | None: ...
    @property
    def log(self) -> LogPage: ...
    @property
    def log_made(self) -> bool: ...
    def show_view(self, name: str) -> None: ...
    def page(self, name: str) -> QWidget: ...


def bring_to_front(window: QWidget, token: str = "") -> None:
    """Show ``window`` (from the tray, or minimised) in front, active, with the dialog it
    waits on (an unlock, a question) in front of it; ``token``: the desktop's activation
    token of the start that asked, without which Wayland only marks the window urgent."""
    if token and QGuiApplication.platformName() == "wayland":
        os.environ[TOKEN_VARIABLE] = token  # Qt takes it from here when it activates
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    front = QApplication.activeModalWidget()
    if front is not None and front is not window:
        front.raise_()
        front.activateWindow()


class Requests:
    """The requests made of ``window`` (REQUESTS of launch/instance.py): ``open`` brings it
    to the front, ``log`` shows the Log ready to type a muscle's name, ``checkin`` today's
    check-in."""

    def __init__(self, window: QWidget, host: RequestHost):
        self._window = window
        self._host = host
        self._asked: str | None = None

    def answer(self, request: str, token: str = "") -> None:
        """Come to the front (``token``: the desktop's activation token of the start that
        asked, or ""), and carry out ``request`` now or once it can be."""
        bring_to_front(self._window, token)
        if request != "open":
            self._asked = request
            self.carry_out()

    def carry_out(self) -> None:
        """Carry out the request kept, if it can be now (attach() and unlocking call)."""
        request, host = self._asked, self._host
        if request is None or (request == "checkin" and host.store is None) or not host.log_made:
            return
        if host.app_lock is not None and host.app_lock.is_locked():
            return
        self._asked = None
        if request == "log":
            host.show_view("log")
            # The map takes typing: a muscle's name finds it (its find line, map_keys.py).
            host.log.map.setFocus(Qt.FocusReason.OtherFocusReason)
        elif request == "checkin":
            host.show_view("checkin")
            cast("CheckInPage", host.page("checkin")).show_today()
