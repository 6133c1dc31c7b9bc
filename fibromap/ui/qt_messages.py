"""Keep Qt's own chatter that means nothing to a person off the terminal."""

from __future__ import annotations

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

# The offscreen platform cannot pass size hints to a window manager it does not have.
_HARMLESS = ("This plugin does not support propagateSizeHints",)


def _handler(kind: QtMsgType, context, message: str) -> None:
    if any(message.startswith(text) for text in _HARMLESS):
        return
    if _previous is not None:
        _previous(kind, context, message)
    else:
        import sys
        print(message, file=sys.stderr)


_previous = None


def quiet_harmless_messages() -> None:
    global _previous
    _previous = qInstallMessageHandler(_handler)
