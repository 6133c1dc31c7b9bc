"""The import window: checks first, shows what it would add and how it read the file,
lets the person choose whose records and where symptoms go, imports with a progress bar
and a Cancel that leaves nothing written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.records import Records
from fibromap.exchange import json_format
from fibromap.exchange.files import export_file
from fibromap.exchange.record_kinds import counted_kind
from fibromap.i18n import _, ngettext
from fibromap.ui.dialogs.import_dialog import ImportDialog
from fibromap.ui.dialogs.region_picker import RegionPicker
from tests.exchange.test_flaredown import TWO_PEOPLE
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits

WOULD_ADD = "Importing would add {added}."


def opened(qtbot, store, path) -> ImportDialog:
    dialog = ImportDialog(store, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=20_000)
    return dialog


def test_the_file_is_checked_first_then_imported_on_a_click(qtbot, store, tmp_path):
    store.flares.add(full_flare())
    export_file(store, "json", tmp_path / "all.json")
    store.flares.delete(store.flares.latest().id)
    dialog = opened(qtbot, store, tmp_path / "all.json")
    assert dialog.summary.text() == _(WOULD_ADD).format(added=counted_kind(1, "flares"))
    assert store.flares.count() == 0  # the check wrote nothing
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert store.flares.count() == 1
    assert dialog.report.result.added["flares"] == 1


def test_a_bad_file_shows_its_problems_and_cannot_be_imported(qtbot, store, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fibromap", "version": 1, "flares": [{"onset": "x", "sites": []}]}')
    dialog = opened(qtbot, store, bad)
    assert dialog.summary.is_error and "flares[0]" in dialog.summary.text()
    assert dialog.summary.text().split("\n")[0] == _("This file cannot be imported; nothing was written.")
    assert not dialog.import_button.isEnabled()
    assert store.flares.count() == 0


def test_a_flaredown_file_of_two_people_asks_whose_and_lets_symptoms_be_placed(qtbot, store,
                                                                               tmp_path):
    source = tmp_path / "research.csv"
    source.write_text(TWO_PEOPLE, encoding="utf-8")
    dialog = opened(qtbot, store, source)
    assert dialog.person_row.isVisible() and not dialog.import_button.isEnabled()
    assert dialog.summary.text() == ngettext(
        "This file holds the records of {n} person, never merged into one record: "
        "choose whose records to import.",
        "This file holds the records of {n} people, never merged into one record: "
        "choose whose records to import.", 2).format(n=2) and not dialog.summary.is_error
    dialog.person.setCurrentIndex(dialog.person.findData("QEVuQwEB"))
    dialog.person.activated.emit(dialog.person.currentIndex())
    qtbot.waitUntil(lambda: not dialog.worker.busy and dialog.import_button.isEnabled())
    assert fits(dialog.summary.text(), WOULD_ADD)["added"].startswith(counted_kind(1, "flares"))
    assert dialog.symptoms.item(0, 0).text() == "Upper back"
    assert dialog.symptoms.item(0, 1).text() == "upper back (erector spinae) (left and right)"
    assert "Flaredown rates 0–4" in dialog.details.toPlainText()

    # "Change…" opens the region list; only the left side is ticked, then OK.
    def pick():
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, RegionPicker)
        picker.set_chosen(("erector_upper.left",))
        picker.accept()
    QTimer.singleShot(50, pick)
    qtbot.mouseClick(dialog.symptoms.cellWidget(0, 2), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.worker.busy and dialog.import_button.isEnabled())
    assert dialog.symptoms.item(0, 1).text() == "upper back (erector spinae) (left)"
    assert store.flares.count() == 0
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    [flare] = store.flares.between()
    assert [(s.region, s.intensity) for s in flare.sites] == [("erector_upper.left", 5)]
    assert [(r.symptom, r.rating) for r in store.symptoms.between()] == [("Upper back", 5)]


def test_cancel_during_the_import_leaves_nothing_written(qtbot, store, tmp_path):
    start = datetime(2010, 1, 1, 8, tzinfo=UTC)
    flares = [Flare(onset=start + timedelta(hours=7 * i), sites=(SpasmSite("soleus.left", 5),))
              for i in range(20_000)]
    path = tmp_path / "big.json"
    path.write_text(json_format.dumps(Records(flares=flares)), encoding="utf-8")
    dialog = opened(qtbot, store, path)
    assert dialog.summary.text() == _(WOULD_ADD).format(added=counted_kind(20_000, "flares"))
    stages = []
    dialog._progress.moved.connect(lambda stage, done, total: stages.append((stage, done)))

    # A JSON export is written as it is read, a batch of 2,000 flares at a time: stopped
    # after 3,000 are read, the first 2,000 are written already, and are undone.
    def stop_while_writing(stage, done, _total):
        if stage == "Reading" and len([s for s in stages if s[0] == "Reading" and s[1]]) == 3 \
                and dialog.worker.busy:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    dialog._progress.moved.connect(stop_while_writing)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.text() == "Cancel" and dialog.bar.isVisible()
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=60_000)
    assert len([s for s in stages if s[0] == "Reading" and s[1]]) >= 3
    assert not any(stage == "Writing" for stage, _done in stages)  # stopped before the end
    assert dialog.summary.text() == "Stopped: nothing was written."
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert store.flares.count() == 0
    # It can be started again, and then runs to the end.
    assert dialog.import_button.isEnabled()


def test_the_window_imports_through_the_dialog(qtbot, window, tmp_path):
    window.store.flares.add(full_flare())
    export_file(window.store, "json", tmp_path / "all.json")
    window.store.flares.delete(window.store.flares.latest().id)

    def press_import():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog) or not dialog.import_button.isEnabled():
            QTimer.singleShot(50, press_import)
            return
        dialog.import_button.click()
    QTimer.singleShot(50, press_import)
    window.show_import(tmp_path / "all.json")
    assert window.store.flares.count() == 1
    assert "Imported — FibroMap JSON: added 1 flare" in window.statusBar().currentMessage()


def test_an_apple_health_export_is_checked_then_imported(qtbot, store, tmp_path):
    from tests.exchange.devices.test_apple_health import EVERYTHING
    from tests.helpers.device_exports import write_apple_health

    dialog = opened(qtbot, store, write_apple_health(tmp_path, EVERYTHING))
    assert dialog.summary.text() == (
        "Importing would add 4 nights, 1 nap and 3 days of steps, from Apple Watch and "
        "iPhone; 1 overlapping night kept from the Apple Watch.")
    assert store.devices.count() == 0 and dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20_000)
    assert len(store.devices.sleeps()) == 5 and len(store.devices.steps()) == 3
    # Once imported, the same file has nothing to add.
    again = opened(qtbot, store, tmp_path / "export.zip")
    assert not again.import_button.isEnabled()
    assert fits(again.summary.text(), WOULD_ADD)["added"].startswith(_("nothing new"))


def test_a_damaged_device_export_cannot_be_imported(qtbot, store, tmp_path):
    from tests.exchange.devices.test_apple_health import EVERYTHING
    from tests.helpers.device_exports import apple_health_xml

    cut = tmp_path / "export.xml"
    cut.write_text(apple_health_xml(EVERYTHING)[:-40], encoding="utf-8")
    dialog = opened(qtbot, store, cut)
    assert dialog.summary.is_error and "not well-formed XML" in dialog.summary.text()
    assert not dialog.import_button.isEnabled() and store.devices.count() == 0


def test_a_refusal_longer_than_a_line_is_shown_whole(qtbot, store, tmp_path):
    from tests.helpers.device_exports import APPLE_HEAD
    from tests.helpers.zip_bombs import deflated, write_zip

    packed, crc, size = deflated(APPLE_HEAD.encode(), b" " * (1 << 20), 2480, b"</HealthData>")
    path = write_zip(tmp_path / "export.zip", "apple_health_export/export.xml", packed, crc, size)
    dialog = opened(qtbot, store, path)
    label = dialog.summary
    too_packed = ("would unpack to {size} from {packed}, {ratio} times its packed size, and "
                  "no export packs more than {most} times, so it was not unpacked")
    assert label.is_error and label.text().endswith(_(too_packed).split("}")[-1])
    fits(label.text(), too_packed, whole=False)
    assert label.height() >= label.heightForWidth(label.width())  # every wrapped line shows
    assert not dialog.import_button.isEnabled()
