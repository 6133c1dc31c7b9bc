"""Importing a file from the app: check it first, show what it would add and how it was
read, let the person choose whose records (a Flaredown file of several people) and where
each symptom goes, then import with a progress bar and a Cancel that leaves nothing
written.

The checking and the import run on the thread pool; the dialog stays responsive.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.errors import Cancelled
from fibromap.exchange.body_words import describe
from fibromap.exchange.files import (
    ImportReport,
    device_export,
    import_device,
    import_file,
    import_text,
    people_in,
    progress_text,
    read_text,
    streamed_format,
)
from fibromap.exchange.formats import Whose
from fibromap.exchange.problems import ImportRefused
from fibromap.i18n import _, ngettext
from fibromap.store.store import Store
from fibromap.ui.dialogs.region_picker import RegionPicker
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.worker import Worker


@dataclass
class Checked:
    """What a check of the file found: the dry run's report, or why it was refused."""

    report: ImportReport | None = None
    problems: list[str] = field(default_factory=list)
    people: list[Whose] = field(default_factory=list)
    real: bool = False  # the import itself, not its dry run


def _refused(refused: ImportRefused, people: list[Whose]) -> Checked:
    more = refused.total - len(refused.problems)
    return Checked(None, [str(p) for p in refused.problems]
                   + ([ngettext("… and {n} more problem", "… and {n} more problems", more)
                       .format(n=more)] if more > 0 else []), people)


class _Progress(QObject):
    """Carries progress from the worker thread to the dialog (a queued signal)."""

    moved = Signal(str, int, int)


class ImportDialog(QDialog):
    def __init__(self, store: Store, path: Path, parent: QWidget | None = None,
                 atlas: Atlas | None = None, text: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Import {name}").format(name=path.name))
        self.setMinimumWidth(560)
        self.resize(760, 240)
        self._store, self._path, self._atlas = store, path, atlas or load_atlas()
        self._text: str | None = text  # given when already read (a sealed export, opened)
        self._people: list[Whose] | None = None  # a Flaredown file's people
        self._stop = threading.Event()
        self.regions: dict[str, tuple[str, ...]] = {}   # the person's corrections
        self.report: ImportReport | None = None          # set once imported
        self.checked: Checked | None = None
        self.person = QComboBox()
        self.person.setAccessibleName(_("Whose records"))
        self.person_row = QWidget()
        row = QHBoxLayout(self.person_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Whose records:")))
        row.addWidget(self.person, 1)
        self.person_row.hide()
        self.summary = FeedbackLabel()
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setAccessibleName(_("How the file was read"))
        self.details.setMinimumHeight(130)
        self.details.hide()
        self.symptoms = QTableWidget(0, 3)
        self.symptoms.setHorizontalHeaderLabels([_("Symptom"), _("Placed on the body map"), ""])
        self.symptoms.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.symptoms.verticalHeader().hide()
        self.symptoms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.symptoms.setWordWrap(True)
        self.symptoms.setMinimumHeight(170)
        self.symptoms.hide()
        self.symptoms_note = QLabel(_("Check where each symptom was placed; “Change…” puts it "
                                      "elsewhere, or keeps it as a daily rating only."),
                                    wordWrap=True)
        self.symptoms_note.hide()
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setAccessibleName(_("Progress"))
        self.import_button = QPushButton(_("Import"))
        self.import_button.setEnabled(False)
        self.cancel_button = QPushButton(_("Close"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{path.name}</b>"))
        layout.addWidget(self.person_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.symptoms_note)
        layout.addWidget(self.symptoms, 2)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)
        self.worker = Worker(self)
        self.worker.finished.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self._cancel_or_close)
        self.person.activated.connect(lambda _index: self.check())
        self.check()

    # -- running -------------------------------------------------------------------------
    def _run(self, real: bool) -> None:
        store, path, source = self._store, self._path, str(self._path)
        person = self.person.currentData() if self.person_row.isVisible() else None
        regions = dict(self.regions) or None
        stop, moved = self._stop, self._progress.moved
        stop.clear()
        text = self._text

        def report_progress(stage: str, done: int, total: int) -> None:
            if stop.is_set():
                raise Cancelled("stopped: nothing was written")
            moved.emit(stage, done, total)

        people = self._people
        device = device_export(path)
        streamed = streamed_format(path) if text is None and device is None else None

        def job() -> Checked:
            nonlocal text, people
            report_progress("Reading", 0, 0)
            if device is not None:  # sleep and steps: read as a stream, each time
                try:
                    report = import_device(store, path, device, dry_run=not real,
                                           progress=report_progress)
                except ImportRefused as refused:
                    return Checked(None, [str(p) for p in refused.problems])
                return Checked(report, [], [], real)
            if streamed is not None:  # a FibroMap JSON export: read as a stream, each time
                try:
                    report = import_file(store, path, dry_run=not real, progress=report_progress)
                except ImportRefused as refused:
                    return _refused(refused, [])
                return Checked(report, [], [], real)
            if text is None:  # the file is read once, then checked again from memory
                text = read_text(path)
                self._text = text
            if people is None:
                people = people_in(text, source)
                self._people = people
            try:
                report = import_text(store, text, source, dry_run=not real, person=person,
                                     regions=regions, progress=report_progress)
            except ImportRefused as refused:
                return _refused(refused, people)
            return Checked(report, [], people, real)

        self._busy(True)
        self.worker.run(job)

    def check(self) -> None:
        """The dry run: what the file would add, with nothing written."""
        self._run(real=False)

    def start_import(self) -> None:
        self._run(real=True)

    def _busy(self, busy: bool) -> None:
        self.import_button.setEnabled(False)
        self.person.setEnabled(not busy)
        self.symptoms.setEnabled(not busy)
        self.cancel_button.setText(_("Cancel") if busy else _("Close"))
        self.bar.setVisible(busy)
        self.stage.setVisible(busy)
        if busy:
            self.bar.setRange(0, 0)

    def _moved(self, stage: str, done: int, total: int) -> None:
        if self._stop.is_set():
            return
        # A range of 0 to 0 is Qt's "busy" bar, for a stage whose size is not known yet.
        self.bar.setRange(0, 1000 if total else 0)
        self.bar.setValue(round(1000 * done / total) if total else 0)
        self.stage.setText(progress_text(stage, done, total))

    def _cancel_or_close(self) -> None:
        if self.worker.busy:
            self._stop.set()
            self.stage.setText(_("Stopping…"))
        else:
            self.reject()

    def reject(self) -> None:
        self._stop.set()  # a check still running stops at its next step
        super().reject()

    # -- results -------------------------------------------------------------------------
    def _failed(self, message: str) -> None:
        self._busy(False)
        stopped = self._stop.is_set()
        self.summary.say(_("Stopped: nothing was written.") if stopped else _(
            "Not imported, nothing was written: {problem}").format(problem=message), error=True)
        self.import_button.setEnabled(stopped and self.checked is not None
                                      and self.checked.report is not None)

    def _done(self, checked: Checked) -> None:
        self._busy(False)
        if checked.real and checked.report is not None:
            self.report = checked.report
            self.accept()
            return
        self.checked = checked
        self._show_people(checked.people)
        if len(checked.people) > 1 and self.person.currentData() is None:
            self.summary.say(ngettext(
                "This file holds the records of {n} person, never merged into one record: "
                "choose whose records to import.",
                "This file holds the records of {n} people, never merged into one record: "
                "choose whose records to import.", len(checked.people)).format(
                n=len(checked.people)), error=False)
            self._show_details([])
            self._show_symptoms({})
            return
        if checked.report is None:
            self.summary.say(_("This file cannot be imported; nothing was written.") + "\n"
                             + "\n".join(checked.problems), error=True)
            self._show_details([])
            return
        added = checked.report.would_add()
        self.summary.say(_("Importing would add {added}.").format(added=added), error=False)
        self._show_details(checked.report.details)
        self._show_symptoms(checked.report.symptoms)
        self.import_button.setEnabled(checked.report.adds_anything())
        self.import_button.setDefault(True)

    def _show_people(self, people: list[Whose]) -> None:
        if len(people) < 2:
            self.person_row.hide()
            return
        chosen = self.person.currentData()
        if self.person.count() != len(people):
            self.person.clear()
            self.person.addItem(_("Choose whose records to import…"), None)
            for person in people:
                self.person.addItem(person.describe(), person.id)
        self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.person_row.show()

    def _show_details(self, lines: list[str]) -> None:
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        self._fit()

    def _fit(self) -> None:
        """Tall enough for the lists when there are any, no taller than its text when not."""
        listed = not self.details.isHidden() or not self.symptoms.isHidden()
        layout = self.layout()
        assert layout is not None, "__init__ lays the dialog out"
        layout.activate()
        # A message that wraps needs the height its lines take at this width, which the
        # minimum size hint (one line a message) does not count.
        needed = max(self.minimumSizeHint().height(), self.heightForWidth(self.width()))
        self.resize(self.width(), max(640 if listed else 0, needed))

    def _show_symptoms(self, placed: dict[str, tuple[str, ...]]) -> None:
        self.symptoms.setRowCount(len(placed))
        for row, (name, regions) in enumerate(sorted(placed.items())):
            self.symptoms.setItem(row, 0, QTableWidgetItem(name))
            where = QTableWidgetItem(describe(regions, self._atlas))
            where.setToolTip(where.text())
            self.symptoms.setItem(row, 1, where)
            change = QPushButton(_("Change…"))
            change.setAccessibleName(_("Change where {name} is placed").format(name=name))
            change.clicked.connect(lambda _checked=False, n=name, r=regions: self.change_symptom(n, r))
            self.symptoms.setCellWidget(row, 2, change)
        self.symptoms.resizeColumnToContents(0)
        self.symptoms.resizeColumnToContents(2)
        self.symptoms.resizeRowsToContents()
        for widget in (self.symptoms, self.symptoms_note):
            widget.setVisible(bool(placed))
        self._fit()

    def change_symptom(self, name: str, regions: tuple[str, ...],
                       picker: RegionPicker | None = None) -> None:
        """Let the person place ``name`` elsewhere; the check runs again with it."""
        picker = picker or RegionPicker(self._atlas, regions, _("Where is “{name}”?").format(name=name), self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.place(name, picker.chosen())

    def place(self, name: str, regions: tuple[str, ...]) -> None:
        self.regions[name] = regions
        self.check()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Escape cancels work in progress before it closes the dialog.
        if event.key() == Qt.Key.Key_Escape and self.worker.busy:
            self._cancel_or_close()
            return
        super().keyPressEvent(event)
