"""The heat-map legend: the colour scale with numbers on it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from fibromap.figure.legend import HEIGHT, paint_scale


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.ticks: list[str] = []
        self.setMinimumHeight(HEIGHT)
        self.setAccessibleName("Legend")

    def set_scale(self, title: str, ticks: list[str]) -> None:
        self.title, self.ticks = title, ticks
        self.setAccessibleDescription(f"{title}: from {ticks[0]} to {ticks[-1]}" if ticks else title)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, HEIGHT)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_scale(painter, QRectF(self.rect()), self.title, self.ticks,
                    self.palette().windowText().color())
        painter.end()
