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
    """Open the store and its window, or tell the person why it cannot be opened and offer
    the newest backup that passes the integrity check."""
    try:
        store = Store.open_to_view(url, paths, routine_backup=True)
    except FibroMapError as exc:
        store = _offer_backup(url, paths, str(exc))
        if store is None:
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


def _offer_backup(url: str, paths: Paths, problem: str) -> Store | None:
    from fibromap.store.backups import describe_backup, list_backups, restore_backup
    from fibromap.store.database import Database

    title = f"{APP_NAME} cannot open the database"
    target = Database.sqlite_file(url)
    good = next((info for info in map(describe_backup, list_backups(paths)) if info.sound),
                None) if target is not None else None
    if good is None:
        QMessageBox.critical(None, title, problem)
        return None
    taken = f"{good.taken:%a %d %b %Y, %H:%M}" if good.taken else good.path.name
    answer = QMessageBox.question(
        None, title,
        f"{problem}\n\nThe newest good backup is from {taken} ({good.flares} flares). Restore "
        "it? The file that cannot be opened is kept beside it.")
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        restore_backup(good.path, target)
        return Store.open(url, paths)
    except FibroMapError as exc:
        QMessageBox.critical(None, title, str(exc))
        return None
