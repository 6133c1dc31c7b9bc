"""A notes box as tall as what is written in it, inside a form that scrolls: the form is
the one thing that scrolls, never a box within it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

MIN_LINES = 3


class GrowingTextEdit(QPlainTextEdit):
    def __init__(self, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent, placeholderText=placeholder)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self.fit())
        self.fit()

    def fit(self) -> None:
        """Take the height of the lines written, as they wrap now (three at least)."""
        lines = max(MIN_LINES, round(self.document().documentLayout().documentSize().height()))
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * round(self.document().documentMargin())
                  + margins.top() + margins.bottom() + 4)
        if height != self.height():
            self.setFixedHeight(height)
