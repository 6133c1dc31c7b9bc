"""Tab order for widgets added after a window is built (the words of the form arrive once
the database is open): Qt puts a new widget at the end of the window's Tab chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def focusable_before(widget: QWidget) -> QWidget | None:
    """The nearest widget before ``widget`` in the Tab chain that Tab can stop at.

    (Qt's focus chain is a ring, so ``other`` is never None in practice; the stubs allow it.)"""
    other = widget.previousInFocusChain()
    while other is not None and other is not widget:
        if other.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return other
        other = other.previousInFocusChain()
    return None


def focusable_after(widget: QWidget) -> QWidget | None:
    """The next widget after ``widget`` (and outside it) that Tab would stop at now."""
    other = widget.nextInFocusChain()
    while other is not None and other is not widget:
        if (other.focusPolicy() & Qt.FocusPolicy.TabFocus and other.isVisible()
                and other.isEnabled() and not widget.isAncestorOf(other)):
            return other
        other = other.nextInFocusChain()
    return None


def chain(first: QWidget | None, *following: QWidget | None) -> None:
    """Tab from ``first`` through ``following`` in turn (None entries are skipped)."""
    previous = first
    for widget in following:
        if widget is None:
            continue
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget
