"""A small bar chart with its numbers, for counts by hour, weekday or duration."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from fibromap.figure import colors


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float] = []
        self.highlight: set[int] = set()   # bars drawn in the warm colour (night hours)
        self.label_every = 1
        self.empty_text = "No flares in this period"
        self.scale_max: float | None = None
        self.setMinimumSize(320, 170)
        self.setAccessibleName(title)

    def set_data(self, labels: list[str], values: list[float], highlight=(), label_every: int = 1,
                 scale_max: float | None = None):
        """``scale_max`` fixes the top of the scale (a score's maximum); else the largest value."""
        self.labels, self.values = list(labels), list(values)
        self.scale_max = scale_max
        self.highlight = set(highlight)
        self.label_every = label_every
        self.setAccessibleDescription(", ".join(f"{l}: {v:g}" for l, v in zip(labels, values)))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 190)

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        text = self.palette().windowText().color()
        painter.setPen(text)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(4, 0, self.width() - 8, line), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.setFont(self.font())
        if not self.values:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        # Room for labels of two lines ("30 s – 2 min") under the bars.
        top, bottom = line + line + 4, self.height() - 2 * line - 4
        peak = self.scale_max or max(self.values) or 1
        ticks = _ticks(peak)
        axis = max(metrics.horizontalAdvance(_number(tick)) for tick in ticks) + 8
        left, right = 4 + axis, self.width() - 4
        for tick in ticks:  # the y-axis: its numbers, and faint lines across
            y = bottom - (bottom - top) * tick / peak
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, axis - 2, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             _number(tick))
            painter.setPen(QColor(colors.REGION_EDGE))
            painter.drawLine(int(left), int(y), int(right), int(y))
        painter.setPen(QColor(colors.OUTLINE))
        painter.drawLine(int(left), int(top), int(left), int(bottom))
        slot = (right - left) / len(self.values)
        for index, (label, value) in enumerate(zip(self.labels, self.values)):
            height = (bottom - top) * value / peak
            bar = QRectF(left + index * slot + slot * 0.12, bottom - height, slot * 0.76, height)
            fill = colors.intensity_color(5) if index in self.highlight else QColor("#7a9cc6")
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRect(bar)
            painter.setPen(text)
            if value and slot >= metrics.horizontalAdvance(f"{value:g}") + 2:
                painter.drawText(QRectF(bar.left() - 10, bar.top() - line, bar.width() + 20, line),
                                 Qt.AlignmentFlag.AlignCenter, f"{value:g}")
            if index % self.label_every == 0:
                wide = slot * self.label_every
                painter.drawText(QRectF(left + index * slot + slot / 2 - wide / 2, bottom + 2,
                                        wide, 2 * line),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap, label)
        painter.setPen(QColor(colors.OUTLINE))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        painter.end()


def _ticks(peak: float) -> list[float]:
    """0, the middle and the top of the scale; whole numbers where the scale allows."""
    middle = peak / 2
    return [0, round(middle) if peak >= 4 else middle, peak]


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"
