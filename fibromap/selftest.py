"""`fibromap --self-test`: prove that an installed or bundled FibroMap works on this machine.

Opens the app offscreen, renders the body map and a plot, writes to and reads from a
temporary database, writes a report, and exits 0 — or 1 with the step that failed. In a
bundle it also loads every compiled module the bundle carries, so a part left out or
broken by making the bundle smaller (packaging/slim.py) is found here, not by a person.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from fibromap.i18n import _, ngettext


def _step(name: str, started: float) -> None:
    print(_("  ok  {step} ({milliseconds} ms)").format(
        step=name, milliseconds=f"{(time.perf_counter() - started) * 1000:.0f}"))


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fibromap-self-test-") as folder:
        from fibromap.config import Paths

        home = Path(folder)
        paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
        print(_("FibroMap self-test in {folder}").format(folder=folder))
        store, history, written = _database(paths)
        _step(ngettext("database: wrote and read back {n} flare", "database: wrote and read back {n} flares",
                       written).format(n=written), started)
        store = _protection(store, paths, written)
        _step(_("protection: the database protected, unlocked and read back"), started)
        app, window = _window(store, paths)
        _step(_("body map rendered"), started)
        _trends(app, window)
        _step(_("trends plot rendered (pyqtgraph)"), started)
        _statistics()
        _step(_("insights statistics"), started)
        _second_start(app, home)
        _step(_("a second start handed over to the running one (local socket)"), started)
        _sorting()
        _step(_("names sorted as each language sorts them (ICU collation)"), started)
        _languages()
        _step(_("every language's words, dates, numbers and Qt's own buttons"), started)
        _printing(home)
        _step(_("print support (a page printed to PDF)"), started)
        loaded = _compiled_modules()
        if loaded:
            _step(_("every compiled module of the bundle loads ({loaded})").format(loaded=loaded), started)

        from fibromap.analysis.periods import Period
        from fibromap.analysis.report_data import load_report
        from fibromap.report.pdf import write_report

        end = history.flares[-1].onset.date()
        pages = write_report(load_report(store, Period(end.replace(day=1), end), window.log.map.atlas),
                             window.log.map.atlas, home / "report.pdf")
        _step(ngettext("report written ({n} page)", "report written ({n} pages)", pages).format(n=pages),
              started)
        window.hide()
        window.deleteLater()
        app.processEvents()
        store.close()
    print(_("Self-test passed."))
    return 0


def _database(paths):
    """A demo history written, and read back by a new connection: (store, history, count)."""
    from fibromap.demo import generate
    from fibromap.store.store import Store

    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    history = generate(days=21, seed=5)
    saved = store.flares.add_many(history.flares)
    store.close()
    store = Store.open(f"sqlite:///{paths.database_file}", paths)
    last = saved[-1]
    back = store.flares.get(last.id) if last.id is not None else None
    if back is None or back.sites != last.sites or store.flares.count() != len(saved):
        raise RuntimeError("the database gave back something other than what was written")
    return store, history, len(saved)


def _protection(store, paths, flares: int):
    """SQLCipher and the sealing of drafts and exports are in the install: the database
    protected, opened again with its passphrase (the store returned) and read back."""
    from fibromap.domain import sealing
    from fibromap.store import cipher, protection
    from fibromap.store.store import Store

    protection.protect(store.database, paths, "self-test passphrase")
    cipher.forget_all()
    store.close()
    store = Store.open(f"sqlite:///{paths.database_file}", paths,
                       passphrase="self-test passphrase")
    key = store.database.key
    if key is None:
        raise RuntimeError("a protected database opened without its key")
    sealed = sealing.seal_with_database_key(b"draft", key.secret, key.salt, "draft")
    if store.flares.count() != flares or sealing.unseal_with_database_key(
            sealed, key.secret, key.salt) != b"draft":
        raise RuntimeError("a protected database did not give back what it held")
    return store


def _window(store, paths):
    """The main window shown offscreen, its body map drawn: (application, window)."""
    from fibromap.ui.app import create_application
    from fibromap.ui.main_window import MainWindow
    from fibromap.ui.qt_messages import quiet_harmless_messages
    from fibromap.ui.settings import Settings

    app = create_application()
    quiet_harmless_messages()
    window = MainWindow(store, Settings(paths.settings_file), paths)
    window.resize(1200, 800)
    window.show_view("bodymap")
    window.show()
    app.processEvents()
    _check_drawn(window.log.map.grab().toImage(), "the body map")
    return app, window


def _trends(app, window) -> None:
    """The trends view drawn with its curves (pyqtgraph and numpy work here)."""
    import pyqtgraph  # noqa: F401 - surfaces a broken numpy or OpenGL here, with its reason

    from fibromap.ui.review.trends_page import TrendsPage

    window.show_view("trends")
    trends = window.page("trends")
    if not isinstance(trends, TrendsPage):
        raise RuntimeError("the trends view could not be built")
    deadline = time.monotonic() + 30
    while window.busy() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()
    _check_drawn(trends.plots.grab().toImage(), "the trends plot")
    if trends.series_count() < 3:
        raise RuntimeError("the trends plot has no curves")


def _statistics() -> None:
    """The insights' intervals need Student's t: prove it answers."""
    from datetime import date, timedelta

    from fibromap.analysis.statistics import hac_difference

    days = [(date(2026, 1, 1) + timedelta(days=i), i % 3 == 0, float(i % 4 + (i % 3 == 0)))
            for i in range(60)]
    check = hac_difference(days)
    low, middle, high = check.ci_low, check.difference, check.ci_high
    if low is None or middle is None or high is None or not low < middle < high:
        raise RuntimeError("the insights' confidence interval could not be computed")


def _second_start(app, home: Path) -> None:
    """The running app listens for later starts (launch/instance.py) and takes a request."""
    from PySide6.QtNetwork import QLocalSocket

    from fibromap.config import HOME_ENV, instance_address
    from fibromap.ui.launch.instance import InstanceServer

    address = instance_address(f"sqlite:///{home / 'self-test.sqlite3'}", {HOME_ENV: str(home)})
    server = InstanceServer(address)
    taken: list[str] = []
    server.requested.connect(lambda request, _token: taken.append(request))
    if not server.listen():
        raise RuntimeError(f"could not listen for later starts on {address}")
    client = QLocalSocket()
    client.connectToServer(address)
    client.write(b"log\n")
    deadline = time.monotonic() + 10
    while not taken and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    client.abort()
    server.close()
    for made in (client, server):  # by Qt, after the sockets' own events
        made.deleteLater()
    app.processEvents()
    if taken != ["log"]:
        raise RuntimeError("the running app did not take a second start's request")


def _sorting() -> None:
    """Qt sorts with ICU (the file dialogs' lists): Swedish puts ä after z, German before."""
    from PySide6.QtCore import QCollator, QLocale

    swedish = QCollator(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    german = QCollator(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    if not (swedish.compare("ä", "z") > 0 > german.compare("ä", "z")):
        raise RuntimeError("text is not sorted as its language sorts it (ICU's data)")


def _languages() -> None:
    """Each shipped language's catalogue, its dates and numbers (Babel's data for it), and
    Qt's own words in it (its button boxes), as a person who chose it would see them."""
    from datetime import date

    from PySide6.QtCore import QLibraryInfo, QTranslator

    from fibromap.i18n import SHIPPED, _, formats, using

    for language in SHIPPED:
        if language == "en":
            continue
        with using(language):
            if _("&File") == "&File" or not formats.day(date(2026, 12, 7)).count("7"):
                raise RuntimeError(f"the {SHIPPED[language]} words or dates are missing")
        qt_words = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if not qt_words.load(f"qtbase_{language}", folder):
            raise RuntimeError(f"Qt's own {SHIPPED[language]} words are missing")


def _printing(home: Path) -> None:
    """Qt's print support (the report's Print button) loads and prints a page."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(home / "printed.pdf"))
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("print support could not start a page")
    painter.drawText(100, 100, "FibroMap")
    painter.end()
    if not (home / "printed.pdf").read_bytes().startswith(b"%PDF"):
        raise RuntimeError("print support printed nothing")


def _compiled_modules() -> int:
    """In a bundle, import every compiled module it carries (0 outside one)."""
    import importlib

    if not getattr(sys, "frozen", False):
        return 0
    root = Path(sys._MEIPASS)  # type: ignore[attr-defined]  # set by PyInstaller
    names = set()
    for path in root.rglob("*"):
        if path.suffix not in (".so", ".pyd") or path.name.startswith("lib"):
            continue  # a library, loaded by the modules that need it
        parts = path.relative_to(root).parts
        if parts[0].startswith("python3") and parts[1:2] == ("lib-dynload",):
            parts = parts[2:]  # the standard library's own
        names.add(".".join((*parts[:-1], parts[-1].split(".")[0])))
    broken = []
    importlib.import_module("psycopg")  # psycopg_binary's modules are only loaded by it
    for name in sorted(names):
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - each failure is named below
            broken.append(f"{name} ({type(exc).__name__}: {exc})")
    if broken:
        raise RuntimeError("compiled modules that do not load: " + "; ".join(broken))
    return len(names)


def _check_drawn(image, what: str) -> None:
    if image.isNull() or image.width() < 100:
        raise RuntimeError(f"{what} did not render")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17)
               for y in range(0, image.height(), 17)}
    if len(colours) < 4:
        raise RuntimeError(f"{what} rendered blank")


def main() -> int:
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - the self-test reports, never tracebacks
        print(_("Self-test FAILED: {error}").format(error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 1
