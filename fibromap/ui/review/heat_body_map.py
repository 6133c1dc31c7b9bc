"""A read-only body map coloured by a figure, whose numbers stay readable
(fibromap/figure/number_placement.py), with room beside the figures for them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fibromap.analysis.colour_scale import ColourScale
from fibromap.analysis.heatmap import PER_ZONE, Link, arrows_drawn
from fibromap.domain.atlas import FIGURES, Atlas
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure.body_figures import FIGURE_GAP
from fibromap.figure.number_placement import NumberLabels
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import in_sentence, whole
from fibromap.ui.bodymap.body_map_widget import BodyMapWidget

NAMED = 3             # referral patterns not drawn, named in words before the rest are counted
RESIZE_REST_MS = 150  # a pause this long in a resize places the numbers again
ROOM = (24.0, 240.0)  # scene units beside each half-figure for numbers: at least, at most
ROOM_STEP = 8.0       # the room changes in steps, so a small resize keeps the numbers


class HeatBodyMap(BodyMapWidget):
    """The heat-map's and the overview's map. ``numbers=False`` (the small monthly maps)
    shows colours only."""

    numbersPlaced = Signal()  # after a new figure or a resize; see ``numbers.left_off``

    def __init__(self, orientation: Orientation = Orientation.PATIENT, *,
                 atlas: Atlas | None = None, geometry: BodyGeometry | None = None,
                 numbers: bool = True, parent: QWidget | None = None):
        super().__init__(orientation, atlas=atlas, geometry=geometry, views=FIGURES["body"],
                         parent=parent)
        self.set_editable(False)
        self.numbers = NumberLabels(self.figures, self.scene()) if numbers else None
        self.links_drawn: list[Link] = []  # the referral patterns drawn as arrows
        self.links_left: list[Link] = []   # and those named only in words
        # Placing takes over a tenth of a second on a busy map: while a window is being
        # dragged larger the numbers just scale with it, and are placed again once it rests.
        self._resized = QTimer(self, singleShot=True, interval=RESIZE_REST_MS)
        self._resized.timeout.connect(self._place_if_rescaled)
        self.zoomed.connect(self._resized.start)  # numbers stay 12 px: placed again
        # New figures are coloured at once and their numbers placed in the next turn of the
        # event loop, so the colours change within a frame even on a busy map.
        self._placing = QTimer(self, singleShot=True, interval=0)
        self._placing.timeout.connect(self._place)

    def show_figures(self, values: dict[str, float], scale: ColourScale | None, fmt,
                     links: Sequence[tuple[str, str, int]] = ()) -> None:
        """Colours on ``scale`` (None: nothing to colour), referral arrows and numbers at
        once (the numbers placed once)."""
        self._draw_links(links)
        self._colour(values, scale, fmt)
        self._place_soon()  # numbers keep clear of the arrowheads

    def left_off_label(self) -> QLabel:
        """A label naming the figures with no room on this map, kept up to date as the
        numbers are placed, and hidden when every figure is written."""
        label = QLabel(wordWrap=True)
        label.hide()

        def say() -> None:
            label.setText(self.left_off_text())
            label.setVisible(bool(label.text()))
        self.numbersPlaced.connect(say)
        return label

    def arrows_label(self) -> QLabel:
        """A label saying which referral patterns the arrows show and naming the others,
        kept up to date; hidden when there are none."""
        label = QLabel(wordWrap=True)
        label.hide()

        def say() -> None:
            label.setText(self.arrows_text())
            label.setVisible(bool(label.text()))
        self.numbersPlaced.connect(say)
        return label

    def arrows_text(self) -> str:
        """Which referral patterns the arrows show, and the others named ("" for none)."""
        drawn, left = self.links_drawn, self.links_left
        if not drawn:
            return ""
        counts = [count for _s, _t, count in drawn]
        text = ngettext(
            "Arrows: the {count} most frequent referral pattern (at most {most} to one region), "
            "thicker for more often ({times}). Ending in a ring: felt on the other figure, at "
            "that height and side (F front, B back).",
            "Arrows: the {count} most frequent referral patterns (at most {most} to one region), "
            "thicker for more often ({times}). Ending in a ring: felt on the other figure, at "
            "that height and side (F front, B back).", len(drawn)).format(
                count=whole(len(drawn)), most=PER_ZONE, times=_times(counts))
        if left:
            named = "; ".join(_("{source} → {target} {count}×").format(
                source=self.atlas.name(s), target=in_sentence(self.atlas.name(t)), count=n)
                for s, t, n in left[:NAMED])
            rest = left[NAMED:]
            text += " " + (ngettext("Not drawn: {named}; and {count} more, {times} each.",
                                    "Not drawn: {named}; and {count} more, {times} each.",
                                    len(rest)).format(named=named, count=len(rest),
                                                      times=_times([n for *_r, n in rest]))
                           if rest else _("Not drawn: {named}.").format(named=named))
        return text

    def left_off_text(self) -> str:
        """What the map had no room to write: only ever the smallest figures (numbers are
        placed biggest first), counted with their range ("" when every figure is written)."""
        if self.numbers is None or not self.numbers.left_off:
            return ""
        items = self.region_items
        texts = [items[rid].value_text for rid in self.numbers.left_off]
        values = [items[rid].value or 0 for rid in self.numbers.left_off]
        top, low = texts[values.index(max(values))], texts[values.index(min(values))]
        each = top if top == low else _("{low} to {high}").format(low=low, high=top)
        return ngettext("{count} smaller number ({each} each) not shown on the map: hover a "
                        "region for its figure.",
                        "{count} smaller numbers ({each} each) not shown on the map: hover a "
                        "region for its figure.", len(texts)).format(count=whole(len(texts)),
                                                                     each=each)

    def show_values(self, values: dict[str, float], scale: ColourScale | None,
                    fmt=lambda v: f"{v:g}") -> None:
        self._colour(values, scale, fmt)
        self._place_soon()

    def show_link_counts(self, links: list[tuple[str, str, int]]) -> None:
        self._draw_links(links)
        self._place_soon()

    def place_numbers_now(self) -> None:
        """Place numbers still waiting to be placed (before a picture is taken)."""
        if self._placing.isActive():
            self._placing.stop()
            self._place()

    def _place_soon(self) -> None:
        if self.numbers is not None:
            self.numbers.clear()  # never last figures' numbers on new colours
            self.numbers.scale = 0.0  # placed for no scale yet
            self._placing.start()

    def _colour(self, values: dict[str, float], scale: ColourScale | None, fmt) -> None:
        """Each region coloured by its figure on ``scale``; others stay blank. The numbers
        are placed apart (number_placement.py), not at the anchors."""
        self.figures.set_values(values, scale.position if scale else lambda _v: 0.0, fmt)
        for rid in self.region_items:
            self._refresh(rid)

    def _draw_links(self, links: Sequence[tuple[str, str, int]]) -> None:
        """Aggregated referrals: one arrow per source and zone for the most frequent
        (analysis.heatmap.arrows_drawn), thicker for more frequent ones; the rest are
        named in words (``arrows_text``)."""
        for link in self._links:
            self._links.remove(link)
        self.links_drawn, self.links_left = arrows_drawn(list(links))
        top = max((count for _s, _t, count in self.links_drawn), default=1)
        for source, target, count in self.links_drawn:
            self._links.add(source, target, width=1.2 + 4.8 * count / top,
                            tooltip=ngettext("{source} → {target}: {count} time",
                                             "{source} → {target}: {count} times", count).format(
                                source=self.atlas.name(source),
                                target=in_sentence(self.atlas.name(target)), count=count))
        self._links.route()

    def set_orientation(self, orientation: Orientation) -> None:
        super().set_orientation(orientation)
        self._place()

    def set_geometry(self, geometry: BodyGeometry) -> None:
        super().set_geometry(geometry)
        self._place()

    def _refresh(self, region_id: str) -> None:
        super()._refresh(region_id)
        # The plain number at the anchor is replaced by the placed ones (even on hover).
        self._labels[region_id].hide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if getattr(self, "numbers", None) is not None:
            self._make_room(event.size().width(), event.size().height())
        super().resizeEvent(event)
        if getattr(self, "numbers", None) is not None:
            self._resized.start()

    def _make_room(self, width: int, height: int) -> None:
        """Share the map's spare width between the figures and beside them, as much for
        each half-figure (the gap holds two), so numbers on leaders have room there."""
        figures = self.figures
        if len(figures.shown) < 2 or width <= 0 or height <= 0:
            return
        views = [figures.geometry.views[view] for view in figures.shown]
        natural = sum(view.width for view in views) + FIGURE_GAP * (len(views) - 1) + 8
        tall = self.sceneRect().height()
        least, most = ROOM
        scale = min(height / tall, width / (natural + 4 * least))
        room = max(least, min(most, (width / scale - natural) / 4))
        room = ROOM_STEP * int(room / ROOM_STEP)
        if (figures.gap, figures.margin) != (FIGURE_GAP + 2 * room, room):
            figures.set_room(FIGURE_GAP + 2 * room, room)
            self._links.route()
            self._place_soon()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._place_if_rescaled()

    def _place_if_rescaled(self) -> None:
        numbers = getattr(self, "numbers", None)
        if numbers is not None and abs(self.transform().m11() - numbers.scale) > 0.005:
            self._place()

    def _place(self) -> None:
        if getattr(self, "_placing", None) is not None:
            self._placing.stop()
        numbers = getattr(self, "numbers", None)  # not yet set while BodyMapWidget.__init__ runs
        if numbers is not None:
            numbers.scale = self.transform().m11() or 1.0
            numbers.place(1.0 / numbers.scale, self.font(), self.arrows().values())
            self.numbersPlaced.emit()


def _times(counts: list[int]) -> str:
    """ "1 time", "3 times", "1 to 5 times": how often, over some patterns."""
    low, high = min(counts), max(counts)
    if low == high:
        return ngettext("{count} time", "{count} times", high).format(count=high)
    return ngettext("{low} to {high} time", "{low} to {high} times", high).format(low=low, high=high)
