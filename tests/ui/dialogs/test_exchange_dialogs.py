from PySide6.QtWidgets import QLabel

from fibromap.exchange.files import HEALTH_DATA_WARNING
from fibromap.ui.dialogs.exchange_dialogs import ExportDialog
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
