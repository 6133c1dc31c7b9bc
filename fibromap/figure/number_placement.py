"""The numbers on a heat-map, placed so that each one can be read and none misleads.

Numbers are placed biggest first. Each sits inside its region where its box fits there
whole; otherwise beside it, on a leader line from a dot on the region (the point of the
region nearest the number): round the region first, then anywhere within reach on its
side, out into the room beside the figures. A number never lies across its figure's
midline from its region (nor past half the gap to the next figure), never covers an
arrowhead, a ring (F, B), another number or a dot, never sits among more than two
arrowheads, and its leader crosses no other leader, number or dot.
Where no place is free, one or two numbers already placed in the way are moved if they
find other places. When a number still finds none, it and every smaller one are left off,
so a number is missing only when every bigger one is drawn; ``left_off`` names them.

Sizes are given in output pixels (or points, on paper) through ``pixel``, the scene units
per output pixel: the numbers are placed again when the map is resized.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem

from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.body_mask import BodyMask
from fibromap.figure.crossings import (
    as_rows,
    boxes_touch,
    distances,
    reaching,
    segments_cross,
    segments_cross_boxes,
)
from fibromap.figure.label_candidates import FAR_PX, Candidates, starts_inside
from fibromap.figure.number_label import NumberLabel

FONT_PX = 12         # the numbers' size on screen; the sizes below scale with it
PAD_PX = 2           # backing around the digits
GAP_PX = 2           # between two numbers, at least
DOT_PX = 3.5         # a leader's dot, with a little room round it
COVER_COST = 40      # a number over another coloured region costs this many pixels of leader,
BODY_COST = 30       # over the body at all (coloured or not) this many more,
PENDING_COST = 100   # over one still to be numbered this many (its number needs room there)
FENCE_PX = 16        # a leader passing this near the anchor of a region still to be numbered
# would fence that one's number in, which costs (below). The placing is tried in these
# styles until one leaves nothing off, and the one that draws most is kept: how much more a
# leader's length costs up or down, and towards the midline, and the cost of a fence.
STYLES = ((1.0, 1.0, 80.0), (1.0, 0.0, 0.0), (2.0, 2.0, 120.0), (0.3, 0.0, 40.0))
FENCED = 400         # the cheapest places whose leaders are tested for that
MOST_TRIED = 60      # candidate places weighed exactly, cheapest first,
MOST_LOOKED = 600    # of so many looked at at most,
CHUNK = 48           # their leaders tested so many at a time
MOST_MOVED = 2       # numbers moved out of the way of one that finds no place
REPAIR_TRIES = 12    # places tried for it that way
Box = tuple[float, float, float, float]  # left, top, right, bottom; a leader: x1, y1, x2, y2


def _box(rect: QRectF) -> Box:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True)
class Spot:
    """Where a number goes: its box, and its leader from a dot on the region (None inside)."""

    box: QRectF
    leader: Box | None = None


class NumberLabels:
    """The numbers of one heat-map drawn in ``scene`` over ``figures``."""

    def __init__(self, figures: BodyFigures, scene: QGraphicsScene) -> None:
        self.figures = figures
        self.scene = scene
        self.labels: dict[str, NumberLabel] = {}
        self.left_off: list[str] = []  # regions with a figure but no number drawn, biggest first
        self.scale = 0.0               # the view's scale the numbers were placed for (ui)
        self.unit = 1.0                # scene units for one of the sizes above
        self._font = QFont()
        self._texts: list[Box] = []    # the figures' texts (titles, L and R)
        self._rings: list[Box] = []    # the F and B rings of arrows to the other figure
        self._heads: list[Box] = []    # arrowheads: no number on them (a leader may cross)
        self._placed: dict[str, Spot] = {}
        self._rank: dict[str, int] = {}  # biggest first
        self._pending: list[str] = []    # the regions still to be numbered
        self._regions: dict[str, Candidates] = {}
        self._body: BodyMask | None = None
        self._fence = 0.0

    def clear(self) -> None:
        for label in self.labels.values():
            self.scene.removeItem(label)
        self.labels, self.left_off = {}, []

    def place(self, pixel: float, font: QFont, arrows: Iterable = (), size: float = FONT_PX) -> None:
        """Place every number again, biggest figures first: ``pixel`` scene units to an
        output pixel, ``size`` the digits' height in output pixels, ``arrows`` the
        ReferralArrows drawn (their heads stay clear)."""
        self.clear()
        order = self._measure(pixel, font, size)
        self._arrows_and_texts(arrows)
        best: tuple[dict[str, Spot], list[str]] | None = None
        for style in STYLES:  # another way of weighing leaders, while any is left off
            placed, left_off = self._run(order, *style)
            if best is None or len(placed) > len(best[0]):
                best = (placed, left_off)
            if not left_off:
                break
        assert best is not None  # STYLES is not empty
        self._placed, self.left_off = best
        for rid, spot in self._placed.items():
            item = self.figures.region_items[rid]
            start = None if spot.leader is None else QPointF(spot.leader[0], spot.leader[1])
            label = NumberLabel(item, item.value_text, spot.box, self._font, self.unit, start)
            self.scene.addItem(label)
            self.labels[rid] = label

    def _arrows_and_texts(self, arrows: Iterable) -> None:
        """What the numbers keep clear of: the arrows' heads and rings, the figures' texts."""
        shown = [arrow for arrow in arrows if arrow.isVisible()]
        self._heads = [_box(arrow.head_rect()) for arrow in shown if arrow.ring is None]
        # The rings holding F or B: no number on them (a leader passes under one).
        self._rings = [_box(arrow.head_rect()) for arrow in shown if arrow.ring is not None]
        self._texts = [_box(item.sceneBoundingRect()) for item in self.scene.items()
                       if isinstance(item, QGraphicsSimpleTextItem) and item.isVisible()]

    def _run(self, order: list[str], upright: float, inward: float,
             fence: float) -> tuple[dict[str, Spot], list[str]]:
        """Each number in ``order`` placed until one finds no place: the places, and the
        numbers left off. Leaders up or down cost ``upright`` times their length more,
        towards the midline ``inward`` times; passing near a number still to come ``fence``."""
        for region in self._regions.values():
            region.upright, region.inward = upright, inward
        self._fence = fence
        self._placed = {}
        for index, rid in enumerate(order):
            self._pending = order[index + 1:]
            spot = self._find(rid)
            if spot is not None:
                self._placed[rid] = spot
            elif not self._repair(rid):  # this and every smaller number are left off
                return self._placed, order[index:]
        return self._placed, []

    def _measure(self, pixel: float, font: QFont, size: float) -> list[str]:
        """The regions to number, biggest figure first, with what is known of each."""
        figures = self.figures
        valued = sorted(((rid, item) for rid, item in figures.region_items.items()
                         if item.value is not None and item.value_text
                         and figures.shown_item(rid) is not None),
                        key=lambda pair: (-(pair[1].value or 0), pair[0]))
        self.unit = pixel * size / FONT_PX
        self._font = QFont(font)
        self._font.setBold(True)
        self._font.setPixelSize(max(1, math.ceil(size * pixel - 1e-6)))
        metrics = QFontMetricsF(self._font)
        pad = PAD_PX * self.unit
        scene = self.scene.sceneRect()
        self._regions = {}
        for rid, item in valued:
            shown = figures.shown_item(rid)
            assert shown is not None  # only regions on display are numbered
            anchor = figures.scene_anchor(rid)
            shape = shown.mapToScene(shown.path())
            left, right = figures.strip(rid)
            middle = figures.midline(shown.view)
            self._regions[rid] = Candidates(
                anchor=(anchor.x(), anchor.y()), shape=shape, bounds=_box(shape.boundingRect()),
                size=(metrics.horizontalAdvance(item.value_text) + 2 * pad, metrics.height() + pad),
                side=(max(scene.left(), left), scene.top(), min(scene.right(), right),
                      scene.bottom()),
                outward=-1 if right == middle else 1 if left == middle else 0,
                starts=starts_inside(shape, (anchor.x(), anchor.y()), DOT_PX * self.unit),
                unit=self.unit)
        self._rank = {rid: index for index, (rid, _item) in enumerate(valued)}
        self._body = BodyMask(figures.body_path(), scene, self.unit)
        return list(self._rank)

    # -- what is in the way ----------------------------------------------------------------
    def _obstacles(self, rid: str | None = None) -> list[Box]:
        """What no number, leader or dot may touch: the texts, the numbers placed (with
        their gap), their leaders' dots and the anchors of the regions still to be
        numbered (but ``rid``'s own and any on it)."""
        gap, dot = GAP_PX * self.unit, DOT_PX * self.unit
        taken = [_box(spot.box.adjusted(-gap, -gap, gap, gap)) for spot in self._placed.values()]
        taken += [(x - dot, y - dot, x + dot, y + dot) for x, y, _x, _y in self._lines()]
        if rid is not None:
            own = self._regions[rid].shape
            for other in self._pending:
                x, y = self._regions[other].anchor
                if not own.contains(QPointF(x, y)):
                    taken.append((x - dot, y - dot, x + dot, y + dot))
        return self._texts + taken

    def _lines(self) -> list[Box]:
        return [spot.leader for spot in self._placed.values() if spot.leader is not None]

    # -- finding a place -------------------------------------------------------------------
    def _find(self, rid: str) -> Spot | None:
        """Inside the region, else the cheapest place beside it."""
        obstacles, lines = self._obstacles(rid), self._lines()
        box = self._regions[rid].inside(obstacles + self._heads + self._rings, lines, self._heads)
        if box is not None:
            return Spot(box)
        region = self._regions[rid]
        starts = region.free_starts(obstacles, lines)
        if not len(starts):
            return None
        for left, top in region.candidates():
            spot = self._best(rid, left, top, starts, obstacles, lines)
            if spot is not None:
                return spot
        return None

    def _clear(self, index, leaders, obstacles, lines):
        """For the candidates at ``index`` (their boxes and leaders in ``leaders``, N×8:
        left, top, right, bottom, x1, y1, x2, y2): whether each leader passes clear of
        ``obstacles`` and ``lines`` (M×4 arrays) and no line crosses its box."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        chosen = leaders[index]
        ok = np.ones(len(index), dtype=bool)
        if not len(index):
            return ok
        reach = (chosen[:, [0, 4]].min(), chosen[:, [1, 5]].min(),
                 chosen[:, [2, 4]].max(), chosen[:, [3, 5]].max())
        near = reaching(obstacles, reach)  # only these can be in the way
        if len(near):
            ok &= ~segments_cross_boxes(chosen[:, 4], chosen[:, 5], chosen[:, 6], chosen[:, 7],
                                        near).any(axis=1)
        ends = reaching(lines, reach, spans=True)
        if len(ends):
            ok &= ~(segments_cross(chosen[:, 4:8], ends).any(axis=1) | segments_cross_boxes(
                ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3], chosen[:, :4]).any(axis=0))
        return ok

    def _cost(self, rid: str, leaders, keep):
        """Each leader's cost in output pixels (Candidates.cost), more for a box on the
        body, and for the cheapest FENCED, more for each region still to be numbered whose
        anchor it passes near: it would fence that one's number in."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        region = self._regions[rid]
        cost = region.cost(leaders)
        assert self._body is not None  # made with the regions, before any place is sought
        if BODY_COST and keep.any():  # off the figures, a number hides no colour
            cost[keep] += BODY_COST * self._body.covers(*leaders[keep, :4].T)
        ax, ay = region.anchor
        far = (FAR_PX + FENCE_PX) * self.unit + sum(region.size)
        pending = [(x, y) for x, y in (self._regions[other].anchor for other in self._pending)
                   if abs(x - ax) < far and abs(y - ay) < far]
        if pending and keep.any():
            kept = np.flatnonzero(keep)
            cheapest = kept[np.argsort(cost[kept], kind="stable")[:FENCED]]
            near = distances(leaders[cheapest, 4:8], np.asarray(pending))
            cost[cheapest] += self._fence * (near < FENCE_PX * self.unit).sum(axis=1)
            cost[np.setdiff1d(kept, cheapest)] += self._fence  # as if each fenced one in
        return cost

    def _best(self, rid: str, left, top, starts, obstacles: list[Box],
              lines: list[Box]) -> Spot | None:
        """Of the candidate boxes, the cheapest allowed."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        region = self._regions[rid]
        keep, leaders = region.open(left, top, starts, obstacles + self._rings, self._heads)
        if not keep.any():
            return None
        cost = self._cost(rid, leaders, keep)
        order = np.flatnonzero(keep)[np.argsort(cost[keep], kind="stable")]
        found = self._cheapest(rid, order, cost, leaders, as_rows(obstacles), as_rows(lines))
        return None if found is None else found[1]

    def _cheapest(self, rid: str, order, cost, leaders, obstacles,
                  lines) -> tuple[int, Spot] | None:
        """The candidate (in ``order``, cheapest leader first) that costs least once the
        regions its box covers are counted."""
        best: tuple[float, int] | None = None
        tried = looked = 0  # places weighed, and places looked at (some on its own region)
        for start in range(0, len(order), CHUNK):  # the leaders' tests, cheapest first
            if tried >= MOST_TRIED or looked >= MOST_LOOKED or (
                    best is not None and cost[order[start]] >= best[0]):
                break  # nothing further on can cost less
            chunk = order[start:start + CHUNK]
            for index in chunk[self._clear(chunk, leaders, obstacles, lines)].tolist():
                if tried >= MOST_TRIED or best is not None and cost[index] >= best[0]:
                    break
                looked += 1
                covering = self._covering(rid, leaders[index])
                if covering is None:
                    continue
                tried += 1
                if best is None or covering + cost[index] < best[0]:
                    best = (covering + float(cost[index]), index)
        return None if best is None else (best[1], _spot(leaders[best[1]]))

    def _covering(self, rid: str, leader) -> float | None:
        """What a box there costs for the coloured regions it covers; None on its own
        region (a leader would point at its own number)."""
        box = QRectF(float(leader[0]), float(leader[1]), float(leader[2] - leader[0]),
                     float(leader[3] - leader[1]))
        if self._regions[rid].shape.intersects(box):
            return None
        quick = _box(box)
        return sum(PENDING_COST if other in self._pending else COVER_COST
                   for other, region in self._regions.items()
                   if other != rid and _overlap(quick, region.bounds)
                   and region.shape.intersects(box))

    # -- making room -----------------------------------------------------------------------
    def _repair(self, rid: str) -> bool:
        """Find a place that only one or two numbers already placed are in the way of, and
        move those elsewhere; True when done (everything as it was when not)."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        placed = list(self._placed)
        region = self._regions[rid]
        if not placed or not len(region.starts):
            return False
        for left, top in region.candidates():
            keep, leaders = region.open(left, top, region.starts, self._texts + self._rings,
                                        self._heads)
            index = np.flatnonzero(keep)
            index = index[self._clear(index, leaders, as_rows(self._texts), as_rows([]))]
            if not len(index):
                continue
            keep[:] = False
            keep[index] = True
            blockers = self._blockers(placed, leaders[index])
            count = blockers.sum(axis=1)
            cost = self._cost(rid, leaders, keep)[index] + COVER_COST * count
            movable = np.flatnonzero((count >= 1) & (count <= MOST_MOVED))
            for k in movable[np.argsort(cost[movable], kind="stable")][:REPAIR_TRIES].tolist():
                if self._covering(rid, leaders[index[k]]) is None:
                    continue
                moved = [placed[j] for j in np.flatnonzero(blockers[k])]
                if self._move(rid, _spot(leaders[index[k]]), moved):
                    return True
        return False

    def _blockers(self, placed: list[str], leaders):
        """For each candidate (a row of ``leaders``), which of the numbers ``placed`` are in
        its way: their boxes, dots or leaders (an N×P array)."""
        import numpy as np  # loaded with the first heat-map, not at start-up

        gap, dot = GAP_PX * self.unit, DOT_PX * self.unit
        spots = [self._placed[other] for other in placed]
        boxes = [_box(spot.box.adjusted(-gap, -gap, gap, gap)) for spot in spots]
        hit = boxes_touch(leaders[:, 0], leaders[:, 1], leaders[:, 2], leaders[:, 3], boxes)
        hit |= segments_cross_boxes(leaders[:, 4], leaders[:, 5], leaders[:, 6], leaders[:, 7],
                                    boxes)
        with_leader = [j for j, spot in enumerate(spots) if spot.leader is not None]
        if with_leader:
            ends = np.asarray([spots[j].leader for j in with_leader])
            dots = np.stack([ends[:, 0] - dot, ends[:, 1] - dot, ends[:, 0] + dot,
                             ends[:, 1] + dot], axis=1)
            hit[:, with_leader] |= (
                segments_cross(leaders[:, 4:8], ends)
                | segments_cross_boxes(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3],
                                       leaders[:, :4]).T
                | segments_cross_boxes(leaders[:, 4], leaders[:, 5], leaders[:, 6],
                                       leaders[:, 7], dots)
                | boxes_touch(leaders[:, 0], leaders[:, 1], leaders[:, 2], leaders[:, 3], dots))
        return hit

    def _move(self, rid: str, spot: Spot, moved: list[str]) -> bool:
        """Place ``rid`` at ``spot`` and the numbers ``moved`` elsewhere, biggest first;
        when one of them finds no place, everything goes back as it was."""
        saved = {other: self._placed.pop(other) for other in moved}
        self._placed[rid] = spot
        for other in sorted(moved, key=self._rank.__getitem__):
            again = self._find(other)
            if again is None:
                for undone in [rid, *moved]:
                    self._placed.pop(undone, None)
                self._placed.update(saved)
                return False
            self._placed[other] = again
        return True


def _spot(leader) -> Spot:
    """A Spot from a candidate's row: its box's sides, then its leader's ends."""
    left, top, right, bottom, x1, y1, x2, y2 = (float(v) for v in leader)
    return Spot(QRectF(left, top, right - left, bottom - top), (x1, y1, x2, y2))
