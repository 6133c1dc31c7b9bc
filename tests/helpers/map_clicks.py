"""Clicking a region of the body map as a person does: where it is on screen; a small one
comes closer at the first click (fibromap/ui/bodymap/map_closer.py) and is clicked again
where it is then; one out of sight (zoomed in elsewhere) after *Whole body*."""

from PySide6.QtCore import QPoint, Qt

LEFT = Qt.MouseButton.LeftButton
PLAIN = Qt.KeyboardModifier.NoModifier


def visible_point(body_map, region_id: str) -> QPoint | None:
    """Where the region (or, on the whole figure, the region it lies in) is clicked on
    screen; None when that is out of sight or under something else."""
    point = body_map.viewport_point(region_id)
    on_figure = body_map.atlas.region(region_id).on_figure
    button = body_map.zoom.whole
    covered = button.isVisible() and button.geometry().contains(
        body_map.viewport().mapTo(body_map, point))
    hit = body_map.viewport().rect().contains(point) and not covered and body_map.region_at(point)
    return point if hit in (region_id, on_figure) else None


def click_region(qtbot, body_map, region_id: str, button=LEFT, modifier=PLAIN) -> int:
    """Click the region as a person would; returns the clicks it took (one or two, and one
    more for *Whole body* when it was out of sight)."""
    clicks = 0
    if visible_point(body_map, region_id) is None and body_map.zoom.whole.isVisible():
        qtbot.mouseClick(body_map.zoom.whole, LEFT)
        clicks += 1
    shown = (body_map.figures.shown, body_map.zoom.level)
    point = visible_point(body_map, region_id)
    assert point is not None, f"{region_id} is not on screen"
    qtbot.mouseClick(body_map.viewport(), button, modifier, point)
    clicks += 1
    if button == LEFT and (body_map.figures.shown, body_map.zoom.level) != shown:
        closer = visible_point(body_map, region_id)  # it came closer: click it there
        assert closer is not None, f"{region_id} did not come into sight"
        qtbot.mouseClick(body_map.viewport(), button, modifier, closer)
        clicks += 1
    return clicks


def rest_then_click(qtbot, body_map, region_id: str, modifier=PLAIN) -> int:
    """Rest the pointer on the region, as a person looking for it does: a small one comes
    closer by itself; then click it where it is. Returns the clicks (one; the resting is
    looking, not a click), with one more for *Whole body* when it was out of sight."""
    clicks = 0
    if visible_point(body_map, region_id) is None and body_map.zoom.whole.isVisible():
        qtbot.mouseClick(body_map.zoom.whole, LEFT)
        clicks += 1
    point = visible_point(body_map, region_id)
    assert point is not None, f"{region_id} is not on screen"
    qtbot.mouseMove(body_map.viewport(), point)
    if body_map.closer.lingering:
        qtbot.waitUntil(lambda: not body_map.closer.lingering, timeout=5000)
    closer = visible_point(body_map, region_id)
    assert closer is not None, f"{region_id} did not come into sight"
    qtbot.mouseClick(body_map.viewport(), LEFT, modifier, closer)
    return clicks + 1
