"""One running FibroMap per person and database: a second start hands its request to the
first (which comes to the front) and ends.

The first start listens on a local socket (config.instance_address: a socket file in the
person's runtime folder, or a named pipe on Windows), never a network one. A request is one
line: ``open``, ``log`` or ``checkin``, and perhaps the desktop's activation token (which
lets a Wayland desktop bring the window to the front); the answer is ``ok``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal

REQUESTS = ("open", "log", "checkin")
CONNECT_MS = 2000
ANSWER_MS = 5000  # the running app may be busy for a moment (a backup, a large import)
LONGEST_LINE = 512
# The token a Wayland desktop gives a start it launched; handed on, it lets the running
# window come to the front (requests.py).
TOKEN_VARIABLE = "XDG_ACTIVATION_TOKEN"
TOKEN = re.compile(r"[\w.:+=/-]{1,400}")


def _token() -> str:
    token = os.environ.get(TOKEN_VARIABLE, "")
    return token if TOKEN.fullmatch(token) else ""


def hand_over(address: str, request: str) -> bool:
    """Give ``request`` to the FibroMap running on ``address``; True once it has taken it,
    False when none runs there (nothing listens, or only a socket left by a crash) or it
    does not answer."""
    if os.path.isabs(address) and not (os.path.exists(address) and _private_folder(address)):
        # Nothing has listened there (no need to load Qt's network module), or the folder
        # is not the person's alone: what answers there is not to be trusted.
        return False
    from PySide6.QtNetwork import QLocalSocket  # only a second start reaches this

    socket = QLocalSocket()
    socket.connectToServer(address)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(f"{request} {_token()}".strip().encode() + b"\n")
    socket.waitForBytesWritten(CONNECT_MS)
    taken = socket.waitForReadyRead(ANSWER_MS) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.abort()
    return taken


def _private_folder(address: str, make: bool = False) -> bool:
    """Whether the socket file's folder is there (``make``: made if need be) and the
    person's alone."""
    if not os.path.isabs(address):
        return True  # a name Qt places itself
    folder = Path(address).parent
    try:
        if make:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.stat()
    except OSError:
        return False
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not info.st_mode & 0o077)


class InstanceServer(QObject):
    """Listens for the requests of later starts; ``requested`` carries each one (and the
    desktop's activation token, or "")."""

    requested = Signal(str, str)

    def __init__(self, address: str, parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer  # loaded after the window is drawn

        super().__init__(parent)
        self.address = address
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; a socket left behind by a FibroMap that was killed is taken
        over, one that still answers is left alone (False: this one does not listen)."""
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer

        if not _private_folder(self.address, make=True):
            return False
        if self._server.listen(self.address):
            return True
        if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            return False
        if self._answers():
            return False  # another FibroMap on the same records got there first
        QLocalServer.removeServer(self.address)
        return self._server.listen(self.address)

    def _answers(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(self.address)
        alive = probe.waitForConnected(CONNECT_MS)
        probe.abort()
        return alive

    def close(self) -> None:
        """Stop listening (the socket file goes)."""
        self._server.close()

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > LONGEST_LINE:
                socket.abort()  # not one of ours
            return
        request, _, token = bytes(socket.readLine(LONGEST_LINE).data()).decode(
            "ascii", "replace").strip().partition(" ")
        if request not in REQUESTS:
            socket.write(b"unknown\n")
        else:
            self.requested.emit(request, token if TOKEN.fullmatch(token) else "")
            socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
