"""The insights as a forest plot: one row per comparison, its difference as a dot and its
95 % interval as a line, with a line at zero; notable ones (after the false-discovery-rate
correction) in a strong colour. The sentence shows on hover.

This module imports pyqtgraph, so the Insights view loads it only when it first has
something to draw: start-up stays fast.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from fibromap.analysis.insights import Comparison
from fibromap.figure import colors

ROW_HEIGHT = 24
NOTABLE = QColor("#b2182b")
OTHER = QColor("#4d6fa3")
ZERO = QColor(colors.OUTLINE)


def plotted(comparisons: list[Comparison]) -> list[Comparison]:
    """The comparisons that have an interval to draw, in the order given."""
    return [c for c in comparisons if c.enough and c.estimable]


def interval(comparison: Comparison) -> tuple[float, float]:
    """The 95 % interval of a plotted comparison."""
    low, high = comparison.ci_low, comparison.ci_high
    assert low is not None and high is not None  # an estimable difference has an interval
    return low, high


class ForestPlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        pg.setConfigOptions(antialias=True)
        super().__init__(parent, background=None)
        self.rows: list[Comparison] = []
        self.setAccessibleName("Forest plot of the comparisons")
        item = self.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=False, alpha=0.2)
        item.setLabel("bottom", "Difference (exposed minus other days), with its 95 % interval")
        text = self.palette().windowText().color()
        for side in ("left", "bottom"):
            item.getAxis(side).setTextPen(text)
            item.getAxis(side).setPen(pg.mkPen(ZERO))
        self._points = pg.ScatterPlotItem(hoverable=True, tip=self._tip, size=9,
                                          hoverSize=13, pen=pg.mkPen(None))
        self._zero = pg.InfiniteLine(0, angle=90, pen=pg.mkPen(ZERO, width=1.4,
                                                                style=Qt.PenStyle.DashLine))
        self._intervals: list[pg.PlotDataItem] = []
        item.addItem(self._zero)
        item.addItem(self._points)

    def _tip(self, x: float, y: float, data: int | None) -> str:
        return self.rows[int(data)].sentence() if data is not None else ""

    def set_comparisons(self, comparisons: list[Comparison]) -> None:
        item = self.getPlotItem()
        for line in self._intervals:
            item.removeItem(line)
        self._intervals = []
        self.rows = plotted(comparisons)
        count = len(self.rows)
        # The first comparison at the top.
        ys = [count - 1 - index for index in range(count)]
        spots = []
        for index, (comparison, y) in enumerate(zip(self.rows, ys, strict=True)):
            colour = NOTABLE if comparison.notable else OTHER
            line = pg.PlotDataItem(list(interval(comparison)), [y, y],
                                   pen=pg.mkPen(colour, width=2.4 if comparison.notable else 1.6))
            item.addItem(line)
            self._intervals.append(line)
            spots.append({"pos": (comparison.difference, y), "data": index,
                          "brush": pg.mkBrush(colour),
                          "symbol": "s" if comparison.notable else "o"})
        self._points.setData(spots)
        item.getAxis("left").setTicks([[(y, c.title) for c, y in zip(self.rows, ys, strict=True)]])
        intervals = [interval(c) for c in self.rows]
        lows = [low for low, _high in intervals] + [0.0]
        highs = [high for _low, high in intervals] + [0.0]
        span = max(highs) - min(lows) or 1.0
        item.setXRange(min(lows) - 0.05 * span, max(highs) + 0.05 * span, padding=0)
        item.setYRange(-0.7, max(count, 1) - 0.3, padding=0)
        self.setMinimumHeight(70 + ROW_HEIGHT * max(count, 1))
        self.setAccessibleDescription(" ".join(c.sentence() for c in self.rows))
