"""The colour scale of a heat-map drawn as a key, the same on screen and on paper: the
0–10 intensity colours as one gradient, or the classes of a count as swatches, each with
what it holds ("1–4"), after a swatch of unmarked skin for "none"."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QLinearGradient, QPainter, QPen

from fibromap.figure import colors
from fibromap.i18n import N_, _

NONE = N_("none")  # shown as _(NONE)


def scale_gradient(bar: QRectF) -> QLinearGradient:
    """The intensity colours from 0 at ``bar``'s left edge to 10 at its right."""
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for step in range(11):
        gradient.setColorAt(step / 10, colors.intensity_color(step))
    return gradient


def class_colour(position: float) -> QColor:
    """A class's colour, from its place on the scale (0 to 1), as its regions are filled."""
    return colors.intensity_color(10 * position)


def class_key(entries: list[tuple[str, QColor]], metrics: QFontMetricsF, width: float,
              swatch: float) -> list[tuple[QRectF, QRectF, QColor, str]]:
    """Where each swatch and its words go, left to right and onto a new line when the
    next would pass ``width``: (swatch box, text box, colour, text); "none" first."""
    placed = []
    x = y = 0.0
    line = max(swatch, metrics.height()) + swatch / 3
    for text, colour in [(_(NONE), colors.UNMARKED), *entries]:
        wide = swatch + swatch / 3 + metrics.horizontalAdvance(text)
        if x > 0 and x + wide > width:
            x, y = 0.0, y + line
        box = QRectF(x, y + (line - swatch) / 2, swatch, swatch * 0.8)
        words = QRectF(x + swatch * 4 / 3, y, metrics.horizontalAdvance(text) + 1, line)
        placed.append((box, words, colour, text))
        x += wide + swatch
    return placed


def key_height(entries: list[tuple[str, QColor]], metrics: QFontMetricsF, width: float,
               swatch: float) -> float:
    key = class_key(entries, metrics, width, swatch)
    return max(words.bottom() for _box, words, _colour, _text in key)


def paint_key(painter: QPainter, key: list[tuple[QRectF, QRectF, QColor, str]],
              text: QColor) -> None:
    """Draw a key laid out by ``class_key`` (the painter's origin at its top left)."""
    for box, words, colour, label in key:
        painter.setPen(QPen(colors.OUTLINE, 0.8))
        painter.setBrush(colour)
        painter.drawRoundedRect(box, 2, 2)
        painter.setPen(text)
        painter.drawText(words, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         label)
