"""One clickable body region on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from fibromap.domain.atlas import Layer, Region
from fibromap.domain.flare import SiteRole
from fibromap.domain.geometry import Shape
from fibromap.figure import colors
from fibromap.figure.fill_marks import dots, hatching, mark_colour
from fibromap.i18n import N_, _
from fibromap.i18n.formats import in_sentence

# A referred zone the person did not rate: hatched over the unrated fill, marked "?".
REFERRED_NOT_RATED = N_("referred, not rated")  # shown as _(REFERRED_NOT_RATED)


def shape_path(shape: Shape) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shape.rings:
        path.moveTo(*ring[0])
        for point in ring[1:]:
            path.lineTo(*point)
        path.closeSubpath()
    return path


def polyline_path(points) -> QPainterPath:
    path = QPainterPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    return path


class RegionItem(QGraphicsPathItem):
    """A region's shape, filled by its intensity, outlined when current or hovered."""

    def __init__(self, region: Region, shape: Shape):
        super().__init__(shape_path(shape))
        self.region = region
        self.anchor = shape.anchor
        self.intensity: int | None = None
        self.role: SiteRole | None = None  # None: not part of the flare
        self.current = False
        self.hovered = False
        self.linked = False  # a zone of the referral being edited
        # Heat-map mode: a figure for the region, drawn as a fraction of the scale.
        self.value: float | None = None
        self.value_fraction = 0.0
        self.value_text = ""
        # A whole-figure region whose parts are marked in a detail view: (name, intensity).
        self.parts_marked: list[tuple[str, int | None]] = []
        self.view = region.view  # the view this item is drawn in
        # A deep muscle and the surface one it lies under (fill_marks.lying_over): with no
        # colour of its own it shows the colour over it, so a coloured muscle has no hole.
        self.cover: RegionItem | None = None
        self.covered: list[RegionItem] = []
        self._marks: dict[str, QPainterPath] = {}  # its dots and hatching, made once
        self.setAcceptHoverEvents(True)
        self.setToolTip(region.name)
        self.refresh()

    def set_shape(self, shape: Shape) -> None:
        """The same region drawn in another build of the figure."""
        self.setPath(shape_path(shape))
        self.anchor = shape.anchor
        self._marks = {}

    @property
    def marked(self) -> bool:
        return self.role is not None

    STATE = ("intensity", "role", "current", "hovered", "linked", "value", "value_fraction",
             "value_text", "parts_marked")

    def copy_state(self, other: RegionItem) -> None:
        """Show what ``other`` (the same region in another view) shows."""
        for name in self.STATE:
            setattr(self, name, getattr(other, name))

    @property
    def parts_intensity(self) -> int | None:
        """The strongest rating among the marked parts (None: none rated yet)."""
        return max((i for _name, i in self.parts_marked if i is not None), default=None)

    def accessible_name(self) -> str:
        if self.value is not None:
            return f"{self.region.name}, {self.value_text}"
        parts = [self.region.name]
        if self.parts_marked and not self.marked:
            parts.append(_("marked closer: {parts}").format(parts=", ".join(
                f"{in_sentence(name)} {_('not rated') if i is None else i}"
                for name, i in self.parts_marked)))
        if self.role is SiteRole.REFERRED and self.intensity is None:
            parts.append(_(REFERRED_NOT_RATED))  # kept so, out of every intensity figure
        elif self.marked:
            parts.append(_("not rated") if self.intensity is None
                         else _("intensity {value}").format(value=self.intensity))
            if self.role is SiteRole.TRIGGER_POINT:
                parts.append(_("trigger point"))
            elif self.role is SiteRole.REFERRED:
                parts.append(_("referred pain"))
        return ", ".join(parts)

    @property
    def coloured(self) -> bool:
        """Whether the region has a colour of its own: a figure, a mark or a marked part."""
        return self.value is not None or self.marked or bool(self.parts_marked)

    @property
    def shows_cover(self) -> bool:
        """A deep muscle with no colour of its own, drawn in the colour of the one over it."""
        return self.cover is not None and not self.coloured

    def fill_color(self) -> QColor:
        if self.cover is not None and not self.coloured:
            return self.cover.fill_color()
        if self.value is not None:
            return colors.intensity_color(10 * self.value_fraction)
        if not self.marked and self.parts_marked:  # shown as its strongest part
            intensity = self.parts_intensity
            return colors.UNRATED if intensity is None else colors.intensity_color(intensity)
        if not self.marked:
            return colors.UNMARKED
        if self.intensity is None:
            return colors.UNRATED
        return colors.intensity_color(self.intensity)

    def refresh(self) -> None:
        fill = self.fill_color()
        if self.hovered and not self.marked:
            fill = fill.darker(108)
        brush = QBrush(fill)
        self.setBrush(brush)
        if self.current:
            pen = QPen(colors.CURRENT, 2.6)
        elif self.hovered:
            pen = QPen(colors.HOVER, 1.8)
        elif self.linked:
            pen = QPen(colors.ARROW, 1.6, Qt.PenStyle.DashLine)
        else:
            pen = QPen(colors.REGION_EDGE, 0.6)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCosmetic(False)
        self.setPen(pen)
        self.setZValue(3 if self.current else 2 if self.hovered else 1)
        self.setToolTip(self.accessible_name())
        for deep in self.covered:  # they show this one's colour
            deep.refresh()

    def marks_path(self, kind: str) -> QPainterPath:
        """The region's "dots" or "hatching", as shapes in its own frame."""
        if kind not in self._marks:
            self._marks[kind] = (dots if kind == "dots" else hatching)(self.path())
        return self._marks[kind]

    def paint(self, painter, option, widget=None) -> None:
        super().paint(painter, option, widget)
        if self.region.layer is Layer.DEEP:  # fine dots: a muscle under others, felt through them
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mark_colour(self.brush().color()))
            painter.drawPath(self.marks_path("dots"))
        if self.parts_marked and not self.marked and self.value is None:
            # Dotted inside its edge: marked in a detail view, on a part of this region.
            pen = QPen(colors.text_color_on(self.fill_color()), 1.2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inner = QPainterPathStroker(QPen(Qt.GlobalColor.black, 5)).createStroke(self.path())
            painter.drawPath(self.path().subtracted(inner))
        if self.role is SiteRole.REFERRED:  # hatched: pain felt here but coming from elsewhere
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(mark_colour(self.brush().color()))
            painter.drawPath(self.marks_path("hatching"))


class IntensityLabel(QGraphicsSimpleTextItem):
    """The number drawn on a marked region, kept upright when the figure is mirrored."""

    def __init__(self):
        super().__init__()
        font = self.font()
        font.setPixelSize(11)
        font.setBold(True)
        self.setFont(font)
        self.setZValue(6)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def show_for(self, item: RegionItem, scene_anchor) -> None:
        if item.value is not None:
            text = item.value_text
        elif not item.marked and item.parts_marked:
            intensity = item.parts_intensity
            text = "?" if intensity is None else str(intensity)
        elif not item.marked:
            self.hide()
            return
        else:
            text = "?" if item.intensity is None else str(item.intensity)
        if item.role is SiteRole.TRIGGER_POINT and item.value is None:
            text += "•"
        self.setText(text)
        self.setBrush(colors.text_color_on(item.fill_color()))
        box = self.boundingRect()
        self.setPos(scene_anchor.x() - box.width() / 2, scene_anchor.y() - box.height() / 2)
        self.show()
