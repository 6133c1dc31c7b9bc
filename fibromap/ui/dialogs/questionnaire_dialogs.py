"""Filling in the SSS (Wolfe et al. 2016) and the FIQR (Bennett et al. 2009)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fibromap.analysis.scores import fiqr, fiqr_shortfall
from fibromap.domain.questionnaires import (
    FIQR_FUNCTION,
    FIQR_OVERALL,
    FIQR_SYMPTOMS,
    SSS_SOMATIC,
    SSS_SYMPTOMS,
    Questionnaire,
    QuestionnaireKind,
)
from fibromap.errors import FibroMapError
from fibromap.i18n import DEFAULT, _, current
from fibromap.store.store import Store
from fibromap.ui.widgets.blank_spin import BlankSpinBox
from fibromap.ui.widgets.day_field import day_field, day_of
from fibromap.ui.widgets.feedback import FeedbackLabel

SSS_QUESTIONS = {
    "fatigue": "Fatigue",
    "waking_unrefreshed": "Waking unrefreshed",
    "cognitive": "Trouble thinking or remembering",
    "headaches": "Headaches",
    "lower_abdominal_pain": "Pain or cramps in the lower abdomen",
    "depression": "Depression",
}
SSS_LEVELS = ("0 — no problem", "1 — slight or mild", "2 — moderate", "3 — severe, pervasive")
FIQR_QUESTIONS = {
    "brush_hair": "Brush or comb your hair", "walk_20_minutes": "Walk continuously for 20 minutes",
    "prepare_meal": "Prepare a homemade meal", "vacuum_floors": "Vacuum, scrub or sweep floors",
    "carry_groceries": "Lift and carry a bag full of groceries",
    "climb_stairs": "Climb one flight of stairs", "change_sheets": "Change bed sheets",
    "sit_45_minutes": "Sit in a chair for 45 minutes", "go_shopping": "Go shopping for groceries",
    "prevented_goals": "Fibromyalgia prevented me from accomplishing goals for the week",
    "overwhelmed": "I was completely overwhelmed by my fibromyalgia symptoms",
    "pain": "Pain", "energy": "Lack of energy", "stiffness": "Stiffness",
    "sleep_quality": "Poor sleep", "depression": "Depression", "memory": "Memory problems",
    "anxiety": "Anxiety", "tenderness": "Tenderness to touch", "balance": "Balance problems",
    "sensitivity": "Sensitivity to loud noise, bright light, odours or cold",
}
NOT_ANSWERED = "not answered"  # a number box left so: a blank answer, never read as 0


class _QuestionnaireDialog(QDialog):
    kind: QuestionnaireKind

    def __init__(self, store: Store, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._store = store
        self.saved: Questionnaire | None = None
        self.day = day_field(QDate.currentDate())
        self.day.setMaximumDate(QDate.currentDate())
        self.feedback = FeedbackLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Its items stay in English in every language (no validated translation here).
        self.english_note = None if current() == DEFAULT else QLabel(
            _("This questionnaire is shown in English: its validated translation is not "
              "included."), wordWrap=True)

    def answers(self) -> dict:
        raise NotImplementedError

    def shortfall(self, answers: dict) -> str:
        """Why these answers give no score ("" when they do)."""
        return ""

    def save(self) -> None:
        try:
            answers = self.answers()
            questionnaire = Questionnaire(self.kind, day_of(self.day), answers)
            missing = self.shortfall(answers)
            if missing:
                raise FibroMapError(missing)
            self.saved = self._store.questionnaires.put(questionnaire)
        except FibroMapError as exc:
            self.feedback.say(_("Not saved: {problem}.").format(problem=exc), error=True)
            return
        self.accept()


class SssDialog(_QuestionnaireDialog):
    kind = QuestionnaireKind.SSS

    def __init__(self, store: Store, parent=None):
        super().__init__(store, _("Symptom Severity Scale"), parent)
        form = QFormLayout()
        if self.english_note is not None:
            form.addRow(self.english_note)
        form.addRow(_("Day"), self.day)
        form.addRow(QLabel("<b>Over the past week, how much of a problem was</b>"))
        self.levels = {}
        for item in SSS_SYMPTOMS:
            combo = QComboBox()
            combo.addItems(SSS_LEVELS)
            self.levels[item] = combo
            form.addRow(SSS_QUESTIONS[item], combo)
        form.addRow(QLabel("<b>During the past 6 months, have you had</b>"))
        self.flags = {item: QCheckBox(SSS_QUESTIONS[item]) for item in SSS_SOMATIC}
        for box in self.flags.values():
            form.addRow(box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)

    def answers(self) -> dict:
        return ({item: combo.currentIndex() for item, combo in self.levels.items()}
                | {item: box.isChecked() for item, box in self.flags.items()})


class FiqrDialog(_QuestionnaireDialog):
    kind = QuestionnaireKind.FIQR

    def __init__(self, store: Store, parent=None):
        super().__init__(store, _("Revised Fibromyalgia Impact Questionnaire (FIQR)"), parent)
        inner = QWidget()
        # Questions wrap beside their number boxes: the form narrows with the dialog and
        # never scrolls sideways, and every word of a long question stays in sight.
        grid = QGridLayout(inner)
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(12)
        day_label = QLabel(_("Day"))
        day_label.setBuddy(self.day)
        grid.addWidget(day_label, 0, 0)
        grid.addWidget(self.day, 0, 1)
        self.spins: dict[str, QSpinBox] = {}
        row = 1
        for title, items, scale in (
            ("How hard was it over the past 7 days to", FIQR_FUNCTION,
             "0 = no difficulty, 10 = very difficult"),
            ("Overall, over the past 7 days", FIQR_OVERALL, "0 = never, 10 = always"),
            ("Over the past 7 days, rate your", FIQR_SYMPTOMS, "0 = none, 10 = very severe"),
        ):
            heading = QLabel(f"<b>{title}</b><br>{scale}; leave “{NOT_ANSWERED}” if you "
                             "cannot say", wordWrap=True)
            heading.setContentsMargins(0, 10, 0, 2)
            grid.addWidget(heading, row, 0, 1, 2)
            row += 1
            for item in items:
                spin = BlankSpinBox(minimum=-1, maximum=10, value=-1)
                spin.setSpecialValueText(NOT_ANSWERED)
                spin.setAccessibleName(FIQR_QUESTIONS[item])
                self.spins[item] = spin
                question = QLabel(FIQR_QUESTIONS[item], wordWrap=True)
                question.setBuddy(spin)
                grid.addWidget(question, row, 0)
                grid.addWidget(spin, row, 1)
                row += 1
        scroll = QScrollArea(widgetResizable=True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        if self.english_note is not None:
            layout.addWidget(self.english_note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)
        self.resize(620, 640)

    def answers(self) -> dict:
        return {item: (None if spin.value() < 0 else spin.value()) for item, spin in self.spins.items()}

    def shortfall(self, answers: dict) -> str:
        return fiqr_shortfall(fiqr(answers), answers)
