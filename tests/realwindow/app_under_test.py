"""FibroMap's main window in a real X window (run by tests/realwindow under Xvfb), telling
the test where things are on the screen, as a person would see them.

    python -m tests.realwindow.app_under_test WIDTH HEIGHT WHERE.json

Every 50 ms it writes WHERE.json: the screen point of every region a click would hit on
the map now (and in a magnifier, if one is open), and of the form's buttons and boxes.
The test clicks and types with xdotool at those points; nothing here clicks or types.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from fibromap.config import Paths, database_url
from fibromap.store.store import Store
from fibromap.ui.app import create_application
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import visible_point


def centre(widget: QWidget, at: QPoint | None = None) -> list[int] | None:
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return None
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    return [point.x(), point.y()]


def map_points(body_map) -> dict[str, list[int]]:
    """Where each region in sight on the map is clicked, on screen (on the whole figure, a
    detail region is clicked where the region it lies in is)."""
    found = {}
    for region_id in body_map.region_items:
        point = visible_point(body_map, region_id)
        if point is not None:
            where = body_map.viewport().mapToGlobal(point)
            found[region_id] = [where.x(), where.y()]
    return found


def snapshot(window: MainWindow) -> dict:
    log = window.log
    form = log.form
    widgets = {"save": centre(log.save_button), "new": centre(log.new_button),
               "find": centre(log.map)}
    for key, button in form.triggers.buttons.items():
        widgets[f"trigger:{key}"] = centre(button)
    for key, row in form.treatments.rows.items():
        # A tick box is hit on its box and words, not at the middle of its wide cell.
        widgets[f"treatment:{key}"] = centre(row.check, QPoint(8, row.check.height() // 2))
        widgets[f"relief:{key}"] = centre(row.relief)
    focus = QApplication.focusWidget()
    return {"regions": map_points(log.map),
            "widgets": {name: point for name, point in widgets.items() if point is not None},
            "focus": type(focus).__name__ if focus else None,
            "marks": {region: mark.intensity for region, mark in log.marks.marks()},
            "lingering": log.map.closer.lingering,  # the pointer resting: it may come closer
            "current": log.marks.current,
            "window": [window.x(), window.y(), window.width(), window.height()]}


def main(width: int, height: int, where: Path) -> int:
    app = create_application()
    paths = Paths.from_environment()
    store = Store.open(database_url(paths), paths)
    window = MainWindow(store, Settings(paths.settings_file), paths)
    window.move(0, 0)
    window.resize(width, height)
    window.show()
    window.activateWindow()

    reports = [0]

    def publish() -> None:
        reports[0] += 1  # the test waits for reports made after what it did
        temporary = where.with_suffix(".tmp")
        temporary.write_text(json.dumps({**snapshot(window), "report": reports[0]}))
        os.replace(temporary, where)

    timer = QTimer(interval=50)
    timer.timeout.connect(publish)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])))
