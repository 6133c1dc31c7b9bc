"""A flare deleted in History, kept so that Edit › Undo can put it back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QStatusBar

from fibromap.domain.flare import Flare
from fibromap.figure.formatting import onset_text
from fibromap.i18n import _

if TYPE_CHECKING:
    from fibromap.store.store import Store


class MainWindow(Protocol):
    """What of the window putting a flare back needs (fibromap/ui/main_window.py)."""

    def opened_store(self) -> Store: ...
    def refresh(self) -> None: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


class DeleteFlare(QUndoCommand):
    """A deleted flare, kept so that Undo can put it back."""

    def __init__(self, window: MainWindow, flare: Flare):
        super().__init__(_("delete the flare of {onset}").format(onset=onset_text(flare, year=False)))
        self._window = window
        self.flare = flare
        self._done = True  # the History view has already deleted it

    def redo(self) -> None:
        if not self._done:
            assert self.flare.id is not None, "a flare put back by undo() has its id"
            self.flare = self._window.opened_store().flares.delete(self.flare.id)
            self._window.refresh()
        self._done = True

    def undo(self) -> None:
        self.flare = self._window.opened_store().flares.restore(self.flare)
        self._done = False
        self._window.refresh()
        self._window.statusBar().showMessage(_("The flare is back."), 4000)
