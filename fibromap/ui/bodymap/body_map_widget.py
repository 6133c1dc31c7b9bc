"""BodyMapWidget: the front and back of the body side by side, or a detail view
(map_views.py), to click on. Click a region to mark it, then press 0–9 (1 then 0 quickly
for 10) for its intensity. In referral mode, clicks on other regions mark where the pain
of the current region spreads to, drawn as arrows. The keyboard does it all (map_keys.py).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from fibromap.domain.atlas import Atlas, View, load_atlas
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.domain.geometry import BodyGeometry, load_geometry
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_item import RegionItem
from fibromap.ui.bodymap.map_keys import MapKeys
from fibromap.ui.bodymap.map_views import MapViews
from fibromap.ui.bodymap.map_zoom import MapZoom
from fibromap.ui.bodymap.referral_links import ReferralLinks
from fibromap.ui.bodymap.region_menu import region_menu


class BodyMapWidget(QGraphicsView):
    changed = Signal()
    currentRegionChanged = Signal(str)
    hoveredRegionChanged = Signal(str)
    referralModeChanged = Signal(bool)
    message = Signal(str)
    zoomed = Signal()  # the zoom changed (map_zoom.py)
    viewsChanged = Signal()  # the whole figure, or a detail view, is shown

    def __init__(self, orientation: Orientation = Orientation.PATIENT, *,
                 atlas: Atlas | None = None, geometry: BodyGeometry | None = None,
                 views: tuple[View, ...] = tuple(View), parent: QWidget | None = None):
        super().__init__(parent)
        self.atlas = atlas or load_atlas()
        self.geometry = geometry or load_geometry()
        self._orientation = Orientation(orientation)
        self._current: str | None = None
        self._hovered: str | None = None
        self._referral_source: str | None = None
        self._editable = True

        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(self.palette().base())
        self.setMinimumSize(320, 420)
        self.setAccessibleName("Body map")
        self.keys = MapKeys(self)
        self.zoom = MapZoom(self)
        self.views = MapViews(self)
        self.figures = BodyFigures(self.scene(), self.atlas, self.geometry, self.font(), views)
        self._links = ReferralLinks(self.scene(), self.figures.shown_anchor)
        self.region_items = self.figures.region_items
        self._labels = self.figures.labels
        self.set_orientation(self._orientation)

    def redraw(self) -> None:
        """Draw every region and arrow again (the figures turned, or other views shown)."""
        for region_id in self.region_items:
            self._refresh(region_id)
        self._links.route()

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
        self.geometry = geometry
        self.figures.set_geometry(geometry)
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

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.zoom.apply()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if not self.zoom.wheel(event):
            super().wheelEvent(event)

    # -- state ------------------------------------------------------------------------------
    def current_region(self) -> str | None:
        return self._current

    def set_current(self, region_id: str | None) -> None:
        if region_id == self._current:
            return
        if region_id is not None and self.figures.shown_item(region_id) is None:
            self.views.show(self.views.drawing(region_id))  # found by name, or from a list
        previous, self._current = self._current, region_id
        for rid in (previous, region_id):
            if rid is not None:
                self.region_items[rid].current = rid == region_id
                self._refresh(rid)
        if region_id is not None:
            self.zoom.follow(region_id)
            self.setAccessibleDescription(self.region_items[region_id].accessible_name())
            if self.hasFocus():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        self.currentRegionChanged.emit(region_id or "")

    def mark(self, region_id: str, intensity: int | None = None,
             role: SiteRole = SiteRole.SPASM) -> None:
        item = self.region_items[region_id]
        item.role = SiteRole(role)
        if intensity is not None:
            item.intensity = SpasmSite(region_id, intensity, role).intensity  # validates
        self._refresh(region_id)
        self.changed.emit()

    def unmark(self, region_id: str) -> None:
        item = self.region_items[region_id]
        if not item.marked:
            return
        item.role, item.intensity = None, None
        for link in [link for link in self._links if region_id in link]:
            self._remove_link(link)
        if self._referral_source == region_id:
            self.set_referral_mode(False)
        self._refresh(region_id)
        self.changed.emit()

    def set_intensity(self, region_id: str, value: int) -> None:
        item = self.region_items[region_id]
        role = item.role or SiteRole.SPASM
        self.mark(region_id, value, role)
        self._links.set_zone_intensity(region_id, item.intensity)

    def set_role(self, region_id: str, role: SiteRole) -> None:
        item = self.region_items[region_id]
        if not item.marked:
            self.mark(region_id, role=role)
            return
        if role is SiteRole.REFERRED or item.role is SiteRole.REFERRED:
            self.message.emit("A referred zone is set by referral mode (Ctrl+L).")
            return
        self.mark(region_id, item.intensity, role)

    def sites(self) -> list[SpasmSite]:
        """The marked regions that have an intensity, in a stable order."""
        return [SpasmSite(rid, item.intensity, item.role) for rid, item in self.region_items.items()
                if item.marked and item.intensity is not None]

    def unrated_regions(self) -> list[str]:
        return [rid for rid, item in self.region_items.items() if item.marked and item.intensity is None]

    def referrals(self) -> list[Referral]:
        return self._links.rated()

    def links(self) -> list[tuple[str, str]]:
        """Every referral drawn, rated or not."""
        return list(self._links)

    def arrows(self) -> dict:
        """The arrows drawn, by (source, zone)."""
        return self._links.arrows

    def link_marks(self) -> list[tuple[str, str, int | None]]:
        """Every referral drawn with its intensity, None where not given yet."""
        return self._links.marks()

    def clear(self) -> None:
        self.set_referral_mode(False)
        for link in self._links:
            self._remove_link(link)
        for rid, item in self.region_items.items():
            if item.marked:
                item.role, item.intensity = None, None
                self._refresh(rid)
        self.set_current(None)
        self.changed.emit()

    def load(self, sites: list[SpasmSite], referrals: list[Referral] = ()) -> None:
        """Show a flare's sites and referrals (replacing what is marked)."""
        self.load_marks([(s.region, s.intensity, s.role) for s in sites],
                        [(r.source, r.target, r.intensity) for r in referrals])

    def load_marks(self, marks: list[tuple[str, int | None, SiteRole]],
                   links: list[tuple[str, str, int | None]] = ()) -> None:
        """Like load(), but intensities may still be missing (an unsaved draft)."""
        self.clear()
        for region, intensity, role in marks:
            item = self.region_items[region]
            item.role, item.intensity = SiteRole(role), intensity
            self._refresh(region)
        for source, target, intensity in links:
            self._add_link(source, target, intensity)
        self.changed.emit()

    # -- read-only maps (heat-maps: ui/review/heat_body_map.py) ----------------------------
    @property
    def editable(self) -> bool:
        return self._editable

    def set_editable(self, editable: bool) -> None:
        """A read-only map (heat-maps, reports): clicks and keys only move the selection."""
        self._editable = editable
        if not editable:
            self.set_referral_mode(False)

    # -- referral mode --------------------------------------------------------------------
    @property
    def referral_mode(self) -> bool:
        return self._referral_source is not None

    def referral_source(self) -> str | None:
        return self._referral_source

    def set_referral_mode(self, on: bool) -> bool:
        """Start (from the current region) or end referral mode; False if it cannot start."""
        if on and not self._editable:
            return False
        if on and not self.referral_mode:
            source = self._current
            item = self.region_items.get(source) if source else None
            if item is None or not item.marked or item.role is SiteRole.REFERRED:
                self.message.emit("First mark the spasm or trigger point the pain comes from.")
                return False
            self._referral_source = source
            self.message.emit(f"Click where the pain of {item.region.name.lower()} spreads to; "
                              "Esc when done.")
        elif not on and self.referral_mode:
            source = self._referral_source
            self._referral_source = None
            for zone in self._links.zones():
                self.region_items[zone].linked = False
                self._refresh(zone)
            self.set_current(source)
            self.message.emit("")
        else:
            return on == self.referral_mode
        self._show_links_of_source()
        self.referralModeChanged.emit(self.referral_mode)
        return True

    def toggle_referral(self, zone: str) -> None:
        """In referral mode: link the source to ``zone``, or unlink it."""
        source = self._referral_source
        if source is None or zone == source:
            return
        link = (source, zone)
        item = self.region_items[zone]
        if link in self._links:
            self._remove_link(link)
            if zone not in self._links.zones():
                self.unmark(zone)
            self.changed.emit()
            return
        if item.marked and item.role is not SiteRole.REFERRED:
            self.message.emit(f"{item.region.name} is marked as a spasm; remove it first to mark "
                              "it as referred pain.")
            return
        if not item.marked:
            item.role = SiteRole.REFERRED
            item.intensity = self.region_items[source].intensity
        self._add_link(source, zone, item.intensity)
        self.set_current(zone)
        self._show_links_of_source()
        self.changed.emit()

    def _add_link(self, source: str, target: str, intensity: int | None) -> None:
        self._links.add(source, target, intensity)
        self._refresh(target)
        self._links.route()

    def _remove_link(self, link: tuple[str, str]) -> None:
        self._links.remove(link)
        self.region_items[link[1]].linked = False
        self._refresh(link[1])

    def _show_links_of_source(self) -> None:
        for (source, target) in self._links:
            self.region_items[target].linked = source == self._referral_source
            self._refresh(target)

    # -- drawing state ------------------------------------------------------------------
    def _refresh(self, region_id: str) -> None:
        self.region_items[region_id].hovered = region_id == self._hovered
        self.figures.refresh(region_id)
        parent = self.region_items[region_id].region.parent
        if parent:  # a mark in a detail view shows on the whole figure
            self.region_items[parent].parts_marked = [
                (part.name, self.region_items[part.id].intensity)
                for part in self.atlas.parts(parent) if self.region_items[part.id].marked]
            self._refresh(parent)

    # -- mouse ------------------------------------------------------------------------------
    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        self._set_hovered(self.region_at(event.position()))

    def leaveEvent(self, event) -> None:  # noqa: N802
        super().leaveEvent(event)
        self._set_hovered(None)

    def _set_hovered(self, region_id: str | None) -> None:
        if region_id == self._hovered:
            return
        previous, self._hovered = self._hovered, region_id
        for rid in (previous, region_id):
            if rid is not None:
                self._refresh(rid)
        self.hoveredRegionChanged.emit(region_id or "")

    def mousePressEvent(self, event) -> None:  # noqa: N802
        region_id = self.region_at(event.position())
        if region_id is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self.activate(region_id)
            event.accept()
        elif event.button() == Qt.MouseButton.RightButton:
            self.set_current(region_id)
            if self._editable:
                region_menu(self, region_id).exec(event.globalPosition().toPoint())
            event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self.region_at(event.position()) is not None:
            event.accept()  # the press already did the work

    def activate(self, region_id: str) -> None:
        """What a click or Space does: mark the region and make it current."""
        if not self._editable:
            self.set_current(region_id)
            return
        if self.referral_mode:
            self.toggle_referral(region_id)
            return
        if not self.region_items[region_id].marked:
            self.mark(region_id)
        self.set_current(region_id)

    # -- keyboard ------------------------------------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if self._current is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.set_current(self.keys.tab_order()[0])

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        # Tab walks the regions; past the last (or before the first) it leaves the map.
        following = self.keys.next_in_tab_order(forward)
        if following is None:
            return super().focusNextPrevChild(forward)
        self.set_current(following)
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self.keys.press(event):
            super().keyPressEvent(event)

    def find_region(self, text: str) -> str | None:
        """The region whose name best matches what was typed ("l trap", "calf")."""
        return self.keys.find_region(text)
