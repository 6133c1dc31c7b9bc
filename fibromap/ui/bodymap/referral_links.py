"""The referral arrows drawn on one body map (their intensities are the model's,
fibromap/domain/flare_marks.py; the heat-map's are counts, in their width)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QGraphicsScene

from fibromap.figure.referral_arrow import ReferralArrow

Link = tuple[str, str]  # (source region, zone region)


class ReferralLinks:
    """Arrows from source to zone in a scene, in the order they were drawn."""

    def __init__(self, scene: QGraphicsScene, route: Callable[[ReferralArrow], bool]):
        """``route``: draws an arrow where its ends are on display (BodyFigures.route_arrow),
        False when one is not."""
        self._scene = scene
        self._route = route
        self._arrows: dict[Link, ReferralArrow] = {}

    def __iter__(self) -> Iterator[Link]:
        return iter(list(self._arrows))

    def __contains__(self, link: Link) -> bool:
        return link in self._arrows

    def add(self, source: str, target: str, width: float = 2.2, tooltip: str = "") -> None:
        arrow = ReferralArrow(source, target, width=width)
        if tooltip:
            arrow.setToolTip(tooltip)
        self._scene.addItem(arrow)
        self._arrows[(source, target)] = arrow

    def remove(self, link: Link) -> None:
        self._scene.removeItem(self._arrows.pop(link))

    @property
    def arrows(self) -> dict[Link, ReferralArrow]:
        return dict(self._arrows)

    def route(self) -> None:
        """Draw each arrow between its ends on display (between the front and the back, to
        the edge of its source's figure); one with an end not on display (in another view)
        is hidden until that view is shown again."""
        for arrow in self._arrows.values():
            arrow.setVisible(self._route(arrow))
