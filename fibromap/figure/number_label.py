"""One region's number on a heat-map: a box in its region's colour, maybe with a leader
line to a dot on the region, drawn above the arrows in black or white, whichever contrasts
more with the box (WCAG ratio 4.58 or better)."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem

from fibromap.figure import colors

Z = 8  # above arrows (5), the built-in numbers (6) and the L/R labels (7)


def _pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


class NumberLabel(QGraphicsItem):
    """``pixel``: scene units per pixel (or point) of the output, for the lines' widths."""

    def __init__(self, region_item, text: str, box: QRectF, font: QFont, pixel: float,
                 anchor: QPointF | None = None):
        super().__init__()
        self.region_item = region_item
        self.region_id = region_item.region.id
        self.text = text
        self.box = box
        self.font = font
        self.pixel = pixel
        self.leader = None if anchor is None else QLineF(anchor, QPointF(
            min(max(anchor.x(), box.left()), box.right()),
            min(max(anchor.y(), box.top()), box.bottom())))
        self.setZValue(Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def fill(self) -> QColor:
        return self.region_item.brush().color()

    def text_color(self) -> QColor:
        return colors.text_color_on(self.fill())

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        rect = QRectF(self.box)
        if self.leader is not None:
            rect = rect.united(QRectF(self.leader.p1(), self.leader.p2()).normalized())
        margin = 3 * self.pixel
        return rect.adjusted(-margin, -margin, margin, margin)

    def paint(self, painter, _option, _widget=None) -> None:
        pixel, fill = self.pixel, self.fill()
        if self.leader is not None:
            painter.setPen(_pen(QColor(255, 255, 255, 220), 3 * pixel))  # a halo over arrows
            painter.drawLine(self.leader)
            painter.setPen(_pen(colors.LABEL, 1.2 * pixel))
            painter.drawLine(self.leader)
            painter.setBrush(colors.LABEL)
            painter.setPen(_pen(QColor("white"), pixel))
            painter.drawEllipse(self.leader.p1(), 2.5 * pixel, 2.5 * pixel)
            painter.setPen(_pen(colors.LABEL, pixel))  # an outlined box: it names a region elsewhere
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(self.box, 2 * pixel, 2 * pixel)
        painter.setFont(self.font)
        painter.setPen(self.text_color())
        painter.drawText(self.box, int(Qt.AlignmentFlag.AlignCenter), self.text)
