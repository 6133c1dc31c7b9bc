"""A change to the medications, kept on the window's undo stack (Edit › Undo, Ctrl+Z, or
the Undo beside the Medications view's message): undo puts the rows back exactly as they
were, numbers and all; redo makes the change again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.store.medications import States
from fibromap.store.store import Store

# What the person is told after an undo or a redo: the words, and whether it failed.
Told = Callable[[str, bool], None]


class MedicationChange(QUndoCommand):
    """A change already made: ``before`` and ``after`` are the rows it touched, by number."""

    def __init__(self, store: Store, text: str, undone: str, before: States, after: States,
                 told: Told):
        super().__init__(text)  # Edit › Undo reads "Undo " and this: "Undo delete Pregabalin"
        self._store, self._undone, self._told = store, undone, told
        self.before, self.after = list(before), list(after)
        self._done = True  # made by the page before it was pushed

    def redo(self) -> None:
        if self._done:
            return
        if self._put(self.after, self.before, _("Could not redo “{change}”: {error}.")):
            self._told(_("Done again: {change}.").format(change=self.text()), False)

    def undo(self) -> None:
        if self._put(self.before, self.after, _("Could not undo “{change}”: {error}.")):
            self._told(self._undone, False)

    def _put(self, states: States, replacing: States, refused: str) -> bool:
        """Put ``states`` back; ``refused`` says (with {change} and {error}) why it could not."""
        try:
            self._store.medications.put_back(states, replacing=replacing)
        except FibroMapError as exc:
            # Changed elsewhere meanwhile: this step is dropped from the stack, not repeated.
            self.setObsolete(True)
            self._told(refused.format(change=self.text(), error=exc), True)
            return False
        self._done = states is self.after
        return True
