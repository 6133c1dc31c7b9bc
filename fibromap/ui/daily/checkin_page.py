"""The daily check-in: how the day and the night before went, in under half a minute."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDoubleSpinBox, QTimeEdit, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSlider, QSpinBox, QVBoxLayout, QWidget,
)

from fibromap.domain.daily import CheckIn
from fibromap.errors import ChangedElsewhere, FibroMapError
from fibromap.store.store import Store
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.feedback import FeedbackLabel

UNANSWERED = -1
SCALES = (("sleep_quality", "Sleep quality", "very poor", "very good"),
          ("stress", "Stress", "none", "extreme"),
          ("fatigue", "Fatigue", "none", "exhausted"),
          ("mood", "Mood", "very low", "very good"),
          ("activity_level", "Activity", "resting all day", "very active"))


class _Scale(QWidget):
    """A 0–10 slider that can also be left unanswered."""

    def __init__(self, label: str, low: str, high: str):
        super().__init__()
        self.slider = QSlider(Qt.Orientation.Horizontal, minimum=UNANSWERED, maximum=10,
                              pageStep=1, value=UNANSWERED)
        self.slider.setAccessibleName(f"{label} (0 {low}, 10 {high})")
        self.slider.setToolTip(f"0 = {low}, 10 = {high}")
        self.value_label = QLabel("–", minimumWidth=22)
        self.slider.valueChanged.connect(self._show)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        ends = QLabel(low), QLabel(high)
        for end in ends:
            end.setFixedWidth(110)
            end.setStyleSheet("color: palette(dark);")
        ends[1].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(ends[0])
        layout.addWidget(self.slider, 1)
        layout.addWidget(ends[1])
        layout.addWidget(self.value_label)

    def _show(self, value: int) -> None:
        self.value_label.setText("–" if value == UNANSWERED else str(value))

    def value(self) -> int | None:
        return None if self.slider.value() == UNANSWERED else self.slider.value()

    def set_value(self, value: int | None) -> None:
        self.slider.setValue(UNANSWERED if value is None else value)


def _optional_spin(spin, value) -> None:
    spin.setValue(spin.minimum() if value is None else value)


def _spin_value(spin):
    return None if spin.value() == spin.minimum() else spin.value()


class CheckInPage(QWidget):
    saved = Signal(CheckIn)

    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._settings = settings
        reminder = settings.checkin_reminder
        self.remind = QCheckBox("Remind me every day at", checked=reminder is not None)
        self.remind_at = QTimeEdit(QTime(reminder.hour, reminder.minute) if reminder else QTime(20, 0),
                                   displayFormat="HH:mm")
        self.remind_at.setEnabled(reminder is not None)
        self.remind.toggled.connect(self._reminder_changed)
        self.remind_at.timeChanged.connect(self._reminder_changed)
        self.day = QDateEdit(QDate.currentDate(), calendarPopup=True, displayFormat="dddd d MMMM yyyy")
        self.day.setMaximumDate(QDate.currentDate())
        self.sleep_hours = QDoubleSpinBox(minimum=-0.5, maximum=24, singleStep=0.5, decimals=1,
                                          suffix=" h")
        self.sleep_hours.setSpecialValueText("–")
        self.woken = QSpinBox(minimum=-1, maximum=50, suffix=" times")
        self.woken.setSpecialValueText("–")
        self.water = QSpinBox(minimum=-1, maximum=50, suffix=" glasses")
        self.water.setSpecialValueText("–")
        self.scales = {name: _Scale(label, low, high) for name, label, low, high in SCALES}
        self.foods = QLineEdit(placeholderText="e.g. coffee, bread, chocolate")
        self.foods.setAccessibleName("Foods eaten, separated by commas")
        self.notes = QPlainTextEdit(placeholderText="Anything else about the day")
        self.notes.setMaximumHeight(80)
        self.notes.setTabChangesFocus(True)
        self.feedback = FeedbackLabel()
        self.save_button = QPushButton("Save check-in")
        self.save_button.setDefault(True)
        self._build()
        self.day.dateChanged.connect(lambda _d: self.load_day(self.selected_day()))
        self.save_button.clicked.connect(self.save)
        self.load_day(self.selected_day())

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("Day", self.day)
        form.addRow("Slept", self.sleep_hours)
        form.addRow(self.scales["sleep_quality"].slider.accessibleName().split(" (")[0],
                    self.scales["sleep_quality"])
        form.addRow("Woken by spasms", self.woken)
        form.addRow("Water", self.water)
        for name, label, _low, _high in SCALES[1:]:
            form.addRow(label, self.scales[name])
        form.addRow("Foods", self.foods)
        form.addRow("Notes", self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remind)
        buttons.addWidget(self.remind_at)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        content = QWidget()
        content.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addWidget(content, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(content)
        title = QLabel("How was the day?")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.feedback)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _reminder_changed(self, *_args) -> None:
        self.remind_at.setEnabled(self.remind.isChecked())
        self._settings.checkin_reminder = (self.remind_at.time().toPython()
                                           if self.remind.isChecked() else None)

    def selected_day(self) -> date:
        return self.day.date().toPython()

    def load_day(self, day: date) -> None:
        self._loaded = self._store.checkins.get(day)
        existing = self._loaded or CheckIn(day)
        _optional_spin(self.sleep_hours, existing.sleep_hours)
        _optional_spin(self.woken, existing.woken_by_spasms)
        _optional_spin(self.water, existing.water_glasses)
        for name, scale in self.scales.items():
            scale.set_value(getattr(existing, name))
        self.foods.setText(", ".join(sorted(existing.foods)))
        self.notes.setPlainText(existing.notes)
        self.feedback.hide()

    def _on_screen(self) -> CheckIn:
        return CheckIn(
            day=self.selected_day(),
            sleep_hours=_spin_value(self.sleep_hours),
            woken_by_spasms=_spin_value(self.woken),
            water_glasses=_spin_value(self.water),
            foods=frozenset(f.strip() for f in self.foods.text().split(",") if f.strip()),
            notes=self.notes.toPlainText(),
            **{name: scale.value() for name, scale in self.scales.items()})

    def reload_if_untouched(self) -> None:
        """Show what is saved for the day now, unless the form holds unsaved answers."""
        try:
            untouched = self._on_screen() == (self._loaded or CheckIn(self.selected_day()))
        except FibroMapError:
            untouched = False
        if untouched:
            self.load_day(self.selected_day())

    def save(self) -> CheckIn | None:
        try:
            saved = self._store.checkins.put(self._on_screen(), replacing=self._loaded)
        except FibroMapError as exc:
            if isinstance(exc, ChangedElsewhere):
                self._loaded = exc.current  # saving again replaces it, knowingly
            self.feedback.say(f"Not saved: {exc}.", error=True)
            return None
        self._loaded = saved
        self.feedback.say(f"Saved the check-in for {saved.day:%A %d %B}.", error=False)
        self.saved.emit(saved)
        return saved
