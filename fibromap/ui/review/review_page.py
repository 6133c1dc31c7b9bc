"""What the review views share: a period to look at, figures loaded off the UI thread,
and a caption that says what is shown (or why not)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from fibromap.analysis.periods import Period
from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.widgets.period_picker import PeriodPicker
from fibromap.ui.worker import Worker


class ReviewPage(QWidget):
    """Subclasses say how to load a period (``loader``) and how to show it (``show_data``).

    A page loads when it is first shown and again when shown after ``mark_stale``: views
    nobody opens cost nothing at start-up or after each save.
    """

    def __init__(self, store: Store, today=date.today, initial_period: int = 1,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self.data: Any = None
        self.caption = QLabel(wordWrap=True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.worker = Worker(self)
        self.worker.finished.connect(self._received)
        self.worker.failed.connect(
            lambda text: self.caption.setText(_("Could not load: {error}").format(error=text)))
        self.picker = PeriodPicker(store, today, initial=initial_period)
        self.picker.changed.connect(lambda _period: self.reload())
        self._stale = True

    def mark_stale(self) -> None:
        """The database changed: reload now if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def period(self) -> Period:
        return self.picker.period()

    def loader(self, period: Period) -> Callable[[], Any]:
        """A function that reads what the view shows for ``period`` (run on a worker thread)."""
        raise NotImplementedError

    def show_data(self, data: Any) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Load the period chosen from the database now (on the worker thread)."""
        self._stale = False
        period = self.period()
        if period.end < period.start:
            self.caption.setText(_("The first day is after the last day."))
            return
        self.worker.run(self.loader(period))

    def _received(self, data: Any) -> None:
        self.data = data
        self.show_data(data)


