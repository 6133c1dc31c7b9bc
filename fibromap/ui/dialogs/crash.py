"""When something unexpected breaks: keep a report, tell the person, and carry on if possible.

A global hook for the main thread and for worker threads writes the traceback to a log
under the data folder and shows a dialog whose details can be copied. Tests and CI turn
the dialog off (FIBROMAP_NO_CRASH_DIALOG=1 or --no-crash-dialog); the log is still written.
"""

from __future__ import annotations

import os
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path

from fibromap import APP_NAME, __version__, atomic
from fibromap.config import Paths
from fibromap.i18n import _

DISABLE_ENV = "FIBROMAP_NO_CRASH_DIALOG"


def dialogs_disabled() -> bool:
    return os.environ.get(DISABLE_ENV) == "1" or "PYTEST_CURRENT_TEST" in os.environ


def crash_report(kind, value, tb) -> str:
    import platform  # loaded by a crash, not by every start before the window is drawn

    return "".join([
        f"{APP_NAME} {__version__} on Python {platform.python_version()}, {platform.platform()}\n",
        f"{datetime.now().isoformat(timespec='seconds')}\n\n",
        *traceback.format_exception(kind, value, tb),
    ])


def write_crash_log(paths: Paths, report: str) -> Path | None:
    try:
        folder = paths.ensure(paths.logs_dir)
        target = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
        atomic.write_bytes(target, report.encode("utf-8"), failure="cannot write the crash log")
        return target
    except Exception:  # noqa: BLE001 - a crash while reporting a crash must not hide the first
        return None


class CrashHandler:
    def __init__(self, paths: Paths, show_dialog: bool = True):
        self.paths = paths
        self.show_dialog = show_dialog and not dialogs_disabled()
        self.reports: list[Path] = []
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> CrashHandler:
        sys.excepthook = self._main_thread
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value,
                                                        args.exc_traceback)
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _main_thread(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, value, tb)
            return
        self.handle(kind, value, tb)

    def handle(self, kind, value, tb) -> Path | None:
        report = crash_report(kind, value, tb)
        where = write_crash_log(self.paths, report)
        if where is not None:
            self.reports.append(where)
        said = (_("fibromap: unexpected error: {error} (details in {where})") if where
                else _("fibromap: unexpected error: {error}"))
        print(said.format(error=f"{kind.__name__}: {value}", where=where), file=sys.stderr)
        if self.show_dialog and threading.current_thread() is threading.main_thread():
            self._dialog(kind, value, report, where)
        return where

    @staticmethod
    def _dialog(kind, value, report: str, where: Path | None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        text = (_("Something unexpected went wrong: {error}\n\nWhat you saved is safe. The "
                  "details below can be copied into a bug report; they are also in {where}.")
                if where else
                _("Something unexpected went wrong: {error}\n\nWhat you saved is safe. The "
                  "details below can be copied into a bug report."))
        box = QMessageBox(QMessageBox.Icon.Critical,
                          _("{app} ran into a problem").format(app=APP_NAME),
                          text.format(error=f"{kind.__name__}: {value}", where=where))
        box.setDetailedText(report)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        box.exec()
