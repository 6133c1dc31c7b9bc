from datetime import date

from fibromap.domain.questionnaires import FIQR_ITEMS, Appointment, Questionnaire, QuestionnaireKind
from fibromap.errors import ValidationError
from tests.helpers.refusals import refused

SSS = {"fatigue": 2, "waking_unrefreshed": 3, "cognitive": 1, "headaches": True,
       "lower_abdominal_pain": False, "depression": False}


def test_appointments_and_the_last_one_before_a_day(store):
    store.appointments.add(Appointment(date(2026, 3, 2), "rheumatology"))
    store.appointments.add(Appointment(date(2026, 6, 1)))
    store.appointments.add(Appointment(date(2026, 3, 2), "rheumatology, follow-up"))
    assert [(a.day, a.note) for a in store.appointments.all()] == [
        (date(2026, 3, 2), "rheumatology, follow-up"), (date(2026, 6, 1), "")]
    assert store.appointments.last_before(date(2026, 5, 31)).day == date(2026, 3, 2)
    assert store.appointments.last_before(date(2026, 1, 1)) is None
    store.appointments.remove(date(2026, 6, 1))
    assert store.appointments.last_before(date(2026, 12, 1)).day == date(2026, 3, 2)


def test_questionnaires_round_trip(store):
    saved = store.questionnaires.put(Questionnaire(QuestionnaireKind.SSS, date(2026, 4, 1), SSS))
    assert saved.id is not None
    fiqr = {item: 4 for item in FIQR_ITEMS} | {"memory": None}
    store.questionnaires.put(Questionnaire("fiqr", date(2026, 4, 1), fiqr))
    assert store.questionnaires.between(QuestionnaireKind.SSS) == [saved]
    [back] = store.questionnaires.between(QuestionnaireKind.FIQR, date(2026, 4, 1), date(2026, 4, 1))
    assert back.answers == fiqr
    store.questionnaires.put(Questionnaire(QuestionnaireKind.SSS, date(2026, 4, 1), SSS | {"fatigue": 0}))
    assert store.questionnaires.between(QuestionnaireKind.SSS)[0].answers["fatigue"] == 0


def test_incomplete_questionnaires_are_refused():
    with refused(ValidationError, "sss", "depression"):
        Questionnaire(QuestionnaireKind.SSS, date(2026, 4, 1),
                      {k: v for k, v in SSS.items() if k != "depression"})
    with refused(ValidationError, "headaches", "1"):
        Questionnaire(QuestionnaireKind.SSS, date(2026, 4, 1), SSS | {"headaches": 1})


def test_notes_keep_the_questions_for_the_doctor(store):
    from fibromap.store.notes import QUESTIONS

    assert store.notes.get(QUESTIONS) == ""
    store.notes.put(QUESTIONS, "Why at night?\nIs magnesium worth it?")
    store.notes.put(QUESTIONS, "Why at night?")
    assert store.notes.get(QUESTIONS) == "Why at night?"
    assert store.notes.keys() == [QUESTIONS]
    with refused(ValidationError, "note"):
        store.notes.put(QUESTIONS, "bad\x00")
