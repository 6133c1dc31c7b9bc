"""The colour scale of a heat-map with its title and numbers, painted into any box."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen

from fibromap.figure import colors

HEIGHT = 52  # what the scale needs, in pixels, with a line of text above and below


def paint_scale(painter: QPainter, box: QRectF, title: str, ticks: list[str],
                text: QColor) -> None:
    """The title, the 0–10 colour bar and ``ticks`` spread evenly under it, in ``box``."""
    metrics = painter.fontMetrics()
    line = metrics.height()
    bar = QRectF(box.left() + 8, box.top() + line + 4, box.width() - 16, 12)
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for step in range(11):
        gradient.setColorAt(step / 10, colors.intensity_color(step))
    painter.setPen(text)
    painter.drawText(QRectF(bar.left(), box.top(), bar.width(), line), Qt.AlignmentFlag.AlignLeft,
                     title)
    painter.setPen(QPen(colors.OUTLINE, 0.8))
    painter.setBrush(gradient)
    painter.drawRoundedRect(bar, 3, 3)
    painter.setPen(text)
    count = len(ticks)
    for index, tick in enumerate(ticks):
        x = bar.left() + bar.width() * (index / (count - 1) if count > 1 else 0)
        painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom() + 3))
        width = metrics.horizontalAdvance(tick)
        left = min(max(x - width / 2, box.left()), box.right() - width)
        painter.drawText(int(left), int(bar.bottom() + 4 + metrics.ascent()), tick)
