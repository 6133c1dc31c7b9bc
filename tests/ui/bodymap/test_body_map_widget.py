"""The body map as a person uses it: real clicks at real positions, real keys."""

import pytest
from PySide6.QtCore import QPoint, Qt

from fibromap.domain.atlas import FIGURES, Side, View
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.figure.orientation import Orientation
from fibromap.figure.region_item import REFERRED_NOT_RATED
from fibromap.i18n import _
from fibromap.ui.bodymap.body_map_widget import BodyMapWidget
from tests.helpers.colour import cie_lightness
from tests.helpers.map_clicks import click_region


@pytest.fixture(params=list(Orientation), ids=[o.value for o in Orientation])
def body_map(qtbot, request):
    widget = BodyMapWidget(request.param)
    qtbot.addWidget(widget)
    widget.resize(1400, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


ALL_VIEWS = [FIGURES["body"]] + [(view,) for view in View if view.figure != "body"]


def click(qtbot, widget, region_id, button=Qt.MouseButton.LeftButton, modifier=Qt.KeyboardModifier.NoModifier):
    """As a person: a small region comes closer at the first click, the second marks it."""
    click_region(qtbot, widget, region_id, button, modifier)


def type_keys(qtbot, widget, text):
    for char in text:
        qtbot.keyClick(widget, char)


def test_a_click_at_each_regions_inner_point_selects_exactly_that_region(qtbot, body_map):
    """In the whole figure (where a small region comes closer first) and in every detail
    view."""
    assert len(body_map.region_items) >= 80
    clicked = set()
    for views in ALL_VIEWS:
        body_map.views.show(views)
        for region_id in body_map.views.regions():
            click(qtbot, body_map, region_id)
            marked = [rid for rid, item in body_map.region_items.items() if item.marked]
            assert marked == [region_id], views
            assert body_map.marks.current == region_id
            body_map.marks.unmark(region_id)
            body_map.zoom.reset()
            body_map.views.show(views)
            clicked.add(region_id)
    assert clicked == set(body_map.region_items)


def test_left_and_right_sit_where_the_view_setting_says(qtbot, body_map):
    """Patient view mirrors the front: the person's left is on the viewer's left."""
    def viewer_x(region_id):
        return body_map.viewport_point(region_id).x()

    front_left, front_right = viewer_x("biceps.left"), viewer_x("biceps.right")
    back_left, back_right = viewer_x("triceps.left"), viewer_x("triceps.right")
    assert back_left < back_right  # seen from behind, always
    assert body_map.side_label_text(View.BACK) == ("L", "R")
    if body_map.orientation is Orientation.PATIENT:
        assert front_left < front_right
        assert body_map.side_label_text(View.FRONT) == ("L", "R")
    else:
        assert front_left > front_right
        assert body_map.side_label_text(View.FRONT) == ("R", "L")
    # In every view, every left region lies on the side its on-figure "L" label is.
    for views in ALL_VIEWS:
        body_map.views.show(views)
        for rid in body_map.views.regions():
            item = body_map.figures.shown_item(rid)
            if item.region.side is Side.CENTER:
                continue
            frame = body_map.body_geometry.views[item.view]
            middle = body_map.mapFromScene(
                body_map.figures.containers[item.view].mapToScene(frame.width / 2, 0)).x()
            left_label_on_left = body_map.side_label_text(item.view)[0] == "L"
            on_viewer_left = viewer_x(rid) < middle
            assert on_viewer_left == ((item.region.side is Side.LEFT) == left_label_on_left), rid


def test_hover_shows_the_name_and_highlights(qtbot, body_map):
    seen = []
    body_map.hoveredRegionChanged.connect(seen.append)
    qtbot.mouseMove(body_map.viewport(), body_map.viewport_point("gastrocnemius.right"))
    assert seen[-1] == "gastrocnemius.right"
    item = body_map.region_items["gastrocnemius.right"]
    assert item.hovered and item.toolTip() == body_map.atlas.name("gastrocnemius.right")
    qtbot.mouseMove(body_map.viewport(), QPoint(3, 3))
    assert seen[-1] == "" and not item.hovered


def test_intensity_from_digit_keys_shows_as_colour_and_number(qtbot, body_map):
    click(qtbot, body_map, "upper_trapezius.left")
    item = body_map.region_items["upper_trapezius.left"]
    unrated = item.brush().color().name()
    qtbot.keyClick(body_map, "7")
    assert item.intensity == 7
    seven = item.brush().color().name()
    assert seven != unrated
    assert body_map._labels["upper_trapezius.left"].text() == "7"
    type_keys(qtbot, body_map, "10")
    assert item.intensity == 10
    assert item.brush().color().name() != seven
    assert body_map.marks.sites() == [SpasmSite("upper_trapezius.left", 10)]
    qtbot.keyClick(body_map, Qt.Key.Key_Minus)
    assert item.intensity == 9
    qtbot.keyClick(body_map, "0")  # not right after a 1: plain zero
    assert item.intensity == 0
    qtbot.keyClick(body_map, Qt.Key.Key_Delete)
    assert not item.marked and body_map.marks.sites() == []


def test_the_scale_darkens_as_intensity_rises_and_its_palest_is_not_skin():
    from fibromap.figure.colors import UNMARKED, intensity_color

    lightness = [cie_lightness(intensity_color(v)) for v in range(11)]
    assert lightness == sorted(lightness, reverse=True)
    # Read by lightness alone (any colour vision): a clear step between 0 and 10 ...
    assert lightness[0] - lightness[10] > 50
    assert min(a - b for a, b in zip(lightness, lightness[1:])) > 3
    # ... and a region marked once at the lowest level is not taken for unmarked skin.
    assert cie_lightness(UNMARKED) - lightness[0] > 15


# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear sRGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


@pytest.mark.parametrize("deficiency", CVD)
def test_the_scale_still_reads_in_order_with_colour_vision_deficiency(deficiency):
    from fibromap.figure.colors import UNMARKED, intensity_color

    def seen(color):
        return cie_lightness(color, seen_through=CVD[deficiency])

    lightness = [seen(intensity_color(v)) for v in range(11)]
    assert all(a - b > 2 for a, b in zip(lightness, lightness[1:]))  # still darker each step
    assert seen(UNMARKED) - lightness[0] > 10  # the palest still not taken for skin


def test_tab_and_arrows_move_between_regions(qtbot, body_map):
    body_map.setFocus()
    qtbot.waitUntil(body_map.hasFocus)
    first = body_map.marks.current
    assert first is not None
    qtbot.keyClick(body_map, Qt.Key.Key_Tab)
    second = body_map.marks.current
    assert second != first
    qtbot.keyClick(body_map, Qt.Key.Key_Backtab)
    assert body_map.marks.current == first
    body_map.marks.set_current("upper_trapezius.left")
    start = body_map.scene_anchor("upper_trapezius.left")
    qtbot.keyClick(body_map, Qt.Key.Key_Down)
    below = body_map.marks.current
    assert body_map.scene_anchor(below).y() > start.y()
    assert body_map.atlas.region(below).view is View.BACK
    qtbot.keyClick(body_map, Qt.Key.Key_Right)
    assert body_map.scene_anchor(body_map.marks.current).x() > body_map.scene_anchor(below).x()
    qtbot.keyClick(body_map, Qt.Key.Key_Space)
    assert body_map.region_items[body_map.marks.current].marked


def test_every_region_can_be_reached_with_tab(qtbot, body_map):
    """Tab walks the regions on display, whole figure or detail view."""
    body_map.setFocus()
    qtbot.waitUntil(body_map.hasFocus)
    seen = set()
    for views in ALL_VIEWS:
        body_map.views.show(views)
        body_map.marks.set_current(body_map.keys.tab_order()[0])
        shown = set(body_map.views.regions())
        for _step in range(len(shown) - 1):
            seen.add(body_map.marks.current)
            qtbot.keyClick(body_map, Qt.Key.Key_Tab)
            assert body_map.marks.current in shown
        seen.add(body_map.marks.current)
    assert seen == set(body_map.region_items)


def test_type_to_find_a_region_by_name(qtbot, body_map):
    body_map.setFocus()
    type_keys(qtbot, body_map, "left trap")
    assert body_map.marks.current == "upper_trapezius.left"
    assert body_map.keys.find_label.isVisible()
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    assert body_map.region_items["upper_trapezius.left"].marked
    assert not body_map.keys.find_label.isVisible()
    qtbot.keyClick(body_map, "6")
    assert body_map.marks.sites() == [SpasmSite("upper_trapezius.left", 6)]
    type_keys(qtbot, body_map, "r calf")
    assert body_map.marks.current == "gastrocnemius.right"
    qtbot.keyClick(body_map, Qt.Key.Key_Escape)
    assert not body_map.region_items["gastrocnemius.right"].marked
    assert body_map.keys.find_region("forehead") == "forehead"
    assert body_map.keys.find_region("zzz") is None


@pytest.mark.parametrize("typed, found", [
    ("l tfl", "tensor_fasciae_latae.left"), ("r teres maj", "teres_major.right"),
    ("r teres min", "teres_minor.right"), ("thumb", "brachioradialis"),
    ("l glut min", "gluteus_minimus.left"), ("r serratus", "serratus_anterior.right"),
    ("l sartorius", "sartorius.left"), ("r gracilis", "gracilis.right"),
    ("l splenius", "splenius_capitis.left"), ("r middle trap", "middle_trapezius.right"),
    ("l lower trap", "lower_trapezius.left"), ("r rectus abd", "rectus_abdominis.right"),
    ("l iliopsoas", "iliopsoas.left"), ("r temporalis", "temple.right"),
])
def test_the_new_muscles_are_found_by_typing(body_map, typed, found):
    assert (body_map.keys.find_region(typed) or "").startswith(found)


def test_referral_mode_links_a_source_to_the_zones_it_spreads_to(qtbot, body_map):
    click(qtbot, body_map, "upper_trapezius.left")
    qtbot.keyClick(body_map, "6")
    qtbot.keyClick(body_map, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert body_map.referral_mode and body_map.marks.referral_source == "upper_trapezius.left"
    click(qtbot, body_map, "temple.left")
    click(qtbot, body_map, "brow_eye.left")
    qtbot.keyClick(body_map, "3")  # the zone just clicked
    assert body_map.marks.links() == [("upper_trapezius.left", "temple.left"),
                                ("upper_trapezius.left", "brow_eye.left")]
    # The temple was not rated: it stays so, not at its source's 6.
    assert body_map.marks.referrals() == [Referral("upper_trapezius.left", "temple.left", None),
                                    Referral("upper_trapezius.left", "brow_eye.left", 3)]
    zone = body_map.region_items["temple.left"]
    assert zone.role is SiteRole.REFERRED and zone.intensity is None
    assert zone.accessible_name() == f"{body_map.atlas.name('temple.left')}, {_(REFERRED_NOT_RATED)}"
    qtbot.mouseClick(body_map.zoom.whole, Qt.MouseButton.LeftButton)  # both ends in sight
    arrows = body_map.arrows()
    assert set(arrows) == set(body_map.marks.links())
    arrow = arrows[("upper_trapezius.left", "temple.left")]
    assert arrow.path().length() > 50 and arrow.isVisible()
    click(qtbot, body_map, "temple.left")  # again: unlink
    assert body_map.marks.links() == [("upper_trapezius.left", "brow_eye.left")]
    assert not body_map.region_items["temple.left"].marked
    qtbot.keyClick(body_map, Qt.Key.Key_Escape)
    assert not body_map.referral_mode
    assert body_map.marks.current == "upper_trapezius.left"
    assert {s.region for s in body_map.marks.sites()} == {"upper_trapezius.left", "brow_eye.left"}


def test_referral_mode_needs_a_marked_source_and_a_free_zone(qtbot, body_map):
    messages = []
    body_map.message.connect(messages.append)
    assert not body_map.set_referral_mode(True)
    assert messages[-1] == _("First mark the spasm or trigger point the pain comes from.")
    click(qtbot, body_map, "quadratus_lumborum.right")
    click(qtbot, body_map, "gluteus_medius.right")
    body_map.marks.set_current("quadratus_lumborum.right")
    assert body_map.set_referral_mode(True)
    click(qtbot, body_map, "gluteus_medius.right")
    assert messages[-1] == _("{region} is marked as a spasm; remove it first to mark it as referred "
                             "pain.").format(region=body_map.atlas.name("gluteus_medius.right"))
    assert body_map.marks.links() == []


def test_removing_a_source_removes_its_arrows(qtbot, body_map):
    body_map.marks.load([SpasmSite("soleus.left", 5), SpasmSite("heel.left", 4, SiteRole.REFERRED)],
                  [Referral("soleus.left", "heel.left", 4)])
    assert len(body_map.arrows()) == 1
    body_map.marks.unmark("soleus.left")
    assert body_map.arrows() == {} and body_map.marks.referrals() == []


def test_trigger_point_toggle(qtbot, body_map):
    click(qtbot, body_map, "infraspinatus.right")
    qtbot.keyClick(body_map, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert body_map.region_items["infraspinatus.right"].role is SiteRole.TRIGGER_POINT
    assert body_map.region_items["infraspinatus.right"].accessible_name().endswith(", " + _("trigger point"))


def test_every_region_has_an_accessible_name_and_the_map_announces_the_current(qtbot, body_map):
    names = {item.accessible_name() for item in body_map.region_items.values()}
    assert len(names) == len(body_map.region_items) and all(names)
    click(qtbot, body_map, "masseter.left")
    qtbot.keyClick(body_map, "4")
    jaw = body_map.atlas.name("masseter.left")
    assert body_map.accessibleName() == _("Body map")
    assert body_map.accessibleDescription().startswith(jaw)
    assert body_map.region_items["masseter.left"].accessible_name() == ", ".join(
        [jaw, _("intensity {value}").format(value=4)])


def test_the_map_scales_with_the_window(qtbot, body_map):
    body_map.resize(700, 500)
    qtbot.wait(10)
    small = body_map.transform().m11()
    body_map.resize(1400, 1000)
    qtbot.wait(10)
    assert body_map.transform().m11() == pytest.approx(2 * small, rel=0.05)
    click(qtbot, body_map, "wrist_back.left")
    assert body_map.marks.current == "wrist_back.left"


def test_orientation_can_change_while_marks_stay(qtbot, body_map):
    body_map.marks.load([SpasmSite("pectoralis.left", 7)])
    other = (Orientation.CLINICIAN if body_map.orientation is Orientation.PATIENT
             else Orientation.PATIENT)
    before = body_map.viewport_point("pectoralis.left").x()
    body_map.set_orientation(other)
    assert body_map.viewport_point("pectoralis.left").x() != before
    assert body_map.marks.sites() == [SpasmSite("pectoralis.left", 7)]
    click(qtbot, body_map, "pectoralis.right")
    assert body_map.marks.current == "pectoralis.right"
