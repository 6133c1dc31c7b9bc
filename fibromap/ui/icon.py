"""The app's icon at every size it ships in, for windows, the tray and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from fibromap.config import resource


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        icon.addFile(str(resource("icons", f"fibromap-{size}.png")), QSize(size, size))
    return icon
