from PySide6.QtWidgets import QLabel

from fibromap.exchange.files import HEALTH_DATA_WARNING
from fibromap.ui.dialogs.exchange_dialogs import ExportDialog
from tests.helpers.dialogs import answer_next_box
from tests.helpers.records import full_flare


def test_export_warns_about_health_data_and_writes_the_file(qtbot, window, tmp_path):
    window.store.flares.add(full_flare())
    dialog = ExportDialog(window.store, window)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert HEALTH_DATA_WARNING in texts
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.export_to(tmp_path / "mine.csv")
    assert (tmp_path / "mine.csv").read_text().startswith("flare_id,")
    assert not dialog.export_to(tmp_path / "missing" / "mine.csv")
    assert dialog.feedback.is_error


def test_import_previews_then_adds(qtbot, window, tmp_path):
    from fibromap.exchange.files import export_file

    window.store.flares.add(full_flare())
    export_file(window.store, "json", tmp_path / "all.json")
    window.store.flares.delete(window.store.flares.latest().id)
    seen = []
    window.show_import(tmp_path / "all.json", confirm=lambda report: seen.append(report) or True)
    assert seen[0].result.added["flares"] == 1
    assert window.store.flares.count() == 1
    assert "Imported — FibroMap JSON: added 1 flares" in window.statusBar().currentMessage()


def test_a_bad_file_shows_its_problems_and_writes_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fibromap", "version": 1, "flares": [{"onset": "x", "sites": []}]}')
    seen = []
    answer_next_box(seen)
    window.show_import(bad, confirm=lambda report: True)
    assert "nothing was written" in seen[0].text and "flares[0]" in seen[0].text
    assert window.store.flares.count() == 0
