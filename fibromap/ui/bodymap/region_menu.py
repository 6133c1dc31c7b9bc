"""What a right click on a region of the body map offers."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from fibromap.domain.atlas import FIGURES
from fibromap.domain.flare import SiteRole


def region_menu(body_map, region_id: str) -> QMenu:
    """Intensity, spasm or trigger point, where the pain spreads, removal, the region's
    detail view (or the other side of it, or back to the whole body), and zooming in."""
    item = body_map.region_items[region_id]
    menu = QMenu(body_map)
    menu.setTitle(item.region.name)
    rate = menu.addMenu("Intensity")
    for value in range(11):
        action = rate.addAction(str(value), lambda v=value: body_map.set_intensity(region_id, v))
        action.setCheckable(True)
        action.setChecked(item.intensity == value)
    if item.role is not SiteRole.REFERRED:
        menu.addAction("Spasm", lambda: body_map.set_role(region_id, SiteRole.SPASM))
        menu.addAction("Trigger point",
                       lambda: body_map.set_role(region_id, SiteRole.TRIGGER_POINT))
        menu.addSeparator()
        menu.addAction("Pain spreads from here…", lambda: (
            body_map.activate(region_id) if not item.marked else None,
            body_map.set_referral_mode(True)))
    if item.marked:
        menu.addAction("Remove from this flare", lambda: body_map.unmark(region_id))
    menu.addSeparator()
    views = body_map.views
    closer = views.closer(region_id)
    if closer is not None and closer not in body_map.figures.shown:
        menu.addAction(f"Show closer: {closer.title.lower()}", lambda: views.show_closer(region_id))
    if not views.whole:
        shown = body_map.figures.shown[0]
        other = next(v for v in FIGURES[shown.figure] if v is not shown)
        menu.addAction(f"Turn over: {other.title.lower()}", lambda: views.show((other,)))
        menu.addAction("Back to the whole body", views.whole_body)
    zoom = body_map.zoom
    anchor = body_map.scene_anchor(region_id)
    nearer = menu.addAction("Zoom in here", lambda: zoom.zoom_in(anchor))
    nearer.setEnabled(not zoom.at_most())
    if zoom.level > 0:
        menu.addAction("Whole body", zoom.reset)
    return menu
