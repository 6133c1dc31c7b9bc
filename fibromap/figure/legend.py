"""The colour scale of a heat-map: the 0–10 intensity colours as one gradient."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QLinearGradient

from fibromap.figure import colors


def scale_gradient(bar: QRectF) -> QLinearGradient:
    """The intensity colours from 0 at ``bar``'s left edge to 10 at its right."""
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    for step in range(11):
        gradient.setColorAt(step / 10, colors.intensity_color(step))
    return gradient
