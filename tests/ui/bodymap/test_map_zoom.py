"""Zooming into the body map: every region becomes a target a finger or a shaky hand can
hit (24x24 px at 1280x800), the point under the pointer stays put, the keys keep the current
region in sight, and "Whole body" shows both figures again."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from shapely.geometry import Polygon, box

from fibromap.analysis.colour_scale import colour_scale
from fibromap.analysis.heatmap import Metric
from fibromap.domain.atlas import View
from fibromap.ui.bodymap.map_zoom import STEPS

CTRL = Qt.KeyboardModifier.ControlModifier
TARGET = 24  # pixels a side


def wheel(body_map, at: QPoint, up: bool = True, modifiers=CTRL) -> None:
    event = QWheelEvent(QPointF(at), QPointF(body_map.viewport().mapToGlobal(at)), QPoint(0, 0),
                        QPoint(0, 120 if up else -120), Qt.MouseButton.NoButton, modifiers,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(body_map.viewport(), event)


def scene_polygon(item) -> Polygon:
    """A region's outline in scene coordinates (the patient view mirrors a figure)."""
    rings = item.mapToScene(item.path()).toFillPolygons()
    ring = max(rings, key=lambda r: r.boundingRect().width() * r.boundingRect().height())
    return Polygon([(point.x(), point.y()) for point in ring]).buffer(0)


def holds_square(polygon: Polygon, side: float) -> bool:
    """Whether a side x side square fits inside: tried at points of the shape eroded by
    half a side (where any such square's centre must lie)."""
    core = polygon.buffer(-side / 2)
    if core.is_empty:
        return False
    minx, miny, maxx, maxy = core.bounds
    candidates = [core.representative_point()]
    steps = 12
    candidates += [type(candidates[0])(minx + (maxx - minx) * i / steps,
                                       miny + (maxy - miny) * j / steps)
                   for i in range(steps + 1) for j in range(steps + 1)]
    return any(core.contains(c) and polygon.contains(
        box(c.x - side / 2, c.y - side / 2, c.x + side / 2, c.y + side / 2)) for c in candidates)


def test_zoomed_in_every_region_is_a_24_pixel_target_at_1280x800(window, qtbot):
    window.resize(1280, 800)
    qtbot.wait(20)
    body_map = window.log.map
    small = []
    for level in range(len(STEPS)):
        body_map.zoom._set(level, None)
        scale = body_map.transform().m11()  # screen pixels per drawing unit
        small = [rid for rid in body_map.views.regions()
                 if not holds_square(scene_polygon(body_map.region_items[rid]), TARGET / scale)]
        if level == 0:
            assert len(small) > 60  # the whole body is too small for many of them...
    assert small == []  # ...and at the closest zoom every one is a 24x24 px target


def test_ctrl_wheel_zooms_at_the_pointer_and_whole_body_goes_back(window, qtbot):
    body_map = window.log.map
    at = body_map.viewport_point("masseter.left")
    wheel(body_map, at)
    assert body_map.zoom.factor == STEPS[1] and body_map.zoom.whole.isVisible()
    assert body_map.region_at(QPointF(at)) == "masseter.left"  # still under the pointer
    wheel(body_map, at)
    assert body_map.zoom.factor == STEPS[2]
    # The window resized: the zoom stays.
    window.resize(window.width() - 100, window.height())
    qtbot.wait(20)
    assert body_map.zoom.factor == STEPS[2]
    # The plain wheel scrolls rather than zooms.
    bar = body_map.verticalScrollBar()
    before = bar.value()
    wheel(body_map, at, up=False, modifiers=Qt.KeyboardModifier.NoModifier)
    assert bar.value() != before and body_map.zoom.factor == STEPS[2]
    qtbot.mouseClick(body_map.zoom.whole, Qt.MouseButton.LeftButton)
    assert body_map.zoom.factor == 1 and not body_map.zoom.whole.isVisible()
    assert not bar.isVisible()


def test_keys_zoom_at_the_current_region_and_keep_it_in_sight(window, qtbot):
    body_map = window.log.map
    body_map.setFocus()
    qtbot.waitUntil(body_map.hasFocus)
    body_map.marks.set_current("palm.left")
    for _ in range(len(STEPS) - 1):
        qtbot.keyClick(body_map, Qt.Key.Key_Equal, CTRL)
    assert body_map.zoom.factor == STEPS[-1]
    view = body_map.viewport().rect()
    assert view.contains(body_map.viewport_point("palm.left"))
    # Moving far away with the keys scrolls the map to follow.
    body_map.marks.set_current("heel.right")
    assert view.contains(body_map.viewport_point("heel.right"))
    for _ in range(len(STEPS)):
        qtbot.keyClick(body_map, Qt.Key.Key_Minus, CTRL)
    assert body_map.zoom.factor == 1
    # Past the last step, over a hand, the hands' detail view opens.
    body_map.marks.set_current("palm.left")
    for _ in range(len(STEPS)):
        qtbot.keyClick(body_map, Qt.Key.Key_Equal, CTRL)
    assert body_map.figures.shown == (View.PALMS,) and body_map.zoom.factor == 1


def test_a_zoomed_heat_map_places_its_numbers_again(qtbot, store):
    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.review.heat_body_map import HeatBodyMap

    heat = HeatBodyMap(atlas=load_atlas())
    qtbot.addWidget(heat)
    heat.resize(600, 500)
    heat.show()
    heat.show_values({"masseter.left": 3, "soleus.right": 1},
                     colour_scale(Metric.FLARES, {"masseter.left": 3, "soleus.right": 1}))
    placed = heat.numbers.scale
    wheel(heat, heat.viewport_point("masseter.left"))
    qtbot.waitUntil(lambda: abs(heat.numbers.scale - heat.transform().m11()) < 0.005)
    assert heat.numbers.scale > placed * 1.4


def test_a_regions_menu_zooms_in_there_and_back_to_the_whole_body(window, qtbot):
    from fibromap.ui.bodymap.region_menu import region_menu

    body_map = window.log.map
    menu = region_menu(body_map, "masseter.right")
    actions = {action.text(): action for action in menu.actions() if action.text()}
    assert "Whole body" not in actions  # not zoomed yet
    before = body_map.viewport_point("masseter.right")
    actions["Zoom in here"].trigger()
    assert body_map.zoom.factor == STEPS[1]
    assert (body_map.viewport_point("masseter.right") - before).manhattanLength() <= 2
    menu = region_menu(body_map, "masseter.right")
    actions = {action.text(): action for action in menu.actions() if action.text()}
    actions["Whole body"].trigger()
    assert body_map.zoom.factor == 1
