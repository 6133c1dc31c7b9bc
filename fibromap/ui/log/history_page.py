"""History: every flare, newest first, filtered by dates, region and trigger.

Double-click or Enter opens a flare for correction; Delete removes it, with undo.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.atlas import Atlas
from fibromap.domain.flare import Flare
from fibromap.domain.vocabulary import TermKind
from fibromap.errors import FibroMapError
from fibromap.i18n import DEFAULT, _, current, ngettext
from fibromap.i18n.formats import day as long_day
from fibromap.i18n.formats import in_sentence, whole
from fibromap.store.flares import FlareFilter
from fibromap.store.store import Store
from fibromap.ui.log.history_model import HIGHEST_NOTE, HistoryModel
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.day_field import day_field, day_of
from fibromap.ui.widgets.record_table import EmptyNote


class HistoryPage(QWidget):
    openFlare = Signal(Flare)
    deleted = Signal(Flare)
    message = Signal(str)

    @classmethod
    def for_window(cls, context: PageContext) -> HistoryPage:
        """The History tab: a flare opens in the Log to correct, a deletion can be undone."""
        page = cls(context.store, context.atlas)
        page.openFlare.connect(context.window.edit_flare)
        page.deleted.connect(context.window.flare_deleted)
        page.message.connect(lambda text: context.window.statusBar().showMessage(text, 6000))
        return page

    def __init__(self, store: Store, atlas: Atlas, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._atlas = atlas
        self.model = HistoryModel(store, atlas, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(_("Flares"))
        self.empty_note = EmptyNote(self.table)

        today = date.today()
        self.use_dates = QCheckBox(_("From"))
        self.start = day_field(today - timedelta(days=30))
        self.end = day_field(today)
        self.region = QComboBox(editable=True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # As wide as a usual name, not the longest ("under the shoulder blade (serratus
        # posterior superior, deep)"): the list opens wider, and the window stays narrow.
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region.setMinimumContentsLength(24)
        self.region.addItem(_("All regions"), None)
        for region in sorted(atlas, key=lambda r: r.name):
            self.region.addItem(region.name, region.id)
        view = self.region.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)  # every name whole in the list
        completer = self.region.completer()
        assert completer is not None, "an editable combo box has a completer"
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        self.trigger = QComboBox()
        self.start.setAccessibleName(_("First day"))
        self.end.setAccessibleName(_("Last day"))
        self.region.setAccessibleName(_("Region"))
        self.trigger.setAccessibleName(_("Trigger"))
        self.count = QLabel()
        self.open_button = QPushButton(_("Open"))
        self.delete_button = QPushButton(_("Delete"))
        self._build()
        self.reload_triggers()
        self._connect()
        self.apply_filter()
        self._chosen_changed()

    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.use_dates)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.end)
        filters.addSpacing(12)
        filters.addWidget(QLabel(_("Region")))
        filters.addWidget(self.region, 1)
        filters.addWidget(QLabel(_("Trigger")))
        filters.addWidget(self.trigger)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def _connect(self) -> None:
        self.use_dates.toggled.connect(self.apply_filter)
        self.start.dateChanged.connect(self.apply_filter)
        self.end.dateChanged.connect(self.apply_filter)
        self.region.currentIndexChanged.connect(self.apply_filter)
        self.trigger.currentIndexChanged.connect(self.apply_filter)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected,
                      context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.model.modelReset.connect(self._show_count)
        # Open and Delete act on the chosen flare: offered only while one is chosen.
        self.table.selectionModel().selectionChanged.connect(self._chosen_changed)
        self.model.modelReset.connect(self._chosen_changed)
        self.model.modelReset.connect(self._explain_empty)
        self.model.rowsInserted.connect(self._show_count)

    def reload_triggers(self) -> None:
        chosen = self.trigger.currentData()
        self.trigger.blockSignals(True)
        self.trigger.clear()
        self.trigger.addItem(_("Any trigger"), None)
        for term in self._store.vocabulary.terms(TermKind.TRIGGER, include_hidden=True):
            self.trigger.addItem(term.name, term.key)
        self.trigger.setCurrentIndex(max(0, self.trigger.findData(chosen)))
        self.trigger.blockSignals(False)

    def current_filter(self) -> FlareFilter:
        dated = self.use_dates.isChecked()
        return FlareFilter(
            start=day_of(self.start) if dated else None,
            end=day_of(self.end) if dated else None,
            region=self.region.currentData(),
            trigger=self.trigger.currentData())

    def apply_filter(self) -> None:
        self.start.setEnabled(self.use_dates.isChecked())
        self.end.setEnabled(self.use_dates.isChecked())
        where = self.current_filter()
        if where.start and where.end and where.start > where.end:
            self.count.setText(_("The first day is after the last day."))
            return
        self.model.set_filter(where)

    def reload(self) -> None:
        """Show what the database holds now, with the filter chosen."""
        self.reload_triggers()
        self.model.reload()

    def _show_count(self, *_args) -> None:
        shown, total = self.model.rowCount(), self.model.total
        where = self.current_filter()
        # Days marked "no spasms" (Log, Check-in) in the dates shown: days lived without one.
        marked = len(self._store.no_spasms.between(where.start, where.end))
        text = (ngettext("{n} flare", "{n} flares", total) if shown >= total else
                ngettext("{n} flare (showing {shown}; scroll for more)",
                         "{n} flares (showing {shown}; scroll for more)", total)
                ).format(n=whole(total), shown=shown)
        if marked:
            text = ngettext("{flares}; {n} day marked “no spasms”", "{flares}; {n} days marked “no spasms”",
                            marked).format(flares=text, n=whole(marked))
        self.count.setText(text + (f"   {_(HIGHEST_NOTE)}" if self.model.any_unrated else ""))

    def _explain_empty(self) -> None:
        """Say why the table is empty: nothing logged yet, or the filters hide it all."""
        if self.model.total:
            self.empty_note.setText("")
            return
        where = self.current_filter()
        everything = self._store.flares.count() if (where.start or where.region or where.trigger) else 0
        if not everything:
            self.empty_note.setText(
                _("No flares yet.\n\nTo log one, open the Log view, click each muscle that "
                  "hurts on the body map, then click Save flare. It will be listed here."))
            return
        which, undo = [], []
        if where.start and where.end:  # the two are set together
            which.append(_("from {start} to {end}").format(start=_day(where.start), end=_day(where.end)))
            undo.append(_("untick From"))
        if where.region:
            name = self._atlas.name(where.region)
            which.append(_("in the {region}").format(region=in_sentence(name, first_letter=True)))
            undo.append(_("choose All regions"))
        if where.trigger:
            which.append(_("with the trigger “{trigger}”").format(trigger=self.trigger.currentText()))
            undo.append(_("choose Any trigger"))
        ways = undo[-1] if len(undo) == 1 else _("{these} or {last}").format(
            these=", ".join(undo[:-1]), last=undo[-1])
        self.empty_note.setText(
            _("No flares {which}.").format(which=", ".join(which)) + "\n\n"
            + ngettext("{n} flare in all. To see them, {ways}.", "{n} flares in all. To see them, {ways}.",
                       everything).format(n=whole(everything), ways=ways))

    # -- actions ------------------------------------------------------------------------
    def _chosen_changed(self, *_args) -> None:
        chosen = self._selected_row() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def open_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        try:
            flare = self._store.flares.get(self.model.summary(row).id)
        except FibroMapError as exc:
            self.message.emit(str(exc))
            return
        self.openFlare.emit(flare)

    def delete_selected(self) -> Flare | None:
        row = self._selected_row()
        if row is None:
            return None
        try:
            flare = self._store.flares.delete(self.model.summary(row).id)
        except FibroMapError as exc:
            self.message.emit(str(exc))
            return None
        self.model.reload()
        self.deleted.emit(flare)
        return flare


def _day(day: date) -> str:
    """7 Dec 2026 in English (as it always was), the language's own form in another."""
    return f"{day.day} {day:%b %Y}" if current() == DEFAULT else long_day(day)
