"""The JSON export, and the recovery export written when protection is turned on, of any
database the app can make imports back into a fresh one whole: the demo records, and
records made messy by the app's own actions (the Medications view clicked, the command
line, the store), and any sequence of medication changes the store accepts.

Device sleep and steps are not part of a FibroMap JSON export, so they are not compared."""

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from fibromap import cli
from fibromap.config import Paths, database_url
from fibromap.domain.daily import CheckIn, Medication
from fibromap.domain.vocabulary import TermKind
from fibromap.errors import FibroMapError
from fibromap.exchange.files import export_file, export_text, import_file, import_text
from fibromap.store.store import Store
from fibromap.ui.daily.medications_page import MedicationsPage
from fibromap.ui.dialogs.privacy_dialog import PrivacyDialog
from fibromap.ui.settings import Settings
from tests.helpers.dialogs import answer_next_box
from tests.helpers.records import full_flare

PASS = "a passphrase for the recovery export"


def contents(text: str) -> dict:
    document = json.loads(text)
    document.pop("exported")
    return document


def fresh_store(folder) -> Store:
    paths = Paths(folder, folder / "b", folder / "l", folder / "s.ini")
    return Store.open(database_url(paths), paths)


def recovery_export(qtbot, store, paths, target):
    """Protection turned on in Settings › Privacy (unless it is on already), then its
    recovery export written, as the dialog does when asked."""
    dialog = PrivacyDialog(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(dialog)
    if store.database.key is None:
        dialog.new.setText(PASS)
        dialog.again.setText(PASS)
        answer_next_box([], QMessageBox.StandardButton.No)  # the file is chosen below
        dialog.protect_button.click()
        assert store.database.key is not None, dialog.feedback.text()
    assert dialog.write_recovery_export(target) == target, dialog.feedback.text()


def imports_back_whole(qtbot, store, paths, tmp_path):
    """Both exports of ``store`` import into fresh databases, which then export the same."""
    export_file(store, "json", tmp_path / "export.json")
    recovery_export(qtbot, store, paths, tmp_path / "recovery.json")
    written = contents(export_text(store, "json"))
    for name in ("export.json", "recovery.json"):
        assert contents((tmp_path / name).read_text(encoding="utf-8")) == written
        fresh = fresh_store(tmp_path / f"into-{name}")
        try:
            report = import_file(fresh, tmp_path / name)
            assert report.details == []
            assert contents(export_text(fresh, "json")) == written
            assert fresh.medications.count() == store.medications.count()
        finally:
            fresh.close()
    return written


def test_the_demo_records_come_back_whole(qtbot, paths, tmp_path, capsys):
    assert cli.main(["demo", "--into-records", "--days", "14", "--seed", "4"]) == 0
    capsys.readouterr()
    store = Store.open(database_url(paths), paths)
    try:
        written = imports_back_whole(qtbot, store, paths, tmp_path)
    finally:
        store.close()
    assert len(written["flares"]) > 14 and len(written["medications"]) >= 1


def click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(page, name, dose):
    page.table.selectRow(next(row for row, m in enumerate(page._medications)
                              if (m.name, m.dose) == (name, dose)))


def messy_medications(qtbot, page):
    """Everything the Medications view lets a person do, mistakes and second thoughts too."""
    for name, dose, start in (("Cyclobenzaprine", "5 mg at night", QDate(2026, 1, 5)),
                              ("Cyclobenzaprine", "5 mg at night", QDate(2026, 1, 5)),  # twice
                              ("Ibuprofène «forte»", "", QDate(2026, 1, 5)),
                              ("مغنيسيوم 🌙", "½ tablet, \"as needed\"", QDate(2025, 12, 31)),
                              ("x" * 120, "y" * 120, QDate(2026, 2, 1))):
        page.name.setText(name)
        page.dose.setText(dose)
        page.form.start.setDate(start)
        click(qtbot, page.add_button)
    choose(page, "Cyclobenzaprine", "5 mg at night")
    page.when.setDate(QDate(2026, 2, 1))
    page.new_dose.setText("10 mg at night")
    click(qtbot, page.change_button)
    click(qtbot, page.undo_button)
    page.undo_stack.redo()  # Edit › Redo: the dose change again
    choose(page, "Ibuprofène «forte»", "")
    page.when.setDate(QDate(2026, 1, 5))  # stopped the day it was started
    click(qtbot, page.stop_button)
    choose(page, "x" * 120, "y" * 120)
    click(qtbot, page.delete_button)
    click(qtbot, page.undo_button)
    choose(page, "x" * 120, "y" * 120)
    click(qtbot, page.delete_button)
    page.name.setText("x" * 120)  # added again, as it was
    page.dose.setText("y" * 120)
    page.form.start.setDate(QDate(2026, 2, 1))
    click(qtbot, page.add_button)
    choose(page, "مغنيسيوم 🌙", "½ tablet, \"as needed\"")
    page.form.still_taking.setChecked(False)
    page.form.until.setDate(QDate(2026, 3, 1))
    click(qtbot, page.save_button)


def test_records_made_messy_by_the_app_come_back_whole(qtbot, paths, tmp_path, capsys):
    store = Store.open(database_url(paths), paths)
    try:
        page = MedicationsPage(store)
        qtbot.addWidget(page)
        page.resize(1024, 600)
        page.show()
        messy_medications(qtbot, page)
        for args in (["add", " Aspirin ", "--dose", "75 mg\tdaily", "--from", "2026-01-05"],
                     ["add", "aspirin", "--dose", "75 mg\tdaily", "--from", "2026-01-05"],
                     ["edit", "1", "--name", "Cyclobenzaprine", "--dose", "5 mg"],
                     ["stop", "2", "--on", "2026-02-01"]):
            assert cli.main(["medications", *args]) == 0, capsys.readouterr()
        assert cli.main(["medications", "add", "Aspirin", "--dose", "75 mg\tdaily",
                         "--from", "2026-01-05"]) == 1  # the same one: refused
        capsys.readouterr()
        # The rest of what a person records, with second thoughts.
        flare = store.flares.add(full_flare(notes="ünïcödé; \"quoted\"\nnew line"))
        store.flares.delete(flare.id)
        store.flares.restore(flare)
        cold = store.vocabulary.add(TermKind.TRIGGER, "Kälte")
        store.vocabulary.hide(TermKind.TRIGGER, cold.key)
        store.checkins.put(CheckIn(date(2026, 1, 5), stress=7, foods=frozenset({"café"})))
        written = imports_back_whole(qtbot, store, paths, tmp_path)
    finally:
        store.close()
    names = [(m["name"], m["dose"]) for m in written["medications"]]
    assert ("Aspirin", "75 mg\tdaily") in names and ("aspirin", "75 mg\tdaily") in names
    assert len(names) == 7


def _actions():
    days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 6, 30))
    text = st.sampled_from(["Pregabalin", "pregabalin", "Магний", "B12 🌙", "x" * 120, " spaced "])
    dose = st.sampled_from(["", "75 mg", "1/2 \"tab\"", "y" * 120])
    return st.lists(st.one_of(
        st.tuples(st.just("add"), text, dose, days, st.none() | days),
        st.tuples(st.just("update"), st.integers(0, 9), text, dose, days, st.none() | days),
        st.tuples(st.just("stop"), st.integers(0, 9), days),
        st.tuples(st.just("change_dose"), st.integers(0, 9), dose, days),
        st.tuples(st.just("delete"), st.integers(0, 9))), max_size=12)


def _act(store, action) -> None:
    """One change as the store makes it; one it refuses (as the app then says) is skipped."""
    listed = store.medications.all()
    kind, *values = action
    try:
        if kind == "add":
            store.medications.add(Medication(*values))
            return
        if not listed:
            return
        chosen = listed[values[0] % len(listed)]
        if kind == "update":
            store.medications.update(Medication(*values[1:], id=chosen.id))
        elif kind == "stop":
            store.medications.stop(chosen.id, values[1])
        elif kind == "change_dose":
            store.medications.change_dose(chosen.id, *values[1:])
        else:
            store.medications.delete(chosen.id)
    except FibroMapError:
        pass


@pytest.fixture
def two_stores(tmp_path):
    """A database to change and one to import into, emptied of medications before each
    example (opening new ones for each would cost most of the test's time)."""
    stores = [fresh_store(tmp_path / "from"), fresh_store(tmp_path / "into")]
    yield stores
    for store in stores:
        store.close()


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=_actions())
def test_any_medications_the_store_accepts_come_back_whole(two_stores, actions):
    source, target = two_stores
    for store in two_stores:
        for medication in store.medications.all():
            store.medications.delete(medication.id)
    for action in actions:
        _act(source, action)
    text = export_text(source, "json")
    import_text(target, text, "any.json")
    assert contents(export_text(target, "json")) == contents(text)

