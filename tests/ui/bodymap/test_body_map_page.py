from PySide6.QtCore import Qt

from fibromap.analysis.referral import DISCLAIMER
from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _, ngettext
from fibromap.ui.bodymap.body_map_page import NOT_RATED, BodyMapPage
from fibromap.i18n.formats import in_sentence
from fibromap.ui.bodymap.panel_parts import WPI_NAMED
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import click_region


def make_page(qtbot, paths):
    page = BodyMapPage(Settings(paths.settings_file))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def click(qtbot, page, region_id):
    """As a person: a small region comes closer at the first click, the second marks it."""
    click_region(qtbot, page.map, region_id)


def test_the_panel_follows_the_current_region_and_edits_it(qtbot, paths):
    page = make_page(qtbot, paths)
    assert not page.intensity.isEnabled() and not page.remove_button.isEnabled()
    click(qtbot, page, "upper_trapezius.right")
    name = page.map.atlas.name("upper_trapezius.right")
    assert page.region_title.text() == name
    # Its WPI area, by the area's name.
    assert WPI_NAMED["shoulder_girdle.right"].name in page.region_details.text()
    # Marked, not rated yet: no handle, and the words say so (a handle at 0 read as 0).
    assert not page.intensity.answered and page.intensity_value.text() == _(NOT_RATED)
    slider = page.intensity
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton,
                     pos=slider.rect().center())  # the middle of the groove: 5
    assert page.map.marks.sites() == [SpasmSite("upper_trapezius.right", 5)]
    page.intensity.setValue(8)
    assert page.map.marks.sites() == [SpasmSite("upper_trapezius.right", 8)]
    assert page.intensity_value.text() == "8"
    page.trigger_point.click()
    assert page.map.marks.sites() == [SpasmSite("upper_trapezius.right", 8, SiteRole.TRIGGER_POINT)]
    assert page.marked.count() == 1
    assert page.marked.item(0).text() == _("{intensity} · {region}, trigger point").format(
        intensity=8, region=name)
    assert page.marked.item(0).data(Qt.ItemDataRole.AccessibleTextRole) == ", ".join(
        [name, _("intensity {value}").format(value=8), _("trigger point")])
    page.remove_button.click()
    assert page.map.marks.sites() == [] and page.marked.count() == 0


def test_referral_button_and_suggestions_with_their_disclaimer(qtbot, paths):
    page = make_page(qtbot, paths)
    assert page.suggestions_box.isHidden()
    click(qtbot, page, "upper_trapezius.left")
    qtbot.keyClick(page.map, "7")
    page.referral_button.click()
    assert page.map.referral_mode and page.referral_button.isChecked()
    click(qtbot, page, "temple.left")
    click(qtbot, page, "posterior_neck.left")
    page.referral_button.click()
    assert not page.map.referral_mode
    # Where the pain spread is not rated until the person rates it (not at the source's 7).
    assert page.map.marks.referrals() == [Referral("upper_trapezius.left", "temple.left", None),
                                    Referral("upper_trapezius.left", "posterior_neck.left", None)]
    assert page.suggestions_box.isHidden()  # the source is selected: no sources to suggest
    page.map.marks.set_current("temple.left")
    assert not page.suggestions_box.isHidden()
    atlas = page.map.atlas
    assert page.suggestions_title.text() == "<b>" + _(
        "Possible sources of the pain in the {region}").format(
        region=in_sentence(atlas.name("temple.left"))) + "</b>"
    assert page.disclaimer.text() == _(DISCLAIMER)[:1].upper() + _(DISCLAIMER)[1:] + "."
    assert page.suggestions.item(0).text() == ngettext(
        "{source} (matches {matched} of {n} zone)", "{source} (matches {matched} of {n} zones)",
        2).format(source=atlas.name("upper_trapezius.left"), matched=2, n=2)
    texts = [page.marked.item(i).text() for i in range(page.marked.count())]
    assert _("{region}, referred, not rated").format(region=atlas.name("temple.left")) + " — " + _(
        "from {regions}").format(regions=in_sentence(atlas.name("upper_trapezius.left"))) in texts


def test_the_view_setting_is_remembered(qtbot, paths):
    page = make_page(qtbot, paths)
    assert page.map.orientation is Orientation.PATIENT
    page.orientation.setCurrentIndex(list(Orientation).index(Orientation.CLINICIAN))
    assert page.map.orientation is Orientation.CLINICIAN
    assert Settings(paths.settings_file).orientation is Orientation.CLINICIAN
    again = make_page(qtbot, paths)
    assert again.map.orientation is Orientation.CLINICIAN


def test_showing_a_flare_fills_the_map(qtbot, paths):
    from tests.helpers.records import full_flare

    page = make_page(qtbot, paths)
    flare = full_flare()
    page.show_flare(flare)
    assert set(page.map.marks.sites()) == set(flare.sites)
    assert set(page.map.marks.referrals()) == set(flare.referrals)
    page.show_flare(None)
    assert page.map.marks.sites() == [] and page.caption.text() == ""


def test_a_deep_muscle_says_so_and_is_dotted(qtbot, paths):
    page = make_page(qtbot, paths)
    click(qtbot, page, "gluteus_minimus.left")
    assert page.map.marks.current == "gluteus_minimus.left"
    assert "A deep muscle" in page.region_details.text()
    assert "deep" in page.region_title.text()
    click(qtbot, page, "gluteus_medius.left")  # its surface neighbour: no such words
    assert "deep muscle" not in page.region_details.text()
    # Drawn with fine dots over the same skin colour: the deep region's pixels vary.
    body_map = page.map
    for region_id, dotted in (("quadratus_lumborum.left", True), ("erector_lower.left", False)):
        body_map.marks.set_current(None)
        body_map._set_hovered(None)
        image = body_map.viewport().grab().toImage()
        point = body_map.viewport_point(region_id)
        colours = {image.pixelColor(point.x() + dx, point.y() + dy).name()
                   for dx in range(-3, 4) for dy in range(-3, 4)}
        assert (len(colours) > 1) is dotted, region_id


def test_the_intensity_slider_takes_1_then_0_as_10_and_ignores_a_passing_wheel(qtbot, paths):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    page = make_page(qtbot, paths)
    click(qtbot, page, "gluteus_medius.left")
    slider = page.intensity
    # Scrolling the panel past a region not rated yet must not rate it.
    centre = QPointF(slider.rect().center())
    event = QWheelEvent(centre, QPointF(slider.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(slider, event)
    assert page.map.marks.unrated_regions() == ["gluteus_medius.left"] and not slider.answered
    # Typed on the slider, "1" then "0" is 10, as on the map.
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_1)
    qtbot.keyClick(slider, Qt.Key.Key_0)
    assert page.map.marks.sites()[0].intensity == 10 and page.intensity_value.text() == "10"
