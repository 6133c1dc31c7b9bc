"""What a right click on a region of the body map offers."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from fibromap.domain.flare import SiteRole


def region_menu(body_map, region_id: str) -> QMenu:
    """Intensity, spasm or trigger point, where the pain spreads, removal, and zooming in
    on the region (or back to the whole body)."""
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
    zoom = body_map.zoom
    anchor = body_map.scene_anchor(region_id)
    closer = menu.addAction("Zoom in here", lambda: zoom.zoom_in(anchor))
    closer.setEnabled(not zoom.at_most())
    if zoom.level > 0:
        menu.addAction("Whole body", zoom.reset)
    return menu
