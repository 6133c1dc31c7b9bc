"""An arrow from where pain starts to where it is felt. Between the front and the back of
the body it stays on the figure it starts from: it runs to that figure's edge, at the
height and on the side of the body where the pain is felt, and ends in a ring holding F
(felt on the front) or B (on the back) instead of a head."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from fibromap.figure import colors
from fibromap.i18n import pgettext

RING = 7.0  # the radius of the ring that ends an arrow to the other figure (scene units)
RING_Z = 9  # above the numbers and their leaders (8): a leader passes under a ring


def ring_letter(front: bool) -> str:
    """The letter in a ring: F (felt on the front) or B (on the back), in the language's
    words for them (German V and H, vorne and hinten)."""
    if front:
        return pgettext("ring letter: felt on the front of the body", "F")
    return pgettext("ring letter: felt on the back of the body", "B")


class _Ring(QGraphicsItem):
    """The ring of an arrow to the other figure, drawn above everything else."""

    def __init__(self, arrow: ReferralArrow):
        super().__init__()
        self.arrow = arrow
        self.setZValue(RING_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.arrow.head_rect().adjusted(-2, -2, 2, 2)

    def paint(self, painter, _option, _widget=None) -> None:
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        self.arrow.paint_ring(painter)


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
        self.ring: QPointF | None = None  # the ring's centre, for an arrow to the other figure
        self.letter = ""                  # F or B in it
        self.ring_radius = RING           # larger on paper, where the figures are small
        self.marker = _Ring(self)         # in the arrow's scene with it
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def itemChange(self, change, value):  # noqa: N802 - Qt's name
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            if self.marker.scene() is not None:
                self.marker.scene().removeItem(self.marker)
            if value is not None:
                value.addItem(self.marker)
        elif change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            self.marker.setVisible(bool(value) and self.ring is not None)
        return super().itemChange(change, value)

    @property
    def width(self) -> float:
        return self._width

    def route(self, start: QPointF, end: QPointF) -> None:
        """A gentle curve from ``start`` to ``end`` with a head at ``end``."""
        self.marker.prepareGeometryChange()
        self.ring, self.letter = None, ""
        self.marker.hide()
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

    def route_to_edge(self, start: QPointF, ring: QPointF, letter: str) -> None:
        """From ``start`` straight to a ring at ``ring`` (beside the figure's edge) holding
        ``letter``: the pain is felt on the other figure, there."""
        self.marker.prepareGeometryChange()
        self.ring, self.letter = ring, letter
        self.marker.setVisible(self.isVisible())
        self._head = QPolygonF()
        dx, dy = ring.x() - start.x(), ring.y() - start.y()
        length = math.hypot(dx, dy) or 1.0
        back = min(0.3, 9.0 / length)
        self._shaft = QPainterPath(QPointF(start.x() + dx * back, start.y() + dy * back))
        radius = self.ring_radius
        self._shaft.lineTo(QPointF(ring.x() - dx / length * radius, ring.y() - dy / length * radius))
        outline = QPainterPath(self._shaft)
        outline.addEllipse(ring, radius + 1, radius + 1)
        self.setPath(outline)

    def head_rect(self) -> QRectF:
        """The arrowhead's (or ring's) bounds in scene coordinates (numbers must not cover it)."""
        if self.ring is not None:
            radius = self.ring_radius + 1
            return self.mapRectToScene(QRectF(self.ring.x() - radius, self.ring.y() - radius,
                                              2 * radius, 2 * radius))
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

    def paint_ring(self, painter) -> None:
        """The ring and its letter (drawn by the marker, above the numbers)."""
        if self.ring is None:
            return
        radius = self.ring_radius
        painter.setPen(QPen(colors.ARROW, radius / 4.5))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(self.ring, radius, radius)
        font = QFont(painter.font())
        font.setBold(True)
        font.setPixelSize(max(1, round(radius * 1.45)))
        letter = QPainterPath()  # drawn as a shape: on paper it is no text to collide with
        letter.addText(0, 0, font, self.letter)
        box = letter.boundingRect()
        letter.translate(self.ring.x() - box.center().x(), self.ring.y() - box.center().y())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.ARROW)
        painter.drawPath(letter)
