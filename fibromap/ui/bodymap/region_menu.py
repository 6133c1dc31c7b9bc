"""What a right click on a region of the body map offers."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QMenu

from fibromap.domain.atlas import FIGURES
from fibromap.domain.flare import SiteRole
from fibromap.i18n import _
from fibromap.i18n.formats import in_sentence


def region_menu(body_map, region_id: str) -> QMenu:
    """Intensity, spasm or trigger point, where the pain spreads, removal, the region's
    detail view (or the other side of it, or back to the whole body), and zooming in."""
    marks = body_map.marks
    mark = marks.mark_of(region_id)
    menu = QMenu(body_map)
    menu.setTitle(body_map.atlas.region(region_id).name)
    rate = menu.addMenu(_("Intensity"))
    for value in range(11):
        action = rate.addAction(str(value), partial(marks.set_intensity, region_id, value))
        action.setCheckable(True)
        action.setChecked(mark is not None and mark.intensity == value)
    if mark is None or mark.role is not SiteRole.REFERRED:
        _add_kinds(menu, body_map, region_id)
    if mark is not None:
        menu.addAction(_("Remove from this flare"), lambda: marks.unmark(region_id))
    menu.addSeparator()
    _add_views(menu, body_map, region_id)
    zoom = body_map.zoom
    anchor = body_map.scene_anchor(region_id)
    nearer = menu.addAction(_("Zoom in here"), lambda: zoom.zoom_in(anchor))
    nearer.setEnabled(not zoom.at_most())
    if zoom.level > 0:
        menu.addAction(_("Whole body"), zoom.reset)
    return menu


def _add_kinds(menu: QMenu, body_map, region_id: str) -> None:
    """Spasm, trigger point, and where the pain of a source spreads."""
    marks = body_map.marks
    menu.addAction(_("Spasm"), lambda: marks.set_role(region_id, SiteRole.SPASM))
    menu.addAction(_("Trigger point"), lambda: marks.set_role(region_id, SiteRole.TRIGGER_POINT))
    menu.addSeparator()
    menu.addAction(_("Pain spreads from here…"), lambda: (
        body_map.activate(region_id) if not marks.is_marked(region_id) else None,
        body_map.set_referral_mode(True)))


def _add_views(menu: QMenu, body_map, region_id: str) -> None:
    """The region's detail view, or the other side of the one shown, or the whole body."""
    views = body_map.views
    closer = views.closer(region_id)
    if closer is not None and closer not in body_map.figures.shown:
        menu.addAction(_("Show closer: {view}").format(view=in_sentence(_(closer.title))),
                       lambda: views.show_closer(region_id))
    if not views.whole:
        shown = body_map.figures.shown[0]
        other = next(v for v in FIGURES[shown.figure] if v is not shown)
        menu.addAction(_("Turn over: {view}").format(view=in_sentence(_(other.title))),
                       lambda: views.show((other,)))
        menu.addAction(_("Back to the whole body"), views.whole_body)
