"""Callbacks a plain-Python model calls when it changes, as napari's evented models do:
a widget connects to draw the model, a test to watch it, and neither needs Qt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Callback = Callable[..., Any]


class Event:
    """One kind of change. ``emit`` calls every connected callback, in the order they
    were connected, with what changed."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callback] = []

    def connect(self, callback: Callback) -> Callback:
        """Call ``callback`` on every emit from now on; returns it (usable as a decorator)."""
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callback) -> None:
        """Stop calling ``callback``."""
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        """Call the callbacks with ``args``; one connected or disconnected meanwhile is
        called from the next emit on."""
        for callback in list(self._callbacks):
            callback(*args)

    def __repr__(self) -> str:
        return f"Event({self.name!r}, {len(self._callbacks)} connected)"
