"""The report dialog: questions kept, paper remembered, saved as PDF and printed."""

from datetime import date

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import _
from fibromap.report.body_maps import SIDES
from fibromap.store.notes import QUESTIONS
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at
from tests.helpers.refusals import parsed

SAVED = "Saved a {pages}-page report to {target}."


def test_the_report_dialog_saves_and_prints(qtbot, tmp_path, sqlite_url, paths):
    from PySide6.QtPrintSupport import QPrinter

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
    qtbot.waitUntil(lambda: target.exists()
                    and parsed(dialog.feedback.text(), SAVED, target=target) is not None,
                    timeout=20_000)
    assert "Why at night?" in words(target)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer, dialog.data)
    assert any(parsed(dialog.feedback.text(), sent) for sent in (
        "Sent {n} page to the printer.", "Sent {n} pages to the printer."))
    assert load_atlas().name("soleus.right") in words(printed)


def test_name_and_birth_date_are_kept_and_printed_with_the_chosen_side_convention(
        qtbot, tmp_path, sqlite_url, paths):
    from fibromap.figure.orientation import Orientation
    from fibromap.store.notes import PATIENT_BIRTH_DATE, PATIENT_NAME
    from fibromap.ui.dialogs.report_dialog import ReportDialog
    from fibromap.ui.settings import Settings

    store = Store.open(sqlite_url, paths)
    today = date.today()
    store.flares.add(Flare(onset=at(today.year, today.month, today.day, 0, 10),
                           sites=(SpasmSite("soleus.right", 7),)))
    settings = Settings(paths.settings_file)
    settings.orientation = Orientation.PATIENT  # the body map's: not the report's
    dialog = ReportDialog(store, settings, load_atlas())
    qtbot.addWidget(dialog)
    dialog.show()
    # The clinician's view at first; the mirror view offered and, once chosen, kept.
    assert dialog.front.currentData() == Orientation.CLINICIAN
    assert [dialog.front.itemData(i) for i in range(dialog.front.count())] == list(Orientation)
    dialog.front.setCurrentIndex(list(Orientation).index(Orientation.PATIENT))
    assert Settings(paths.settings_file).report_orientation is Orientation.PATIENT
    qtbot.keyClicks(dialog.patient_name, "Ada Example")
    qtbot.keyClicks(dialog.birth_date, "3 March 1970")
    target = tmp_path / "named.pdf"
    dialog.save_to(target)
    qtbot.waitUntil(lambda: target.exists()
                    and parsed(dialog.feedback.text(), SAVED, target=target) is not None,
                    timeout=20_000)
    text = words(target)
    assert _("Patient: {patient}.").format(patient="Ada Example, " + _("born {date}").format(
        date="3 March 1970")) in text
    assert _(SIDES[Orientation.PATIENT]).split(" (")[0] in text  # its first line, the PDF's
    assert (store.notes.get(PATIENT_NAME), store.notes.get(PATIENT_BIRTH_DATE)) == (
        "Ada Example", "3 March 1970")
    again = ReportDialog(store, settings, load_atlas())  # kept for next time
    qtbot.addWidget(again)
    assert again.front.currentData() == Orientation.PATIENT
    assert again.patient_name.text() == "Ada Example" and again.birth_date.text() == "3 March 1970"
