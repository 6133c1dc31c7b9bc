"""Two clicks to any muscle, for hands in pain: a first click (or the pointer resting) on a
region too small to hit, or one whose parts only a detail view draws, brings it closer;
the second click marks.

On the whole figure most muscles are a few pixels across at 1280x800. A first click on
one smaller than a 24-pixel target (or within a few pixels of one) marks nothing: over
the face, the neck, a hand or a foot, or on a region whose parts only a detail view
draws (the palm: its thumb and fingers), that detail view opens (map_views.py);
anywhere else the map zooms in as far as it goes, keeping the point under the pointer
(map_zoom.py), where every muscle of the whole figure is at least that big. The pointer
resting still over such a region for a moment does the same. Like a magnifier, the view
brought closer this way goes back to the whole body once a region is marked in it (the
next muscle, anywhere, is again a rest and a click away); Esc or *Whole body* goes back
without marking. A view the person chose (the view list, Ctrl+wheel, Show closer) stays.
Regions big enough to hit are marked at the first click, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QTimer

from fibromap.figure.body_figures import scene_anchor_of
from fibromap.figure.region_item import RegionItem
from fibromap.i18n import _

TARGET = 24        # pixels a side: what a finger or a shaky hand can hit
LINGER_MS = 600    # the pointer resting this long over a small region brings it closer
STILL = 4          # pixels the pointer may drift while resting
NEAR = 8           # pixels: a click this close to a small region is meant for it


class MapCloser:
    def __init__(self, body_map) -> None:
        """``body_map``: the BodyMapWidget (it imports this module)."""
        self.map = body_map
        self._sides: dict[int, float] = {}  # id(item): its target's side, in drawing units
        self._resting: QPoint | None = None
        self._linger = QTimer(body_map, singleShot=True, interval=LINGER_MS)
        self._linger.timeout.connect(self._lingered)
        self._lens: tuple | None = None  # the view brought closer, until a mark is made in it

    # -- how big a region is on screen ------------------------------------------------------
    def target_side(self, item: RegionItem) -> float:
        """The side of the largest square that lies inside the region (tried around its
        inner point and across it), in the scene's units; kept until the shapes change."""
        key = id(item)
        if key not in self._sides:
            path = item.mapToScene(item.path())
            bounds = path.boundingRect()
            centres = [scene_anchor_of(item)] + [
                QPointF(bounds.left() + bounds.width() * i / 6,
                        bounds.top() + bounds.height() * j / 6)
                for i in range(1, 6) for j in range(1, 6)]
            centres = [centre for centre in centres if path.contains(centre)]
            low, high = 0.0, max(bounds.width(), bounds.height())
            for _ in range(12):
                side = (low + high) / 2
                fits = any(path.contains(QRectF(centre.x() - side / 2, centre.y() - side / 2,
                                                side, side)) for centre in centres)
                low, high = (side, high) if fits else (low, side)
            self._sides[key] = low
        return self._sides[key]

    def target_px(self, region_id: str) -> float:
        """How big a target the region is on screen now (0 when it is not on display)."""
        item = self.map.figures.shown_item(region_id)
        return 0.0 if item is None else self.target_side(item) * self.map.transform().m11()

    def forget(self) -> None:
        """The shapes changed (another build of the figure)."""
        self._sides.clear()

    # -- a click --------------------------------------------------------------------------
    def near(self, position: QPoint) -> str | None:
        """A small region within a few pixels of a click that hit none."""
        box = QRect(position.x() - NEAR, position.y() - NEAR, 2 * NEAR + 1, 2 * NEAR + 1)
        found = [item.region.id for item in self.map.items(box)
                 if isinstance(item, RegionItem) and item.isVisible()]
        return next((rid for rid in found if self.target_px(rid) < TARGET), None)

    def wanted(self, region_id: str) -> bool:
        """Whether a first click on the region brings it closer rather than marking it."""
        body_map = self.map
        if not body_map.editable or not body_map.views.whole:
            return False  # a detail view draws every region big enough
        has_parts = bool(body_map.atlas.parts(region_id))
        if body_map.zoom.level == 0 and has_parts and body_map.views.closer(region_id):
            return True  # the thumb and fingers are drawn only in the palms' view
        return self.target_px(region_id) < TARGET and (
            not body_map.zoom.at_most() or body_map.views.closer(region_id) is not None)

    def bring_closer(self, region_id: str, position: QPoint) -> None:
        """The region's detail view, or the whole figure zoomed in at ``position``."""
        self._linger.stop()
        body_map = self.map
        view = body_map.views.closer(region_id)
        drawn_apart = view is not None and view.crop_of is None
        if view is not None and (drawn_apart or body_map.zoom.at_most()):
            body_map.views.show((view,))
            body_map.message.emit(_("{view}, closer: click where it hurts. Esc goes back to the "
                                    "whole body.").format(view=_(view.title)))
            self._lens = self._shown()
            return
        body_map.zoom.zoom_to(body_map.zoom.deepest, body_map.mapToScene(position))
        item = body_map.figures.shown_item(region_id)
        if item is not None:  # its whole target in sight, even from the window's edge
            side = self.target_side(item)
            centre = scene_anchor_of(item)
            body_map.ensureVisible(QRectF(centre.x() - side / 2, centre.y() - side / 2,
                                          side, side), 4, 4)
        body_map.message.emit(_("Closer: click where it hurts. Esc or Whole body goes back to "
                                "the whole body."))
        self._lens = self._shown()

    def _shown(self) -> tuple:
        return (self.map.figures.shown, self.map.zoom.level)

    def marked(self) -> None:
        """A region was marked: a view brought closer for it goes back to the whole body
        (one the person has moved on from, by choosing or zooming, stays)."""
        lens, self._lens = self._lens, None
        if lens is not None and lens == self._shown():
            self.back()

    def back(self) -> bool:
        """The whole body again, unzoomed (False when it is shown already)."""
        body_map = self.map
        self._lens = None
        if body_map.views.whole and body_map.zoom.level == 0:
            return False
        body_map.zoom.reset()
        body_map.message.emit("")  # "closer: click where it hurts" is said no more
        return True

    # -- the pointer resting ----------------------------------------------------------------
    def moved(self, position: QPointF) -> None:
        """The pointer moved: wait for it to rest over a small region."""
        at = position.toPoint()
        if self._resting is not None and (at - self._resting).manhattanLength() <= STILL:
            return
        self._resting = at
        region = self.map.region_at(at) or self.near(at)
        if region is not None and self.map.zoom.level == 0 and self.wanted(region):
            self._linger.start()
        else:
            self._linger.stop()

    @property
    def lingering(self) -> bool:
        """The pointer rests over a small region: it comes closer unless it moves on."""
        return self._linger.isActive()

    def stop(self) -> None:
        """The pointer left, pressed or the view changed: no longer resting."""
        self._linger.stop()
        self._resting = None

    def _lingered(self) -> None:
        at = self._resting
        region = None if at is None else self.map.region_at(at) or self.near(at)
        if at is not None and region is not None and self.map.zoom.level == 0 \
                and self.wanted(region):
            self.bring_closer(region, at)
