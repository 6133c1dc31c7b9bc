"""The insights as a forest plot, grouped by what they measure (flares a day, night-time
flares, overall pain, fatigue …): one unit per group, each group with its own scale at its
top. A row is a comparison: its difference as a dot, the range it could well be in as a
line, a dashed line at 0; those unlikely to be chance as red squares. Hovering a row shows
its sentence in plain words.

Inside a scroll area a group's heading and scale stay at the top of the view while its
rows scroll under them, so whichever rows are on screen, their scale is too (the page
repaints the plot as it scrolls: ``follow``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from fibromap.analysis.insight_words import Scale, group_of, lead, scale_for
from fibromap.analysis.insights import Comparison
from fibromap.analysis.ticks import nice_step, tick_text
from fibromap.figure import colors
from fibromap.i18n import _

ROW_HEIGHT = 26
GROUP_GAP = 14      # above every group but the first
MARGIN = 4
GAP = 12            # between the labels and the plot
TICK = 4            # tick marks' length below the axis
NOTABLE = QColor("#b2182b")
OTHER = QColor("#4d6fa3")
ZERO = QColor(colors.OUTLINE)
WRAP = Qt.TextFlag.TextWordWrap
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def plotted(comparisons: list[Comparison]) -> list[Comparison]:
    """The comparisons that have an interval to draw, in the order given."""
    return [c for c in comparisons if c.enough and c.estimable]


def interval(comparison: Comparison) -> tuple[float, float]:
    """The 95 % interval of a plotted comparison."""
    low, high = comparison.ci_low, comparison.ci_high
    assert low is not None and high is not None  # an estimable difference has an interval
    return low, high


@dataclass
class Group:
    """The rows of one outcome, with the words and the scale they share."""

    outcome: str
    scale: Scale
    rows: list[Comparison]


def grouped(comparisons: list[Comparison]) -> list[Group]:
    """The plotted comparisons by outcome, groups in the order their first row comes."""
    groups: dict[str, Group] = {}
    for comparison in plotted(comparisons):
        group = groups.setdefault(group_of(comparison.outcome), Group(
            group_of(comparison.outcome), scale_for(comparison.outcome), []))
        group.rows.append(comparison)
    return list(groups.values())


def signed(value: float, step: float) -> str:
    """A tick's label: "−1", "0", "+0.5"."""
    text = tick_text(abs(value), step)
    if float(text) == 0:
        return "0"
    return ("+" if value > 0 else "\u2212") + text


def _unbroken(caption: str) -> str:
    """A caption that never breaks "of 0" over two lines."""
    return caption.replace(" of 0", " of\u00a00")


@dataclass
class Placed:
    """A group as laid out at the plot's width: where each part goes."""

    group: Group
    top: float                 # the group's heading
    header: float              # heading and scale, from ``top``
    bottom: float
    unit_box: QRectF
    caption_box: QRectF
    ticks: list[float]
    step: float
    low: float
    high: float
    rows: list[tuple[Comparison, QRectF, list[str]]] = field(default_factory=list)


class ForestPlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Comparison] = []
        self.groups: list[Group] = []
        self.setAccessibleName(_("Forest plot of the comparisons, grouped by what they measure"))
        self.setMouseTracking(True)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_comparisons(self, comparisons: list[Comparison]) -> None:
        self.groups = grouped(comparisons)
        self.rows = [c for group in self.groups for c in group.rows]
        self.setAccessibleDescription(" ".join(
            f"{group.scale.heading} ({group.scale.caption}): "
            + " ".join(lead(c) for c in group.rows) for group in self.groups))
        self.updateGeometry()
        self.update()

    def follow(self, area: QAbstractScrollArea) -> None:
        """Repaint whenever ``area`` scrolls, so each group's scale stays in view."""
        area.verticalScrollBar().valueChanged.connect(lambda _value: self.update())

    # Sizes -------------------------------------------------------------------------------

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        placed = self._layout(width)
        return int(math.ceil(placed[-1].bottom)) if placed else 0

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(640, self.heightForWidth(640))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(360, 0)

    # Layout ------------------------------------------------------------------------------

    def _bold(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def _label_width(self, width: int) -> float:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(c.title) for c in self.rows), default=0)
        return max(140.0, min(widest + 8.0, 0.42 * width))

    def _plot_span(self, width: int) -> tuple[float, float]:
        half = self.fontMetrics().horizontalAdvance("+0.00") / 2
        return MARGIN + self._label_width(width) + GAP + half, width - MARGIN - half

    def _wrapped(self, text: str, width: float) -> QRectF:
        return QRectF(self.fontMetrics().boundingRect(0, 0, max(1, int(width)), 2000,
                                                      int(WRAP), text))

    def _ticks(self, group: Group, span: float) -> tuple[list[float], float, float, float]:
        intervals = [interval(c) for c in group.rows]
        low = min([0.0, *(lo for lo, _hi in intervals)])
        high = max([0.0, *(hi for _lo, hi in intervals)])
        room = self.fontMetrics().horizontalAdvance("+00.0") * 2.2
        step = nice_step((high - low) or 1.0, most=max(3, int(span / room)))
        first = math.floor(low / step + 1e-9) * step
        last = math.ceil(high / step - 1e-9) * step
        count = round((last - first) / step)
        return [first + i * step for i in range(count + 1)], step, first, last

    def _layout(self, width: int) -> list[Placed]:
        metrics = self.fontMetrics()
        line = metrics.height()
        labels = self._label_width(width)
        left, right = self._plot_span(width)
        heading = QFontMetrics(self._bold()).height()
        placed: list[Placed] = []
        y = 0.0
        for index, group in enumerate(self.groups):
            top = y + (GROUP_GAP if index else 0)
            band = top + heading + 4
            unit = self._wrapped(group.scale.unit, labels)
            caption = self._wrapped(_unbroken(group.scale.caption), labels)
            unit.moveTopRight(QPointF(MARGIN + labels, band))
            caption.moveTopRight(QPointF(MARGIN + labels, unit.bottom()))
            scale_height = max(caption.bottom() - band, line + 3 + TICK + 2)
            ticks, step, low, high = self._ticks(group, right - left)
            item = Placed(group, top, heading + 4 + scale_height + 6, 0.0, unit, caption,
                          ticks, step, low, high)
            y = top + item.header
            for comparison in group.rows:
                box = self._wrapped(comparison.title, labels)
                height = max(ROW_HEIGHT, box.height() + 6)
                box = QRectF(MARGIN + labels - box.width(), y + (height - box.height()) / 2,
                             box.width(), box.height())
                item.rows.append((comparison, box, [comparison.title]))
                y += height
            item.bottom = y + 6
            y = item.bottom
            placed.append(item)
        return placed

    def _header_top(self, item: Placed, view_top: float) -> float:
        """Where a group's header is drawn: at its place, or held at the top of the view
        while the group's rows scroll under it (never past the group's end)."""
        return max(item.top, min(view_top, item.bottom - item.header))

    def _view_top(self) -> float:
        return float(self.visibleRegion().boundingRect().top())

    def scale_rects(self) -> list[QRectF]:
        """Each group's scale (its axis, ticks and unit) as drawn now, in the plot's
        coordinates: where a person sees it."""
        view_top = self._view_top()
        left, right = self._plot_span(self.width())
        rects = []
        for item in self._layout(self.width()):
            top = self._header_top(item, view_top)
            rects.append(QRectF(MARGIN, top, right - MARGIN, item.header))
        return rects

    def _x(self, item: Placed, value: float, left: float, right: float) -> float:
        return left + (value - item.low) / ((item.high - item.low) or 1.0) * (right - left)

    def text_boxes(self) -> list[tuple[str, QRectF]]:
        """Every text as drawn where it can be seen (rows under a held header are not)."""
        boxes = []
        view_top = self._view_top()
        for item in self._layout(self.width()):
            shift = self._header_top(item, view_top) - item.top
            boxes += [(text, box.translated(0, shift)) for text, box in self._header_texts(item)]
            covered = self._header_top(item, view_top) + item.header if shift else item.top
            boxes += [(c.title, box) for c, box, _lines in item.rows if box.top() >= covered]
        return boxes

    def _header_texts(self, item: Placed) -> list[tuple[str, QRectF]]:
        metrics = self.fontMetrics()
        heading = QFontMetrics(self._bold())
        left, right = self._plot_span(self.width())
        band = item.top + heading.height() + 4
        caption = item.group.scale.caption
        texts = [(item.group.scale.heading,
                  QRectF(MARGIN, item.top, heading.horizontalAdvance(item.group.scale.heading),
                         heading.height())),
                 (item.group.scale.unit, item.unit_box),
                 (_unbroken(caption), item.caption_box)]
        for tick in item.ticks:
            text = signed(tick, item.step)
            width = metrics.horizontalAdvance(text)
            x = self._x(item, tick, left, right)
            texts.append((text, QRectF(x - width / 2, band, width, metrics.height())))
        return texts

    # Painting ----------------------------------------------------------------------------

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, right = self._plot_span(self.width())
        view_top = self._view_top()
        for item in self._layout(self.width()):
            self._paint_rows(painter, item, left, right)
            self._paint_header(painter, item, self._header_top(item, view_top), left, right)

    def _paint_rows(self, painter: QPainter, item: Placed, left: float, right: float) -> None:
        text = self.palette().windowText().color()
        grid = QColor(text)
        grid.setAlpha(40)
        top, bottom = item.top + item.header, item.bottom - 6
        painter.setPen(QPen(grid, 1))
        for tick in item.ticks:
            x = self._x(item, tick, left, right)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        zero = self._x(item, 0.0, left, right)
        painter.setPen(QPen(ZERO, 1.4, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(zero, top), QPointF(zero, bottom))
        for comparison, box, _lines in item.rows:
            painter.setPen(text)
            painter.drawText(box, int(RIGHT | WRAP), comparison.title)
            y = box.center().y()
            colour = NOTABLE if comparison.notable else OTHER
            low, high = interval(comparison)
            painter.setPen(QPen(colour, 2.4 if comparison.notable else 1.6))
            painter.drawLine(QPointF(self._x(item, low, left, right), y),
                             QPointF(self._x(item, high, left, right), y))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            assert comparison.difference is not None  # a plotted comparison has one
            centre = QPointF(self._x(item, comparison.difference, left, right), y)
            if comparison.notable:
                painter.drawRect(QRectF(centre.x() - 5, y - 5, 10, 10))
            else:
                painter.drawEllipse(centre, 4.5, 4.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_header(self, painter: QPainter, item: Placed, top: float, left: float,
                      right: float) -> None:
        shift = top - item.top
        painter.fillRect(QRectF(0, top, self.width(), item.header),
                         self.palette().color(self.backgroundRole()))
        text = self.palette().windowText().color()
        texts = self._header_texts(item)
        painter.setFont(self._bold())
        painter.setPen(text)
        (heading, box), (unit, unit_box), (caption, caption_box), *ticks = texts
        painter.drawText(box.translated(0, shift), int(Qt.AlignmentFlag.AlignLeft), heading)
        painter.setFont(self.font())
        painter.drawText(unit_box.translated(0, shift), int(Qt.AlignmentFlag.AlignRight | WRAP),
                         unit)
        muted = QColor(text)
        muted.setAlphaF(0.75)
        painter.setPen(muted)
        painter.drawText(caption_box.translated(0, shift),
                         int(Qt.AlignmentFlag.AlignRight | WRAP), caption)
        painter.setPen(text)
        for label, tick_box in ticks:
            painter.drawText(tick_box.translated(0, shift), int(Qt.AlignmentFlag.AlignCenter),
                             label)
        axis = ticks[0][1].bottom() + shift + 2 if ticks else top + item.header - TICK - 6
        if shift:  # held at the top of the view: a rule under it, the rows pass beneath
            painter.setPen(QPen(self.palette().mid().color(), 1))
            painter.drawLine(QPointF(0, top + item.header - 0.5),
                             QPointF(self.width(), top + item.header - 0.5))
        painter.setPen(QPen(ZERO, 1))
        painter.drawLine(QPointF(left, axis), QPointF(right, axis))
        for tick in item.ticks:
            x = self._x(item, tick, left, right)
            painter.drawLine(QPointF(x, axis), QPointF(x, axis + TICK))

    # Hover -------------------------------------------------------------------------------

    def row_at(self, y: float) -> Comparison | None:
        """The comparison drawn at height ``y`` (under no held header), if any."""
        view_top = self._view_top()
        for item in self._layout(self.width()):
            if self._header_top(item, view_top) <= y < self._header_top(item, view_top) + item.header:
                return None
            for comparison, box, _lines in item.rows:
                if box.top() - 4 <= y <= box.bottom() + 4:
                    return comparison
        return None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            comparison = self.row_at(event.pos().y())
            if comparison is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), lead(comparison), self)
            return True
        return super().event(event)
