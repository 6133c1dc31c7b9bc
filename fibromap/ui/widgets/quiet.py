"""Setting widgets' values in code without their signals answering as if a person had."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QSignalBlocker


@contextmanager
def quiet(*widgets: QObject) -> Iterator[None]:
    """Block the signals of ``widgets`` inside the block, then give each back the state it had."""
    blockers = [QSignalBlocker(widget) for widget in widgets]
    try:
        yield
    finally:
        for blocker in reversed(blockers):
            blocker.unblock()
