"""Zooming into the body map, for the small muscles of the face, neck, hands and feet.
Zooming in past the last step over a region with a detail view (the face, a hand, a
foot, the shoulders, the low back) opens it (map_views.py). A first click on a small
muscle zooms all the way in at the pointer (map_closer.py).

Ctrl+wheel zooms at the pointer; Ctrl++ and Ctrl+- zoom at the current region, and a
region's right-click menu offers "Zoom in here"; at any
zoom the wheel scrolls (Shift+wheel sideways) and moving between regions with the keys
keeps the current one in sight. "Whole body" (or zooming all the way out) shows both
figures again. The map fits its window first and the zoom multiplies that, so a resized
window keeps its zoom.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolButton

from fibromap.i18n import DEFAULT, _, current
from fibromap.i18n.formats import decimal

STEPS = (1.0, 1.5, 2.25, 3.4, 5.0)  # times the whole-body size
EDGE = 8                            # the button's distance from the map's corner


class MapZoom:
    def __init__(self, body_map) -> None:
        """``body_map``: the BodyMapWidget (not annotated, as in map_keys.py and map_views.py:
        it imports this module, and no circle of imports is allowed, not even for types)."""
        self.map = body_map
        self.level = 0
        self.whole = QToolButton(body_map)
        self.whole.setText(_("Whole body"))
        self.whole.setToolTip(_("Show both figures whole again (Esc)"))
        self.whole.setAccessibleName(_("Show the whole body"))
        self.whole.clicked.connect(self.reset)
        self.whole.hide()

    @property
    def factor(self) -> float:
        return STEPS[self.level]

    @property
    def deepest(self) -> int:
        return len(STEPS) - 1

    def at_most(self) -> bool:
        """Zoomed in as far as it goes."""
        return self.level == self.deepest

    def zoom_to(self, level: int, at: QPointF) -> bool:
        """Zoom to a step, keeping the scene point ``at`` where it is on screen."""
        return self._set(level, at)

    def zoom_in(self, at: QPointF | None = None) -> bool:
        """One step closer; past the last step, over a region of the whole figure that has
        a detail view (the face, a hand, a foot, the shoulders, the low back), that view
        opens."""
        if self.at_most() and self.map.views.whole:
            region = (self.map.region_at(self.map.mapFromScene(at)) if at is not None
                      else self.map.marks.current)
            return bool(region) and self.map.views.show_closer(region)
        return self._set(self.level + 1, at)

    def zoom_out(self, at: QPointF | None = None) -> bool:
        return self._set(self.level - 1, at)

    def reset(self) -> None:
        """Both figures whole again, from a zoom or a detail view."""
        self._set(0, None)
        self.map.views.whole_body()
        self.map.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set(self, level: int, at: QPointF | None) -> bool:
        """Zoom to ``level``, keeping the scene point ``at`` (default: the current region,
        else the middle of the view) where it was on screen."""
        level = max(0, min(len(STEPS) - 1, level))
        if level == self.level:
            return False
        body_map = self.map
        if at is None:
            current = body_map.marks.current
            at = (body_map.scene_anchor(current) if current
                  else body_map.mapToScene(body_map.viewport().rect().center()))
        on_screen = body_map.mapFromScene(at)
        self.level = level
        self.apply()
        # Scroll so that the point is under the same pixel as before.
        moved = body_map.mapFromScene(at) - on_screen
        for bar, step in ((body_map.horizontalScrollBar(), moved.x()),
                          (body_map.verticalScrollBar(), moved.y())):
            bar.setValue(bar.value() + step)
        body_map.zoomed.emit()
        body_map.message.emit("" if level == 0 else
                              _("Zoomed {factor}× — the wheel scrolls; Ctrl+- or Whole body to see "
                                "both figures again.").format(factor=_factor(self.factor)))
        return True

    def apply(self) -> None:
        """Fit the figures to the window, then zoom by the chosen factor."""
        body_map = self.map
        zoomed = self.level > 0
        policy = (Qt.ScrollBarPolicy.ScrollBarAsNeeded if zoomed
                  else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body_map.setHorizontalScrollBarPolicy(policy)
        body_map.setVerticalScrollBarPolicy(policy)
        # The point in the middle stays in the middle (a window resized, scroll bars
        # coming or going): fitting alone would jump back to the middle of the figures.
        centre = body_map.mapToScene(body_map.viewport().rect().center())
        body_map.fitInView(body_map.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if zoomed:
            body_map.scale(self.factor, self.factor)
            body_map.centerOn(centre)
        self.whole.setVisible(zoomed or not body_map.views.whole)
        self.whole.adjustSize()
        viewport = body_map.viewport().geometry()
        self.whole.move(viewport.right() - self.whole.width() - EDGE, viewport.top() + EDGE)
        self.whole.raise_()

    def wheel(self, event) -> bool:
        """Ctrl+wheel zooms at the pointer; True when the wheel was used for that."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        delta = event.angleDelta().y()
        if delta:
            at = self.map.mapToScene(event.position().toPoint())
            self.zoom_in(at) if delta > 0 else self.zoom_out(at)
        event.accept()
        return True

    def follow(self, region_id: str) -> None:
        """Keep the current region in sight when zoomed."""
        if self.level > 0:
            self.map.ensureVisible(self.map.region_items[region_id].sceneBoundingRect(), 24, 24)


def _factor(factor: float) -> str:
    """The zoom factor: 2.5 in English (as it always was), 2,5 in German."""
    if current() == DEFAULT:
        return f"{factor:g}"
    return decimal(factor, 0 if factor == int(factor) else 1)
