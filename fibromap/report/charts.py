"""Small vector charts painted straight into the report."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from fibromap.analysis.ticks import nice_ticks
from fibromap.domain.wording import LONG_SPAN_DAYS, chart_date
from fibromap.figure import colors
from fibromap.i18n import DEFAULT, current, formats

BAR = colors.BAR
GRID = QColor("#d9d4cc")
PARTIAL = QColor("#d3deec")
AXIS = QColor("#5d5750")
MISSING = QColor("#a59d92")


def _nice(peak: float) -> float:
    """The top of an axis: the peak rounded up to 1, 2, 2.5 or 5 times a power of ten."""
    if peak <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(peak))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= peak)


def _number(value: float) -> str:
    if current() != DEFAULT:
        return formats.decimal(value, 0 if value == int(value) else 1)
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def chart_day(day, span_days: int) -> str:
    """A bar's date: "05 Dec" over a few months; "Dec 2016" over most of a year or more
    (fibromap.domain.wording.chart_date), in the language's own order and names."""
    if current() == DEFAULT:
        return chart_date(day, span_days)
    skeleton = "yMMM" if span_days > LONG_SPAN_DAYS else "MMMd"
    return formats.dated(day, "", skeleton).replace(" ", "\u00a0")


def bar_chart(painter: QPainter, box: QRectF, labels: Sequence[str],
              values: Sequence[float | None],
              *, highlight=(), partial=(), label_every: int = 1, scale_max: float | None = None,
              line: Sequence[float | None] = (), line_max: float = 10.0,
              line_label: str = "") -> None:
    """Bars on a y-axis from 0 (to ``scale_max``, a score's own maximum, or a round number
    above the largest value), an optional line on its own 0–``line_max`` axis at the right;
    bars in ``partial`` (scaled from fewer days) are drawn paler with a dashed outline; a
    value of None (nothing recorded) has no bar but a short grey dash on the axis."""
    metrics = painter.fontMetrics()
    text_h = metrics.height()
    known = [v for v in values if v is not None]
    peak = scale_max or _nice(max(known, default=0))
    # Round steps (0, 10, 20 under a top of 25; never 12.5 flares), whole for counts.
    ticks = nice_ticks(peak, most=4, whole=all(float(v).is_integer() for v in known))
    left_axis = max(metrics.horizontalAdvance(_number(t)) for t in ticks) + 6
    has_line = sum(v is not None for v in line) >= 2
    right_axis = metrics.horizontalAdvance(_number(line_max)) + 6 if has_line else 4
    plot = QRectF(box.left() + left_axis, box.top() + text_h + 2,
                  box.width() - left_axis - right_axis, box.height() - 2 * text_h - 6)
    slot = plot.width() / max(1, len(values))
    # Labels wider than the room asked for them (a language's long month: "dez. de 2025")
    # are spaced further apart, never run into each other.
    widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
    label_every = max(label_every, math.ceil(widest / slot))
    painter.save()
    _value_axis(painter, box, plot, ticks, peak, left_axis)
    value_labels = _bars(painter, box, plot, slot, labels, values, peak, highlight=highlight,
                         partial=partial, label_every=label_every)
    painter.setPen(QPen(AXIS, 0.7))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    if has_line:
        _line(painter, box, plot, slot, line, line_max, line_label, right_axis)
    # Each bar's number on a white backing, so the intensity line never runs through it.
    for rect, text in value_labels:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(rect)
        painter.setPen(QColor("#222222"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _value_axis(painter: QPainter, box: QRectF, plot: QRectF, ticks: Sequence[float], peak: float,
                left_axis: float) -> None:
    """The bars' scale at the left, with a grid line across the plot at each tick."""
    text_h = painter.fontMetrics().height()
    for tick in ticks:
        y = plot.bottom() - plot.height() * tick / peak
        painter.setPen(QPen(GRID, 0.4))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(box.left(), y - text_h / 2, left_axis - 3, text_h),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(tick))


def _bars(painter: QPainter, box: QRectF, plot: QRectF, slot: float, labels: Sequence[str],
          values: Sequence[float | None], peak: float, *, highlight, partial,
          label_every: int) -> list[tuple[QRectF, str]]:
    """The bars and their labels under the axis; returns each bar's number and the box it
    is to be written in, drawn last, over the line, on a backing."""
    metrics = painter.fontMetrics()
    text_h = metrics.height()
    show_values = len(values) <= 40
    value_labels: list[tuple[QRectF, str]] = []
    shown = ""  # the last label under the axis: a month written once, not under two bars
    for index, value in enumerate(values):
        if value is None:  # nothing recorded: a dash on the axis, no bar and no number
            painter.setPen(QPen(MISSING, 1.2))
            middle = plot.left() + (index + 0.5) * slot
            painter.drawLine(QPointF(middle - slot * 0.2, plot.bottom() - 2),
                             QPointF(middle + slot * 0.2, plot.bottom() - 2))
        else:
            height = plot.height() * min(value, peak) / peak
            bar = QRectF(plot.left() + index * slot + slot * 0.15, plot.bottom() - height,
                         slot * 0.7, height)
            _bar(painter, bar, index in highlight, index in partial)
            text = _number(value)
            if show_values and value and slot > metrics.horizontalAdvance(text) + 1:
                wide = metrics.horizontalAdvance(text) + 4
                value_labels.append((QRectF(bar.center().x() - wide / 2, bar.top() - text_h,
                                            wide, text_h), text))
        painter.setPen(QColor("#222222"))
        if index % label_every == 0 and labels[index] != shown:
            shown = labels[index]
            span = slot * label_every
            left = max(box.left(), plot.left() + (index + 0.5) * slot - span / 2)
            painter.drawText(QRectF(left, plot.bottom() + 2, min(span, box.right() - left), text_h),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextSingleLine,
                             labels[index])
    return value_labels


def _bar(painter: QPainter, bar: QRectF, highlighted: bool, partial: bool) -> None:
    """One bar: warm when highlighted, pale with a dashed outline when scaled from fewer days."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors.HIGHLIGHT if highlighted else BAR)
    if partial:
        painter.setBrush(PARTIAL)
        painter.setPen(QPen(BAR, 0.8, Qt.PenStyle.DashLine))
    painter.drawRect(bar)


def _line(painter: QPainter, box: QRectF, plot: QRectF, slot: float, line: Sequence[float | None],
          line_max: float, line_label: str, right_axis: float) -> None:
    """The line through each bar's value, broken where there is none (a week with no mark
    in pain has no intensity: no line is drawn across it), on its own 0–``line_max`` axis at
    the right, named above it."""
    text_h = painter.fontMetrics().height()
    tone = colors.intensity_color(8)
    path = QPainterPath()
    joined = False  # whether the point before had a value
    for i, v in enumerate(line):
        if v is None:
            joined = False
            continue
        point = QPointF(plot.left() + (i + 0.5) * slot, plot.bottom() - plot.height() * v / line_max)
        if joined:
            path.lineTo(point)
        else:
            path.moveTo(point)
            path.addEllipse(point, 0.8, 0.8)  # a lone value still shows
            path.moveTo(point)
        joined = True
    painter.setPen(QPen(tone, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.drawLine(plot.bottomRight(), plot.topRight())
    for tick in (0, line_max / 2, line_max):
        y = plot.bottom() - plot.height() * tick / line_max
        painter.drawText(QRectF(plot.right() + 3, y - text_h / 2, right_axis, text_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         _number(tick))
    painter.drawText(QRectF(plot.right() - 220, box.top(), 220, text_h),
                     Qt.AlignmentFlag.AlignRight, line_label)
