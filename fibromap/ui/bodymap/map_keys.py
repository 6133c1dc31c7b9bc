"""What the keyboard does on the body map: a table of bindings (BINDINGS, at the end),
each a key or typed character, the modifiers held, and what it does to the marks
(fibromap/domain/flare_marks.py) or the map.

Digits give the current region its intensity ("1" then "0" quickly for 10), + and -
step it, Tab and the arrow keys move between regions, typing finds a region by name,
Space or Enter marks (or unmarks) it, Delete removes it, Ctrl+L starts or ends referral
mode and Ctrl+T makes a marked source a trigger point; Ctrl++ and Ctrl+- zoom
(map_zoom.py). Esc ends finding or referral mode, then goes back from a detail view or a
zoom to the whole body, and otherwise leaves the map for the panel and the form (Tab
stays on the regions).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel

from fibromap.domain.flare import SiteRole
from fibromap.i18n import _
from fibromap.ui.bodymap.region_navigation import find_region, nearest_in_direction, reading_order
from fibromap.ui.widgets.answer_slider import TEN_WINDOW_SECONDS  # "1" then "0" quickly: 10
from fibromap.ui.widgets.focus_chain import focusable_after

FIND_IDLE_MS = 4000
DIRECTIONS: dict[int, tuple[int, int]] = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                                           Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
ZOOM_KEYS = (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus, Qt.Key.Key_Underscore)
# Keys that change a flare, ignored by a read-only map.
EDITING_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Plus, Qt.Key.Key_Minus,
                Qt.Key.Key_L, Qt.Key.Key_T)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Held(Enum):
    """The modifiers a binding wants held."""

    PLAIN = "plain"          # none, or Shift alone (it only makes capitals)
    CTRL = "ctrl"            # Ctrl alone
    WITH_CTRL = "with ctrl"  # Ctrl with any others (Ctrl++ is Ctrl+Shift+= on many keyboards)


@dataclass(frozen=True, slots=True)
class KeyPress:
    """One key press as the bindings see it."""

    key: int
    text: str
    modifiers: Qt.KeyboardModifier  # without the keypad's: its digits are digits
    finding: bool                    # a name is being typed to find a region

    @classmethod
    def of(cls, event, *, finding: bool) -> KeyPress:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return cls(event.key(), event.text(), modifiers, finding)

    def holds(self, held: Held) -> bool:
        if held is Held.PLAIN:
            return not self.modifiers & ~SHIFT
        if held is Held.CTRL:
            return self.modifiers == CTRL
        return bool(self.modifiers & CTRL)


@dataclass(frozen=True, slots=True)
class Binding:
    """A key (or a character typed) with the modifiers held, and what it does; ``finding``
    True or False: only while a name is being typed to find a region, or only when not."""

    does: Callable[[MapKeys, KeyPress], bool | None]  # False: left to the view
    keys: Collection[int] = ()
    typed: Callable[[str], bool] | None = None
    held: Held = Held.PLAIN
    finding: bool | None = None

    def matches(self, press: KeyPress) -> bool:
        if not press.holds(self.held) or self.finding not in (None, press.finding):
            return False
        return press.key in self.keys or (self.typed is not None and self.typed(press.text))


class MapKeys:
    """The keyboard of one BodyMapWidget, with its type-to-find overlay."""

    def __init__(self, body_map) -> None:  # the BodyMapWidget (it imports this module)
        self.map = body_map
        self._last_digit: tuple[str, float] | None = None
        self.find_text = ""
        self.find_label = QLabel(body_map)
        self.find_label.setStyleSheet(
            "background: rgba(31, 95, 191, 230); color: white; padding: 3px 8px; border-radius: 4px;")
        self.find_label.hide()
        self._find_timer = QTimer(body_map, singleShot=True, interval=FIND_IDLE_MS)
        self._find_timer.timeout.connect(self.end_find)

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
        current = self.map.marks.current
        if current in order:
            index = order.index(current) + (1 if forward else -1)
            if 0 <= index < len(order):
                return order[index]
        return None

    def press(self, event) -> bool:
        """Act on a key press by the first binding that matches it (BINDINGS); False
        leaves the key to the view's own handling."""
        press = KeyPress.of(event, finding=bool(self.find_text))
        if not self.map.editable and not press.finding and (
                press.text.isdigit() or press.key in EDITING_KEYS):
            event.ignore()  # a read-only map takes no edits, nor passes them on
            return True
        binding = next((binding for binding in BINDINGS if binding.matches(press)), None)
        return binding is not None and binding.does(self, press) is not False

    # -- what the bindings do (False: the key is left to the view) ---------------------
    def zoom(self, press: KeyPress) -> None:
        zoom = self.map.zoom
        zoom.zoom_out() if press.key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) else zoom.zoom_in()

    def toggle_referral_mode(self, _press: KeyPress) -> None:
        self.map.set_referral_mode(not self.map.referral_mode)

    def toggle_trigger_point(self, _press: KeyPress) -> None:
        marks = self.map.marks
        if marks.current:
            mark = marks.mark_of(marks.current)
            trigger = mark is not None and mark.role is SiteRole.TRIGGER_POINT
            marks.set_role(marks.current, SiteRole.SPASM if trigger else SiteRole.TRIGGER_POINT)

    def rate(self, press: KeyPress) -> None:
        """A digit: the current region's intensity; "1" then "0" quickly is 10."""
        marks = self.map.marks
        current, value = marks.current, int(press.text)
        if not current:
            self.map.message.emit(_("Click a region first, then type its intensity."))
            return
        now = time.monotonic()
        last = self._last_digit
        mark = marks.mark_of(current)
        if (value == 0 and last and last[0] == current and now - last[1] < TEN_WINDOW_SECONDS
                and mark is not None and mark.intensity == 1):
            value = 10
        self._last_digit = (current, now)
        marks.set_intensity(current, value)

    def step(self, press: KeyPress) -> bool:
        """+ and - (or =): one step stronger or weaker."""
        current = self.map.marks.current
        if current:
            self.map.marks.step_intensity(current, -1 if press.key == Qt.Key.Key_Minus else 1)
        return bool(current)

    def move(self, press: KeyPress) -> None:
        """An arrow key: the nearest region that way (the first, when none is current or
        the current one is not drawn in the view shown)."""
        current = self.map.marks.current
        points = self.points()
        if current is None or current not in points:
            self.map.marks.set_current(self.tab_order()[0])
            return
        best = nearest_in_direction(points, current, *DIRECTIONS[press.key])
        if best:
            self.map.marks.set_current(best)

    def mark_or_unmark(self, _press: KeyPress) -> None:
        """Space or Enter: mark the current region (or link it, in referral mode), or
        unmark it if it is marked."""
        self.end_find()
        current = self.map.marks.current
        if current is None:
            return
        if self.map.referral_mode or not self.map.marks.is_marked(current):
            self.map.activate(current)
        else:
            self.map.marks.unmark(current)

    def remove(self, _press: KeyPress) -> None:
        current = self.map.marks.current
        if current:
            self.map.marks.unmark(current)

    def escape(self, _press: KeyPress) -> bool:
        """Esc ends finding, then referral mode, then goes back to the whole body, then
        leaves the map for what follows it (Tab walks the regions)."""
        if self.find_text:
            self.end_find()
        elif self.map.referral_mode:
            self.map.set_referral_mode(False)
        elif self.map.closer.back():
            pass
        else:
            following = focusable_after(self.map)
            if following is None:
                return False
            following.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def type_more(self, press: KeyPress) -> None:
        self._find(self.find_text + press.text)

    def type_less(self, _press: KeyPress) -> None:
        self._find(self.find_text[:-1])

    # -- type to find -------------------------------------------------------------------
    def _find(self, text: str) -> None:
        self.find_text = text
        if not text.strip():
            self.end_find()
            return
        match = self.find_region(text)
        shown = self.map.atlas.region(match).name if match else _("no match")
        self.find_label.setText(_("Find: {typed}  →  {found}").format(typed=text, found=shown))
        self.find_label.adjustSize()
        self.find_label.move(8, 8)
        self.find_label.show()
        self._find_timer.start()
        if match:
            self.map.marks.set_current(match)

    def end_find(self) -> None:
        self.find_text = ""
        self.find_label.hide()

    def find_region(self, text: str) -> str | None:
        """The region whose name best matches what was typed ("l trap", "calf")."""
        return find_region(text, self.map.atlas, self.tab_order(), self.map.region_items)


def _one_digit(text: str) -> bool:
    return len(text) == 1 and text.isdigit()


def _space_or_hyphen(text: str) -> bool:
    return bool(text) and text in " -"  # within a name being typed ("l lower trap")


# The map's keyboard, in the order the keys are tried; what no binding takes goes to the
# view (and from there to the window's shortcuts).
BINDINGS = (
    Binding(MapKeys.zoom, keys=ZOOM_KEYS, held=Held.WITH_CTRL),
    Binding(MapKeys.toggle_referral_mode, keys={Qt.Key.Key_L}, held=Held.CTRL),
    Binding(MapKeys.toggle_trigger_point, keys={Qt.Key.Key_T}, held=Held.CTRL),
    Binding(MapKeys.rate, typed=_one_digit, finding=False),
    Binding(MapKeys.move, keys=DIRECTIONS),
    Binding(MapKeys.mark_or_unmark, keys={Qt.Key.Key_Return, Qt.Key.Key_Enter}),
    Binding(MapKeys.mark_or_unmark, keys={Qt.Key.Key_Space}, finding=False),
    Binding(MapKeys.type_less, keys={Qt.Key.Key_Backspace}, finding=True),
    Binding(MapKeys.remove, keys={Qt.Key.Key_Delete, Qt.Key.Key_Backspace}),
    Binding(MapKeys.escape, keys={Qt.Key.Key_Escape}),
    Binding(MapKeys.type_more, typed=str.isalpha),
    Binding(MapKeys.type_more, typed=_space_or_hyphen, finding=True),
    Binding(MapKeys.step, keys={Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_Equal}),
)
