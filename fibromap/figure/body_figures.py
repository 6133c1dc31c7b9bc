"""The two figures, front and back, drawn into a QGraphicsScene.

Shared by the interactive map and anything that only draws the body (the report):
regions, outline, face lines, titles and the on-figure L/R labels, and the mirroring
of the front for the patient view.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem,
)

from fibromap.domain.atlas import Atlas, View
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure import colors
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_item import IntensityLabel, RegionItem, polyline_path, shape_path

FIGURE_GAP = 60.0
TITLE_SPACE = 34.0


class BodyFigures:
    def __init__(self, scene: QGraphicsScene, atlas: Atlas, geometry: BodyGeometry, font: QFont):
        self.scene = scene
        self.atlas = atlas
        self.geometry = geometry
        self.region_items: dict[str, RegionItem] = {}
        self.labels: dict[str, IntensityLabel] = {}
        self.containers: dict[View, QGraphicsRectItem] = {}
        self.side_labels: dict[View, tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]] = {}
        self._build(font)

    def _build(self, font: QFont) -> None:
        width, height = self.geometry.width, self.geometry.height
        title_font = QFont(font)
        title_font.setPixelSize(17)
        title_font.setBold(True)
        side_font = QFont(title_font)
        side_font.setPixelSize(20)
        for index, view in enumerate((View.FRONT, View.BACK)):
            container = QGraphicsRectItem(0, 0, width, height)
            container.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
            container.setPos(index * (width + FIGURE_GAP), TITLE_SPACE)
            self.scene.addItem(container)
            self.containers[view] = container
            figure = self.geometry.views[view]
            for region_id, shape in figure.regions.items():
                item = RegionItem(self.atlas.region(region_id), shape)
                item.setParentItem(container)
                self.region_items[region_id] = item
                label = IntensityLabel()
                self.scene.addItem(label)
                label.hide()
                self.labels[region_id] = label
            self._lines(container, [shape_path(figure.silhouette)], QPen(colors.OUTLINE, 1.5))
            self._lines(container, [polyline_path(line) for line in figure.details],
                        QPen(colors.DETAIL, 0.9))
            title = QGraphicsSimpleTextItem("Front" if view is View.FRONT else "Back")
            title.setFont(title_font)
            title.setBrush(colors.LABEL)
            title.setPos(container.x() + (width - title.boundingRect().width()) / 2, 4)
            self.scene.addItem(title)
            sides = []
            for _ in range(2):
                text = QGraphicsSimpleTextItem()
                text.setFont(side_font)
                text.setBrush(colors.CURRENT)
                text.setZValue(7)
                self.scene.addItem(text)
                sides.append(text)
            self.side_labels[view] = (sides[0], sides[1])
        self.scene.setSceneRect(QRectF(-4, 0, 2 * width + FIGURE_GAP + 8, height + TITLE_SPACE + 4))

    @staticmethod
    def _lines(container, paths, pen: QPen) -> None:
        for path in paths:
            item = QGraphicsPathItem(path, container)
            item.setPen(pen)
            item.setZValue(4)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def apply_orientation(self, orientation: Orientation) -> None:
        width, unit = self.geometry.width, self.geometry.head_unit
        mirrored = orientation is Orientation.PATIENT
        self.containers[View.FRONT].setTransform(
            QTransform(-1, 0, 0, 1, width, 0) if mirrored else QTransform())
        for view, (left, right) in self.side_labels.items():
            # Seen from behind, or in a mirror, the person's left is on the viewer's left.
            left_is_left = view is View.BACK or mirrored
            left.setText("L" if left_is_left else "R")
            right.setText("R" if left_is_left else "L")
            origin = self.containers[view].pos()
            for text, offset in ((left, -0.95), (right, 0.95)):
                box = text.boundingRect()
                text.setPos(origin.x() + width / 2 + offset * unit - box.width() / 2,
                            origin.y() + 1.02 * unit - box.height() / 2)

    def scene_anchor(self, region_id: str) -> QPointF:
        item = self.region_items[region_id]
        return item.mapToScene(QPointF(*item.anchor))

    def refresh(self, region_id: str) -> None:
        item = self.region_items[region_id]
        item.refresh()
        self.labels[region_id].show_for(item, self.scene_anchor(region_id))

    def set_values(self, values: dict[str, float], maximum: float, fmt) -> None:
        """Heat-map colours: each region's figure as a fraction of ``maximum`` (others blank)."""
        for region_id, item in self.region_items.items():
            value = values.get(region_id)
            item.value = value
            item.value_fraction = min(1.0, value / maximum) if value and maximum else 0.0
            item.value_text = fmt(value) if value is not None else ""

    def declutter(self, avoid=()) -> int:
        """Hide the numbers that would overlap a bigger one or anything in ``avoid`` (scene
        rectangles, such as arrowheads); returns how many were hidden. Larger values keep
        their number first."""
        shown = [(region_id, label) for region_id, label in self.labels.items()
                 if label.isVisible()]
        shown.sort(key=lambda pair: -(self.region_items[pair[0]].value or 0))
        kept = list(avoid)
        hidden = 0
        for _region_id, label in shown:
            box = label.sceneBoundingRect().adjusted(-1, -1, 1, 1)
            if any(box.intersects(other) for other in kept):
                label.hide()
                hidden += 1
            else:
                kept.append(box)
        return hidden
