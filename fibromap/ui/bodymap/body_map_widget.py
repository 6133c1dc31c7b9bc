"""BodyMapWidget: the front and back of the body side by side, or a detail view
(map_views.py), to click on. Click a region to mark it, then press 0–9 (1 then 0 quickly
for 10) for its intensity; a region too small to hit comes closer at the first click and
is marked at the second (map_closer.py). In referral mode, clicks on other regions mark where the pain
of the current region spreads to, drawn as arrows. The keyboard does it all (map_keys.py).

The marks are a FlareMarks (fibromap/domain/flare_marks.py), ``marks``: the widget sends
clicks and keys to it and draws it again when it says it changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from fibromap.domain.atlas import Atlas, View, load_atlas
from fibromap.domain.flare_marks import FlareMarks, Refusal
from fibromap.domain.geometry import BodyGeometry, load_geometry
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_item import RegionItem
from fibromap.i18n import _
from fibromap.i18n.formats import in_sentence
from fibromap.ui.bodymap.map_closer import MapCloser
from fibromap.ui.bodymap.map_keys import MapKeys
from fibromap.ui.bodymap.map_views import MapViews
from fibromap.ui.bodymap.map_zoom import MapZoom
from fibromap.ui.bodymap.referral_links import ReferralLinks
from fibromap.ui.bodymap.region_menu import region_menu


class BodyMapWidget(QGraphicsView):
    currentRegionChanged = Signal(str)
    hoveredRegionChanged = Signal(str)
    referralModeChanged = Signal(bool)
    message = Signal(str)
    zoomed = Signal()  # the zoom changed (map_zoom.py)
    viewsChanged = Signal()  # the whole figure, or a detail view, is shown

    def __init__(self, orientation: Orientation = Orientation.PATIENT, *,
                 atlas: Atlas | None = None, geometry: BodyGeometry | None = None,
                 views: tuple[View, ...] = tuple(View), marks: FlareMarks | None = None,
                 parent: QWidget | None = None):
        """``marks``: the flare to draw and edit (by default a new one, empty)."""
        super().__init__(parent)
        self.atlas = atlas or load_atlas()
        # The body's shape (its build); not geometry, which is Qt's word for the widget's place.
        self.body_geometry = geometry or load_geometry()
        self._orientation = Orientation(orientation)
        self._hovered: str | None = None
        self._editable = True
        self._took_press = False  # a press brought a region closer: its release is ours too

        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(self.palette().base())
        self.setMinimumSize(320, 420)
        self.setAccessibleName(_("Body map"))
        self.keys = MapKeys(self)
        self.zoom = MapZoom(self)
        self.views = MapViews(self)
        self.closer = MapCloser(self)
        self.figures = BodyFigures(self.scene(), self.atlas, self.body_geometry, self.font(), views)
        self._links = ReferralLinks(self.scene(), self.figures.route_arrow)
        self._drawn: set[tuple[str, str]] = set()  # the arrows that draw the model's referrals
        self.region_items = self.figures.region_items
        self._labels = self.figures.labels
        self.marks = marks if marks is not None else FlareMarks(self.region_items)
        self.marks.events.changed.connect(self._marks_changed)
        self.marks.events.current.connect(self._current_changed)
        self.marks.events.referral_mode.connect(self._referral_mode_changed)
        self.marks.events.refused.connect(self._refused)
        self._draw_arrows()
        self.set_orientation(self._orientation)

    def redraw(self, regions=None) -> None:
        """Draw every region (or those given) and arrow again (the figures turned, or other
        views shown)."""
        for region_id in self.region_items if regions is None else regions:
            self._refresh(region_id)
        self._links.route()

    def showing(self) -> set[str]:
        """The regions drawn with more than their outline: marked, linked, current, hovered
        or with a value. Only these change when other views are shown (their numbers move)."""
        marks = self.marks
        shown = {rid for rid, _mark in marks.marks()} | {rid for link in marks.links()
                                                         for rid in link}
        shown |= {rid for rid in (marks.current, self._hovered) if rid is not None}
        return shown | {rid for rid, item in self.region_items.items() if item.value is not None}

    # -- orientation and drawing ---------------------------------------------------------
    @property
    def orientation(self) -> Orientation:
        return self._orientation

    def set_orientation(self, orientation: Orientation) -> None:
        self._orientation = Orientation(orientation)
        self.figures.apply_orientation(self._orientation)
        self.redraw()

    def set_geometry(self, geometry: BodyGeometry) -> None:
        """Draw the map in another build of the figure; marks, arrows and zoom stay."""
        self.body_geometry = geometry
        self.figures.set_geometry(geometry)
        self.closer.forget()
        self.zoom.apply()
        self.redraw()

    def side_label_text(self, view: View) -> tuple[str, str]:
        """The on-figure labels, viewer's left first."""
        left, right = self.figures.side_labels[view]
        return left.text(), right.text()

    def scene_anchor(self, region_id: str) -> QPointF:
        return self.figures.scene_anchor(region_id)

    def viewport_point(self, region_id: str):
        """Where a region's inner point is on screen, for clicks and tests."""
        return self.mapFromScene(self.scene_anchor(region_id))

    def region_at(self, position) -> str | None:
        for item in self.items(position.toPoint() if hasattr(position, "toPoint") else position):
            if isinstance(item, RegionItem) and item.isVisible():
                return item.region.id
        return None

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light or dark theme switched
            self.setBackgroundBrush(self.palette().base())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.zoom.apply()  # fit the window, then the chosen zoom (map_zoom.py)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.zoom.apply()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.zoom.wheel(event):
            super().wheelEvent(event)

    # -- drawing the marks (the model: fibromap/domain/flare_marks.py) --------------------
    def _marks_changed(self, regions: frozenset[str]) -> None:
        self._draw_arrows()
        for region_id in regions:
            self._refresh(region_id)

    def _current_changed(self, previous: str | None, current: str | None) -> None:
        if current is not None and self.figures.shown_item(current) is None:
            self.views.show(self.views.drawing(current))  # found by name, or from a list
        for rid in (previous, current):
            if rid is not None:
                self._refresh(rid)
        if current is not None:
            self.zoom.follow(current)
            self.setAccessibleDescription(self.region_items[current].accessible_name())
            if self.hasFocus():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        self.currentRegionChanged.emit(current or "")

    def _referral_mode_changed(self, source: str | None) -> None:
        for _source, zone in self.marks.links():  # the zones of the source are outlined
            self._refresh(zone)
        self.message.emit("" if source is None else
                          _("Click where the pain of {region} spreads to; Esc when done.").format(
                              region=in_sentence(self.atlas.region(source).name)))
        self.referralModeChanged.emit(source is not None)

    def _refused(self, why: Refusal, region_id: str | None) -> None:
        name = self.atlas.region(region_id).name if region_id else ""
        self.message.emit({
            Refusal.NO_SOURCE: _("First mark the spasm or trigger point the pain comes from."),
            Refusal.ZONE_IS_SOURCE: _("{region} is marked as a spasm; remove it first to mark it "
                                      "as referred pain.").format(region=name),
            Refusal.ZONE_KIND: _("A referred zone is set by referral mode (Ctrl+L)."),
        }[why])

    def _draw_arrows(self) -> None:
        """An arrow for each referral of the model, in the order they were made; arrows
        drawn apart from the model (the heat-map's) stay."""
        wanted = self.marks.links()
        for link in self._drawn - set(wanted):
            self._links.remove(link)
        kept = [link for link in self._links if link in self._drawn and link in wanted]
        if kept != wanted[:len(kept)]:  # a flare loaded in another order
            for link in kept:
                self._links.remove(link)
            kept = []
        for source, target in wanted[len(kept):]:
            self._links.add(source, target)
        self._drawn = set(wanted)
        self._links.route()

    def arrows(self) -> dict:
        """The arrows drawn, by (source, zone)."""
        return self._links.arrows

    # -- read-only maps (heat-maps: ui/review/heat_body_map.py) ----------------------------
    @property
    def editable(self) -> bool:
        return self._editable

    def set_editable(self, editable: bool) -> None:
        """A read-only map (heat-maps, reports): clicks and keys only move the selection."""
        self._editable = editable
        if not editable:
            self.marks.set_referral_mode(False)

    # -- referral mode --------------------------------------------------------------------
    @property
    def referral_mode(self) -> bool:
        return self.marks.referral_mode

    def set_referral_mode(self, on: bool) -> bool:
        """Start (from the current region) or end referral mode; False if it cannot start
        (never on a read-only map)."""
        if on and not self._editable:
            return False
        return self.marks.set_referral_mode(on)

    # -- drawing state ------------------------------------------------------------------
    def _refresh(self, region_id: str) -> None:
        """Draw a region as the model has it."""
        item = self.region_items[region_id]
        mark = self.marks.mark_of(region_id)
        item.role, item.intensity = (mark.role, mark.intensity) if mark else (None, None)
        item.current = region_id == self.marks.current
        item.hovered = region_id == self._hovered
        source = self.marks.referral_source
        item.linked = source is not None and (source, region_id) in self.marks.links()
        self.figures.refresh(region_id)
        parent = item.region.parent
        if parent:  # a mark in a detail view shows on the whole figure
            marks = [(part.name, self.marks.mark_of(part.id)) for part in self.atlas.parts(parent)]
            self.region_items[parent].parts_marked = [
                (name, mark.intensity) for name, mark in marks if mark is not None]
            self._refresh(parent)

    # -- mouse ------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseMoveEvent(event)
        self._set_hovered(self.region_at(event.position()))
        self.closer.moved(event.position())

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().leaveEvent(event)
        self._set_hovered(None)
        self.closer.stop()

    def _set_hovered(self, region_id: str | None) -> None:
        if region_id == self._hovered:
            return
        previous, self._hovered = self._hovered, region_id
        for rid in (previous, region_id):
            if rid is not None:
                self._refresh(rid)
        self.hoveredRegionChanged.emit(region_id or "")

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.closer.stop()
        self._took_press = False
        position = event.position().toPoint()
        left = event.button() == Qt.MouseButton.LeftButton
        region_id = self.region_at(position)
        # A click just beside a small region (off the figure) is meant for it: it comes closer.
        meant = self.closer.near(position) if region_id is None and left else None
        if meant is not None and self.closer.wanted(meant):
            region_id = meant
        elif region_id is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._took_press = True
        event.accept()
        if left and self.closer.wanted(region_id):
            self.closer.bring_closer(region_id, position)
        elif left and event.modifiers() & Qt.KeyboardModifier.ShiftModifier and self._editable:
            self.marks.spread_to(region_id)  # pain spreads from the current one to here
            self.closer.marked()
        elif left:
            self.activate(region_id)
            self.closer.marked()
        elif event.button() == Qt.MouseButton.RightButton:
            self.marks.set_current(region_id)
            if self._editable:
                region_menu(self, region_id).exec(event.globalPosition().toPoint())

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if self._took_press or self.region_at(event.position()) is not None:
            event.accept()  # the press did the work (and may have moved what is under it)
        self._took_press = False

    def activate(self, region_id: str) -> None:
        """What a click or Space does: mark the region and make it current."""
        if self._editable:
            self.marks.activate(region_id)
        else:
            self.marks.set_current(region_id)

    # -- keyboard ------------------------------------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        if self.marks.current is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.marks.set_current(self.keys.tab_order()[0])

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        # Tab walks the regions; past the last (or before the first) it leaves the map.
        following = self.keys.next_in_tab_order(forward)
        if following is None:
            return super().focusNextPrevChild(forward)
        self.marks.set_current(following)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.keys.press(event):
            super().keyPressEvent(event)
