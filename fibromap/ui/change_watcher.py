"""Noticing that the records were changed by another window or program.

Two FibroMap windows may share one database (on one computer, or several computers
sharing a PostgreSQL server). Every save counts one more change in the database; a
window that sees a change it did not make shows the records afresh, so a flare saved in
one window appears in the other's history within seconds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from fibromap.errors import FibroMapError

if TYPE_CHECKING:
    from fibromap.store.store import Store

log = logging.getLogger(__name__)

LOOK_EVERY_MS = 2_000


class ChangeWatcher(QObject):
    """Emits ``changed`` when another program saved something since the window last
    showed the records."""

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._database = store.database
        self._seen = self._count()
        self._timer = QTimer(self, interval=LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def _count(self) -> int | None:
        try:
            return self._database.changes()
        except FibroMapError as exc:  # a server out of reach: look again later
            log.info("cannot look for changes: %s", exc)
            return None

    def up_to_date(self) -> None:
        """The window is about to show the records as they are now."""
        self._seen = self._count()

    def look(self) -> bool:
        """Look now; True (and ``changed``) when something was saved elsewhere."""
        count = self._count()
        if count is None or count == self._seen:
            return False
        seen, self._seen = self._seen, count
        if seen is not None and seen < count:
            own = sum(1 for n in self._database.own_changes if seen < n <= count)
            if own == count - seen:  # only this window's own saves
                return False
        self.changed.emit()
        return True
