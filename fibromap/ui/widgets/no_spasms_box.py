"""“No spasms today” in one click: a day without a flare counts in the insights only when
something says it was lived and written down (a check-in, or this mark); ticked again, the
mark comes off."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from fibromap.errors import FibroMapError

if TYPE_CHECKING:  # the Log is drawn before the database library is loaded
    from fibromap.store.store import Store

TIP = ("A day with nothing recorded is left out of the insights, never taken as a day "
       "without spasms. Tick this on a day without any, and it counts as one. Untick it to "
       "take the mark back.")
HAS_FLARE = "This day has a flare, so it counts already."


class NoSpasmsBox(QWidget):
    """A check box marking one day (today, unless told another) as a day with no spasms."""

    message = Signal(str, bool)      # what happened, and whether it went wrong
    changed = Signal(object, bool)   # the day, and whether it is marked now

    def __init__(self, store: Store | None = None, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._day: date | None = None  # None: whatever day today is
        self._showing = False
        self.check = QCheckBox("No spasms today")
        self.check.setToolTip(TIP)
        self.check.setAccessibleDescription(TIP)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addStretch(1)
        self.check.toggled.connect(self._toggled)
        self.refresh()

    def attach(self, store: Store) -> None:
        self._store = store
        self.refresh()

    @property
    def day(self) -> date:
        return self._day or self._today()

    def show_day(self, day: date | None) -> None:
        """Mark ``day`` from now on (None: today, whichever day that is)."""
        self._day = day
        self.refresh()

    def refresh(self) -> None:
        """Show what the database says of the day now."""
        store, day = self._store, self.day
        today = day == self._today()
        self.check.setText("No spasms today" if today else f"No spasms on {day:%a} {day.day} {day:%b}")
        flared = bool(store and store.flares.count(day, day))
        marked = bool(store and store.no_spasms.is_marked(day))
        self._showing = True
        try:
            self.check.setChecked(marked and not flared)
        finally:
            self._showing = False
        self.check.setEnabled(store is not None and not store.read_only and not flared)
        self.check.setToolTip(HAS_FLARE if flared else TIP)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()  # the day may have turned, or a flare been logged elsewhere

    def _toggled(self, checked: bool) -> None:
        if self._showing or self._store is None:
            return
        day = self.day
        words = "today" if day == self._today() else f"{day:%A} {day.day} {day:%B}"
        try:
            if checked:
                self._store.no_spasms.mark(day)
            else:
                self._store.no_spasms.unmark(day)
        except FibroMapError as exc:
            self.message.emit(f"Not saved: {exc}.", True)
            self.refresh()
            return
        self.message.emit(f"Marked {words} as a day with no spasms: it counts in the insights. "
                          "Untick it to take the mark back." if checked else
                          f"The “no spasms” mark is taken off {words}.", False)
        self.changed.emit(day, checked)
