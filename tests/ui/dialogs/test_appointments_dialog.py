"""The appointments dialog says what its dates are for, empty or not, and offers Remove only
with an appointment chosen."""

from PySide6.QtCore import QDate

from fibromap.i18n import _
from fibromap.ui.dialogs.appointments_dialog import AppointmentsDialog


def test_empty_then_one_appointment_added_and_removed(qtbot, store):
    dialog = AppointmentsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hint.text() == _("No appointments yet. Add the date of the last one below: the "
                                   "heat-map and the report can then look back over the time since.")
    assert not dialog.remove_button.isEnabled()
    dialog.day.setDate(QDate(2026, 11, 2))
    dialog.note.setText("Rheumatology")
    dialog.add_button.click()
    assert dialog.hint.text().startswith("1 appointment, the latest first.")
    assert dialog.list.item(0).text() == "Mon 02 Nov 2026 — Rheumatology"
    assert not dialog.remove_button.isEnabled()  # nothing chosen yet
    dialog.list.setCurrentRow(0)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    assert store.appointments.all() == [] and dialog.hint.text().startswith("No appointments")
