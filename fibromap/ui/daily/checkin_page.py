"""The daily check-in: how the day and the night before went, in under half a minute."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.analysis.devices import naps_text, night_text, steps_text
from fibromap.domain.daily import CheckIn
from fibromap.domain.device_data import device_days
from fibromap.errors import ChangedElsewhere, FibroMapError
from fibromap.i18n import DEFAULT, N_, _, current, pgettext
from fibromap.store.store import Store
from fibromap.ui.settings import Settings
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.answer_slider import NOT_SET, AnswerSlider
from fibromap.ui.widgets.blank_spin import BlankDoubleSpinBox, BlankSpinBox
from fibromap.ui.widgets.day_field import day_field, day_of, weekday_and_day
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.headings import TITLE, heading
from fibromap.ui.widgets.no_spasms_box import NoSpasmsBox

# The ACR 2016 symptom severity levels, said of the day (the scale asks of a week).
LEVELS = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))
LEVELS_MEANING = N_("0 = no problem, 1 = mild (slight, or now and then), 2 = moderate "
                    "(considerable, often there), 3 = severe (constant, it disrupts the day)")
# (field, label, low end, high end, the words of each level on a 0–3 scale, what it asks):
# English, marked; translated where shown.
SCALES = (("pain", N_("Overall pain today"), N_("no pain"), N_("worst imaginable"), None,
           N_("Your pain overall today, everywhere together.")),
          ("sleep_quality", N_("Sleep quality"), N_("very poor"), N_("very good"), None, ""),
          ("waking_unrefreshed", N_("Woke unrefreshed"), N_("none"), N_("severe"), LEVELS,
           N_("How unrefreshed you felt on waking, however long you slept.")),
          ("stiffness", N_("Stiffness"), N_("none"), N_("very stiff"), None, ""),
          ("fibro_fog", N_("Fibro fog"), N_("none"), N_("severe"), LEVELS,
           N_("Thinking and memory: trouble concentrating, remembering or finding words.")),
          ("stress", N_("Stress"), N_("none"), N_("extreme"), None, ""),
          ("fatigue", N_("Fatigue"), N_("none"), N_("exhausted"), None, ""),
          ("mood", N_("Mood"), N_("very low"), N_("very good"), None, ""),
          ("activity_level", N_("Activity"), N_("resting all day"), N_("very active"), None, ""))


def _answer_text(value: int, levels: tuple[str, ...] | None) -> str:
    return _("{value} {level}").format(value=value, level=_(levels[value])) if levels \
        else str(value)


def _tip(asks: str, meaning: str) -> str:
    """A scale's tooltip: what it asks (if it says), what its numbers mean, how to answer."""
    if asks:
        return _("{asks} {meaning}. Click or use the arrow keys to answer; Delete or Clear "
                 "leaves it not set.").format(asks=_(asks), meaning=meaning)
    return _("{meaning}. Click or use the arrow keys to answer; Delete or Clear leaves it "
             "not set.").format(meaning=meaning)


class _Scale(QWidget):
    """A 0–10 scale (or 0–3, with a word for each level) with its two ends named, its
    answer shown, and Clear to unanswer."""

    def __init__(self, label: str, low: str, high: str, end_width: int,
                 levels: tuple[str, ...] | None = None, asks: str = ""):
        super().__init__()
        top = len(levels) - 1 if levels else 10
        self._levels = levels
        self.slider = AnswerSlider(maximum=top)
        self.slider.setMinimumWidth(150)  # 11 steps to hit, however long the words beside
        words, low, high = _(label), _(low), _(high)
        self.slider.setAccessibleName(_("{scale} (0 {low}, {top} {high})").format(
            scale=words, low=low, top=top, high=high))
        meaning = _(LEVELS_MEANING) if levels else _("0 = {low}, 10 = {high}").format(
            low=low, high=high)
        self.slider.setToolTip(_tip(asks, meaning))
        self.value_label = QLabel()
        self.clear_button = QToolButton()
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAutoRaise(True)
        # "Clear overall pain today"; a translation keeps its label's own capitals ("Stress").
        self.clear_button.setAccessibleName(_("Clear {scale}").format(
            scale=label.lower() if current() == DEFAULT else words))
        policy = self.clear_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # nothing moves when it comes and goes
        self.clear_button.setSizePolicy(policy)
        self.clear_button.clicked.connect(self.slider.clear)
        self.slider.answerChanged.connect(self._show)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        ends = QLabel(low), QLabel(high)
        for end in ends:
            end.setFixedWidth(end_width)
        ends[1].setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(ends[0])
        layout.addWidget(self.slider, 1)
        layout.addWidget(ends[1])
        layout.addSpacing(6)
        layout.addWidget(self.value_label)
        layout.addWidget(self.clear_button)
        self._show()

    def _show(self) -> None:
        answered = self.slider.answered
        self.value_label.setText(_answer_text(self.slider.value(), self._levels) if answered
                                 else _(NOT_SET))
        font = self.value_label.font()
        font.setBold(answered)
        font.setItalic(not answered)
        self.value_label.setFont(font)
        self.clear_button.setVisible(answered)

    def value(self) -> int | None:
        return self.slider.value() if self.slider.answered else None

    def set_value(self, value: int | None) -> None:
        self.slider.set_answer(value)


def _optional_spin(spin, value) -> None:
    spin.setValue(spin.minimum() if value is None else value)


def _spin_value(spin):
    return None if spin.value() == spin.minimum() else spin.value()


class CheckInPage(QWidget):
    saved = Signal(CheckIn)

    @classmethod
    def for_window(cls, context: PageContext) -> CheckInPage:
        """The Check-in tab: a saved check-in shows on the Overview at once."""
        page = cls(context.store, context.settings)
        page.saved.connect(lambda _checkin: context.window.reload_if_built("overview"))
        if context.store.read_only:
            context.window.refuse_saving(page.save_button)
        return page

    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._settings = settings
        reminder = settings.checkin_reminder
        self.remind = QCheckBox(_("Remind me every day at"))
        self.remind.setChecked(reminder is not None)
        self.remind_at = QTimeEdit(QTime(reminder.hour, reminder.minute) if reminder else QTime(20, 0))
        self.remind_at.setDisplayFormat("HH:mm")
        self.remind_at.setEnabled(reminder is not None)
        self.remind_at.setAccessibleName(_("Reminder time"))
        self.remind.toggled.connect(self._reminder_changed)
        self.remind_at.timeChanged.connect(self._reminder_changed)
        self.day = day_field(QDate.currentDate(), "dddd d MMMM yyyy", "yMMMMEEEEd")
        self.day.setMaximumDate(QDate.currentDate())
        self.sleep_hours = BlankDoubleSpinBox(minimum=-0.5, maximum=24, singleStep=0.5, decimals=1,
                                          suffix=" " + pgettext("hours slept", "h"))
        self.woken = BlankSpinBox(minimum=-1, maximum=50,
                                  suffix=" " + pgettext("woken, how often", "times"))
        self.water = BlankSpinBox(minimum=-1, maximum=50,
                                  suffix=" " + pgettext("water drunk", "glasses"))
        for spin in (self.sleep_hours, self.woken, self.water):
            # One below the least answer is no answer, and says so ("–" read as nothing).
            spin.setSpecialValueText(_(NOT_SET))
            spin.setMaximumWidth(200)
        metrics = self.fontMetrics()
        ends = max(metrics.horizontalAdvance(_(end)) for _n, _l, low, high, *_rest in SCALES
                   for end in (low, high))
        self.scales = {name: _Scale(label, low, high, ends + 4, levels, asks)
                       for name, label, low, high, levels, asks in SCALES}
        # Every answer in the same width, so that the scales line up whatever they show.
        answers = [_(NOT_SET), "10", *(_answer_text(i, LEVELS) for i in range(len(LEVELS)))]
        widest = max(metrics.horizontalAdvance(text) for text in answers) + 8
        for scale in self.scales.values():
            scale.value_label.setMinimumWidth(widest)
        self.foods = QLineEdit(placeholderText=_("e.g. coffee, bread, chocolate"))
        self.foods.setAccessibleName(_("Foods eaten, separated by commas"))
        self.notes = QPlainTextEdit(placeholderText=_("Anything else about the day"))
        self.notes.setMinimumHeight(90)
        self.notes.setTabChangesFocus(True)
        # What a watch, ring or phone measured that night and day (imported), beside the
        # answers: the person's own answer is the one counted where both exist.
        self.device_night = QLabel(wordWrap=True)
        self.device_night.setAccessibleName(_("Sleep measured by a device"))
        self.device_day = QLabel(wordWrap=True)
        self.device_day.setAccessibleName(_("Steps and naps measured by a device"))
        for label in (self.device_night, self.device_day):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.feedback = FeedbackLabel()
        # A day of the past can be marked (or unmarked) "no spasms" here, by its date.
        self.no_spasms = NoSpasmsBox(store)
        self.no_spasms.message.connect(lambda text, error: self.feedback.say(text, error=error))
        self.save_button = QPushButton(_("Save check-in"))
        self.save_button.setDefault(True)
        self._build()
        self.day.dateChanged.connect(lambda _d: self.load_day(self.selected_day()))
        self.sleep_hours.valueChanged.connect(lambda _v: self._show_night())
        self.save_button.clicked.connect(self.save)
        self.load_day(self.selected_day())

    def _build(self) -> None:
        # Two columns: the answers on a scale or a count on the left, the words (foods,
        # notes) on the right; wide enough to use a 1280-pixel window, narrow enough for 1024.
        answers = QGridLayout()
        answers.setColumnStretch(1, 1)
        answers.setVerticalSpacing(8)
        label_of = {name: _(label) for name, label, *_rest in SCALES}

        def scale(name: str) -> tuple[str, QWidget]:
            return label_of[name], self.scales[name]

        rows = (scale("pain"),
                (_("The night before"), None),
                (_("Slept"), self.sleep_hours), scale("sleep_quality"),
                scale("waking_unrefreshed"),
                (_("Woken by spasms"), self.woken), ("", self.device_night),
                (_("The day"), None), ("", self.device_day),
                (_("Water"), self.water),
                *(scale(name) for name in ("stiffness", "fibro_fog", "stress", "fatigue", "mood",
                                           "activity_level")))
        for row, (words, field) in enumerate(rows):
            if field is None:
                answers.addWidget(heading(words), row, 0, 1, 2, Qt.AlignmentFlag.AlignBottom)
                answers.setRowMinimumHeight(row, 34)  # a gap above, none below
                continue
            if not words:  # what a device measured, under the answers it sits beside
                answers.addWidget(field, row, 0, 1, 2)
                continue
            label = QLabel(words)
            label.setBuddy(field.slider if isinstance(field, _Scale) else field)
            if field is self.scales["pain"]:  # the first question, and the one asked most
                font = label.font()
                font.setBold(True)
                label.setFont(font)
            answers.addWidget(label, row, 0)
            answers.addWidget(field, row, 1)
        writing = QVBoxLayout()
        writing.addWidget(heading(_("Foods and notes")))
        foods = QLabel(_("Foods eaten (separate them with commas)"), wordWrap=True)
        foods.setBuddy(self.foods)
        writing.addWidget(foods)
        writing.addWidget(self.foods)
        notes = QLabel(_("Notes"))
        notes.setBuddy(self.notes)
        writing.addWidget(notes)
        writing.addWidget(self.notes, 1)
        columns = QHBoxLayout()
        # The scales take most of the width: 11 steps want room to be hit at 1024 pixels.
        columns.addLayout(answers, 5)
        columns.addSpacing(24)
        columns.addLayout(writing, 2)
        top = QHBoxLayout()
        title = heading(_("How was the day?"), TITLE)
        day = QLabel(_("Day"))
        day.setBuddy(self.day)
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(day)
        top.addWidget(self.day)
        top.addSpacing(24)
        top.addWidget(self.no_spasms)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remind)
        buttons.addWidget(self.remind_at)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        content = QWidget()
        content.setMaximumWidth(1240)
        outer = QHBoxLayout(self)
        outer.addWidget(content, 1)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addWidget(self.feedback)
        layout.addLayout(columns)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _reminder_changed(self, *_args) -> None:
        self.remind_at.setEnabled(self.remind.isChecked())
        at = self.remind_at.time()
        self._settings.checkin_reminder = (time(at.hour(), at.minute(), at.second(), at.msec() * 1000)
                                           if self.remind.isChecked() else None)

    def selected_day(self) -> date:
        return day_of(self.day)

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
        self.no_spasms.show_day(day)
        self._show_devices(day)

    def _show_devices(self, day: date) -> None:
        self._measured = device_days(self._store.devices.sleeps(day, day),
                                     self._store.devices.steps(day, day)).get(day)
        self._show_night()
        measured = self._measured
        during = " ".join(t for t in (steps_text(measured), naps_text(measured)) if t) \
            if measured else ""
        self.device_day.setText(during)
        self.device_day.setVisible(bool(during))

    def _show_night(self) -> None:
        """The device's night, saying which figure counts as what is typed changes."""
        measured = getattr(self, "_measured", None)
        night = night_text(measured, _spin_value(self.sleep_hours)) if measured else ""
        self.device_night.setText(night)
        self.device_night.setVisible(bool(night))

    def _on_screen(self) -> CheckIn:
        return CheckIn(
            day=self.selected_day(),
            sleep_hours=_spin_value(self.sleep_hours),
            woken_by_spasms=_spin_value(self.woken),
            water_glasses=_spin_value(self.water),
            foods=frozenset(f.strip() for f in self.foods.text().split(",") if f.strip()),
            notes=self.notes.toPlainText(),
            **{name: scale.value() for name, scale in self.scales.items()})

    def _untouched(self) -> bool:
        """Whether the form shows what is saved for its day (no answers would be lost)."""
        try:
            return self._on_screen() == (self._loaded or CheckIn(self.selected_day()))
        except FibroMapError:
            return False

    def reload(self) -> None:
        """Show what is saved for the day now (what a device measured may have come or
        gone), unless the form holds unsaved answers."""
        if self._untouched():
            self.load_day(self.selected_day())

    def show_today(self) -> None:
        """Today's check-in, ready to answer (the tray's Today's check-in): the day moves to
        today, which may have begun since the page was built, unless answers typed for
        another day are not saved yet."""
        today = QDate.currentDate()
        self.day.setMaximumDate(today)
        if self.day.date() != today and self._untouched():
            self.day.setDate(today)
        self.sleep_hours.setFocus()

    def save(self) -> CheckIn | None:
        try:
            saved = self._store.checkins.put(self._on_screen(), replacing=self._loaded)
        except FibroMapError as exc:
            if isinstance(exc, ChangedElsewhere):
                self._loaded = exc.current  # saving again replaces it, knowingly
            self.feedback.say(_("Not saved: {error}.").format(error=exc), error=True)
            return None
        self._loaded = saved
        self.feedback.say(_("Saved the check-in for {day}.").format(
            day=weekday_and_day(saved.day, f"{saved.day:%A %d %B}")), error=False)
        self.saved.emit(saved)
        return saved
