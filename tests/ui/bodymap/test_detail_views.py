"""The detail views of the head, hands and feet, as a person uses them: opened from a
region's menu, the view chooser, zooming or typing a name; a mark made there is saved and
shows on the whole figure; each detail region is a 24x24 px target at 1280x800 unzoomed."""

from PySide6.QtCore import QPoint, QPointF, Qt

from fibromap.domain.atlas import FIGURES, View
from fibromap.figure import colors
from fibromap.figure.body_figures import view_title
from fibromap.ui.bodymap.region_menu import region_menu
from tests.ui.bodymap.test_map_zoom import TARGET, holds_square, scene_polygon, wheel

BODY = FIGURES["body"]


def choose_from_menu(qtbot, body_map, region_id: str, text_start: str) -> None:
    """Take the region's right-click menu's action whose text starts with ``text_start``
    (built as a right click builds it; opening it as a popup is not possible offscreen)."""
    body_map.marks.set_current(region_id)
    menu = region_menu(body_map, region_id)
    action = next(a for a in menu.actions() if a.text().startswith(text_start))
    action.trigger()


def test_a_thumb_marked_in_the_palms_view_is_saved_and_shows_on_the_whole_palm(window, qtbot):
    body_map = window.log.map
    choose_from_menu(qtbot, body_map, "palm.right", "Show closer")
    assert body_map.figures.shown == (View.PALMS,)
    assert window.log.body.view_choice.currentText() == "Palms"  # the chooser follows
    qtbot.mouseClick(body_map.viewport(), Qt.MouseButton.LeftButton,
                     pos=body_map.viewport_point("thumb.right"))
    qtbot.keyClick(body_map, "6")
    qtbot.mouseClick(body_map.viewport(), Qt.MouseButton.LeftButton,
                     pos=body_map.viewport_point("thenar.right"))
    qtbot.keyClick(body_map, "3")
    assert window.log.body.marked.count() == 2
    # Back to the whole body: the palm takes the colour of its strongest part, says why,
    # and carries its number; the palm itself is not a site of the flare.
    choose_from_menu(qtbot, body_map, "thumb.right", "Back to the whole body")
    assert body_map.figures.shown == BODY
    palm = body_map.region_items["palm.right"]
    assert not palm.marked and palm.fill_color() == colors.intensity_color(6)
    assert "marked closer: right thenar eminence (ball of the thumb) 3, right thumb 6" in \
        palm.accessible_name()
    assert body_map.figures.labels["palm.right"].isVisible()
    assert body_map.figures.labels["palm.right"].text() == "6"
    assert body_map.region_items["palm.left"].fill_color() == colors.UNMARKED
    flare = window.log.save()
    assert sorted((s.region, s.intensity) for s in flare.sites) == [("thenar.right", 3),
                                                                     ("thumb.right", 6)]
    saved = window.store.flares.between()[0]
    assert sorted(s.region for s in saved.sites) == ["thenar.right", "thumb.right"]


def test_the_view_chooser_shows_each_detail_view_and_the_whole_body(window, qtbot):
    body = window.log.body
    for index in range(body.view_choice.count()):
        body.view_choice.activated.emit(index)
        assert body.map.figures.shown == body.view_choice.itemData(index)
        assert set(body.map.views.regions())  # something to click
    body.view_choice.activated.emit(0)
    assert body.map.figures.shown == BODY and len(body.map.views.regions()) == 173


def test_zooming_in_past_the_last_step_over_the_face_opens_the_face(window, qtbot):
    body_map = window.log.map
    for _ in range(4):
        wheel(body_map, body_map.viewport_point("masseter.left"))
    assert body_map.zoom.at_most() and body_map.figures.shown == BODY
    wheel(body_map, body_map.viewport_point("masseter.left"))
    assert body_map.figures.shown == (View.HEAD_FRONT,)
    assert body_map.zoom.level == 0  # the detail view starts whole
    assert body_map.marks.current == "masseter.left"
    assert view_title(View.HEAD_FRONT) in window.log.body.help.text()


def test_typing_a_name_drawn_only_in_a_detail_view_opens_it(window, qtbot):
    body_map = window.log.map
    body_map.setFocus()
    for text, region, view in (("l thenar", "thenar.left", View.PALMS),
                               ("r lat pter", "lateral_pterygoid.right", View.HEAD_FRONT),
                               ("l plantar", "plantar_fascia.left", View.SOLES),
                               ("r thumb", "thumb.right", View.PALMS)):
        for char in text:
            qtbot.keyClick(body_map, char)
        assert body_map.marks.current == region, text
        assert body_map.figures.shown == (view,)
        qtbot.keyClick(body_map, Qt.Key.Key_Escape)
    # A whole-figure region found from a detail view brings the whole figure back.
    for char in "l calf":
        qtbot.keyClick(body_map, char)
    assert body_map.marks.current == "gastrocnemius.left" and body_map.figures.shown == BODY


def test_arrows_follow_the_view_on_display(window, qtbot):
    """From the web of the thumb to the index finger: drawn between them in the backs of
    the hands; on the whole figure, from the back of the hand to the palm they lie in."""
    body_map = window.log.map
    body_map.views.show((View.HAND_BACKS,))
    body_map.marks.mark("first_dorsal_interosseous.left", 5)
    body_map.marks.set_current("first_dorsal_interosseous.left")
    body_map.set_referral_mode(True)
    body_map.marks.toggle_referral("index_finger.left")
    body_map.set_referral_mode(False)
    arrow = body_map.arrows()[("first_dorsal_interosseous.left", "index_finger.left")]
    assert arrow.isVisible()
    body_map.views.show((View.SOLES,))
    assert not arrow.isVisible()  # neither end is on the soles
    body_map.views.whole_body()
    assert arrow.isVisible()
    start = arrow.path().pointAtPercent(0)
    assert body_map.region_at(body_map.mapFromScene(arrow.mapToScene(start))) == "hand_back.left"


def test_every_detail_region_is_a_24_pixel_target_at_1280x800_without_zooming(window, qtbot):
    window.resize(1280, 800)
    qtbot.wait(20)
    body_map = window.log.map
    small = {}
    for view in View:
        if view.figure == "body":
            continue
        body_map.views.show((view,))
        scale = body_map.transform().m11()
        small[view] = [rid for rid in body_map.views.regions()
                       if not holds_square(scene_polygon(body_map.figures.shown_item(rid)),
                                           TARGET / scale)]
    assert small == {view: [] for view in small}


def test_a_detail_view_is_read_by_a_screen_reader_and_mirrors_in_the_patient_view(window):
    body_map = window.log.map
    body_map.views.show((View.PALMS,))
    # Patient view (the default) mirrors the palms as it does the front: the right hand on
    # the viewer's right, with its R.
    assert body_map.side_label_text(View.PALMS) == ("L", "R")
    right = body_map.viewport_point("thumb.right").x()
    left = body_map.viewport_point("thumb.left").x()
    assert left < right
    body_map.marks.set_current("thumb.right")
    assert body_map.accessibleDescription() == body_map.atlas.name("thumb.right")
    assert body_map.region_at(QPointF(QPoint(2, 2))) is None


def test_a_click_at_each_landmark_marks_what_lies_there(window, qtbot):
    """Where a patient points: the ear and the jaw joint in front of it, the masseter just
    under the cheekbone and just above the angle of the jaw, the sternocleidomastoid under
    the ear lobe, the teeth, the top of the head, the knuckles, the inner heel. In the
    patient view (the default) the face is mirrored: the person's right is on the right."""
    from tests.domain.test_detail_anatomy import PLACES, drawn

    body_map = window.log.map
    missed = []
    for view, place, expected in PLACES:
        body_map.views.show((view,))
        item = body_map.figures.shown_item(expected)
        at = body_map.mapFromScene(item.mapToScene(QPointF(*drawn(view, *place))))
        qtbot.mouseClick(body_map.viewport(), Qt.MouseButton.LeftButton, pos=at)
        if body_map.marks.current != expected:
            missed.append((view.value, expected, body_map.marks.current))
        body_map.marks.clear()
    assert missed == []
