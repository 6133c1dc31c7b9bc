"""The figures of the body map drawn into a QGraphicsScene: the front and back of the
whole figure, and the detail views of the head, hands and feet.

Shared by the interactive map and anything that only draws the body (the report):
regions, outline, face lines, titles and the on-figure L/R labels, and the mirroring
of the views seen face to face for the patient view.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from fibromap.domain.atlas import FIGURES, Atlas, Side, View
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure import colors
from fibromap.figure.arrow_routes import route_arrow
from fibromap.figure.deep_covers import link_deep
from fibromap.figure.midline import midline_of
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_chip import chip_font, chip_rows, chips
from fibromap.figure.region_item import IntensityLabel, RegionItem, polyline_path, shape_path
from fibromap.i18n import _, pgettext

FIGURE_GAP = 60.0
TITLE_SPACE = 34.0


def view_title(view: View) -> str:
    """A view's title in the language of the moment: the whole figure's "Front" and "Back"
    (the body's sides, not a step back), the detail views' as the atlas names them."""
    if view is View.FRONT:
        return pgettext("body side", "Front")
    if view is View.BACK:
        return pgettext("body side", "Back")
    return _(view.title)


def side_letters() -> tuple[str, str]:
    """The letters for the patient's own left and right: L and R; Spanish I and D."""
    return (pgettext("the patient's left, one letter", "L"),
            pgettext("the patient's right, one letter", "R"))


def scene_anchor_of(item: RegionItem) -> QPointF:
    """Where an item's number and arrows go, in the scene's coordinates."""
    assert item.anchor is not None  # every region's shape has its anchor
    return item.mapToScene(QPointF(*item.anchor))


class BodyFigures:
    """The views of the map in one scene (``built``: every view, or the whole figure alone
    for a map that never shows a detail view); ``show`` picks the ones on display (the front
    and back of the whole figure, or one detail view), laid side by side. A region drawn in
    several views has an item in each, all showing its state; ``region_items`` holds each
    region's first: the one on the view it is catalogued on (the upper trapezius's on the
    back, though the front shows it too), where its number and arrows go. The owner
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
        # Room for numbers: between the figures (``gap``) and beside them (``margin``).
        self.gap, self.margin = FIGURE_GAP, 0.0
        self._outlines: dict[View, list[QGraphicsPathItem]] = {}
        self._mirrored = False
        self._midlines: dict[View, float] = {}  # each view's, in its own frame
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
            title = QGraphicsSimpleTextItem(view_title(view))
            title.setFont(title_font)
            title.setBrush(colors.LABEL)
            self.scene.addItem(title)
            self.titles[view] = title
            sides = []
            for _side in range(2):
                text = QGraphicsSimpleTextItem()
                text.setFont(side_font)
                text.setBrush(colors.CURRENT)
                text.setZValue(7)
                self.scene.addItem(text)
                sides.append(text)
            self.side_labels[view] = (sides[0], sides[1])
        self._link_deep()  # the whole figure's views before their closer parts

    def _add(self, item: RegionItem, view: View) -> None:
        """A region's item in a view, with the region's number (one for all its items)."""
        region_id = item.region.id
        item.setParentItem(self.containers[view])
        item.view = view
        items = self.items.setdefault(region_id, [])
        if view is item.region.view:  # its own view's item first, in the order of views
            items.insert(0, item)
            self.region_items[region_id] = item
        else:
            items.append(item)
            self.region_items.setdefault(region_id, item)
        if region_id not in self.labels:
            label = IntensityLabel()
            self.scene.addItem(label)
            label.hide()
            self.labels[region_id] = label

    def _link_deep(self) -> None:
        """Each deep muscle and the surface one it lies under (deep_covers.py)."""
        link_deep({view: {item.region.id: item for items in self.items.values() for item in items
                          if item.view is view and type(item) is RegionItem}
                   for view in self.containers}, self.geometry.build.value)

    def show(self, views: tuple[View, ...]) -> None:
        """Show ``views`` side by side (the others are hidden) and fit the scene to them."""
        self.shown = tuple(views)
        gap = self.gap if len(self.shown) > 1 else FIGURE_GAP
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
            x += figure.width + gap
            height = max(height, figure.height + self.below[view])
        margin = self.margin + 4
        self.scene.setSceneRect(QRectF(-margin, 0, x - gap + 2 * margin,
                                       height + TITLE_SPACE + 4))
        self._place_sides()

    def body_path(self) -> QPainterPath:
        """The outlines of the views on display, in scene coordinates."""
        path = QPainterPath()
        for view in self.shown:
            outline = shape_path(self.geometry.views[view].silhouette)
            path.addPath(self.containers[view].mapToScene(outline))
        return path

    def set_room(self, gap: float, margin: float) -> None:
        """Leave ``gap`` between the figures and ``margin`` beside them (room for numbers
        on leaders), and fit the scene to them."""
        self.gap, self.margin = max(FIGURE_GAP, gap), max(0.0, margin)
        self.show(self.shown)

    def midline(self, view: View) -> float:
        """Where the body's midline of a shown view is, as a scene x (found from the
        regions drawn in mirror pairs, midline.py)."""
        if view not in self._midlines:
            self._midlines[view] = midline_of(self.geometry.views[view])
        return self.containers[view].mapToScene(QPointF(self._midlines[view], 0)).x()

    def strip(self, region_id: str) -> tuple[float, float]:
        """The scene x range a region's number may use: its own half of its figure (the
        whole figure for a region on the midline), out to half the gap to the next figure
        or to the scene's edge."""
        item = self.shown_item(region_id) or self.region_items[region_id]
        view = item.view
        order = [shown for shown in self.shown if shown in self.containers]
        rect = self.scene.sceneRect()
        left, right = rect.left(), rect.right()
        if view in order:
            index = order.index(view)
            x = self.containers[view].pos().x()
            width = self.geometry.views[view].width
            if index > 0:
                left = x - self.gap / 2
            if index < len(order) - 1:
                right = x + width + self.gap / 2
        middle = self.midline(view)
        if item.region.side is Side.CENTER:
            return left, right
        centre = item.mapToScene(item.path()).boundingRect().center().x()
        return (left, middle) if centre < middle else (middle, right)

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
        self._midlines = {}
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
        self._link_deep()
        self.show(self.shown)
        self._mirror()

    @property
    def mirrored(self) -> bool:
        """The views seen face to face are drawn as in a mirror (the patient view)."""
        return self._mirrored

    def route_arrow(self, arrow) -> bool:
        """Draw a ReferralArrow between its regions on display, or to the edge of its
        source's figure when the pain is felt on the other (arrow_routes.py); False when
        one of its ends is not on display."""
        return route_arrow(self, arrow)

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
            letters = side_letters()
            left.setText(letters[0] if left_is_left else letters[1])
            right.setText(letters[1] if left_is_left else letters[0])
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

    def set_values(self, values: dict[str, float], position, fmt) -> None:
        """Heat-map colours: each region's figure at ``position(value)`` along the colour
        scale, 0 to 1 (analysis/colour_scale.py); others blank."""
        for region_id, item in self.region_items.items():
            value = values.get(region_id)
            item.value = value
            item.value_fraction = position(value) if value is not None else 0.0
            item.value_text = fmt(value) if value is not None else ""
