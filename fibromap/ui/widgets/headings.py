"""Headings: the page's font in bold, larger for a page's title."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

SECTION = 1.0   # a section within a page: bold only
TITLE = 1.3     # a page's title
SUBTITLE = 1.15  # a part of a page with several sections of its own


def heading(text: str = "", scale: float = SECTION, wrap: bool = False) -> QLabel:
    """A bold label, ``scale`` times the usual size; ``wrap``: over lines, never cut."""
    label = QLabel(text, wordWrap=wrap)
    font = label.font()
    font.setBold(True)
    if scale != SECTION:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
