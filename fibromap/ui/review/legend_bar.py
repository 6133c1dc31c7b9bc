"""The heat-map legend: what the colours mean, drawn as the report draws it
(fibromap/figure/legend.py).

A count's classes (fibromap/analysis/colour_scale.py) are swatches each saying what it
holds ("1–4", "5–12" …); the intensities' fixed 0–10 scale is a bar with round numbers
under it, a tick that would touch its neighbour left out. A swatch of unmarked skin says
"none". The title wraps rather than being cut. With nothing to colour there is no scale,
only a sentence that says so.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from fibromap.analysis.colour_scale import ColourScale
from fibromap.analysis.heatmap import Metric
from fibromap.analysis.ticks import nice_step, nice_ticks, tick_text
from fibromap.figure import colors
from fibromap.figure.legend import NONE, class_colour, class_key, key_height, paint_key, scale_gradient
from fibromap.i18n import N_, _

MARGIN = 4
BAR = 14         # the colour bar's height, and a swatch's width
SWATCH = 18      # the "none" swatch's width beside the bar
GAP = 6          # between a tick label and the next, at least
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
NOTHING = N_("Nothing recorded in this period, so there are no colours to explain.")

# The legend's title for each figure: what it counts and in what, said once.
LEGEND_TITLES = {
    Metric.FLARES: N_("Flares touching the region"),
    Metric.MEAN: N_("Mean intensity (0–10)"),
    Metric.MAX: N_("Highest intensity (0–10)"),
    Metric.BURDEN: N_("Burden (intensity × minutes)"),
    Metric.REFERRED: N_("Times felt here as referred pain"),
}


class LegendBar(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = ""
        self.scale: ColourScale | None = None
        self.ticks: list[str] = []        # the bar's labels, smallest first (intensities)
        self.positions: list[float] = []  # where each falls along the bar, 0 to 1
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(_("Legend"))

    def set_scale(self, title: str, scale: ColourScale | None) -> None:
        """The colours of ``scale`` under ``title``; None: nothing to colour."""
        self.title, self.scale = title, scale
        self.ticks, self.positions = [], []
        if scale is None:
            self.setAccessibleDescription(_(NOTHING))
        elif scale.classes:
            self.setAccessibleDescription(_("{title}: {classes}; unmarked regions have {none}.").format(
                title=title, classes=", ".join(scale.texts()), none=_(NONE)))
        else:
            step = nice_step(scale.maximum, whole=scale.decimals == 0)
            values = nice_ticks(scale.maximum, whole=scale.decimals == 0)
            self.ticks = [tick_text(value, step) for value in values]
            self.positions = [value / scale.maximum for value in values]
            self.setAccessibleDescription(
                _("{title}: from light orange for the least to dark red for the most, "
                  "{maximum}; unmarked regions have {none}.").format(
                    title=title, maximum=f"{scale.maximum:g}", none=_(NONE)))
        self.updateGeometry()
        self.update()

    def entries(self) -> list[tuple[str, QColor]]:
        """The classes' swatches: what each holds and its colour (none for a bar)."""
        if self.scale is None:
            return []
        return [(text, class_colour(self.scale.position(c.high)))
                for text, c in zip(self.scale.texts(), self.scale.classes, strict=True)]

    # -- geometry --------------------------------------------------------------------------
    def _title_rect(self, width: int) -> QRectF:
        metrics = QFontMetrics(self.font())
        text = _(NOTHING) if self.scale is None else self.title
        box = metrics.boundingRect(0, 0, max(1, width - 2 * MARGIN), 10_000, WRAP, text)
        return QRectF(MARGIN, MARGIN, width - 2 * MARGIN, box.height())

    def _bar_rect(self, width: int) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = MARGIN + SWATCH + 4 + metrics.horizontalAdvance(_(NONE)) + 2 * GAP
        # Room for half the last label past the bar's end.
        right = width - MARGIN - metrics.horizontalAdvance(self.ticks[-1] if self.ticks else "0") / 2
        return QRectF(left, self._title_rect(width).bottom() + 6, max(10.0, right - left), BAR)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        title = self._title_rect(width)
        if self.scale is None:
            return int(title.bottom() + MARGIN)
        if self.scale.classes:
            return int(title.bottom() + 6 + key_height(self.entries(), QFontMetricsF(self.font()),
                                                       width - 2 * MARGIN, BAR) + MARGIN)
        return int(self._bar_rect(width).bottom() + 4 + QFontMetrics(self.font()).height() + MARGIN)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, self.heightForWidth(260))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(160, self.heightForWidth(160))

    def key(self) -> list[tuple[QRectF, QRectF, QColor, str]]:
        """The classes' swatches and words, in widget coordinates (none without classes)."""
        if self.scale is None or not self.scale.classes:
            return []
        top = self._title_rect(self.width()).bottom() + 6
        return [(box.translated(MARGIN, top), words.translated(MARGIN, top), colour, text)
                for box, words, colour, text in class_key(
                    self.entries(), QFontMetricsF(self.font()), self.width() - 2 * MARGIN, BAR)]

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
        title = (_(NOTHING) if self.scale is None else self.title, self._title_rect(self.width()))
        if self.scale is None:
            return [title]
        if self.scale.classes:
            return [title, *((text, words) for _box, words, _colour, text in self.key())]
        metrics = QFontMetrics(self.font())
        bar = self._bar_rect(self.width())
        none = QRectF(MARGIN + SWATCH + 4, bar.center().y() - metrics.height() / 2,
                      metrics.horizontalAdvance(_(NONE)), metrics.height())
        return [title, (_(NONE), none), *self.tick_rects()]

    # -- drawing ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        painter.setPen(text)
        title, box = self.text_boxes()[0]
        painter.drawText(box, WRAP, title)
        if self.scale is not None and self.scale.classes:
            paint_key(painter, self.key(), text)
        elif self.scale is not None:
            self._paint_bar(painter, text)
        painter.end()

    def _paint_bar(self, painter: QPainter, text) -> None:
        bar = self._bar_rect(self.width())
        swatch = QRectF(MARGIN, bar.top(), SWATCH, BAR)
        painter.setPen(QPen(colors.OUTLINE, 0.8))
        painter.setBrush(colors.UNMARKED)
        painter.drawRoundedRect(swatch, 3, 3)
        painter.setPen(text)
        painter.drawText(QRectF(swatch.right() + 4, bar.top() - 4, bar.left() - swatch.right(),
                                BAR + 8), int(Qt.AlignmentFlag.AlignVCenter), _(NONE))
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
