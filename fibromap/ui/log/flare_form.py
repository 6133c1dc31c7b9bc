"""The entry panel for one flare: when, how long, what it felt like, why, what helped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.clock_time import ClockTime
from fibromap.domain.draft import FlareDraft
from fibromap.domain.flare import DURATION_MAX_SECONDS, IMPACT_LEVELS, ImpactArea
from fibromap.domain.vocabulary import Term, TermKind
from fibromap.i18n import N_, _
from fibromap.ui.log.chips import ChipGroup
from fibromap.ui.log.clock_change import ClockChangeChoice
from fibromap.ui.log.treatment_panel import TreatmentPanel
from fibromap.ui.widgets.blank_spin import BlankSpinBox
from fibromap.ui.widgets.flow_layout import FlowLayout
from fibromap.ui.widgets.growing_text import GrowingTextEdit
from fibromap.ui.widgets.headings import heading
from fibromap.ui.widgets.quiet import quiet

if TYPE_CHECKING:
    from fibromap.store.vocabulary import VocabularyRepository as Vocabulary

UNITS = ((N_("seconds"), 1), (N_("minutes"), 60), (N_("hours"), 3600))
# How often an untouched "When" catches up with the clock it shows (to the minute).
CLOCK_TICK_MS = 5000
# The "When" field holds a time on the clock and nothing more: which instant it names is
# worked out here (domain/clock_time.py), not by Qt, which moves a time the clocks skipped
# without a word.
WALL_CLOCK = QTimeZone(QTimeZone.Initialization.UTC)
IMPACT_NAMES = {ImpactArea.WALKING: N_("Walking"), ImpactArea.FINE_MOTOR: N_("Fine motor (buttons, writing)"),
                ImpactArea.SLEEP: N_("Sleep"), ImpactArea.WORK: N_("Work")}
# The accessible name of each area's choice (the area's name, in a sentence of its own).
IMPACT_ON = {ImpactArea.WALKING: N_("Impact on walking"),
             ImpactArea.FINE_MOTOR: N_("Impact on fine motor (buttons, writing)"),
             ImpactArea.SLEEP: N_("Impact on sleep"), ImpactArea.WORK: N_("Impact on work")}
# How much it got in the way (domain IMPACT_LEVELS, in its order), as the form shows them.
IMPACT_LEVEL_WORDS = (N_("none"), N_("a little"), N_("a lot"), N_("could not"))


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


def _at(day: date, hour: int) -> datetime:
    """A wall-clock hour of a day, with the UTC offset in force then (where the clocks
    changed, its first instant, or the new clock's time for an hour skipped; shown)."""
    return ClockTime.of(datetime.combine(day, time(hour))).moved()


def onset_choices(now: datetime) -> list[tuple[str, datetime]]:
    """One-click onsets as exact instants: now, a little earlier, this morning, last night.

    "15 min" and "an hour" ago are taken on absolute time and shown with the offset in force
    at that instant, so in the repeated hour of a clock change they stay exact.
    """
    now = now.astimezone()
    today = now.date()
    yesterday = today - timedelta(days=1)
    return [
        (N_("Now"), now),
        (N_("15 min ago"), (now - timedelta(minutes=15)).astimezone()),
        (N_("An hour ago"), (now - timedelta(hours=1)).astimezone()),
        (N_("This morning"), _at(today if now.hour >= 7 else yesterday, 7)),
        (N_("Last night"), _at(today if now.hour >= 3 else yesterday, 3)),
    ]


class FlareForm(QWidget):
    """The form. Its first part, ``timing`` (when and how long), is a widget of its own
    that the Log view places beside the body map; the rest is this widget."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, vocabulary: Vocabulary | None = None, parent: QWidget | None = None):
        """The form, with the words of ``vocabulary``. Without one (the window is shown
        before the database is open) it stays disabled until use_vocabulary()."""
        super().__init__(parent)
        self._vocabulary: Vocabulary | None = None
        self._pinned: datetime | None = None  # the exact instant behind the wall time shown
        # An untouched "When" of a new flare is now: it follows the clock, shown live, and
        # is taken at the moment of saving, until the person gives a time.
        self._follows_clock = False
        self._clock = QTimer(self, interval=CLOCK_TICK_MS)
        self._clock.timeout.connect(self._tick)
        self._day_only = False  # the flare shown is known only to the day
        self.onset = QDateTimeEdit(calendarPopup=True, displayFormat="ddd d MMM yyyy  HH:mm")
        self.onset.setTimeZone(WALL_CLOCK)
        self.onset.setAccessibleName(_("When it started"))
        self.clock_change = ClockChangeChoice()
        self.onset_buttons: dict[str, QPushButton] = {}
        # 0 shows as "–": not given. A flare is usually logged after it, so nothing is
        # assumed: neither a length nor "still going".
        self.duration = BlankSpinBox(minimum=0, maximum=999, value=0)
        self.duration.setSpecialValueText("–")
        self.duration.setAccessibleName(_("How long"))
        self.unit = QComboBox()
        for name, _seconds in UNITS:
            self.unit.addItem(_(name))
        self.unit.setCurrentIndex(1)
        self.unit.setAccessibleName(_("Unit of how long"))
        self.ongoing = QCheckBox(_("Still going"))
        self.context = ChipGroup(TermKind.CONTEXT, [], exclusive=True)
        self.qualities = ChipGroup(TermKind.QUALITY, [], add_term=self._adder(TermKind.QUALITY))
        self.triggers = ChipGroup(TermKind.TRIGGER, [], add_term=self._adder(TermKind.TRIGGER))
        self.treatments = TreatmentPanel([], self._adder(TermKind.TREATMENT))
        self.impacts: dict[ImpactArea, QComboBox] = {}
        for area in ImpactArea:
            combo = QComboBox()
            combo.addItem("—", None)
            for level, text in enumerate(IMPACT_LEVELS):
                shown = _(IMPACT_LEVEL_WORDS[level]) if level < len(IMPACT_LEVEL_WORDS) else text
                combo.addItem(shown, level)
            combo.setAccessibleName(_(IMPACT_ON[area]))
            self.impacts[area] = combo
        self.notes = GrowingTextEdit(_("Anything else (no length limit)"))
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setTabChangesFocus(True)
        self.timing = QWidget()
        self._build()
        self._connect()
        self.clear()
        self.set_usable(False)
        if vocabulary is not None:
            self.use_vocabulary(vocabulary)

    def _adder(self, kind: TermKind) -> Callable[[str], Term]:
        def add(label: str) -> Term:
            assert self._vocabulary is not None, "words are added once the form is usable"
            return self._vocabulary.add(kind, label)
        return add

    def use_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Offer the words the database holds, and let the form be filled in."""
        self._vocabulary = vocabulary
        for group in (self.context, self.qualities, self.triggers):
            group.add_terms(vocabulary.terms(group.kind))
        self.treatments.add_terms(vocabulary.terms(TermKind.TREATMENT))
        self.set_usable(True)

    def set_usable(self, usable: bool) -> None:
        """Let both parts of the form be filled in, or neither."""
        self.setEnabled(usable)
        self.timing.setEnabled(usable)

    def _build(self) -> None:
        layout = QVBoxLayout(self.timing)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("When")))
        layout.addWidget(self.onset)
        layout.addWidget(self.clock_change)
        quick_row = QWidget()
        quick = FlowLayout(quick_row)
        for label, _when in onset_choices(local_now()):
            button = QPushButton(_(label))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, name=label: self.choose_onset(name))
            self.onset_buttons[label] = button
            quick.addWidget(button)
        layout.addWidget(quick_row)
        layout.addWidget(heading(_("How long")))
        length = QHBoxLayout()
        length.addWidget(self.duration)
        length.addWidget(self.unit)
        length.addWidget(self.ongoing)
        length.addStretch(1)
        layout.addLayout(length)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # What made it worse and what helped first: what the doctor asks, in sight at
        # 1024x700 without scrolling.
        for title, widget in ((N_("Possible triggers"), self.triggers),
                              (N_("What I tried, and how much it helped"), self.treatments),
                              (N_("What it felt like"), self.qualities), (N_("Doing"), self.context)):
            layout.addWidget(heading(_(title), wrap=True))
            layout.addWidget(widget)
        layout.addWidget(heading(_("It got in the way of"), wrap=True))
        grid = QGridLayout()
        for row, (area, combo) in enumerate(self.impacts.items()):
            grid.addWidget(QLabel(_(IMPACT_NAMES[area])), row, 0)
            grid.addWidget(combo, row, 1)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        layout.addWidget(heading(_("Notes")))
        layout.addWidget(self.notes)

    def _connect(self) -> None:
        self.onset.dateTimeChanged.connect(self._onset_edited)
        self.clock_change.chosen.connect(self._occurrence_chosen)
        self.clock_change.move_to.connect(self.set_onset)
        self.duration.valueChanged.connect(self._duration_edited)
        self.unit.currentIndexChanged.connect(self._duration_edited)
        self.ongoing.toggled.connect(self._ongoing_toggled)
        for group in (self.context, self.qualities, self.triggers):
            group.changed.connect(self.changed)
            group.message.connect(self.message)
        self.treatments.changed.connect(self.changed)
        self.treatments.message.connect(self.message)
        for combo in self.impacts.values():
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.notes.textChanged.connect(self.changed)

    # -- onset and duration ----------------------------------------------------------
    @property
    def follows_clock(self) -> bool:
        return self._follows_clock

    def follow_clock(self) -> None:
        """Show now, and keep showing it, until the person gives a time."""
        self._follows_clock = True
        self._tick()
        self._clock.start()

    def hold_time(self) -> None:
        """Keep the time shown now: an untouched When stops following the clock (Save was
        pressed while the records were opening; the flare is saved a moment later)."""
        self._tick()
        self._follows_clock = False
        self._clock.stop()

    def _tick(self) -> None:
        if self._follows_clock:
            with quiet(self.onset):  # the clock moving is not an edit
                self.set_onset(local_now())

    def _onset_edited(self) -> None:
        self._follows_clock = False  # a time given stays
        self._clock.stop()
        self._ask_about_the_clock()
        self.changed.emit()

    def _occurrence_chosen(self) -> None:
        self._follows_clock = False  # the first or the second of a time that came twice
        self._clock.stop()
        self.changed.emit()

    def _wall(self) -> datetime:
        # toPython() gives a datetime here (PySide6's stubs say object).
        return cast(datetime, self.onset.dateTime().toPython()).replace(
            tzinfo=None, second=0, microsecond=0)

    def _ask_about_the_clock(self) -> None:
        """Where the clocks changed, ask which time was meant (or say it never happened);
        a time kept from another clock (a flare logged elsewhere) is exact as it is."""
        wall, pinned = self._wall(), self._pinned
        clock = ClockTime.of(wall)
        if pinned is not None and pinned.replace(tzinfo=None) == wall:
            self.clock_change.ask(clock if clock.index(pinned) is not None else None, pinned)
        else:
            self.clock_change.ask(clock)

    def choose_onset(self, name: str) -> None:
        self.set_onset(dict(onset_choices(local_now()))[name])

    def set_onset(self, moment: datetime) -> None:
        """Show ``moment`` at its own wall time (a flare logged elsewhere keeps the clock it
        was felt by); an aware one is kept exactly, offset and all, while that stays shown."""
        moment = moment.replace(second=0, microsecond=0)
        self._pinned = moment if moment.tzinfo is not None else None
        self.onset.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                                         QTime(moment.hour, moment.minute), WALL_CLOCK))
        self._ask_about_the_clock()

    def onset_value(self) -> datetime:
        """The instant shown. Where the clocks changed and the person has not said which
        instant was meant, one that shows the same clock time: onset_problem() says so."""
        chosen = self.clock_change.instant()
        if chosen is not None:  # the first or the second of a time that came twice
            return chosen
        wall, pinned = self._wall(), self._pinned
        if pinned is not None and pinned.replace(tzinfo=None) == wall:
            return pinned
        # Typed by hand: the offset in force then on the local clock (DST-aware).
        return ClockTime.of(wall).stand_in()

    def onset_problem(self) -> str | None:
        """Why the time shown cannot be saved yet (it came twice, or never happened)."""
        return self.clock_change.problem()

    def _duration_edited(self) -> None:
        if self.duration.value():
            self.ongoing.setChecked(False)
        self.changed.emit()

    def _ongoing_toggled(self, on: bool) -> None:
        self.duration.setEnabled(not on)
        self.unit.setEnabled(not on)
        self.changed.emit()

    def duration_value(self) -> int | None:
        """Seconds, or None: still going, or not given."""
        if self.ongoing.isChecked() or not self.duration.value():
            return None
        return min(self.duration.value() * UNITS[self.unit.currentIndex()][1], DURATION_MAX_SECONDS + 1)

    def set_duration(self, seconds: int | None, still_going: bool = False) -> None:
        """Show a length, or none: "still going" only when said so."""
        widgets = (self.duration, self.unit, self.ongoing)
        for widget in widgets:
            widget.blockSignals(True)
        if seconds is None:
            self.ongoing.setChecked(still_going)
            self.duration.setValue(0)
            self.unit.setCurrentIndex(1)
        else:
            self.ongoing.setChecked(False)
            index = 2 if seconds >= 3600 and seconds % 3600 == 0 else (
                1 if seconds >= 60 and seconds % 60 == 0 else 0)
            self.unit.setCurrentIndex(index)
            self.duration.setValue(max(1, seconds // UNITS[index][1]))
        for widget in widgets:
            widget.blockSignals(False)
        self.duration.setEnabled(not self.ongoing.isChecked())
        self.unit.setEnabled(not self.ongoing.isChecked())

    # -- the whole form ----------------------------------------------------------------
    def fill(self, draft: FlareDraft, *, now: bool = False) -> None:
        """Put everything but the body-map sites of ``draft`` into the form; with ``now``
        its time follows the clock (a new flare), otherwise it is the draft's."""
        self.blockSignals(True)
        try:
            self._follows_clock = False
            self._clock.stop()
            self.set_onset(draft.onset)
            if draft.onset_open:  # the person had not said which instant yet: ask again
                self._pinned = None
                self._ask_about_the_clock()
            if now:
                self.follow_clock()
            self._day_only = draft.day_only
            # "Still going" only as the person said it: never guessed from the time.
            self.set_duration(draft.duration_seconds, still_going=draft.still_going)
            self.context.set_checked([draft.context] if draft.context else [])
            self.qualities.set_checked(draft.qualities)
            self.triggers.set_checked(draft.triggers)
            self.treatments.load(draft.treatments)
            for area, combo in self.impacts.items():
                combo.setCurrentIndex(combo.findData(draft.impacts.get(area.value)))
            if self.notes.toPlainText() != draft.notes:
                self.notes.setPlainText(draft.notes)
        finally:
            self.blockSignals(False)

    def read_into(self, draft: FlareDraft) -> FlareDraft:
        self._tick()  # an untouched time is the moment it is read: saving is now
        draft.onset = self.onset_value()
        draft.onset_open = self.onset_problem() is not None
        # Known only to the day until the person gives it a time.
        draft.day_only = self._day_only and draft.onset == self._pinned
        draft.duration_seconds = self.duration_value()
        draft.still_going = self.ongoing.isChecked()
        context = self.context.checked()
        draft.context = context[0] if context else None
        draft.qualities = self.qualities.checked()
        draft.triggers = self.triggers.checked()
        draft.treatments = self.treatments.values()
        draft.impacts = {area.value: combo.currentData() for area, combo in self.impacts.items()
                         if combo.currentData() is not None}
        draft.notes = self.notes.toPlainText()
        return draft

    def clear(self) -> None:
        self.fill(FlareDraft(onset=local_now()), now=True)
