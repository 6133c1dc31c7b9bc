"""What the keyboard does on the body map.

Digits give the current region its intensity ("1" then "0" quickly for 10), + and -
step it, Tab and the arrow keys move between regions, typing finds a region by name,
Space or Enter marks (or unmarks) it, Delete removes it, Ctrl+L starts or ends referral
mode and Ctrl+T makes a marked source a trigger point; Ctrl++ and Ctrl+- zoom (map_zoom.py). Esc ends finding or referral mode,
and otherwise leaves the map for the panel and the form (Tab stays on the regions).
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from fibromap.domain.flare import SiteRole
from fibromap.ui.bodymap.region_navigation import find_region, nearest_in_direction, reading_order
from fibromap.ui.widgets.answer_slider import TEN_WINDOW_SECONDS  # "1" then "0" quickly: 10
from fibromap.ui.widgets.focus_chain import focusable_after

FIND_IDLE_MS = 4000
DIRECTIONS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
              Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
ZOOM_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore)
# Keys that change a flare, ignored by a read-only map.
EDITING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Plus, Qt.Key.Key_Minus,
                Qt.Key.Key_L, Qt.Key.Key_T)


class MapKeys:
    """The keyboard of one BodyMapWidget, with its type-to-find overlay."""

    def __init__(self, body_map):
        self.map = body_map
        self._last_digit: tuple[str, float] | None = None
        self.find_text = ""
        self.find_label = QLabel(body_map)
        self.find_label.setStyleSheet(
            "background: rgba(31, 95, 191, 230); color: white; padding: 3px 8px; border-radius: 4px;")
        self.find_label.hide()
        self._find_timer = QTimer(body_map, singleShot=True, interval=FIND_IDLE_MS,
                                  timeout=self.end_find)

    # -- where the regions are, for Tab and the arrow keys ------------------------------
    def points(self) -> dict[str, tuple[float, float]]:
        """Where each region on display is."""
        points = {}
        for rid in self.map.views.regions():
            point = self.map.scene_anchor(rid)
            points[rid] = (point.x(), point.y())
        return points

    def tab_order(self) -> list[str]:
        figures = self.map.figures
        points = self.points()
        shown = {rid: figures.shown.index(figures.shown_item(rid).view) for rid in points}
        return reading_order(points, shown)

    def next_in_tab_order(self, forward: bool) -> str | None:
        """The region Tab (or Shift+Tab) moves to; None past either end."""
        order = self.tab_order()
        current = self.map.current_region()
        if current in order:
            index = order.index(current) + (1 if forward else -1)
            if 0 <= index < len(order):
                return order[index]
        return None

    def press(self, event) -> bool:
        """Act on a key press; False leaves the key to the view's own handling."""
        body_map = self.map
        key, text = event.key(), event.text()
        current = body_map.current_region()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if not body_map.editable and (text.isdigit() or key in EDITING_KEYS) and not self.find_text:
            event.ignore()
            return True
        if modifiers & Qt.KeyboardModifier.ControlModifier and key in ZOOM_KEYS:
            zoom = body_map.zoom
            zoom.zoom_out() if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) else zoom.zoom_in()
        elif modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_L:
            body_map.set_referral_mode(not body_map.referral_mode)
        elif modifiers == Qt.KeyboardModifier.ControlModifier and key == Qt.Key.Key_T:
            self._toggle_trigger_point()
        elif modifiers & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        elif text.isdigit() and len(text) == 1 and not self.find_text:
            self._digit(int(text))
        elif key in DIRECTIONS:
            self._move(*DIRECTIONS[key])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key != Qt.Key.Key_Space or not self.find_text):
            self.end_find()
            if current:
                if body_map.referral_mode or not body_map.region_items[current].marked:
                    body_map.activate(current)
                else:
                    body_map.unmark(current)
        elif key == Qt.Key.Key_Backspace and self.find_text:
            self._find(self.find_text[:-1])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if current:
                body_map.unmark(current)
        elif key == Qt.Key.Key_Escape:
            if self.find_text:
                self.end_find()
            elif body_map.referral_mode:
                body_map.set_referral_mode(False)
            else:  # Tab walks the regions; Esc leaves the map for what follows it
                following = focusable_after(body_map)
                if following is None:
                    return False
                following.setFocus(Qt.FocusReason.TabFocusReason)
        elif text and (text.isalpha() or (text in " -" and self.find_text)):
            self._find(self.find_text + text)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal) and current:
            item = body_map.region_items[current]
            step = -1 if key == Qt.Key.Key_Minus else 1
            body_map.set_intensity(current, max(0, min(10, (item.intensity or 0) + step)))
        else:
            return False
        return True

    def _digit(self, value: int) -> None:
        current = self.map.current_region()
        if not current:
            self.map.message.emit("Click a region first, then type its intensity.")
            return
        now = time.monotonic()
        last = self._last_digit
        if (value == 0 and last and last[0] == current and now - last[1] < TEN_WINDOW_SECONDS
                and self.map.region_items[current].intensity == 1):
            value = 10
        self._last_digit = (current, now)
        self.map.set_intensity(current, value)

    def _toggle_trigger_point(self) -> None:
        current = self.map.current_region()
        if not current:
            return
        item = self.map.region_items[current]
        role = SiteRole.SPASM if item.role is SiteRole.TRIGGER_POINT else SiteRole.TRIGGER_POINT
        self.map.set_role(current, role)

    def _move(self, dx: int, dy: int) -> None:
        current = self.map.current_region()
        if current is None:
            self.map.set_current(self.tab_order()[0])
            return
        best = nearest_in_direction(self.points(), current, dx, dy)
        if best:
            self.map.set_current(best)

    # -- type to find -------------------------------------------------------------------
    def _find(self, text: str) -> None:
        self.find_text = text
        if not text.strip():
            self.end_find()
            return
        match = self.find_region(text)
        shown = self.map.atlas.region(match).name if match else "no match"
        self.find_label.setText(f"Find: {text}  →  {shown}")
        self.find_label.adjustSize()
        self.find_label.move(8, 8)
        self.find_label.show()
        self._find_timer.start()
        if match:
            self.map.set_current(match)

    def end_find(self) -> None:
        self.find_text = ""
        self.find_label.hide()

    def find_region(self, text: str) -> str | None:
        """The region whose name best matches what was typed ("l trap", "calf")."""
        return find_region(text, self.map.atlas, self.tab_order(), self.map.region_items)
