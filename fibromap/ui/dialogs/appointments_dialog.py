"""The dates of appointments, so that "since last appointment" means something."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from fibromap.domain.questionnaires import Appointment
from fibromap.errors import FibroMapError
from fibromap.i18n import _, formats, ngettext
from fibromap.store.store import Store
from fibromap.ui.widgets.day_field import day_field, day_of
from fibromap.ui.widgets.feedback import FeedbackLabel


class AppointmentsDialog(QDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Appointments"))
        self._store = store
        self.list = QListWidget()
        self.day = day_field(QDate.currentDate())
        self.note = QLineEdit(placeholderText=_("who, what for (optional)"))
        self.note.setAccessibleName(_("Who and what for"))
        self.day.setAccessibleName(_("Day of the appointment"))
        # The hint is read whole, not cut to "who, what f".
        self.note.setMinimumWidth(self.note.fontMetrics().horizontalAdvance(
            self.note.placeholderText()) + 24)
        self.add_button = QPushButton(_("Add"))
        self.remove_button = QPushButton(_("Remove"))
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        # What the dates are for, and where an empty list starts.
        self.hint = QLabel(wordWrap=True)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(self.list.currentItem() is not None))
        row = QHBoxLayout()
        row.addWidget(self.day)
        row.addWidget(self.note, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for appointment in reversed(self._store.appointments.all()):
            day = formats.dated(appointment.day, "%a %d %b %Y", "yMMMEd")
            item = QListWidgetItem(_("{day} — {note}").format(day=day, note=appointment.note)
                                   if appointment.note else day)
            item.setData(Qt.ItemDataRole.UserRole, appointment.day)
            self.list.addItem(item)
        count = self.list.count()
        self.hint.setText(
            _("No appointments yet. Add the date of the last one below: the heat-map and the "
              "report can then look back over the time since.") if not count else
            ngettext("{n} appointment, the latest first. The heat-map and the report can look "
                     "back to the latest.",
                     "{n} appointments, the latest first. The heat-map and the report can look "
                     "back to the latest.", count).format(n=count))
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def add(self) -> None:
        try:
            self._store.appointments.add(Appointment(day_of(self.day), self.note.text().strip()))
        except FibroMapError as exc:
            self.feedback.say(str(exc), error=True)
            return
        self.note.clear()
        self.reload()

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._store.appointments.remove(item.data(Qt.ItemDataRole.UserRole))
            self.reload()
