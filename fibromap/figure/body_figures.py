"""The figures of the body map drawn into a QGraphicsScene: the front and back of the
whole figure, and the detail views of the head, hands and feet.

Shared by the interactive map and anything that only draws the body (the report):
regions, outline, face lines, titles and the on-figure L/R labels, and the mirroring
of the views seen face to face for the patient view.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from fibromap.domain.atlas import FIGURES, Atlas, View
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure import colors
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_chip import chip_font, chip_rows, chips
from fibromap.figure.region_item import IntensityLabel, RegionItem, polyline_path, shape_path

FIGURE_GAP = 60.0
TITLE_SPACE = 34.0


def scene_anchor_of(item: RegionItem) -> QPointF:
    """Where an item's number and arrows go, in the scene's coordinates."""
    assert item.anchor is not None  # every region's shape has its anchor
    return item.mapToScene(QPointF(*item.anchor))


class BodyFigures:
    """The views of the map in one scene (``built``: every view, or the whole figure alone
    for a map that never shows a detail view); ``show`` picks the ones on display (the front
    and back of the whole figure, or one detail view), laid side by side. A region drawn in
    several views has an item in each, all showing its state; ``region_items`` holds each
    region's first (for a whole-figure region, the one on the whole figure). The owner
    refreshes the regions after ``show`` and ``apply_orientation``."""

    def __init__(self, scene: QGraphicsScene, atlas: Atlas, geometry: BodyGeometry, font: QFont,
                 built: tuple[View, ...] = FIGURES["body"]):
        self.scene = scene
        self.atlas = atlas
        self.geometry = geometry
        self.region_items: dict[str, RegionItem] = {}
        self.items: dict[str, list[RegionItem]] = {}
        self.labels: dict[str, IntensityLabel] = {}
        self.containers: dict[View, QGraphicsRectItem] = {}
        self.titles: dict[View, QGraphicsSimpleTextItem] = {}
        self.side_labels: dict[View, tuple[QGraphicsSimpleTextItem, QGraphicsSimpleTextItem]] = {}
        self.below: dict[View, float] = {}  # room taken under a view by its whole-region buttons
        self.shown: tuple[View, ...] = ()
        self._outlines: dict[View, list[QGraphicsPathItem]] = {}
        self._mirrored = False
        self._build(font, built)
        self.show(FIGURES["body"])

    def _build(self, font: QFont, built: tuple[View, ...]) -> None:
        title_font = QFont(font)
        title_font.setPixelSize(17)
        title_font.setBold(True)
        side_font = QFont(title_font)
        side_font.setPixelSize(20)
        for view in built:
            figure = self.geometry.views[view]
            container = QGraphicsRectItem(0, 0, figure.width, figure.height)
            container.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
            self.scene.addItem(container)
            self.containers[view] = container
            items = [RegionItem(self.atlas.region(region_id), shape)
                     for region_id, shape in figure.regions.items()]
            buttons = chips(self.atlas, figure, chip_font(font)) if view.figure != "body" else []
            self.below[view] = chip_rows(figure, buttons)
            container.setRect(0, 0, figure.width, figure.height + self.below[view])
            for item in items + buttons:
                self._add(item, view)
            self._draw_outline(view)
            title = QGraphicsSimpleTextItem(view.title)
            title.setFont(title_font)
            title.setBrush(colors.LABEL)
            self.scene.addItem(title)
            self.titles[view] = title
            sides = []
            for _ in range(2):
                text = QGraphicsSimpleTextItem()
                text.setFont(side_font)
                text.setBrush(colors.CURRENT)
                text.setZValue(7)
                self.scene.addItem(text)
                sides.append(text)
            self.side_labels[view] = (sides[0], sides[1])

    def _add(self, item: RegionItem, view: View) -> None:
        """A region's item in a view, with the region's number (one for all its items)."""
        region_id = item.region.id
        item.setParentItem(self.containers[view])
        item.view = view
        self.items.setdefault(region_id, []).append(item)
        self.region_items.setdefault(region_id, item)
        if region_id not in self.labels:
            label = IntensityLabel()
            self.scene.addItem(label)
            label.hide()
            self.labels[region_id] = label

    def show(self, views: tuple[View, ...]) -> None:
        """Show ``views`` side by side (the others are hidden) and fit the scene to them."""
        self.shown = tuple(views)
        x, height = 0.0, 0.0
        for view, container in self.containers.items():
            visible = view in self.shown
            container.setVisible(visible)
            self.titles[view].setVisible(visible)
            for text in self.side_labels[view]:
                text.setVisible(visible)
        for view in self.shown:
            figure = self.geometry.views[view]
            self.containers[view].setPos(x, TITLE_SPACE)
            title = self.titles[view]
            title.setPos(x + (figure.width - title.boundingRect().width()) / 2, 4)
            x += figure.width + FIGURE_GAP
            height = max(height, figure.height + self.below[view])
        self.scene.setSceneRect(QRectF(-4, 0, x - FIGURE_GAP + 8, height + TITLE_SPACE + 4))
        self._place_sides()

    def _draw_outline(self, view: View) -> None:
        """The view's outline and its lines (face, navel, fingers), drawn over the regions."""
        figure = self.geometry.views[view]
        drawn = self._outlines.setdefault(view, [])
        for paths, pen in (([shape_path(figure.silhouette)], QPen(colors.OUTLINE, 1.5)),
                           ([polyline_path(line) for line in figure.details],
                            QPen(colors.DETAIL, 0.9))):
            for path in paths:
                item = QGraphicsPathItem(path, self.containers[view])
                item.setPen(pen)
                item.setZValue(4)
                item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                drawn.append(item)

    def set_geometry(self, geometry: BodyGeometry) -> None:
        """Draw the same regions from another drawing (another build of the figure); what
        each region shows stays. The owner refreshes the regions after."""
        self.geometry = geometry
        for view, container in self.containers.items():
            figure = geometry.views[view]
            container.setRect(0, 0, figure.width, figure.height + self.below[view])
            for item in self._outlines.pop(view):
                self.scene.removeItem(item)
            self._draw_outline(view)
        for items in self.items.values():
            for item in items:
                shape = geometry.views[item.view].regions.get(item.region.id)
                if shape is not None:  # not a whole-region button (region_chip.py)
                    item.set_shape(shape)
        self.show(self.shown)
        self._mirror()

    def apply_orientation(self, orientation: Orientation) -> None:
        self._mirrored = orientation is Orientation.PATIENT
        self._mirror()

    def _mirror(self) -> None:
        for view, container in self.containers.items():
            width = self.geometry.views[view].width
            container.setTransform(QTransform(-1, 0, 0, 1, width, 0)
                                   if self._mirrored and view.facing else QTransform())
        self._place_sides()

    def _place_sides(self) -> None:
        for view, (left, right) in self.side_labels.items():
            figure = self.geometry.views[view]
            # Seen from behind, or in a mirror, the person's left is on the viewer's left.
            left_is_left = not view.facing or self._mirrored
            left.setText("L" if left_is_left else "R")
            right.setText("R" if left_is_left else "L")
            origin = self.containers[view].pos()
            x, y = figure.sides_at
            for text, at in ((left, x), (right, figure.width - x)):
                box = text.boundingRect()
                text.setPos(origin.x() + at - box.width() / 2, origin.y() + y - box.height() / 2)

    def shown_item(self, region_id: str) -> RegionItem | None:
        """The region's item in a view on display, if it has one."""
        return next((item for item in self.items.get(region_id, ())
                     if item.view in self.shown), None)

    def shown_anchor(self, region_id: str) -> QPointF | None:
        """A region's anchor on display, or the anchor of the region it lies in; None when
        neither is on display."""
        item = self.shown_item(region_id)
        if item is None and region_id in self.atlas:
            parent = self.atlas.region(region_id).parent
            item = self.shown_item(parent) if parent else None
        return scene_anchor_of(item) if item else None

    def scene_anchor(self, region_id: str) -> QPointF:
        """Where a region's number and arrows go: as shown_anchor, else at its first item
        (hidden)."""
        anchor = self.shown_anchor(region_id)
        if anchor is None:
            anchor = scene_anchor_of(self.region_items[region_id])
        return anchor

    def refresh(self, region_id: str) -> None:
        """Redraw every item of a region from the first's state; its number goes on the one
        on display (none when it has none)."""
        first = self.region_items[region_id]
        for item in self.items[region_id]:
            if item is not first:
                item.copy_state(first)
                if item.view.figure != "body":
                    item.parts_marked = []  # its parts are drawn beside it, marked themselves
            item.refresh()
        shown = self.shown_item(region_id)
        if shown is None:
            self.labels[region_id].hide()
        else:
            self.labels[region_id].show_for(shown, scene_anchor_of(shown))

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
