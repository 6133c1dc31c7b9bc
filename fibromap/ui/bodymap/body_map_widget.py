"""BodyMapWidget: the front and back of the body, side by side, to click on.

Click a region to mark it, then press 0–9 (1 then 0 quickly for 10) to give its
intensity. In referral mode, clicks on other regions mark where the pain of the
current region spreads to, drawn as arrows. Everything works from the keyboard:
Tab and the arrow keys move between regions, typing finds one by name, Space marks
it, Delete removes it, Ctrl+L starts or ends referral mode, Ctrl+T makes a marked
source a trigger point.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPainter
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView, QLabel, QMenu, QWidget,
)

from fibromap.domain.atlas import Atlas, View, load_atlas
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.domain.geometry import BodyGeometry, load_geometry
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.orientation import Orientation
from fibromap.figure.referral_arrow import ReferralArrow
from fibromap.figure.region_item import RegionItem
from fibromap.ui.bodymap.region_navigation import find_region, nearest_in_direction, reading_order

TEN_WINDOW_SECONDS = 0.8  # "1" then "0" within this time means 10
FIND_IDLE_MS = 4000
DIRECTIONS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
              Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class BodyMapWidget(QGraphicsView):
    changed = Signal()
    currentRegionChanged = Signal(str)
    hoveredRegionChanged = Signal(str)
    referralModeChanged = Signal(bool)
    message = Signal(str)

    def __init__(self, orientation: Orientation = Orientation.PATIENT, *,
                 atlas: Atlas | None = None, geometry: BodyGeometry | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.atlas = atlas or load_atlas()
        self.geometry = geometry or load_geometry()
        self._orientation = Orientation(orientation)
        self._arrows: dict[tuple[str, str], ReferralArrow] = {}
        self._link_intensity: dict[tuple[str, str], int | None] = {}
        self._current: str | None = None
        self._hovered: str | None = None
        self._referral_source: str | None = None
        self._last_digit: tuple[str, float] | None = None
        self._find_text = ""
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
        self._find_label = QLabel(self)
        self._find_label.setStyleSheet(
            "background: rgba(31, 95, 191, 230); color: white; padding: 3px 8px; border-radius: 4px;")
        self._find_label.hide()
        self._find_timer = QTimer(self, singleShot=True, interval=FIND_IDLE_MS,
                                  timeout=self._end_find)
        self.figures = BodyFigures(self.scene(), self.atlas, self.geometry, self.font())
        self.region_items = self.figures.region_items
        self._labels = self.figures.labels
        self._apply_orientation()

    def _apply_orientation(self) -> None:
        self.figures.apply_orientation(self._orientation)
        for region_id in self.region_items:
            self._refresh(region_id)
        self._route_arrows()

    # -- orientation ---------------------------------------------------------------------
    @property
    def orientation(self) -> Orientation:
        return self._orientation

    def set_orientation(self, orientation: Orientation) -> None:
        self._orientation = Orientation(orientation)
        self._apply_orientation()

    def side_label_text(self, view: View) -> tuple[str, str]:
        """The on-figure labels, viewer's left first."""
        left, right = self.figures.side_labels[view]
        return left.text(), right.text()

    # -- geometry helpers -------------------------------------------------------------
    def scene_anchor(self, region_id: str) -> QPointF:
        return self.figures.scene_anchor(region_id)

    def viewport_point(self, region_id: str):
        """Where a region's inner point is on screen, for clicks and tests."""
        return self.mapFromScene(self.scene_anchor(region_id))

    def region_at(self, position) -> str | None:
        for item in self.items_at(position):
            if isinstance(item, RegionItem):
                return item.region.id
        return None

    def items_at(self, position):
        return self.items(position.toPoint() if hasattr(position, "toPoint") else position)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light or dark theme switched
            self.setBackgroundBrush(self.palette().base())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # -- state ------------------------------------------------------------------------------
    def current_region(self) -> str | None:
        return self._current

    def set_current(self, region_id: str | None) -> None:
        if region_id == self._current:
            return
        previous, self._current = self._current, region_id
        for rid in (previous, region_id):
            if rid is not None:
                self.region_items[rid].current = rid == region_id
                self._refresh(rid)
        if region_id is not None:
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
        for link in [link for link in self._arrows if region_id in link]:
            self._remove_link(link)
        if self._referral_source == region_id:
            self.set_referral_mode(False)
        self._refresh(region_id)
        self.changed.emit()

    def set_intensity(self, region_id: str, value: int) -> None:
        item = self.region_items[region_id]
        role = item.role or SiteRole.SPASM
        self.mark(region_id, value, role)
        for link in self._arrows:
            if link[1] == region_id:
                self._link_intensity[link] = item.intensity

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
        return [Referral(source, target, self._link_intensity[(source, target)])
                for source, target in self._arrows
                if self._link_intensity.get((source, target)) is not None]

    def links(self) -> list[tuple[str, str]]:
        """Every referral drawn, rated or not."""
        return list(self._arrows)

    def link_marks(self) -> list[tuple[str, str, int | None]]:
        """Every referral drawn with its intensity, None where not given yet."""
        return [(source, target, self._link_intensity.get((source, target)))
                for source, target in self._arrows]

    def clear(self) -> None:
        self.set_referral_mode(False)
        for link in list(self._arrows):
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

    # -- heat-map mode ------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self._editable

    def set_editable(self, editable: bool) -> None:
        """A read-only map (heat-maps, reports): clicks and keys only move the selection."""
        self._editable = editable
        if not editable:
            self.set_referral_mode(False)

    def show_values(self, values: dict[str, float], maximum: float, fmt=lambda v: f"{v:g}",
                    labels: bool = True) -> None:
        """Colour each region by its figure on a 0–``maximum`` scale; others stay blank."""
        self.figures.set_values(values, maximum, fmt)
        for rid in self.region_items:
            self._refresh(rid)
            if not labels:
                self._labels[rid].hide()

    def show_link_counts(self, links: list[tuple[str, str, int]]) -> None:
        """Aggregated referrals: one arrow per link, thicker for more frequent ones."""
        for link in list(self._arrows):
            self._remove_link(link)
        top = max((count for _s, _t, count in links), default=1)
        for source, target, count in links:
            arrow = ReferralArrow(source, target, width=1.2 + 4.8 * count / top)
            arrow.setToolTip(f"{self.atlas.name(source)} → {self.atlas.name(target).lower()}: "
                             f"{count} time{'s' if count != 1 else ''}")
            self.scene().addItem(arrow)
            self._arrows[(source, target)] = arrow
            self._link_intensity[(source, target)] = None
        self._route_arrows()

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
            for link in self._arrows:
                self.region_items[link[1]].linked = False
                self._refresh(link[1])
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
        if link in self._arrows:
            self._remove_link(link)
            if not any(l[1] == zone for l in self._arrows):
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
        arrow = ReferralArrow(source, target)
        self.scene().addItem(arrow)
        self._arrows[(source, target)] = arrow
        self._link_intensity[(source, target)] = intensity
        self._refresh(target)
        self._route_arrows()

    def _remove_link(self, link: tuple[str, str]) -> None:
        arrow = self._arrows.pop(link)
        self._link_intensity.pop(link, None)
        self.scene().removeItem(arrow)
        self.region_items[link[1]].linked = False
        self._refresh(link[1])

    def _route_arrows(self) -> None:
        for (source, target), arrow in self._arrows.items():
            arrow.route(self.scene_anchor(source), self.scene_anchor(target))

    def _show_links_of_source(self) -> None:
        for (source, target) in self._arrows:
            self.region_items[target].linked = source == self._referral_source
            self._refresh(target)

    # -- drawing state ------------------------------------------------------------------
    def _refresh(self, region_id: str) -> None:
        self.region_items[region_id].hovered = region_id == self._hovered
        self.figures.refresh(region_id)

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
                self._context_menu(region_id, event.globalPosition().toPoint())
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

    def _context_menu(self, region_id: str, where) -> None:
        item = self.region_items[region_id]
        menu = QMenu(self)
        menu.setTitle(item.region.name)
        rate = menu.addMenu("Intensity")
        for value in range(11):
            action = rate.addAction(str(value), lambda v=value: self.set_intensity(region_id, v))
            action.setCheckable(True)
            action.setChecked(item.intensity == value)
        if item.role is not SiteRole.REFERRED:
            menu.addAction("Spasm", lambda: self.set_role(region_id, SiteRole.SPASM))
            menu.addAction("Trigger point", lambda: self.set_role(region_id, SiteRole.TRIGGER_POINT))
            menu.addSeparator()
            menu.addAction("Pain spreads from here…", lambda: (
                self.activate(region_id) if not item.marked else None,
                self.set_referral_mode(True)))
        if item.marked:
            menu.addAction("Remove from this flare", lambda: self.unmark(region_id))
        menu.exec(where)

    # -- keyboard ------------------------------------------------------------------------------
    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        if self._current is None and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.set_current(self._tab_order()[0])

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        # Tab walks the regions; past the last (or before the first) it leaves the map.
        order = self._tab_order()
        if self._current in order:
            index = order.index(self._current) + (1 if forward else -1)
            if 0 <= index < len(order):
                self.set_current(order[index])
                return True
        return super().focusNextPrevChild(forward)

    def _points(self) -> dict[str, tuple[float, float]]:
        points = {}
        for rid in self.region_items:
            point = self.scene_anchor(rid)
            points[rid] = (point.x(), point.y())
        return points

    def _tab_order(self) -> list[str]:
        return reading_order(self._points(), self.atlas)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, text = event.key(), event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not self._editable and (text.isdigit() or key in (
                Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Plus, Qt.Key.Key_Minus,
                Qt.Key.Key_L, Qt.Key.Key_T)) and not self._find_text:
            event.ignore()
            return
        if modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_L:
            self.set_referral_mode(not self.referral_mode)
        elif modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_T:
            self._toggle_trigger_point()
        elif modifiers & ~Qt.KeyboardModifier.ShiftModifier:
            super().keyPressEvent(event)
            return
        elif text.isdigit() and len(text) == 1 and not self._find_text:
            self._digit(int(text))
        elif key in DIRECTIONS:
            self._move(*DIRECTIONS[key])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key != Qt.Key.Key_Space or not self._find_text):
            self._end_find()
            if self._current:
                if self.referral_mode or not self.region_items[self._current].marked:
                    self.activate(self._current)
                else:
                    self.unmark(self._current)
        elif key == Qt.Key.Key_Backspace and self._find_text:
            self._find(self._find_text[:-1])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._current:
                self.unmark(self._current)
        elif key == Qt.Key.Key_Escape:
            if self._find_text:
                self._end_find()
            elif self.referral_mode:
                self.set_referral_mode(False)
            else:
                super().keyPressEvent(event)
        elif text and (text.isalpha() or (text in " -" and self._find_text)):
            self._find(self._find_text + text)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal) and self._current:
            item = self.region_items[self._current]
            step = -1 if key == Qt.Key.Key_Minus else 1
            self.set_intensity(self._current, max(0, min(10, (item.intensity or 0) + step)))
        else:
            super().keyPressEvent(event)

    def _digit(self, value: int) -> None:
        if not self._current:
            self.message.emit("Click a region first, then type its intensity.")
            return
        now = time.monotonic()
        last = self._last_digit
        if (value == 0 and last and last[0] == self._current and now - last[1] < TEN_WINDOW_SECONDS
                and self.region_items[self._current].intensity == 1):
            value = 10
        self._last_digit = (self._current, now)
        self.set_intensity(self._current, value)

    def _toggle_trigger_point(self) -> None:
        if not self._current:
            return
        item = self.region_items[self._current]
        role = SiteRole.SPASM if item.role is SiteRole.TRIGGER_POINT else SiteRole.TRIGGER_POINT
        self.set_role(self._current, role)

    def _move(self, dx: int, dy: int) -> None:
        if self._current is None:
            self.set_current(self._tab_order()[0])
            return
        best = nearest_in_direction(self._points(), self._current, dx, dy)
        if best:
            self.set_current(best)

    # -- type to find -----------------------------------------------------------------------
    def _find(self, text: str) -> None:
        self._find_text = text
        if not text.strip():
            self._end_find()
            return
        match = self.find_region(text)
        shown = self.atlas.region(match).name if match else "no match"
        self._find_label.setText(f"Find: {text}  →  {shown}")
        self._find_label.adjustSize()
        self._find_label.move(8, 8)
        self._find_label.show()
        self._find_timer.start()
        if match:
            self.set_current(match)

    def _end_find(self) -> None:
        self._find_text = ""
        self._find_label.hide()

    def find_region(self, text: str) -> str | None:
        """The region whose name best matches what was typed ("l trap", "calf")."""
        return find_region(text, self.atlas, self._tab_order())
