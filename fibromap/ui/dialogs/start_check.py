"""The records checked once the window is open, as `fibromap check` checks them, in the
background: damage is said where the person is, with the newest good backup and how it
differs, instead of waiting for someone to run a command."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, ngettext
from fibromap.store.backups import newest_good_backup
from fibromap.store.database import Database
from fibromap.store.store import Store
from fibromap.ui.dialogs.restore_offer import ask_to_restore
from fibromap.ui.worker import Worker

if TYPE_CHECKING:
    from fibromap.store.check import CheckReport

# After the first paint and the day's backup: the window is in use before the check runs.
DELAY_MS = 1500
TITLE = N_("Your records may be damaged")


class StartCheck(QObject):
    """Checks ``store`` once, DELAY_MS after ``start()``; ``report`` holds what it found."""

    def __init__(self, window: QWidget, store: Store, paths: Paths):
        super().__init__(window)
        self._window, self._store, self._paths = window, store, paths
        self.report: CheckReport | None = None
        self._cancelled = False
        self.worker = Worker(self)
        self.worker.finished.connect(self._checked)

    def start(self, delay_ms: int = DELAY_MS) -> None:
        QTimer.singleShot(delay_ms, self, self._run)

    def cancel(self) -> None:
        """The window is closing: what the check finds is not said (nor is it begun)."""
        self._cancelled = True

    def _here(self) -> bool:
        return (not self._cancelled and shiboken6.isValid(self._window)
                and self._window.isVisible())

    def _run(self) -> None:
        if not self._here():
            return
        database = self._store.database
        self.worker.run(lambda: _check(database))

    def _checked(self, report: CheckReport) -> None:
        self.report = report
        if report.ok or not self._here():
            return
        more = len(report.problems) - 3
        said = (ngettext("FibroMap found damage in your records: {problems}; and {n} more.",
                         "FibroMap found damage in your records: {problems}; and {n} more.", more)
                if more > 0 else _("FibroMap found damage in your records: {problems}.")).format(
            problems="; ".join(report.problems[:3]), n=more)
        title = _(TITLE)
        status = getattr(self._window, "statusBar", None)
        if status is not None:
            status().showMessage(_("FibroMap found damage in your records: Help › Backups "
                                   "lists the backups and restores one."))
        good = newest_good_backup(self._paths)
        if good is None or self._store.read_only or self._store.database.damage:
            # Nothing to offer, or the damage was said and offered on opening already.
            if good is None:
                QMessageBox.warning(self._window, title, said)
            return
        if not ask_to_restore(self._window, title, said, good,
                              _("The records as they are now are kept beside it."),
                              holds=report.counts.get("flare")):
            return
        try:
            self._store.database.restore(good.path, self._paths)
        except FibroMapError as exc:
            QMessageBox.warning(self._window, title, str(exc))
            return
        reload = getattr(self._window, "refresh", None)
        if reload is not None:
            reload()
        if status is not None:
            status().showMessage(_("Restored the backup {name}.").format(name=good.path.name))


def _check(database: Database) -> CheckReport:
    # The check's code is loaded here, on the worker thread: not at start-up.
    from fibromap.store.check import check_database

    return check_database(database)
