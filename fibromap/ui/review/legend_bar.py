"""The heat-map legend: what the colours mean, with round numbers under the scale.

The title wraps rather than being cut; a swatch of unmarked skin says "none"; the ticks
are round numbers (0, 5, 10, 15, 20) placed where those values fall on the bar, and a
tick that would touch its neighbour is left out.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fibromap.analysis.heatmap import Metric
from fibromap.analysis.ticks import nice_step, nice_ticks, tick_text
from fibromap.figure import colors
from fibromap.figure.legend import scale_gradient

MARGIN = 4
BAR = 14         # the colour bar's height
SWATCH = 18      # the "none" swatch's width
GAP = 6          # between a tick label and the next, at least
NONE = "none"

# The legend's title for each figure: what it counts and in what, said once.
LEGEND_TITLES = {
    Metric.FLARES: "Flares touching the region",
    Metric.MEAN: "Mean intensity (0–10)",
    Metric.MAX: "Highest intensity (0–10)",
    Metric.BURDEN: "Burden (intensity × minutes)",
    Metric.REFERRED: "Times felt here as referred pain",
}


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.maximum = 1.0
        self.ticks: list[str] = []        # the labels under the bar, smallest first
        self.positions: list[float] = []  # where each falls along the bar, 0 to 1
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName("Legend")

    def set_scale(self, title: str, maximum: float, whole: bool) -> None:
        """Colours from 0 to ``maximum``; ``whole``: counts, never shown with decimals."""
        self.title, self.maximum = title, maximum
        step = nice_step(maximum, whole=whole)
        values = nice_ticks(maximum, whole=whole)
        self.ticks = [tick_text(value, step) for value in values]
        self.positions = [value / maximum if maximum else 0.0 for value in values]
        self.setAccessibleDescription(
            f"{title}: from light orange for the least to dark red for the most, "
            f"{maximum:g}; unmarked regions have {NONE}.")
        self.updateGeometry()
        self.update()

    # -- geometry --------------------------------------------------------------------------
    def _title_rect(self, width: int) -> QRectF:
        metrics = QFontMetrics(self.font())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        box = metrics.boundingRect(0, 0, max(1, width - 2 * MARGIN), 10_000, flags, self.title)
        return QRectF(MARGIN, MARGIN, width - 2 * MARGIN, box.height())

    def _bar_rect(self, width: int) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = MARGIN + SWATCH + 4 + metrics.horizontalAdvance(NONE) + 2 * GAP
        # Room for half the last label past the bar's end.
        right = width - MARGIN - metrics.horizontalAdvance(self.ticks[-1] if self.ticks else "0") / 2
        return QRectF(left, self._title_rect(width).bottom() + 6, max(10.0, right - left), BAR)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        metrics = QFontMetrics(self.font())
        return int(self._bar_rect(width).bottom() + 4 + metrics.height() + MARGIN)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, self.heightForWidth(260))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(160, self.heightForWidth(160))

    def tick_rects(self) -> list[tuple[str, QRectF]]:
        """The tick labels drawn and where, in widget coordinates (none of them touch)."""
        metrics = QFontMetrics(self.font())
        bar = self._bar_rect(self.width())
        drawn: list[tuple[str, QRectF]] = []
        for text, position in zip(self.ticks, self.positions, strict=True):
            width = metrics.horizontalAdvance(text)
            x = bar.left() + bar.width() * position
            rect = QRectF(min(x - width / 2, self.width() - MARGIN - width), bar.bottom() + 4,
                          width, metrics.height())
            if not drawn or rect.left() >= drawn[-1][1].right() + GAP:
                drawn.append((text, rect))
        return drawn

    def text_boxes(self) -> list[tuple[str, QRectF]]:
        """Every text the legend draws and its box (for the legibility test)."""
        metrics = QFontMetrics(self.font())
        bar = self._bar_rect(self.width())
        none = QRectF(MARGIN + SWATCH + 4, bar.center().y() - metrics.height() / 2,
                      metrics.horizontalAdvance(NONE), metrics.height())
        return [(self.title, self._title_rect(self.width())), (NONE, none), *self.tick_rects()]

    # -- drawing ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        width = self.width()
        painter.setPen(text)
        painter.drawText(self._title_rect(width),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), self.title)
        bar = self._bar_rect(width)
        swatch = QRectF(MARGIN, bar.top(), SWATCH, BAR)
        painter.setPen(QPen(colors.OUTLINE, 0.8))
        painter.setBrush(colors.UNMARKED)
        painter.drawRoundedRect(swatch, 3, 3)
        painter.setPen(text)
        painter.drawText(QRectF(swatch.right() + 4, bar.top() - 4, bar.left() - swatch.right(),
                                BAR + 8), int(Qt.AlignmentFlag.AlignVCenter), NONE)
        painter.setPen(QPen(colors.OUTLINE, 0.8))
        painter.setBrush(scale_gradient(bar))
        painter.drawRoundedRect(bar, 3, 3)
        painter.setPen(text)
        metrics = painter.fontMetrics()
        for label, rect in self.tick_rects():
            position = self.positions[self.ticks.index(label)]
            x = bar.left() + bar.width() * position
            painter.drawLine(int(x), int(bar.bottom()), int(x), int(bar.bottom() + 3))
            painter.drawText(int(rect.left()), int(rect.top() + metrics.ascent()), label)
        painter.end()
