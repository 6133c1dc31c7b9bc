"""Which views the body map shows: the whole figure (front and back) or one detail view.

The detail views draw the head and neck, the hands and wrists, and the feet and ankles
several times larger, with muscles the whole figure is too small for (the pterygoids, each
finger, the plantar fascia); and the shoulders, and the low back and pelvis, as parts of
the whole figure drawn about twice as large. A first click on a small region of the face,
neck, a hand or a foot opens its view (map_closer.py); any of them opens from a region's
right-click menu, from the map's view chooser, by zooming in past the last step over a
region that has one, or by finding a region drawn only there. Esc or *Whole body* goes
back. A mark made in a detail view shows on the whole figure: the region it lies in takes
the colour of its strongest part, dotted inside its edge.
"""

from __future__ import annotations

from fibromap.domain.atlas import FIGURES, View
from fibromap.i18n import _


class MapViews:
    def __init__(self, body_map):
        self.map = body_map

    def show(self, views: tuple[View, ...]) -> None:
        """Show the whole figure (front and back) or one detail view."""
        body_map = self.map
        views = tuple(views)
        if views == body_map.figures.shown:
            return
        body_map.zoom.level = 0
        body_map.figures.show(views)
        body_map.redraw(body_map.showing())
        body_map.zoom.apply()
        current = body_map.marks.current
        # A marked region stays current in a view that does not draw it (pain spreading
        # from the neck is Shift+clicked on the face); an unmarked one is let go.
        if current is not None and body_map.figures.shown_item(current) is None \
                and not body_map.marks.is_marked(current):
            body_map.marks.set_current(None)
        body_map.viewsChanged.emit()

    def whole_body(self) -> None:
        self.show(FIGURES["body"])

    @property
    def whole(self) -> bool:
        return self.map.figures.shown == FIGURES["body"]

    def regions(self) -> list[str]:
        """The regions drawn in the views on display."""
        figures = self.map.figures
        return [rid for rid in figures.region_items if figures.shown_item(rid) is not None]

    def drawing(self, region_id: str) -> tuple[View, ...]:
        """Where a region is drawn: the whole figure, or else its own detail view."""
        region = self.map.atlas.region(region_id)
        return FIGURES["body"] if region.view.figure == "body" else (region.view,)

    def closer(self, region_id: str) -> View | None:
        """The detail view that draws the region, or its parts, closer (None: none does)."""
        atlas = self.map.atlas
        region = atlas.region(region_id)
        if region.detail is None:
            return None
        wanted = [region_id, *(part.id for part in atlas.parts(region_id))]
        # A map built without the detail views (a heat-map) has none to open.
        return next((item.view for rid in wanted for item in self.map.figures.items.get(rid, ())
                     if item.view.figure == region.detail), None)

    def show_closer(self, region_id: str) -> bool:
        """Open the detail view of a region (False when it has none, or it is shown)."""
        view = self.closer(region_id)
        if view is None or view in self.map.figures.shown:
            return False
        self.show((view,))
        if self.map.figures.shown_item(region_id):
            self.map.marks.set_current(region_id)
        self.map.message.emit(_("{view}, closer: the muscles the whole figure is too small for. "
                                "A mark here shows on the whole figure; Esc goes back to it.").format(
                                    view=_(view.title)))
        return True
