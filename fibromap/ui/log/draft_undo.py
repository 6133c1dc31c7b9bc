"""Undo and redo for the flare being written in the Log.

Each state the Log shows is kept as a Moment; a step between two is a command on the Log's
undo stack, named by what changed (fibromap/domain/draft_changes.py), so Edit › Undo says
"Undo Mark left temple". New, Repeat last and opening a flare to correct are steps too:
a half-written flare is never more than an Undo away.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand, QUndoStack

from fibromap.domain.draft import FlareDraft
from fibromap.domain.draft_changes import Step, same_moment, step
from fibromap.domain.flare import Flare

RUNNING_STEP = 30  # the id QUndoStack merges consecutive steps of one name by


@dataclass(frozen=True)
class Moment:
    """What the Log shows: the flare being written, the saved flare it corrects (if any),
    and whether its time follows the clock."""

    draft: FlareDraft
    editing: Flare | None
    clock: bool

    def same_as(self, other: Moment) -> bool:
        return (self.editing == other.editing and self.clock == other.clock
                and same_moment(self.draft, other.draft, clock=self.clock))


class DraftStep(QUndoCommand):
    """One step: undo shows the state before it, redo the state after."""

    def __init__(self, history: DraftHistory, before: Moment, after: Moment, step: Step):
        super().__init__(step.text)  # the words shown; the step itself is what is compared
        self.step = step
        self._history = history
        self.before = before
        self.after = after
        self._pushed = True  # QUndoStack.push() calls redo(): the step is already on screen

    def id(self) -> int:
        return RUNNING_STEP if self.step.running else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, DraftStep) or (other.step.kind, other.step.region) != (
                self.step.kind, self.step.region):
            return False
        self.after = other.after  # digits typed one by one, an intensity stepped: one step
        return True

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self._history.show(self.after)

    def undo(self) -> None:
        self._history.show(self.before)


class DraftHistory(QObject):
    """The states of the flare being written: ``read`` gives the one on screen, ``show``
    puts one back. Each edit is a step as it is made (the marks change once per action:
    a click that links a zone and marks it is one step)."""

    def __init__(self, read: Callable[[], Moment], show: Callable[[Moment], None],
                 region_name: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._read = read
        self._show = show
        self._name = region_name
        self.stack = QUndoStack(self)
        self._shown: Moment | None = None

    def restart(self) -> None:
        """Begin again from what is on screen (a flare saved, a draft brought back)."""
        self.stack.clear()
        self._shown = self._snapshot()

    def record(self, text: str | None = None) -> bool:
        """Make what is on screen a step (named ``text``, words already in the language of
        the moment, or by what changed); False when nothing changed."""
        now = self._snapshot()
        before = self._shown
        if before is None:
            self._shown = now
            return False
        if before.same_as(now):
            return False
        made = (step(before.draft, now.draft, self._name, clock=before.clock and now.clock)
                if text is None else Step("named", text))
        self._shown = now
        self.stack.push(DraftStep(self, before, now, made))
        return True

    def show(self, moment: Moment) -> None:
        self._shown = moment
        self._show(Moment(deepcopy(moment.draft), moment.editing, moment.clock))

    def _snapshot(self) -> Moment:
        moment = self._read()
        return Moment(deepcopy(moment.draft), moment.editing, moment.clock)
