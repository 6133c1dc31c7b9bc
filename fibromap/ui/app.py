"""Starting the desktop app.

The window's frame (menus, the views' tabs, an empty Log) is drawn first; then the Log,
its body map and form, are made and drawn; only then is the database opened: opening it
loads SQLAlchemy, which takes longer than everything else at start-up. That code is loaded
on a worker thread while the window answers: the map can be clicked and Save pressed (the
flare is saved once the records are open); the form's words, the other views and the
menus that need the records follow a moment later.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fibromap import APP_NAME, __version__
from fibromap.config import Paths, instance_address
from fibromap.errors import DatabaseError, FibroMapError
from fibromap.i18n import _
from fibromap.ui.icon import app_icon
from fibromap.ui.translator import install as install_translators

if TYPE_CHECKING:
    from fibromap.store.store import Store
    from fibromap.ui.launch.instance import InstanceServer
    from fibromap.ui.main_window import MainWindow

# Where a window is never painted (minimised at start, or a platform that does not expose
# it), the database is opened anyway after this long.
OPEN_ANYWAY_MS = 500


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    # instance() may be any QCoreApplication; FibroMap (and pytest-qt) only makes widget ones.
    assert isinstance(app, QApplication), "the running application is not a QApplication"
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("org.fibromap.FibroMap")
    app.setWindowIcon(app_icon())
    install_translators(app)
    _skip_feature_scan()
    return app


def _skip_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it, to see whether it says
    ``from __feature__ import`` (snake_case, true_property: PYSIDE-2029), a tenth of a
    start-up. FibroMap selects no feature (tests/ui/test_app_start.py checks), so the scan
    is skipped; a module that did select one would still get it (its import says so)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010 - a private name its stubs lack


def _uses_no_feature(module: object) -> bool:
    return False


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, just after ``widget`` is first painted (or after
    OPEN_ANYWAY_MS, whichever comes first)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self._widget, self._then, self._done = widget, then, False
        widget.installEventFilter(self)
        QTimer.singleShot(OPEN_ANYWAY_MS, self._call)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            # Called before the paint: the call waits until it is done.
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._call)
        return False

    def _call(self) -> None:
        if not self._done:
            self._done = True
            self._then()


def open_main_window(url: str, paths: Paths, notice: str = "", request: str = "open",
                     listen: str | None = None) -> MainWindow | None:
    """Show the window, then open the store behind it; or tell the person why it cannot be
    opened, offer the newest backup that passes the integrity check, and return None.
    ``notice`` (what was done before the window, such as finishing a stopped change) is
    said in the status bar; ``request`` (launch/instance.py's REQUESTS) is carried out;
    with ``listen``, later starts hand their requests over on that address.

    ``window.first_painted`` is the time.time() at which the window's frame had been drawn,
    ``window.map_drawn`` the one at which the Log's body map had been. A window closed while
    its records were opening is returned closed."""
    # First of all: a start a moment later (a double click on a launcher) finds this one.
    server = _listen(listen) if listen is not None else None
    # Here, not above: a second start hands its request over without loading the window.
    from fibromap.ui.main_window import MainWindow
    from fibromap.ui.settings import Settings

    window = MainWindow(None, Settings(paths.settings_file), paths, log_later=True)
    if server is not None:
        server.setParent(window)
        server.requested.connect(window.requests.answer)
    store = _show_then_open(window, url, paths)
    if store is None:
        window.hide()
        window.deleteLater()
        return None
    if notice:
        store.database.warning = " ".join(filter(None, (notice, store.database.warning)))
    if store.database.damage:
        _offer_backup_for_damage(store, paths, window)
    window.attach(store)
    if not window.isVisible():
        # Closed while its records were opening: a flare saved meanwhile is stored (attach),
        # the one being marked kept as the draft, and FibroMap ends as a close ends it.
        window.quit()
        return window
    from fibromap.ui.dialogs.start_check import StartCheck  # the check's imports after the first paint

    window.start_check = StartCheck(window, store, paths)
    window.start_check.start()
    window.offer_unsaved_draft()
    # Marks made while the database was opening are kept; with none, the disk is left
    # alone (a database in a read-only place has a read-only draft folder too).
    if not window.log.draft().is_empty:
        window.log.keep_draft()
    if request != "open":
        window.requests.answer(request)
    return window


def _show_then_open(window: MainWindow, url: str, paths: Paths) -> Store | None:
    """Show ``window``; once its map is drawn, load the store's code on a worker thread
    while the window answers, then open the records here (where a dialog may ask for the
    passphrase or say why they cannot be opened). None: they were not opened."""
    from fibromap.ui.worker import Worker

    opened: list[Store | None] = []
    failed: list[BaseException] = []
    waiting = QEventLoop()
    loading = Worker(window)

    def open_store() -> None:
        try:
            opened.append(_open_store(url, paths, window))
        except BaseException as exc:  # noqa: BLE001 - raised below, out of the Qt slot
            failed.append(exc)
        finally:
            waiting.quit()

    def map_drawn() -> None:
        window.map_drawn = time.time()
        # Failed or not, the store is opened here: a failure to load says why there.
        loading.finished.connect(lambda _none: open_store())
        loading.failed.connect(lambda _message: open_store())
        loading.run(_load_store_code)

    def frame_drawn() -> None:
        window.first_painted = time.time()
        window.add_log()
        _AfterFirstPaint(window.log.map.viewport(), map_drawn)

    _AfterFirstPaint(window.tabs.currentWidget(), frame_drawn)
    window.show()
    if not (opened or failed):
        waiting.exec()
    loading.deleteLater()
    if failed:
        raise failed[0]
    return opened[0]


def _load_store_code() -> None:
    """The store's modules and SQLAlchemy, with its SQLite dialect and the modules that
    check a protected database's passphrase, imported (on a worker thread: see the top)."""
    for module in ("fibromap.store.store", "fibromap.store.attempts", "fibromap.store.remembered",
                   "sqlalchemy.dialects.sqlite.pysqlite"):
        importlib.import_module(module)


def _listen(address: str) -> InstanceServer | None:
    """Take the requests of later starts on ``address`` until FibroMap ends (None when
    another FibroMap listens there already)."""
    from fibromap.ui.launch.instance import InstanceServer

    server = InstanceServer(address)
    if not server.listen():
        server.deleteLater()
        return None
    app = QApplication.instance()
    assert app is not None, "a window is about to be shown: the application exists"
    app.aboutToQuit.connect(server.close)
    return server


def _open_store(url: str, paths: Paths, window: QWidget) -> Store | None:
    from fibromap.store.database import Database
    from fibromap.store.store import Store

    database = Database.sqlite_file(url)
    if database is not None:
        from fibromap.ui.dialogs.unlock_dialog import unlock_at_start
        if not unlock_at_start(database, paths, window):
            return None
    try:
        return Store.open_to_view(url, paths, routine_backup=True)
    except FibroMapError as exc:
        return _offer_backup(url, paths, exc, window)


def run_gui(url: str, paths: Paths, crash_dialog: bool = True, notice: str = "",
            request: str = "open") -> int:
    """The app on the database ``url``, opened to carry out ``request`` (launch/instance.py's
    REQUESTS); if FibroMap already runs on it, that window takes the request instead."""
    from fibromap.ui.launch.instance import hand_over

    address = instance_address(url)
    if hand_over(address, request):  # before the application: it needs no display
        return 0
    app = create_application()
    from fibromap.ui.dialogs.crash import CrashHandler
    from fibromap.ui.worker import CollectOnGuiThread

    CollectOnGuiThread(app)  # never a collection on a worker thread (see ui/worker.py)

    handler = CrashHandler(paths, show_dialog=crash_dialog).install()
    try:
        window = open_main_window(url, paths, notice, request, listen=address)
        if window is None:
            return 1
        if not window.isVisible():  # closed before its records were open: end at once
            QTimer.singleShot(0, app.quit)
        return app.exec()
    finally:
        handler.uninstall()


def _offer_backup_for_damage(store: Store, paths: Paths, parent: QWidget) -> None:
    """The records opened, but damage was found on the way (a write-ahead log): say what it
    may have cost and offer the newest good backup."""
    from fibromap.store.backups import newest_good_backup
    from fibromap.ui.dialogs.restore_offer import ask_to_restore

    good = newest_good_backup(paths)
    title = _("Some saves may be missing")
    if good is None or store.read_only:
        show_problem(parent, title, store.database.damage)
        return
    if ask_to_restore(parent, title, store.database.damage_problem, good,
                      _("The records as they are now are kept beside it.")):
        try:
            store.database.restore(good.path, paths)
            store.database.warning = _("Restored the backup {name}.").format(name=good.path.name)
        except FibroMapError as exc:
            show_problem(parent, title, str(exc))


def _offer_backup(url: str, paths: Paths, error: FibroMapError,
                  parent: QWidget) -> Store | None:
    from fibromap.store.backups import newest_good_backup, restore_backup
    from fibromap.store.database import Database
    from fibromap.store.store import Store
    from fibromap.ui.dialogs.restore_offer import ask_to_restore

    title = _("{app} cannot open the database").format(app=APP_NAME)
    target = Database.sqlite_file(url)
    good = newest_good_backup(paths) if target is not None else None
    if target is None or good is None:  # a server's database has no backups here
        show_problem(parent, title, str(error))
        return None
    # Said without the backup and its command, asked about below instead.
    problem = error.problem if isinstance(error, DatabaseError) else str(error)
    if not ask_to_restore(parent, title, problem, good,
                           _("The file that cannot be opened is kept beside it.")):
        return None
    try:
        restore_backup(good.path, target)
        return Store.open(url, paths)
    except FibroMapError as exc:
        show_problem(parent, title, str(exc))
        return None


def show_problem(parent: QWidget | None, title: str, problem: str) -> None:
    """A problem in a box whose words can be selected and copied (into a search, a bug
    report or a message to someone who helps)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, problem, parent=parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    box.exec()
