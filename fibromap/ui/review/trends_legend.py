"""The key to a trends plot, in a strip above it: never over the curves it names.

pyqtgraph's own legend floats inside the plot, where curves run through it; this one takes
the plot's title row and wraps onto a second line when the plot is narrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem

HALF_DAY = 43200
SAMPLE = 22     # width of the little line or mark before each name
SPACING = 18    # between one entry and the next
PAD = 3


def epoch(day: date) -> float:
    """Noon of a day, as the seconds pyqtgraph's date axis reads."""
    return datetime.combine(day, time(12)).timestamp()


@dataclass(frozen=True)
class Entry:
    name: str
    pen: QPen | None
    symbol: str | None = None
    brush: QBrush | None = None
    symbol_pen: QPen | None = None


def entries_of(plot) -> list[Entry]:
    """An entry for each named curve or set of marks in the plot, in drawing order."""
    found = []
    for item in plot.listDataItems():
        name = item.name()
        if not name:
            continue
        pen = item.opts.get("pen")
        symbol = item.opts.get("symbol")
        found.append(Entry(name, pg.mkPen(pen) if pen is not None else None, symbol,
                           pg.mkBrush(item.opts.get("symbolBrush")) if symbol else None,
                           pg.mkPen(item.opts.get("symbolPen")) if symbol else None))
    return found


class LegendStrip(pg.GraphicsWidget):
    """Sits in the plot's title cell, the width of the data area, as tall as its lines."""

    def __init__(self, plot: pg.PlotItem) -> None:
        super().__init__()
        self._plot = plot
        self.entries: list[Entry] = []
        self.font = QFont()
        self.font.setPointSizeF(max(8.0, self.font.pointSizeF() * 0.95))
        self._metrics = QFontMetricsF(self.font)
        self._placed: list[tuple[Entry, QRectF]] = []
        plot.layout.removeItem(plot.titleLabel)
        plot.titleLabel.hide()
        plot.layout.addItem(self, 0, 1)
        self.setMinimumWidth(0)
        # Drawn once per change, then blitted: dragging the plot does not repaint it.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._set_lines(1)

    def set_entries(self, entries: list[Entry]) -> None:
        self.entries = list(entries)
        self._flow()
        self.update()

    def placed(self) -> list[tuple[str, QRectF]]:
        """Each entry's name and where it is drawn, in scene coordinates (for tests)."""
        return [(entry.name, self.mapRectToScene(box)) for entry, box in self._placed]

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._flow()

    def _line_height(self) -> float:
        return self._metrics.height() + 2

    def _set_lines(self, lines: int) -> None:
        height = int(lines * self._line_height() + 2 * PAD)
        if self._plot.layout.rowMinimumHeight(0) != height:
            self._plot.layout.setRowFixedHeight(0, height)
            self.setFixedHeight(height)

    def _flow(self) -> None:
        """Entries left to right, onto a new line where the next would not fit."""
        width = max(1.0, self.width())
        x, line, placed = 0.0, 0, []
        for entry in self.entries:
            wide = SAMPLE + 4 + self._metrics.horizontalAdvance(entry.name)
            if x > 0 and x + wide > width:
                x, line = 0.0, line + 1
            placed.append((entry, QRectF(x, PAD + line * self._line_height(), wide,
                                         self._line_height())))
            x += wide + SPACING
        self._placed = placed
        self._set_lines(line + 1)

    def paint(self, painter: QPainter, *_args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font)
        for entry, box in self._placed:
            middle = box.center().y()
            if entry.pen is not None:
                painter.setPen(entry.pen)
                painter.drawLine(QPointF(box.left() + 1, middle), QPointF(box.left() + SAMPLE - 1, middle))
            if entry.symbol:
                painter.save()
                painter.translate(box.left() + SAMPLE / 2, middle)
                drawSymbol(painter, entry.symbol, 8, entry.symbol_pen, entry.brush)
                painter.restore()
            painter.setPen(QColor("#000000"))
            painter.drawText(QRectF(box.left() + SAMPLE + 4, box.top(), box.width() - SAMPLE - 4,
                                    box.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entry.name)


def week_places(mondays: list[date], start: date, end: date) -> list[tuple[float, bool]]:
    """Where each week's mark goes: the middle of its days inside the period, and whether
    the period holds only part of the week (fewer days counted)."""
    places = []
    for monday in mondays:
        first, last = max(monday, start), min(monday + timedelta(days=6), end)
        places.append(((epoch(first) + epoch(last)) / 2, (last - first).days < 6))
    return places
