"""An arrow from where pain starts to where it is felt."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem

from fibromap.figure import colors


class ReferralArrow(QGraphicsPathItem):
    def __init__(self, source: str, target: str, width: float = 2.2):
        super().__init__()
        self.source = source
        self.target = target
        self._width = width
        pen = QPen(colors.ARROW, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.setPen(pen)
        self.setBrush(colors.ARROW)
        self.setZValue(5)
        self._shaft = QPainterPath()
        self._head = QPolygonF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def route(self, start: QPointF, end: QPointF) -> None:
        """A gentle curve from ``start`` to ``end`` with a head at ``end``."""
        dx, dy = end.x() - start.x(), end.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        bend = min(40.0, 0.2 * length)
        control = QPointF((start.x() + end.x()) / 2 - dy / length * bend,
                          (start.y() + end.y()) / 2 + dx / length * bend)
        # Start and stop short of the anchors so the numbers there stay readable.
        back = min(0.3, 9.0 / length)
        start = QPointF(start.x() + dx * back, start.y() + dy * back)
        tip = QPointF(end.x() - dx * back, end.y() - dy * back)
        angle = math.atan2(tip.y() - control.y(), tip.x() - control.x())
        size = 5 + self._width * 2
        self._head = QPolygonF([
            tip,
            QPointF(tip.x() - size * math.cos(angle - 0.45), tip.y() - size * math.sin(angle - 0.45)),
            QPointF(tip.x() - size * math.cos(angle + 0.45), tip.y() - size * math.sin(angle + 0.45)),
        ])
        # The shaft ends inside the head so its round cap does not poke out of the tip.
        inset = QPointF(tip.x() - size * 0.6 * math.cos(angle), tip.y() - size * 0.6 * math.sin(angle))
        self._shaft = QPainterPath(start)
        self._shaft.quadTo(control, inset)
        outline = QPainterPath(self._shaft)
        outline.addPolygon(self._head)
        self.setPath(outline)

    def head_rect(self):
        """The arrowhead's bounds in scene coordinates (numbers must not cover it)."""
        return self.mapRectToScene(self._head.boundingRect())

    def paint(self, painter, option, widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # A pale halo first, so the arrow reads on any fill.
        halo = QPen(QColor(255, 255, 255, 210), self._width + 3)
        halo.setCapStyle(Qt.PenCapStyle.RoundCap)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(halo)
        painter.drawPath(self._shaft)
        painter.drawPolygon(self._head)
        painter.setPen(self.pen())
        painter.drawPath(self._shaft)
        painter.setPen(QPen(colors.ARROW, 1))
        painter.setBrush(colors.ARROW)
        painter.drawPolygon(self._head)
