"""Starting the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from fibromap import APP_NAME, __version__
from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.store.store import Store
from fibromap.ui.icon import app_icon
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("org.fibromap.FibroMap")
    app.setWindowIcon(app_icon())
    return app


def open_main_window(url: str, paths: Paths) -> MainWindow | None:
    """Open the store and its window, or tell the person why it cannot be opened."""
    try:
        store = Store.open(url, paths, routine_backup=True)
    except FibroMapError as exc:
        QMessageBox.critical(None, f"{APP_NAME} cannot open the database", str(exc))
        return None
    window = MainWindow(store, Settings(paths.settings_file), paths)
    window.show()
    window.offer_unsaved_draft()
    return window


def run_gui(url: str, paths: Paths, crash_dialog: bool = True) -> int:
    from fibromap.ui.dialogs.crash import CrashHandler

    app = create_application()
    handler = CrashHandler(paths, show_dialog=crash_dialog).install()
    try:
        window = open_main_window(url, paths)
        if window is None:
            return 1
        return app.exec()
    finally:
        handler.uninstall()
