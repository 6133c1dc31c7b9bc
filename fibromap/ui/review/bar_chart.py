"""A small bar chart with its numbers, for counts by hour, weekday or duration."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

from fibromap.analysis.ticks import nice_ticks
from fibromap.figure import colors
from fibromap.i18n import _
from fibromap.i18n.formats import decimal, short

GAP = 8          # at least this much clear space between two labels under the bars
WRAP = Qt.TextFlag.TextWordWrap
MISSING = "–"    # written where a value is missing (a week without records has no WPI)


@dataclass
class _Layout:
    title_height: int
    top: float
    bottom: float
    left: float
    right: float
    axis: float
    ticks: list[float]
    peak: float
    slot: float
    labels: list[tuple[int, list[str], QRectF]] = field(default_factory=list)


MANY_BARS = 6           # more bars than this: labelled every n-th where room is short
MIN_STEPPED_LABELS = 4  # labels such a chart always has room for


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.values: list[float | None] = []   # None: no value (drawn as a gap with MISSING)
        self.label_zero = False   # write "0" on a measured 0, told apart from a gap
        self.missing_label = MISSING  # written on a gap where it fits ("no WPI"), else MISSING
        self.highlight: set[int] = set()   # bars in colors.HIGHLIGHT (night hours), named in the title
        self.label_every: int | None = 1
        self.empty_text = _("No flares in this period")
        self.scale_max: float | None = None
        self.setMinimumHeight(140)
        self.setAccessibleName(title)

    def set_data(self, labels: Sequence[str], values: Sequence[float | None],
                 highlight: Iterable[int] = (), label_every: int | None = 1,
                 scale_max: float | None = None) -> None:
        """Labels may hold non-breaking spaces ("30\u00a0s") to keep words together, and
        wrap at the other spaces. ``label_every``: label every n-th bar (1: every one,
        which the chart asks room for); None: as many as fit. ``scale_max`` fixes the top
        of the scale (a score's maximum); else the largest value. A value of None is no
        value (a week without records): a gap marked with MISSING, never a bar of 0."""
        self.labels, self.values = list(labels), list(values)
        self.scale_max = scale_max
        self.highlight = set(highlight)
        self.label_every = label_every
        self.setAccessibleDescription(", ".join(
            f"{label}: {_('none') if v is None else short(v)}".replace("\u00a0", " ").replace("\n", " ")
            for label, v in zip(labels, values, strict=True)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(max(420, self.minimumSizeHint().width()), 190)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Wide enough for every category's label, each word whole, when all are labelled."""
        metrics = self.fontMetrics()
        axis = _axis_width(metrics, _ticks(self._peak(), self.values))
        words = [metrics.horizontalAdvance(word) + 2 for label in self.labels
                 for part in label.split("\n") for word in part.split(" ")]
        every = self.label_every or max(1, len(self.labels))
        # Many bars (dates) need room for a few labels only: where the chart is narrower,
        # _try_labels labels fewer of them (a long month in Portuguese, "dez. de 2025").
        labelled = len(self.labels) / every
        if self.label_every is not None and len(self.labels) > MANY_BARS:
            labelled = min(labelled, MIN_STEPPED_LABELS)
        width = 4 + axis + 4 + labelled * (max(words, default=0) + GAP)
        return QSize(int(max(160, width)) + 1, 140)

    def label_boxes(self) -> list[tuple[int, list[str], QRectF]]:
        """The labels shown under the bars, as drawn: bar index, lines, and their box."""
        return self._layout().labels

    def text_boxes(self) -> list[tuple[str, QRectF]]:
        """Every text the chart draws and the box it takes (for the legibility test)."""
        if not self.values:
            return []
        metrics, layout = self.fontMetrics(), self._layout()
        line = metrics.height()
        top, bottom, peak = layout.top, layout.bottom, layout.peak
        boxes = []
        for tick in layout.ticks:
            y = bottom - (bottom - top) * tick / peak
            width = metrics.horizontalAdvance(_number(tick))
            boxes.append((_number(tick), QRectF(layout.axis + 2 - width, y - line / 2, width, line)))
        for index, value in enumerate(self.values):
            text = self._value_text(value, layout.slot)
            width = metrics.horizontalAdvance(text)
            if text and layout.slot >= width + 2:
                centre = layout.left + (index + 0.5) * layout.slot
                y = bottom - (bottom - top) * (value or 0) / peak
                boxes.append((text, QRectF(centre - width / 2, y - line, width, line)))
        for _index, lines, box in layout.labels:
            boxes.append((" ".join(lines), QRectF(box.left(), box.top(), box.width(),
                                                  len(lines) * line)))
        return boxes

    def _peak(self) -> float:
        return self.scale_max or max(_given(self.values), default=0) or 1

    def _value_text(self, value: float | None, room: float | None = None) -> str:
        """The text written over a bar: for no value the missing label where it fits in
        ``room`` (else MISSING); "0" only when zeros are measured values worth saying
        (label_zero), else nothing for 0."""
        if value is None:
            fits = room is None or self.fontMetrics().horizontalAdvance(self.missing_label) + 2 <= room
            return self.missing_label if fits else MISSING
        return short(value) if value or self.label_zero else ""

    def _layout(self) -> _Layout:
        metrics = self.fontMetrics()
        line = metrics.height()
        bold = QFont(self.font())
        bold.setBold(True)
        title_height = QFontMetrics(bold).boundingRect(
            QRect(0, 0, max(1, self.width() - 8), 10 * line), WRAP, self.title).height()
        peak = self._peak()
        ticks = _ticks(peak, self.values)
        axis = _axis_width(metrics, ticks)
        left, right = 4 + axis, self.width() - 4
        slot = (right - left) / max(1, len(self.values))
        layout = _Layout(title_height, title_height + line + 4, 0, left, right, axis, ticks,
                         peak, slot)
        layout.labels = self._place_labels(metrics, left, right, slot)
        lines = max((len(shown) for _i, shown, _box in layout.labels), default=1)
        layout.bottom = self.height() - lines * line - 6
        for _index, _lines, box in layout.labels:
            box.moveTop(layout.bottom + 3)
        # Fewer numbers up the axis where a short chart has no room for each on its line.
        most = len(ticks) - 1
        while most > 1 and len(layout.ticks) > 2 and (layout.bottom - layout.top) * (
                layout.ticks[1] - layout.ticks[0]) / peak < line:
            layout.ticks = _ticks(peak, self.values, most)
            most -= 1
        return layout

    def _place_labels(self, metrics: QFontMetrics, left: float, right: float,
                      slot: float) -> list[tuple[int, list[str], QRectF]]:
        """Every ``label_every``-th label, or, if they cannot all be read side by side,
        the fewest steps between labels at which they can."""
        count = len(self.labels)
        first = self.label_every or 1
        for every in [first] + [n for n in range(first + 1, count + 1)]:
            placed = _try_labels(metrics, self.labels, every, left, right, slot)
            if placed is not None:
                return placed
        return []

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        text = self.palette().windowText().color()
        layout = self._layout()
        painter.setPen(text)
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(4, 0, self.width() - 8, layout.title_height),
                         Qt.AlignmentFlag.AlignLeft | WRAP, self.title)
        painter.setFont(self.font())
        if not self.values:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect().adjusted(8, layout.title_height, -8, 0),
                             Qt.AlignmentFlag.AlignCenter | WRAP, self.empty_text)
            return
        top, bottom, left, right, peak = (layout.top, layout.bottom, layout.left, layout.right,
                                          layout.peak)
        for tick in layout.ticks:  # the y-axis: its numbers, and faint lines across
            y = bottom - (bottom - top) * tick / peak
            painter.setPen(text)
            painter.drawText(QRectF(0, y - line / 2, layout.axis + 2, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             _number(tick))
            painter.setPen(QColor(colors.REGION_EDGE))
            painter.drawLine(int(left), int(y), int(right), int(y))
        painter.setPen(QColor(colors.OUTLINE))
        painter.drawLine(int(left), int(top), int(left), int(bottom))
        slot = layout.slot
        for index, value in enumerate(self.values):
            height = (bottom - top) * (value or 0) / peak
            bar = QRectF(left + index * slot + slot * 0.12, bottom - height, slot * 0.76, height)
            fill = colors.HIGHLIGHT if index in self.highlight else colors.BAR
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRect(bar)
            painter.setPen(text)
            shown = self._value_text(value, slot)
            if shown and slot >= metrics.horizontalAdvance(shown) + 2:
                painter.drawText(QRectF(bar.left() - 10, bar.top() - line, bar.width() + 20, line),
                                 Qt.AlignmentFlag.AlignCenter, shown)
        painter.setPen(text)
        for _index, lines, box in layout.labels:
            for number, text_line in enumerate(lines):
                painter.drawText(QRectF(box.left(), box.top() + number * line, box.width(), line),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextDontClip, text_line)
        painter.setPen(QColor(colors.OUTLINE))
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        painter.end()


def _try_labels(metrics: QFontMetrics, labels: list[str], every: int, left: float, right: float,
                slot: float) -> list[tuple[int, list[str], QRectF]] | None:
    """Labels of every ``every``-th bar, each centred under its bar (kept inside the chart),
    wrapped between words only; None if a word is too wide or two labels would touch."""
    room = slot * every - GAP  # a label's box may be this wide, and no wider
    placed: list[tuple[int, list[str], QRectF]] = []
    for index in range(0, len(labels), every):
        lines = _wrap(labels[index], metrics, room - 2)
        width = max(metrics.horizontalAdvance(text) for text in lines) + 2
        if width > room:
            return None
        centre = left + index * slot + slot / 2
        x = min(max(centre - width / 2, left), right - width)
        box = QRectF(x, 0, width, len(lines) * metrics.height())
        if placed and placed[-1][2].right() + GAP > box.left():
            return None
        placed.append((index, lines, box))
    return placed


def _wrap(label: str, metrics: QFontMetrics, width: float) -> list[str]:
    """The label's lines: its own line breaks, then breaks at (breaking) spaces as needed."""
    lines = []
    for part in label.split("\n"):
        current = ""
        for word in part.split(" "):
            joined = f"{current} {word}" if current else word
            if current and metrics.horizontalAdvance(joined) > width:
                lines.append(current)
                current = word
            else:
                current = joined
        lines.append(current)
    return lines


def _given(values: Sequence[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def _axis_width(metrics: QFontMetrics, ticks: list[float]) -> float:
    return max(metrics.horizontalAdvance(_number(tick)) for tick in ticks) + 8


def _ticks(peak: float, values, most: int = 5) -> list[float]:
    """Round numbers up the scale (0, 10, 20 for a peak of 22, not 0, 11, 22); whole
    numbers for counts (never half a flare)."""
    return nice_ticks(peak, most=most, whole=all(float(v).is_integer() for v in _given(values)))


def _number(value: float) -> str:
    return f"{value:g}" if value == int(value) else decimal(value, 1)
