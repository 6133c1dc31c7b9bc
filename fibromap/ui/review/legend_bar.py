"""The heat-map legend: the colour scale with numbers on it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import QWidget

from fibromap.figure import colors


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.ticks: list[str] = []
        self.setMinimumHeight(52)
        self.setAccessibleName("Legend")

    def set_scale(self, title: str, ticks: list[str]) -> None:
        self.title, self.ticks = title, ticks
        self.setAccessibleDescription(f"{title}: from {ticks[0]} to {ticks[-1]}" if ticks else title)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, 52)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        bar = QRectF(8, line + 4, self.width() - 16, 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for step in range(11):
            gradient.setColorAt(step / 10, colors.intensity_color(step))
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(8, 0, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setPen(QPen(colors.OUTLINE, 0.8))
        painter.setBrush(gradient)
        painter.drawRoundedRect(bar, 3, 3)
        painter.setPen(self.palette().windowText().color())
        count = len(self.ticks)
        for index, tick in enumerate(self.ticks):
            x = bar.left() + bar.width() * (index / (count - 1) if count > 1 else 0)
            painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom() + 3))
            width = metrics.horizontalAdvance(tick)
            left = min(max(x - width / 2, 0), self.width() - width)
            painter.drawText(int(left), int(bar.bottom() + 4 + metrics.ascent()), tick)
        painter.end()
