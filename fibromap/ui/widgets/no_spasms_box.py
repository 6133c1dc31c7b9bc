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
from fibromap.i18n import DEFAULT, N_, _, current, formats
from fibromap.ui.widgets.day_field import weekday_and_day

if TYPE_CHECKING:  # the Log is drawn before the database library is loaded
    from fibromap.store.store import Store

TIP = N_("A day with nothing recorded is left out of the insights, never taken as a day "
         "without spasms. Tick this on a day without any, and it counts as one. Untick it to "
         "take the mark back.")
HAS_FLARE = N_("This day has a flare, so it counts already.")


def _short(day: date) -> str:
    """Mon 7 Dec (English as ever, unpadded), Mo., 7. Dez."""
    if current() == DEFAULT:
        return f"{day:%a} {day.day} {day:%b}"
    return formats.dated(day, "", "MMMEd")


def _long(day: date) -> str:
    """Monday 7 December, Montag, 7. Dezember."""
    return weekday_and_day(day, f"{day:%A} {day.day} {day:%B}")


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
        self.check = QCheckBox(_("No spasms today"))
        self.check.setToolTip(_(TIP))
        self.check.setAccessibleDescription(_(TIP))
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
        self.check.setText(_("No spasms today") if today
                           else _("No spasms on {day}").format(day=_short(day)))
        flared = bool(store and store.flares.count(day, day))
        marked = bool(store and store.no_spasms.is_marked(day))
        self._showing = True
        try:
            self.check.setChecked(marked and not flared)
        finally:
            self._showing = False
        self.check.setEnabled(store is not None and not store.read_only and not flared)
        self.check.setToolTip(_(HAS_FLARE) if flared else _(TIP))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.refresh()  # the day may have turned, or a flare been logged elsewhere

    def _toggled(self, checked: bool) -> None:
        if self._showing or self._store is None:
            return
        day = self.day
        try:
            if checked:
                self._store.no_spasms.mark(day)
            else:
                self._store.no_spasms.unmark(day)
        except FibroMapError as exc:
            self.message.emit(_("Not saved: {error}.").format(error=exc), True)
            self.refresh()
            return
        self.message.emit(self._said(day, checked), False)
        self.changed.emit(day, checked)

    def _said(self, day: date, checked: bool) -> str:
        """What marking (or unmarking) ``day`` did, in words."""
        if day == self._today():
            return (_("Marked today as a day with no spasms: it counts in the insights. Untick "
                      "it to take the mark back.") if checked
                    else _("The “no spasms” mark is taken off today."))
        said = (_("Marked {day} as a day with no spasms: it counts in the insights. Untick it "
                  "to take the mark back.") if checked
                else _("The “no spasms” mark is taken off {day}."))
        return said.format(day=_long(day))
