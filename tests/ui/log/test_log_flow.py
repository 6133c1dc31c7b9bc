"""Logging a flare as a person does, then reading the database."""

from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import Qt

from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.domain.vocabulary import TermKind
from fibromap.i18n import _
from fibromap.store.vocabulary import ALREADY_LISTED
from fibromap.ui.log.flare_form import local_now, onset_choices
from fibromap.ui.log.history_model import HIGHEST_NOTE
from tests.helpers.refusals import fits

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_typical_flare_is_saved_in_eight_interactions(window, person):
    store = window.store
    # The pointer rests on each muscle as a person finding it does: a small one comes
    # closer by itself and goes back to the whole body once marked.
    person.rest_on("upper_trapezius.left")                             # 1
    person.key("7")                                                    # 2
    person.rest_on("levator_scapulae.left")                            # 3
    person.key("5")                                                    # 4
    person.rest_on("posterior_neck.left", SHIFT)                       # 5 pain spreads to here
    person.click(window.log.form.triggers.buttons["stress"])           # 6
    person.key(Qt.Key.Key_S, CTRL)                                     # 7 save
    assert person.interactions <= 8
    flares = store.flares.between()
    assert len(flares) == 1
    flare = flares[0]
    # The neck, where the pain spread, was not rated: it is kept so (not at its source's 5).
    assert set(flare.sites) == {SpasmSite("upper_trapezius.left", 7),
                                SpasmSite("levator_scapulae.left", 5),
                                SpasmSite("posterior_neck.left", None, SiteRole.REFERRED)}
    assert flare.referrals == (Referral("levator_scapulae.left", "posterior_neck.left", None),)
    assert flare.triggers == frozenset({"stress"})
    assert abs(flare.onset - datetime.now().astimezone()) < timedelta(minutes=2)
    assert flare.onset.utcoffset() == datetime.now().astimezone().utcoffset()
    # The form is ready for the next one, and says what was saved.
    assert window.log.marks.sites() == [] and not window.log.feedback.is_error
    fits(window.log.feedback.text(), "Saved the flare of {onset}: {regions}.")


def test_the_whole_form_reaches_the_database(window, person, qtbot):
    log = window.log
    person.click_region("gastrocnemius.right")
    person.key("9")
    log.form.choose_onset("Last night")
    log.form.duration.setValue(90)
    log.form.unit.setCurrentIndex(0)  # seconds
    qtbot.mouseClick(log.form.qualities.buttons["cramping"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(log.form.context.buttons["asleep"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(log.form.context.buttons["lying"], Qt.MouseButton.LeftButton)  # replaces asleep
    stretching = log.form.treatments.rows["stretching"]
    stretching.check.setChecked(True)
    stretching.relief.setValue(8)
    medication = log.form.treatments.rows["medication"]
    medication.check.setChecked(True)
    medication.medication.setText("Magnesium")
    medication.dose.setText("300 mg")
    log.form.impacts[list(log.form.impacts)[2]].setCurrentIndex(3)  # sleep: a lot
    log.form.notes.setPlainText("Woke me at 3.\n" * 500)
    assert log.form.triggers.add_new("Cold draught") == "cold_draught"
    assert log.save() is not None
    flare = window.store.flares.latest()
    expected_onset = dict(onset_choices(local_now()))["Last night"]
    assert flare.onset == expected_onset and flare.onset.hour == 3
    assert flare.duration_seconds == 90
    assert flare.qualities == frozenset({"cramping"}) and flare.context == "lying"
    assert flare.triggers == frozenset({"cold_draught"})
    assert {(t.treatment, t.relief, t.medication, t.dose) for t in flare.treatments} == {
        ("stretching", 8, "", ""), ("medication", None, "Magnesium", "300 mg")}
    assert {a.value: v for a, v in flare.impacts.items()} == {"sleep": 2}
    assert flare.notes == "Woke me at 3.\n" * 500


def test_repeat_last_prefills_from_the_most_recent_flare(window, person):
    person.click_region("quadratus_lumborum.right")
    person.key("6")
    person.click(window.log.form.triggers.buttons["poor_sleep"])
    person.key(Qt.Key.Key_S, CTRL)
    first = window.store.flares.latest()
    person.key(Qt.Key.Key_R, CTRL)  # one action
    assert window.log.marks.sites() == [SpasmSite("quadratus_lumborum.right", 6)]
    assert window.log.form.triggers.checked() == ["poor_sleep"]
    if window.log.form.onset_value() == first.onset:  # the same minute: the very same flare
        person.key(Qt.Key.Key_S, CTRL)
        assert window.log.feedback.is_error
        problem = fits(window.log.feedback.text(), "Not saved: {problem}.")["problem"]
        assert problem == _("the database refused the change: {said}").format(said=_(
            "an identical flare (the same moment and the same entries) is already recorded"))
        assert window.store.flares.count() == 1
        window.log.form.choose_onset("15 min ago")
    person.key(Qt.Key.Key_S, CTRL)
    flares = window.store.flares.between()
    assert len(flares) == 2 and first.id in {f.id for f in flares}
    repeated = next(f for f in flares if f.id != first.id)
    assert repeated.sites == first.sites and repeated.triggers == first.triggers


def test_repeat_last_with_nothing_to_repeat_says_so(window, person):
    person.key(Qt.Key.Key_R, CTRL)
    assert window.log.feedback.is_error
    assert window.log.feedback.text() == _("There is no earlier flare to repeat yet.")


def test_new_clears_the_form(window, person):
    person.click_region("soleus.left")
    person.click(window.log.form.qualities.buttons["burning"])
    person.key(Qt.Key.Key_N, CTRL)
    assert window.log.marks.sites() == [] and window.log.marks.unrated_regions() == []
    assert window.log.form.qualities.checked() == []


def test_incomplete_or_out_of_range_entries_are_refused_visibly_and_nothing_is_saved(window, person):
    log = window.log

    def refused(text):
        assert log.save() is None
        assert log.feedback.isVisible() and log.feedback.is_error
        assert text in log.feedback.text()
        assert window.store.flares.count() == 0

    refused("mark at least one region on the body map")
    person.click_region("masseter.left")
    refused("give an intensity (0–10) for left jaw (masseter)")
    person.key("4")
    log.form.ongoing.setChecked(False)
    log.form.unit.setCurrentIndex(2)
    log.form.duration.setValue(200)
    refused("a flare can last at most 7 days")
    log.form.duration.setValue(2)
    log.form.treatments.rows["medication"].check.setChecked(True)
    refused("name the medication you took")
    log.form.treatments.rows["medication"].check.setChecked(False)
    person.key(Qt.Key.Key_L, CTRL)
    person.click_region("temple.left")  # a referred zone left unrated is no reason to refuse
    assert log.save() is not None and window.store.flares.count() == 1


def test_an_unknown_word_added_twice_is_refused_with_a_message(window):
    messages = []
    window.log.form.message.connect(messages.append)
    assert window.log.form.triggers.add_new("Full moon") == "full_moon"
    assert window.log.form.triggers.add_new("full moon") is None
    assert messages[-1] == _(ALREADY_LISTED[TermKind.TRIGGER]).format(label=repr("Full moon"))


def test_the_onset_keeps_the_utc_offset_in_force_on_that_day(window, monkeypatch):
    import time as clock

    monkeypatch.setenv("TZ", "Europe/Berlin")
    clock.tzset()
    try:
        form = window.log.form
        form.set_onset(datetime(2026, 7, 1, 23, 30))
        assert form.onset_value().utcoffset() == timedelta(hours=2)  # summer time
        form.set_onset(datetime(2026, 1, 10, 4, 15))
        assert form.onset_value().utcoffset() == timedelta(hours=1)
        window.log.marks.mark("soleus.left", 3)
        saved = window.log.save()
        assert saved.onset_local == datetime(2026, 1, 10, 4, 15)
        assert window.store.flares.get(saved.id).utc_offset_minutes == 60
    finally:
        monkeypatch.undo()
        clock.tzset()


def test_a_new_flare_assumes_neither_a_length_nor_still_going(window, person):
    form = window.log.form
    assert not form.ongoing.isChecked() and form.duration.text() == "–"
    assert form.duration_value() is None
    form.duration.setValue(5)  # 5 minutes
    window.log.marks.mark("soleus.left", 4)
    saved = window.log.save()
    assert saved.duration_seconds == 300
    # The next flare starts blank again: no length carried over, not "still going".
    assert form.duration.value() == 0 and not form.ongoing.isChecked()
    form.ongoing.setChecked(True)
    window.log.marks.mark("soleus.right", 3)
    assert window.log.save().duration_seconds is None


def test_a_flare_with_no_length_reads_one_way_in_history_correction_and_repeat_last(window, person):
    """Issue 30: a flare with no length read "still going" in History and Repeat last when
    it was recent, whatever the person said, and "not recorded" two days on."""
    now = datetime.now().astimezone().replace(microsecond=0)
    going = Flare(onset=now - timedelta(days=2), sites=(SpasmSite("soleus.right", 4),),
                  still_going=True)
    unsaid = Flare(onset=now - timedelta(hours=2), sites=(SpasmSite("soleus.left", 4),))
    window.store.flares.add_many([going, unsaid])
    window.show_view("history")
    model = window.page("history").model
    window.refresh()
    assert [model.index(row, 3).data() for row in range(2)] == [_("not given"), _("still going")]
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == _(
        "No length was given: open the flare to add one")
    form = window.log.form
    for flare, going_shown in ((going, True), (unsaid, False)):
        window.log.edit(next(f for f in window.store.flares.between() if f.onset == flare.onset))
        assert form.ongoing.isChecked() is going_shown and form.duration_value() is None
    window.log.new()
    person.key(Qt.Key.Key_R, CTRL)  # the latest, two hours ago, with no length given
    assert not form.ongoing.isChecked() and form.duration.text() == "–"
    form.ongoing.setChecked(True)  # said now: still going, and saved so
    form.choose_onset("15 min ago")
    assert window.log.save().still_going
    person.key(Qt.Key.Key_R, CTRL)
    assert form.ongoing.isChecked() and not form.duration.isEnabled()
    window.refresh()
    assert model.index(0, 3).data() == "still going"


def test_one_click_times_keep_the_exact_instant_in_the_repeated_hour(window, monkeypatch):
    """25 Oct 2026, Berlin: 02:00–03:00 happens twice. At the second 02:30 (01:30 UTC),
    "an hour ago" is the first 02:30 (00:30 UTC), not 01:30 local."""
    import time as clock

    from fibromap.ui.log import flare_form

    monkeypatch.setenv("TZ", "Europe/Berlin")
    clock.tzset()
    try:
        second_pass = datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone()
        assert second_pass.utcoffset() == timedelta(hours=1)
        monkeypatch.setattr(flare_form, "local_now", lambda: second_pass)
        form = window.log.form
        form.choose_onset("An hour ago")
        chosen = form.onset_value()
        assert chosen.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        assert chosen.utcoffset() == timedelta(hours=2)  # summer time, still
        form.choose_onset("Now")
        assert form.onset_value().astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
        form.choose_onset("15 min ago")
        assert form.onset_value().astimezone(UTC) == datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
        window.log.marks.mark("soleus.left", 3)
        form.choose_onset("An hour ago")
        saved = window.log.save()
        stored = window.store.flares.get(saved.id)
        assert stored.onset.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        assert stored.utc_offset_minutes == 120
    finally:
        monkeypatch.undo()
        clock.tzset()


def test_a_flare_logged_under_another_offset_keeps_its_own_clock_when_corrected(window):
    """A night spasm logged at 03:10 in New York stays at 03:10, wherever it is corrected."""
    new_york = timezone(timedelta(hours=-5))
    flare = window.store.flares.add(Flare(onset=datetime(2026, 1, 14, 3, 10, tzinfo=new_york),
                                          sites=(SpasmSite("soleus.left", 6),)))
    window.log.edit(flare)
    assert window.log.form.onset.dateTime().toPython() == datetime(2026, 1, 14, 3, 10)
    saved = window.log.save()
    assert saved.onset == flare.onset and saved.onset.utcoffset() == timedelta(hours=-5)


def test_a_referred_zone_is_saved_unrated_then_rated_with_the_intensity_controls(window, person,
                                                                                 qtbot):
    """Issue 30: the temple, never rated, was stored at its source's 7 and counted in the
    mean intensity and among the regions in pain."""
    log = window.log
    person.click_region("masseter.left")
    person.key("7")
    person.key(Qt.Key.Key_L, CTRL)
    person.click_region("temple.left")
    person.key(Qt.Key.Key_L, CTRL)
    page = log.body
    person.click_region("temple.left")
    assert log.marks.current == "temple.left"
    assert page.intensity_value.text() == "not rated" and not page.intensity.answered
    texts = [page.marked.item(i).text() for i in range(page.marked.count())]
    assert "Left temple (temporalis), referred, not rated — from left jaw (masseter)" in texts
    assert "referred, not rated" in page.help.text()  # the key to the hatched "?" on the map
    saved = log.save()
    assert saved.unrated_zones == ("temple.left",)
    day = saved.onset.date()
    summary = window.store.summary(day, day)
    assert (summary.mean_intensity, summary.sites, summary.unrated_zones) == (7.0, 1, 1)
    window.refresh()
    model = window.page("history").model
    assert model.index(0, 1).data().endswith(" " + _("→ {zones} (referred, not rated)").format(
        zones=window.log.map.atlas.name("temple.left")))
    assert model.index(0, 2).data() == "7*"
    assert window.page("history").count.text().endswith(f"   {_(HIGHEST_NOTE)}")
    log.edit(saved)  # rated later with the same controls as any region
    person.click_region("temple.left")
    qtbot.keyClick(page.intensity, "3")
    assert "not rated" not in page.help.text()  # rated: the key has nothing to explain
    again = log.save()
    assert SpasmSite("temple.left", 3, SiteRole.REFERRED) in again.sites
    assert again.referrals == (Referral("masseter.left", "temple.left", 3),)
    assert window.store.summary(day, day).mean_intensity == 5.0
