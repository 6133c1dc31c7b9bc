"""Small vector charts painted straight into the report."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from fibromap.figure import colors

BAR = QColor("#7a9cc6")
PARTIAL = QColor("#d3deec")
AXIS = QColor("#5d5750")


def bar_chart(painter: QPainter, box: QRectF, labels: Sequence[str], values: Sequence[float],
              *, highlight=(), partial=(), label_every: int = 1,
              line: Sequence[float | None] = (), line_max: float = 10.0,
              line_label: str = "") -> None:
    """Bars with their numbers, an optional line on its own 0–``line_max`` scale; bars in
    ``partial`` (scaled from fewer days) are drawn paler with a dashed outline."""
    metrics = painter.fontMetrics()
    text_h = metrics.height()
    plot = QRectF(box.left() + 4, box.top() + text_h + 2, box.width() - 8,
                  box.height() - 2 * text_h - 6)
    peak = max(values, default=0) or 1
    slot = plot.width() / max(1, len(values))
    painter.save()
    for index, value in enumerate(values):
        height = plot.height() * value / peak
        bar = QRectF(plot.left() + index * slot + slot * 0.15, plot.bottom() - height,
                     slot * 0.7, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.intensity_color(5) if index in highlight else BAR)
        if index in partial:
            painter.setBrush(PARTIAL)
            painter.setPen(QPen(BAR, 0.8, Qt.PenStyle.DashLine))
        painter.drawRect(bar)
        painter.setPen(QColor("#222222"))
        if value and slot > metrics.horizontalAdvance(f"{value:g}") + 1:
            painter.drawText(QRectF(bar.left() - 8, bar.top() - text_h, bar.width() + 16, text_h),
                             Qt.AlignmentFlag.AlignCenter, f"{value:g}")
        if index % label_every == 0:
            painter.drawText(QRectF(plot.left() + index * slot - 30, plot.bottom() + 2, slot + 60,
                                    text_h), Qt.AlignmentFlag.AlignCenter, labels[index])
    painter.setPen(QPen(AXIS, 0.7))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    points = [QPointF(plot.left() + (i + 0.5) * slot, plot.bottom() - plot.height() * v / line_max)
              for i, v in enumerate(line) if v is not None]
    if len(points) >= 2:
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(colors.intensity_color(8), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.drawText(QRectF(plot.right() - 220, box.top(), 220, text_h),
                         Qt.AlignmentFlag.AlignRight, line_label)
    painter.restore()
