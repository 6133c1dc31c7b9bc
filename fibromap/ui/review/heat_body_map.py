"""A read-only body map coloured by a figure, whose numbers stay readable (heat_labels.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from fibromap.domain.atlas import FIGURES, Atlas
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure.orientation import Orientation
from fibromap.ui.bodymap.body_map_widget import BodyMapWidget
from fibromap.ui.review.heat_labels import HeatLabels

LEFT_OFF_NAMED = 8  # the biggest figures with no room on the map, named in words
RESIZE_REST_MS = 150  # a pause this long in a resize places the numbers again


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
        self.numbers = HeatLabels(self) if numbers else None
        # Placing takes over a tenth of a second on a busy map: while a window is being
        # dragged larger the numbers just scale with it, and are placed again once it rests.
        self._resized = QTimer(self, singleShot=True, interval=RESIZE_REST_MS)
        self._resized.timeout.connect(self._place_if_rescaled)
        self.zoomed.connect(self._resized.start)  # numbers stay 12 px: placed again
        # New figures are coloured at once and their numbers placed in the next turn of the
        # event loop, so the colours change within a frame even on a busy map.
        self._placing = QTimer(self, singleShot=True, interval=0)
        self._placing.timeout.connect(self._place)

    def show_figures(self, values: dict[str, float], maximum: float, fmt,
                     links: Sequence[tuple[str, str, int]] = ()) -> None:
        """Colours, referral arrows and numbers at once (the numbers placed once)."""
        self._draw_links(links)
        self._colour(values, maximum, fmt)
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

    def left_off_text(self) -> str:
        """The figures the map had no room to write, biggest first, so that none is only a
        colour ("" when every figure is written)."""
        if self.numbers is None or not self.numbers.left_off:
            return ""
        items = self.region_items
        missing = sorted(self.numbers.left_off, key=lambda rid: -(items[rid].value or 0))
        named = "; ".join(f"{self.atlas.name(rid).lower()} {items[rid].value_text}"
                          for rid in missing[:LEFT_OFF_NAMED])
        rest = len(missing) - LEFT_OFF_NAMED
        return (f"No room on the map for: {named}" + (
            f"; and {rest} smaller one{'s' if rest != 1 else ''} (hover a region for its figure)."
            if rest > 0 else "."))

    def show_values(self, values: dict[str, float], maximum: float,
                    fmt=lambda v: f"{v:g}") -> None:
        self._colour(values, maximum, fmt)
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

    def _colour(self, values: dict[str, float], maximum: float, fmt) -> None:
        """Each region coloured by its figure on a 0–``maximum`` scale; others stay blank.
        The numbers are placed apart (heat_labels.py), not at the regions' anchors."""
        self.figures.set_values(values, maximum, fmt)
        for rid in self.region_items:
            self._refresh(rid)

    def _draw_links(self, links: Sequence[tuple[str, str, int]]) -> None:
        """Aggregated referrals: one arrow per link, thicker for more frequent ones."""
        for link in self._links:
            self._links.remove(link)
        top = max((count for _s, _t, count in links), default=1)
        for source, target, count in links:
            self._links.add(source, target, width=1.2 + 4.8 * count / top,
                            tooltip=f"{self.atlas.name(source)} → {self.atlas.name(target).lower()}: "
                                    f"{count} time{'s' if count != 1 else ''}")
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
        super().resizeEvent(event)
        if getattr(self, "numbers", None) is not None:
            self._resized.start()

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
            numbers.place()
            self.numbersPlaced.emit()
