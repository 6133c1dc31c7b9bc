"""Rendering a main-window view to an image, offscreen (`fibromap screenshot`)."""

from __future__ import annotations

import time
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.domain.atlas import Layer, View
from fibromap.domain.geometry import Build
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.app import create_application
from fibromap.ui.main_window import MainWindow
from fibromap.ui.qt_messages import quiet_harmless_messages
from fibromap.ui.settings import Settings


def save_screenshot(store: Store, settings: Settings, paths: Paths, view: str,
                    size: tuple[int, int], target: Path, build: str | None = None,
                    map_view: str | None = None, map_only: bool = False,
                    deep: bool = False) -> None:
    """``build`` draws that body figure for this picture only (the setting stays);
    ``map_view`` shows a detail view (atlas.View) on the Log's map; ``map_only`` pictures
    the Log's map alone (the window is still laid out at ``size``); ``deep`` marks every
    deep muscle on the Log's map, unsaved, to picture the deep layer."""
    app = create_application()
    quiet_harmless_messages()
    window = MainWindow(store, settings, paths)
    if build is not None:
        chosen = settings.build
        window.set_build(Build(build))
        settings.build = chosen
        window.statusBar().clearMessage()
    # Pictures are made to be shared: no personal folder or server name in them.
    window.database_label.setText(_("Database: {name}").format(
        name=_("SQLite file") if store.database.is_sqlite else "PostgreSQL"))
    try:
        window.resize(*size)
        window.show_view(view)
        if map_view is not None:
            window.log.map.views.show((View(map_view),))
        if deep:
            _mark_deep_layer(window)
        window.show()
        # Layouts that depend on width (the wrapping word chips) settle in a second pass,
        # and views that load on a worker thread need their figures before the picture.
        deadline = time.monotonic() + 30
        while True:
            for _attempt in range(3):
                app.processEvents()
            if not window.busy() or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        for _attempt in range(3):
            app.processEvents()
        image = (window.log.map if map_only else window).grab().toImage()
    finally:
        window.hide()
        window.deleteLater()
        app.processEvents()
    if not map_only and (image.width() != size[0] or image.height() != size[1]):
        image = image.scaled(*size)
    failure = _("cannot write the image {target}").format(target=target)
    with atomic.replacing(target, failure=failure) as temporary:
        if not image.save(str(temporary), "PNG"):  # type: ignore[call-overload]  # stubs say bytes; PySide6 takes str only
            raise FibroMapError(failure)


def _mark_deep_layer(window: MainWindow) -> None:
    """Every deep muscle the map shows, marked at intensities that step from 3 to 8, so the
    picture shows each one in colour (nothing is saved)."""
    marks = window.log.map.marks
    marks.clear()
    deep = [region for region in window.log.map.atlas
            if region.layer is Layer.DEEP and region.parent is None]
    for number, region in enumerate(deep):
        marks.mark(region.id, 3 + number % 6)
    marks.set_current(None)
