"""Quieter text (notes on method, results that could well be chance) that still reads:
the text colour taken a third of the way toward the background, so on a light or a dark
palette it keeps a contrast above 4.5:1 (palette(dark) gave about 2.4:1 on light grey)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

TOWARD_BACKGROUND = 0.35


def muted_style() -> str:
    """A style sheet colour for muted text in the application's palette."""
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    back = palette.color(QPalette.ColorRole.Window)
    mix = [round(a + (b - a) * TOWARD_BACKGROUND) for a, b in
           ((text.red(), back.red()), (text.green(), back.green()), (text.blue(), back.blue()))]
    return "color: #{:02x}{:02x}{:02x};".format(*mix)


class MutedLabel(QLabel):
    """A label in muted text that follows a change of theme while the app runs."""

    def __init__(self, text: str = "", word_wrap: bool = True):
        super().__init__(text, wordWrap=word_wrap)
        self.setStyleSheet(muted_style())

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.setStyleSheet(muted_style())
        return super().event(event)
