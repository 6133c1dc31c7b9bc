"""File › Devices: what came from each device, and removing all of it in one action after
saying exactly what would go."""

from PySide6.QtWidgets import QMessageBox

from fibromap.exchange.files import import_file
from fibromap.ui.dialogs.devices_dialog import DevicesDialog
from tests.exchange.devices.test_apple_health import EVERYTHING
from tests.helpers.device_exports import write_apple_health
from tests.helpers.dialogs import answer_next_box


def test_a_device_is_removed_after_its_records_are_counted(qtbot, store, tmp_path):
    import_file(store, write_apple_health(tmp_path, EVERYTHING))
    dialog = DevicesDialog(store)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(7)]
            for r in range(dialog.table.rowCount())]
    # The watch's nap of 3 March is a nap, not a fourth night.
    assert rows == [["Apple Watch", "Apple Health", "3", "1", "1", "02 Mar 2026", "29 Mar 2026"],
                    ["iPhone", "Apple Health", "1", "0", "2", "02 Mar 2026", "03 Mar 2026"]]
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.Yes)
    assert dialog.remove_selected()
    assert seen[0].text.startswith("Remove 3 nights, 1 nap and 1 day of steps that came from "
                                   "Apple Watch (Apple Health)?")
    assert dialog.feedback.text() == ("Removed 3 nights, 1 nap and 1 day of steps from Apple "
                                      "Watch (Apple Health).")
    assert dialog.table.rowCount() == 1 and dialog.removed
    assert {s.source.device for s in store.devices.sleeps()} == {"iPhone"}


def test_saying_no_removes_nothing_and_an_empty_list_says_how_to_import(qtbot, store, tmp_path):
    dialog = DevicesDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.table.isHidden() and "File › Import" in dialog.empty.text()
    assert not dialog.remove_button.isEnabled()
    import_file(store, write_apple_health(tmp_path, EVERYTHING))
    dialog.reload()
    assert not dialog.remove_selected(confirm=lambda *_args: False)
    assert len(store.devices.sleeps()) == 5 and not dialog.removed
