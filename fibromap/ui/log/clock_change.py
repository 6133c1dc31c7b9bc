"""Under "When", where the clocks changed: which of the two times was meant, in the hour
that came twice; or that the time given never happened, in the hour that was skipped,
with the time the new clock showed one click away. Nothing is guessed: a flare is not
saved until the time names one instant."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.clock_time import ClockTime
from fibromap.i18n import _
from fibromap.i18n.formats import clock as clock_time


class ClockChangeChoice(QWidget):
    chosen = Signal()        # the person chose the first or the second
    move_to = Signal(object)  # a datetime: the time to give instead of one that never happened

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._clock: ClockTime | None = None
        self.text = QLabel(wordWrap=True)
        self.first = QRadioButton()
        self.second = QRadioButton()
        self.group = QButtonGroup(self)
        for index, button in enumerate((self.first, self.second)):
            self.group.addButton(button, index)
        self.use = QPushButton()
        self.use.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.text)
        for widget in (self.first, self.second, self.use):
            row = QHBoxLayout()  # a button as wide as its words, not the column
            row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        self.group.idClicked.connect(lambda _index: self.chosen.emit())
        self.use.clicked.connect(self._use_moved)
        self.setVisible(False)

    def ask(self, clock: ClockTime | None, meant: datetime | None = None) -> None:
        """Ask about ``clock`` when it names two instants or none (``meant``: the one
        already known to be meant, chosen); hidden otherwise."""
        self._clock = clock if clock is not None and clock.needs_an_answer else None
        if self._clock is None:
            self.setVisible(False)
            return
        clock = self._clock
        self.text.setText(clock.question())
        self.group.setExclusive(False)  # so that neither may be chosen yet
        for index, button in enumerate((self.first, self.second)):
            button.setVisible(clock.repeated)
            button.setChecked(clock.repeated and clock.index(meant) == index)
            if clock.repeated:
                button.setText(clock.option(index))
        self.group.setExclusive(True)
        self.use.setVisible(clock.skipped)
        self.use.setText(_("Use {time}").format(time=clock_time(clock.moved())))
        self.setAccessibleName(clock.question())
        self.setVisible(True)

    def instant(self) -> datetime | None:
        """The instant chosen of a time that came twice; None when none was chosen (or
        nothing is asked)."""
        index = self.group.checkedId()
        if self._clock is None or not self._clock.repeated or index < 0:
            return None
        return self._clock.instants[index]

    def problem(self) -> str | None:
        """Why the time shown cannot be saved yet; None when it names one instant."""
        if self._clock is None or self.instant() is not None:
            return None
        return self._clock.problem()

    def _use_moved(self) -> None:
        if self._clock is not None:
            self.move_to.emit(self._clock.moved())
