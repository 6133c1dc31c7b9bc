"""An untouched "When" is now: it follows the clock while the form is open and is taken
at the moment of Save; a time the person gives stays. (Before, a form left open four
minutes saved the flare at the moment the blank form was made.)"""

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDateTime

from fibromap.ui.log import flare_form

T0 = datetime(2026, 12, 7, 5, 13, 20, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def clock(monkeypatch):
    now = [T0]
    monkeypatch.setattr(flare_form, "local_now", lambda: now[0].replace(microsecond=0))
    return now


def test_a_form_left_open_saves_the_moment_of_save(window, person, clock):
    log = window.log
    log.new()
    assert log.form.follows_clock
    person.click_region("upper_trapezius.left")
    person.key("7")
    clock[0] = T0 + timedelta(minutes=4)
    assert log.save() is not None
    assert window.store.flares.latest().onset == (T0 + timedelta(minutes=4)).replace(second=0)


def test_the_time_shown_follows_the_clock(window, clock):
    form = window.log.form
    window.log.new()
    assert form.onset.dateTime().toPython().minute == 13
    clock[0] = T0 + timedelta(minutes=2)
    form._tick()  # as the form's clock timer does every few seconds
    assert form.onset.dateTime().toPython().minute == 15
    assert form.follows_clock


def test_a_time_the_person_gives_stays(window, person, clock):
    log = window.log
    log.new()
    person.click_region("upper_trapezius.left")
    person.key("5")
    picked = QDateTime(log.form.onset.dateTime()).addSecs(-3600)  # an hour earlier, by hand
    log.form.onset.setDateTime(picked)
    assert not log.form.follows_clock
    clock[0] = T0 + timedelta(minutes=30)
    log.form._tick()
    assert log.save() is not None
    assert window.store.flares.latest().onset.replace(tzinfo=None) == picked.toPython()


def test_a_quick_choice_stays_too(window, person, clock):
    log = window.log
    log.new()
    person.click_region("upper_trapezius.left")
    person.key("5")
    log.form.choose_onset("An hour ago")
    clock[0] = T0 + timedelta(minutes=10)
    assert log.save() is not None
    assert window.store.flares.latest().onset == (T0 - timedelta(hours=1)).replace(second=0)


def test_repeat_last_is_now_until_a_time_is_given(window, person, clock):
    log = window.log
    person.click_region("upper_trapezius.left")
    person.key("4")
    log.form.choose_onset("This morning")
    assert log.save() is not None
    clock[0] = T0 + timedelta(minutes=3)
    assert log.repeat_last()
    clock[0] = T0 + timedelta(minutes=7)
    assert log.save() is not None
    assert window.store.flares.latest().onset == (T0 + timedelta(minutes=7)).replace(second=0)


def test_a_draft_offered_again_keeps_its_own_time(window, clock):
    from fibromap.domain.draft import FlareDraft

    log = window.log
    log.load_draft(FlareDraft(onset=T0 - timedelta(hours=2), notes="from last time"))
    assert not log.form.follows_clock
    clock[0] = T0 + timedelta(minutes=5)
    assert log.form.read_into(FlareDraft(onset=T0)).onset == (T0 - timedelta(hours=2)).replace(
        second=0)
