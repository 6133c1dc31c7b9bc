"""Word chips: the person's vocabulary as buttons to tick, plus their own words."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

from fibromap.domain.vocabulary import Term, TermKind, word_of
from fibromap.i18n import _
from fibromap.ui.log.own_words import WORD_TEXTS, add_word, ask_for_word
from fibromap.ui.widgets.flow_layout import FlowLayout
from fibromap.ui.widgets.focus_chain import chain, focusable_before

CHIP_STYLE = """
QToolButton { border: 1px solid palette(mid); border-radius: 11px; padding: 3px 10px; }
QToolButton:checked { background: #1f5fbf; color: white; border-color: #1f5fbf; }
QToolButton:focus { border: 2px solid #3d7fd9; }
"""


class ChipGroup(QWidget):
    """Tickable words. ``exclusive`` allows one at most (click it again to untick)."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, kind: TermKind, terms: list[Term], *, exclusive: bool = False,
                 add_term: Callable[[str], Term] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._kind = kind
        self._exclusive = exclusive
        self._add_term = add_term
        self.setAccessibleName(_(WORD_TEXTS[kind][0]))
        self.buttons: dict[str, QToolButton] = {}
        self.add_button: QToolButton | None = None
        self._layout = FlowLayout(self)
        self.setStyleSheet(CHIP_STYLE)
        for term in terms:
            self._add_button(term)
        if add_term is not None:
            self.add_button = QToolButton()
            self.add_button.setText(_("+ Add…"))
            self.add_button.setAccessibleName(_(WORD_TEXTS[kind][1]))
            self.add_button.clicked.connect(self._ask_new_term)
            self._layout.addWidget(self.add_button)

    def _add_button(self, term: Term) -> QToolButton:
        button = QToolButton()
        button.setText(term.name)
        button.setCheckable(True)
        button.setAccessibleName(term.name)
        button.toggled.connect(lambda on, key=term.key: self._toggled(key, on))
        # Words arrive once the database is open, after the rest of the window is built:
        # Tab must still reach them here, in their order, not after the Save button.
        before = next(reversed(self.buttons.values()), None) or focusable_before(self)
        self.buttons[term.key] = button
        if self.add_button is not None:  # new words go before "+ Add…"
            self._layout.takeAt(self._layout.count() - 1)
            self._layout.addWidget(button)
            self._layout.addWidget(self.add_button)
        else:
            self._layout.addWidget(button)
        chain(before, button, self.add_button)
        return button

    @property
    def kind(self) -> TermKind:
        return self._kind

    def add_terms(self, terms: list[Term]) -> None:
        """Offer ``terms`` too (those not offered yet), in their order, before "+ Add…"."""
        for term in terms:
            if term.key not in self.buttons:
                self._add_button(term)

    def _toggled(self, key: str, on: bool) -> None:
        if on and self._exclusive:
            for other, button in self.buttons.items():
                if other != key and button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(False)
                    button.blockSignals(False)
        self.changed.emit()

    def _ask_new_term(self) -> None:
        label = ask_for_word(self, self._kind)
        if label:
            self.add_new(label)

    def add_new(self, label: str) -> str | None:
        """Add the person's own word, tick it, and return its key (None if refused)."""
        assert self._add_term is not None, "only a group given add_term takes new words"
        term = add_word(self._add_term, label, self.message.emit)
        if term is None:
            return None
        button = self.buttons.get(term.key) or self._add_button(term)
        button.setChecked(True)
        return term.key

    def checked(self) -> list[str]:
        return [key for key, button in self.buttons.items() if button.isChecked()]

    def set_checked(self, keys) -> None:
        wanted = set(keys)
        for key in sorted(wanted - set(self.buttons)):
            # A word taken off the list since: show it so the flare keeps it.
            self._add_button(word_of(self._kind, key))
        for key, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(key in wanted)
            button.blockSignals(False)
        self.changed.emit()
