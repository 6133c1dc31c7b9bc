"""The appointment report from the app: choose the period and paper, write the questions
for the doctor, then save a PDF or print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from fibromap.analysis.report_data import ReportData, load_report
from fibromap.domain.atlas import Atlas
from fibromap.errors import FibroMapError
from fibromap.figure.orientation import Orientation
from fibromap.i18n import SHIPPED, _, current, ngettext
from fibromap.report.pdf import in_language, page_layout, render_report, write_report
from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME, QUESTIONS
from fibromap.store.store import Store
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.period_picker import PeriodPicker
from fibromap.ui.worker import Worker


def _load(store: Store, period, atlas: Atlas, language: str) -> ReportData:
    """The report's figures and the sentences they hold, in the report's language: on the
    worker's thread, where the language chosen must be set again (it is per thread)."""
    with in_language(language):
        return load_report(store, period, atlas)


class ReportDialog(QDialog):
    def __init__(self, store: Store, settings: Settings, atlas: Atlas, today=date.today,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Appointment report"))
        self._store = store
        self._settings = settings
        self._atlas = atlas
        self.data: ReportData | None = None
        self._pending = None  # what to do once the figures are in
        self.worker = Worker(self)
        self.worker.finished.connect(self._loaded)
        self.worker.failed.connect(lambda text: self.feedback.say(text, error=True))
        has_visit = store.appointments.last_before(today()) is not None
        self.picker = PeriodPicker(store, today, initial=4 if has_visit else 2)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("Letter"), "letter")
        self.paper.setCurrentIndex(self.paper.findData(settings.page_size))
        # The clinician's view at first, as on paper body diagrams; the mirror view on choice.
        self.front = QComboBox()
        for option in Orientation:
            self.front.addItem(_(option.label), option)
        self.front.setCurrentIndex(list(Orientation).index(settings.report_orientation))
        self.front.setAccessibleName(_("How the front of the body faces on the report"))
        # The report's words: the app's language at first; another for a doctor abroad.
        self.language = QComboBox()
        for tag, name in SHIPPED.items():
            self.language.addItem(name, tag)
        self.language.setCurrentIndex(self.language.findData(current()))
        self.language.setAccessibleName(_("The language the report is written in"))
        # Optional, for the report's header; kept for next time.
        self.patient_name = QLineEdit(store.notes.get(PATIENT_NAME), maxLength=120,
                                      placeholderText=_("optional"))
        self.birth_date = QLineEdit(store.notes.get(PATIENT_BIRTH_DATE), maxLength=40,
                                    placeholderText=_("optional, as you write it"))
        self.patient_name.setAccessibleName(_("Your name on the report"))
        self.birth_date.setAccessibleName(_("Your date of birth on the report"))
        self.questions = QPlainTextEdit(store.notes.get(QUESTIONS))
        self.questions.setPlaceholderText(_("What do you want to ask at the appointment?"))
        self.questions.setTabChangesFocus(True)
        self.save_button = QPushButton(_("Save as PDF…"))
        self.print_button = QPushButton(_("Print…"))
        self.feedback: FeedbackLabel = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.picker)
        form.addRow(_("Paper"), self.paper)
        form.addRow(_("Front of the body"), self.front)
        form.addRow(_("Language of the report"), self.language)
        form.addRow(_("Name on the report"), self.patient_name)
        form.addRow(_("Date of birth"), self.birth_date)
        form.addRow(QLabel(_("My questions for the doctor (kept for next time):")))
        form.addRow(self.questions)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("The report shows only what was recorded in the period, and "
                                  "says on the page which way the front of the body faces."),
                                wordWrap=True))
        self.plain_warning = None
        if store.database.key is not None:  # a PDF for a clinician cannot be sealed
            self.plain_warning = QLabel(_("Your records are protected, but a saved report is not: "
                                          "anyone who can read it can read your records."),
                                        wordWrap=True)
            self.plain_warning.setStyleSheet("font-weight: bold;")
            layout.addWidget(self.plain_warning)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.paper.currentIndexChanged.connect(
            lambda _i: setattr(self._settings, "page_size", self.paper.currentData()))
        self.front.currentIndexChanged.connect(
            lambda _i: setattr(self._settings, "report_orientation",
                               Orientation(self.front.currentData())))
        self.questions.textChanged.connect(self._keep_questions)
        self.patient_name.editingFinished.connect(
            lambda: self._keep(PATIENT_NAME, self.patient_name.text().strip()))
        self.birth_date.editingFinished.connect(
            lambda: self._keep(PATIENT_BIRTH_DATE, self.birth_date.text().strip()))
        self.save_button.clicked.connect(self.ask_save)
        self.print_button.clicked.connect(self.ask_print)
        self.resize(560, 420)

    def _keep_questions(self) -> None:
        self._keep(QUESTIONS, self.questions.toPlainText())

    def _keep(self, key: str, text: str) -> None:
        try:
            self._store.notes.put(key, text)
        except FibroMapError as exc:
            self.feedback.say(_("Not kept: {problem}.").format(problem=exc), error=True)

    def _prepare(self, then) -> None:
        period = self.picker.period()
        if period.end < period.start:
            self.feedback.say(_("The first day is after the last day."), error=True)
            return
        self._keep(PATIENT_NAME, self.patient_name.text().strip())
        self._keep(PATIENT_BIRTH_DATE, self.birth_date.text().strip())
        self._pending = then
        self.feedback.say(_("Gathering the figures…"), error=False)
        store, atlas, language = self._store, self._atlas, self.language.currentData()
        self.worker.run(lambda: _load(store, period, atlas, language))

    def _loaded(self, data: ReportData) -> None:
        self.data = data
        action, self._pending = self._pending, None
        if action is not None:
            action(data)

    # -- save ---------------------------------------------------------------------------
    def ask_save(self) -> None:
        period = self.picker.period()
        suggested = str(Path.home() / f"fibromap-report-{period.start}-to-{period.end}.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the report"), suggested,
                                                    _("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, target: Path) -> None:
        self._prepare(lambda data: self._write(data, target))

    def _write(self, data: ReportData, target: Path) -> None:
        try:
            pages = write_report(data, self._atlas, target, self.paper.currentData(),
                                 orientation=self.front.currentData(),
                                 build=self._settings.build,
                                 language=self.language.currentData())
        except FibroMapError as exc:
            self.feedback.say(_("Not saved: {problem}.").format(problem=exc), error=True)
            return
        self.feedback.say(ngettext("Saved a {pages}-page report to {target}.",
                                   "Saved a {pages}-page report to {target}.", pages).format(
            pages=pages, target=target), error=False)

    # -- print --------------------------------------------------------------------------
    def ask_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.paper.currentData()))
        if QPrintDialog(printer, self).exec():
            self._prepare(lambda data: self.print_to(printer, data))

    def print_to(self, printer, data: ReportData) -> None:
        try:
            pages = render_report(data, self._atlas, printer,
                                  orientation=self.front.currentData(),
                                  build=self._settings.build,
                                  language=self.language.currentData())
        except FibroMapError as exc:
            self.feedback.say(_("Not printed: {problem}.").format(problem=exc), error=True)
            return
        self.feedback.say(ngettext("Sent {n} page to the printer.", "Sent {n} pages to the printer.",
                                   pages).format(n=pages), error=False)
