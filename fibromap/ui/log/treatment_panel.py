"""What the person tried during a flare, each with how much relief it gave."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLineEdit, QPushButton, QWidget

from fibromap.domain.draft import DraftTreatment
from fibromap.domain.vocabulary import Term, TermKind, word_of
from fibromap.i18n import _
from fibromap.i18n.formats import in_sentence
from fibromap.ui.log.own_words import add_word, ask_for_word
from fibromap.ui.widgets.blank_spin import BlankSpinBox
from fibromap.ui.widgets.focus_chain import chain, focusable_before

NO_RELIEF_YET = -1


class _TreatmentRow:
    def __init__(self, term: Term, grid: QGridLayout, row: int, changed):
        self.key = term.key
        self.check = QCheckBox(term.name)
        self.relief = BlankSpinBox(minimum=NO_RELIEF_YET, maximum=10, value=NO_RELIEF_YET)
        self.relief.setSpecialValueText(_("relief?"))
        self.relief.setPrefix(_("relief "))
        self.relief.setAccessibleName(
            _("Relief from {treatment} (0–10)").format(treatment=in_sentence(term.name)))
        self.relief.setToolTip(_("How much it helped: 0 not at all, 10 completely"))
        grid.addWidget(self.check, row, 0)
        grid.addWidget(self.relief, row, 1)
        self.medication = self.dose = None
        if term.key == "medication":
            self.medication = QLineEdit(placeholderText=_("which medication"))
            self.dose = QLineEdit(placeholderText=_("dose"))
            self.medication.setAccessibleName(_("Medication name"))
            self.dose.setAccessibleName(_("Dose"))
            grid.addWidget(self.medication, row + 1, 0)
            grid.addWidget(self.dose, row + 1, 1)
        self.check.toggled.connect(self.show_details)
        # Ticked by the person: the next digit typed is how much it helped.
        self.check.clicked.connect(lambda on: self._ask_relief() if on else None)
        for signal in (self.check.toggled, self.relief.valueChanged):
            signal.connect(lambda *_args: changed())
        for field in (self.medication, self.dose):
            if field is not None:
                field.textChanged.connect(lambda *_args: changed())
        self.show_details(False)

    def _ask_relief(self) -> None:
        self.relief.setFocus()
        self.relief.selectAll()

    def show_details(self, on: bool) -> None:
        for widget in (self.relief, self.medication, self.dose):
            if widget is not None:
                widget.setVisible(on)

    def value(self) -> DraftTreatment | None:
        if not self.check.isChecked():
            return None
        relief = self.relief.value()
        return DraftTreatment(self.key, None if relief == NO_RELIEF_YET else relief,
                              self.medication.text() if self.medication else "",
                              self.dose.text() if self.dose else "")

    def load(self, use: DraftTreatment | None) -> None:
        self.check.setChecked(use is not None)
        self.relief.setValue(NO_RELIEF_YET if use is None or use.relief is None else use.relief)
        if self.medication is not None and self.dose is not None:  # the two come together
            self.medication.setText(use.medication if use else "")
            self.dose.setText(use.dose if use else "")


class TreatmentPanel(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, terms: list[Term], add_term: Callable[[str], Term],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._add_term = add_term
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self.rows: dict[str, _TreatmentRow] = {}
        self._next_row = 0
        for term in terms:
            self._add_row(term)
        self.add_button = QPushButton(_("+ Add a treatment…"))
        self.add_button.clicked.connect(self._ask)
        self._grid.addWidget(self.add_button, 1000, 0)

    def add_terms(self, terms: list[Term]) -> None:
        """Offer ``terms`` too (those not offered yet), in their order."""
        for term in terms:
            if term.key not in self.rows:
                self._add_row(term)

    def _add_row(self, term: Term) -> _TreatmentRow:
        last = next(reversed(self.rows.values()), None)
        before = (last.dose or last.relief) if last else focusable_before(self)
        row = _TreatmentRow(term, self._grid, self._next_row, self.changed.emit)
        # Treatments arrive once the database is open: Tab reaches them here, in order.
        chain(before, row.check, row.relief, row.medication, row.dose, self.add_button)
        self._next_row += 2 if term.key == "medication" else 1
        self.rows[term.key] = row
        return row

    def _ask(self) -> None:
        label = ask_for_word(self, TermKind.TREATMENT)
        if label:
            self.add_new(label)

    def add_new(self, label: str) -> str | None:
        term = add_word(self._add_term, label, self.message.emit)
        if term is None:
            return None
        row = self.rows.get(term.key) or self._add_row(term)
        row.check.setChecked(True)
        return term.key

    def values(self) -> list[DraftTreatment]:
        return [use for row in self.rows.values() if (use := row.value()) is not None]

    def load(self, uses: list[DraftTreatment]) -> None:
        by_key = {use.treatment: use for use in uses}
        for key in by_key.keys() - self.rows.keys():
            self._add_row(word_of(TermKind.TREATMENT, key))
        for key, row in self.rows.items():
            row.load(by_key.get(key))
