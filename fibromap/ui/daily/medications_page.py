"""Medications: what is taken, since when, at which dose; add one, correct it, stop it,
change its dose or delete it, each undone by Undo (or Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.daily import Medication
from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _, formats
from fibromap.store.medications import AlreadyListed, States
from fibromap.store.store import Store
from fibromap.ui.daily.medication_form import MedicationForm
from fibromap.ui.daily.medication_undo import MedicationChange
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.day_field import day_field, day_of
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.headings import heading
from fibromap.ui.widgets.muted import MutedLabel
from fibromap.ui.widgets.record_table import EmptyNote, fit_columns, record_table

COLUMNS = (N_("Medication"), N_("Dose"), N_("From"), N_("Until"))
ADDING, CHANGING = N_("Add a medication"), N_("Change the chosen medication")
STILL_TAKING = N_("still taking")


def _day(day: date) -> str:
    return formats.day(day)  # 07 Dec 2026


def _align_labels(*forms) -> None:
    """The fields of forms one above the other start at the same place."""
    labels = [label for form in forms for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
              and (label := item.widget()) is not None]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


def _what(medication: Medication) -> str:
    """"Cyclobenzaprine 5 mg at night"."""
    return f"{medication.name} {medication.dose}".strip()


class MedicationsPage(QWidget):
    message = Signal(str)  # for the status bar too: an undo may come while another view shows

    @classmethod
    def for_window(cls, context: PageContext) -> MedicationsPage:
        """The Medications tab, its changes on the window's undo stack."""
        page = cls(context.store, context.window.undo_stack)
        page.message.connect(lambda text: context.window.statusBar().showMessage(text, 8000))
        if context.store.read_only:
            for button in page.saving_buttons():
                context.window.refuse_saving(button)
        return page

    def __init__(self, store: Store, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._writable = not store.read_only
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._last: MedicationChange | None = None  # the page's latest change, for its Undo
        self._medications: list[Medication] = []
        self._chosen_id: int | None = None
        self.table = record_table([_(column) for column in COLUMNS])
        # Dose and dates as wide as they need (fit_columns, on each reload); the name
        # takes what is left.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Medications"))
        self.empty_note = EmptyNote(self.table, _(
            "No medications yet.\n\nTo add one, type its name and dose on the right, choose the day "
            "you started taking it, then click Add."))
        self.form = MedicationForm()
        self.name, self.dose = self.form.name, self.form.dose
        self.heading = heading(_(ADDING), wrap=True)
        self.hint = MutedLabel(_("To change, stop or delete one, choose it in the list."))
        self.add_button = QPushButton(_("Add"))
        self.save_button = QPushButton(_("Save changes"))
        self.delete_button = QPushButton(_("Delete"))
        self.new_button = QPushButton(_("New medication"))
        self.changes = QWidget()
        self.when = day_field(QDate.currentDate())
        self.when.setAccessibleName(_("On"))
        self.when.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.new_dose = QLineEdit(placeholderText=_("e.g. 10 mg at night"))
        self.new_dose.setAccessibleName(_("New dose"))
        self.stop_button = QPushButton(_("Stopped on this day"))
        self.change_button = QPushButton(_("New dose from this day"))
        self.feedback = FeedbackLabel()
        self.undo_button = QPushButton(_("Undo"))
        self._build()
        self._connect()
        self.reload()

    def saving_buttons(self) -> list[QPushButton]:
        return [self.add_button, self.save_button, self.delete_button, self.stop_button,
                self.change_button]

    def _build(self) -> None:
        # The list on the left, what to do with it on the right: the whole width is used
        # and a dose stays near its name.
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        said = QHBoxLayout()
        said.addWidget(self.feedback, 1)
        said.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        day = QFormLayout()
        day.setContentsMargins(0, 0, 0, 0)
        day.addRow(_("On"), self.when)
        day.addRow(_("New dose"), self.new_dose)
        _align_labels(day, self.form.layout())
        changes = QVBoxLayout(self.changes)
        changes.setContentsMargins(0, 12, 0, 0)
        changes.addWidget(heading(_("Stop it, or change the dose")))
        changes.addLayout(day)
        stop_or_change = QHBoxLayout()
        stop_or_change.addWidget(self.stop_button)
        stop_or_change.addWidget(self.change_button)
        stop_or_change.addStretch(1)
        changes.addLayout(stop_or_change)
        panel = QVBoxLayout()
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.heading)
        panel.addWidget(self.hint)
        panel.addWidget(self.form)
        panel.addLayout(buttons)
        panel.addWidget(self.changes)
        # Last: a message appearing or going moves no button.
        panel.addLayout(said)
        panel.addStretch(1)
        side = QWidget()
        side.setLayout(panel)
        side.setMaximumWidth(460)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addSpacing(8)
        layout.addWidget(side, 2)

    def _connect(self) -> None:
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.new_button.clicked.connect(self.choose_none)
        self.stop_button.clicked.connect(self.stop)
        self.change_button.clicked.connect(self.change_dose)
        self.undo_button.clicked.connect(self._undo_last)
        for field in (self.name, self.dose):
            field.returnPressed.connect(lambda: self.save() if self._chosen_id else self.add())
        self.new_dose.returnPressed.connect(self.change_dose)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_stack.indexChanged.connect(self._offer_undo)

    # -- showing ------------------------------------------------------------------------
    def reload(self, chosen: int | None | object = ...) -> None:
        """Show the medications the database holds now; ``chosen`` (a number, or None for
        none) is then the one chosen, else the one chosen before if it is still there."""
        keep = self._chosen_id if chosen is ... else chosen
        self._medications = self._store.medications.all()
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self._medications))
        for row, medication in enumerate(self._medications):
            values = (medication.name, medication.dose, _day(medication.start),
                      _day(medication.stop) if medication.stop else _(STILL_TAKING))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, medication.id)
                self.table.setItem(row, column, item)
            if medication.id == keep:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        fit_columns(self.table, (1, 2, 3),
                    samples=("00 Mmm 0000", _day(date(2026, 12, 28)), _(STILL_TAKING)))
        self._selection_changed()
        self._offer_undo()

    def selected(self) -> Medication | None:
        rows = self.table.selectionModel().selectedRows()
        return self._medications[rows[0].row()] if rows else None

    def _show_chosen(self) -> None:
        """The chosen medication's fields as saved now (after a change to it)."""
        chosen = self.selected()
        if chosen is not None:
            self.form.show_medication(chosen)

    def choose_none(self) -> None:
        """Back to adding a new medication, with empty fields."""
        self.table.clearSelection()
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = self.selected()
        chosen_id = chosen.id if chosen is not None else None
        if chosen_id != self._chosen_id:  # a reload keeping the choice keeps what is typed
            if chosen is None:
                self.form.clear()
            else:
                self.form.show_medication(chosen)
                self.when.setDate(QDate.currentDate())
                self.new_dose.clear()
        self._chosen_id = chosen_id
        self.heading.setText(_(ADDING) if chosen is None else _(CHANGING))
        self.hint.setVisible(chosen is None and bool(self._medications))
        self.add_button.setVisible(chosen is None)
        for button in (self.save_button, self.delete_button, self.new_button):
            button.setVisible(chosen is not None)
        self.changes.setVisible(chosen is not None and chosen.stop is None)
        for button in self.saving_buttons():
            button.setEnabled(self._writable)

    # -- changes ------------------------------------------------------------------------
    def add(self) -> Medication | None:
        def added() -> tuple[Medication, States, States]:
            new = self._store.medications.add(self.form.medication())
            assert new.id is not None  # saved, so numbered
            return new, [(new.id, None)], [(new.id, new)]
        new = self._change(added, lambda m: (
            _("add {medication}").format(medication=_what(m)),
            _("{medication} is off the list again.").format(medication=_what(m))))
        if new is not None:
            self.form.clear()  # ready for the next one
            self.name.setFocus()
            self.feedback.say(_("Added {medication}.").format(medication=_what(new)), error=False)
        return new

    def save(self) -> Medication | None:
        old = self.selected()
        if old is None or old.id is None:
            return None
        medication_id = old.id
        try:
            unchanged = self.form.medication(medication_id) == old
        except FibroMapError:
            unchanged = False  # _change says what is wrong
        if unchanged:
            self.feedback.say(_("Nothing to save: {medication} is as shown.").format(
                medication=_what(old)), error=False)
            return None
        saved = self._change(
            lambda: self._changed(old, self._store.medications.update(
                self.form.medication(medication_id))),
            lambda m: (_("change {medication}").format(medication=_what(old)),
                       _("{medication} is as it was before.").format(medication=_what(old))),
            chosen=medication_id)
        if saved is not None:
            self.feedback.say(_("Saved the changes to {medication}.").format(
                medication=_what(saved)), error=False)
        return saved

    def stop(self) -> Medication | None:
        old = self.selected()
        if old is None or old.id is None:
            return None
        medication_id = old.id
        stopped = self._change(
            lambda: self._changed(old, self._store.medications.stop(medication_id,
                                                                     day_of(self.when))),
            lambda m: (_("stop {medication}").format(medication=_what(m)),
                       _("{medication} is not stopped any more, as before.").format(
                           medication=_what(m))),
            chosen=medication_id)
        if stopped is not None and stopped.stop is not None:
            self.feedback.say(_("Stopped {medication} on {day}.").format(
                medication=_what(stopped), day=_day(stopped.stop)), error=False)
        return stopped

    def change_dose(self) -> Medication | None:
        old = self.selected()
        if old is None or old.id is None:
            return None
        medication_id = old.id

        def changed() -> tuple[Medication, States, States]:
            new = self._store.medications.change_dose(medication_id, self.new_dose.text().strip(),
                                                      day_of(self.when))
            assert new.id is not None  # saved, so numbered
            stopped = self._store.medications.get(medication_id)
            return new, [(medication_id, old), (new.id, None)], [(medication_id, stopped),
                                                                 (new.id, new)]
        new = self._change(changed, lambda m: (
            _("change the dose of {name}").format(name=old.name),
            _("{medication} is as it was before the dose change.").format(medication=_what(old))),
                           chosen=None)
        if new is not None:
            self.reload(chosen=new.id)
            self._show_chosen()
            now = (_("{name} is now {dose} from {day}.") if new.dose
                   else _("{name} is now taken from {day}."))
            self.feedback.say(now.format(name=new.name, dose=new.dose, day=_day(new.start)),
                              error=False)
        return new

    def delete(self) -> Medication | None:
        chosen = self.selected()
        if chosen is None or chosen.id is None:
            return None
        medication_id = chosen.id

        def deleted() -> tuple[Medication, States, States]:
            old = self._store.medications.delete(medication_id)
            return old, [(medication_id, old)], [(medication_id, None)]
        old = self._change(deleted, lambda m: (
            _("delete {medication}").format(medication=_what(m)),
            _("{medication} is back.").format(medication=_what(m))), chosen=None)
        if old is not None:
            self.feedback.say(_("Deleted {medication}.").format(medication=_what(old)), error=False)
        return old

    @staticmethod
    def _changed(old: Medication, new: Medication) -> tuple[Medication, States, States]:
        assert old.id is not None  # listed from the database, so numbered
        return new, [(old.id, old)], [(old.id, new)]

    def _change(self, make: Callable[[], tuple[Medication, States, States]],
                words: Callable[[Medication], tuple[str, str]],
                chosen: int | None | object = ...) -> Medication | None:
        """Make a change (``make`` says what it made and the rows before and after), show
        it and put it on the undo stack, named by ``words`` (what it did, for Edit › Undo,
        and what undoing it says); a refusal is said, and nothing changes."""
        try:
            medication, before, after = make()
        except AlreadyListed as exc:
            self.feedback.say(_("Not saved: {medication} from {day} is already in the list.").format(
                medication=_what(exc.listed), day=_day(exc.listed.start)), error=True)
            return None
        except FibroMapError as exc:
            self.feedback.say(_("Not saved: {error}.").format(error=exc), error=True)
            return None
        did, undone = words(medication)
        command = MedicationChange(self._store, did, undone, before, after, self._told)
        self._last = command
        self.undo_stack.push(command)
        self.reload(chosen)
        self._show_chosen()
        return medication

    # -- undo -----------------------------------------------------------------------------
    def _told(self, text: str, error: bool) -> None:
        self.reload()
        self._show_chosen()
        self.feedback.say(text, error=error)
        self.message.emit(text)

    def _offer_undo(self, *_args) -> None:
        """Undo beside the message while this page's latest change is the next to undo."""
        try:
            index = self.undo_stack.index()
            top = self.undo_stack.command(index - 1) if index > 0 else None
        except RuntimeError:  # the window is closing, its stack already gone
            return
        self.undo_button.setVisible(self._last is not None and top is self._last
                                    and self._writable)

    def _undo_last(self) -> None:
        if self._last is not None and self.undo_stack.canUndo():
            self.undo_stack.undo()
