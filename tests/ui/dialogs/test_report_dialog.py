"""The report dialog: questions kept, paper remembered, saved as PDF and printed."""

from datetime import date

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.notes import QUESTIONS
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at


def test_the_report_dialog_saves_and_prints(qtbot, tmp_path, sqlite_url, paths):
    from PySide6.QtPrintSupport import QPrinter

    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.dialogs.report_dialog import ReportDialog
    from fibromap.ui.settings import Settings

    store = Store.open(sqlite_url, paths)
    today = date.today()
    store.flares.add(Flare(onset=at(today.year, today.month, today.day, 0, 10),
                           sites=(SpasmSite("soleus.right", 7),)))
    dialog = ReportDialog(store, Settings(paths.settings_file), load_atlas())
    qtbot.addWidget(dialog)
    dialog.questions.setPlainText("Why at night?")
    assert store.notes.get(QUESTIONS) == "Why at night?"
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    assert Settings(paths.settings_file).page_size == "letter"
    target = tmp_path / "saved.pdf"
    dialog.save_to(target)
    qtbot.waitUntil(lambda: target.exists() and "Saved a" in dialog.feedback.text(), timeout=20_000)
    assert "Why at night?" in words(target)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer, dialog.data)
    assert "Sent" in dialog.feedback.text()
    assert "Right lower calf (soleus)" in words(printed)
