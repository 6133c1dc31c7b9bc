"""Undo and redo for the flare being marked: every step of it, and New, Repeat last and
Edit, which before threw a half-written flare away with no question and no undo (Edit ›
Undo was greyed out)."""

from PySide6.QtCore import Qt

from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import FlareDraft
from fibromap.i18n import _, pgettext
from fibromap.i18n.formats import in_sentence
from tests.helpers.refusals import fits

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NECK, LEVATOR, TEMPLE = "upper_trapezius.left", "levator_scapulae.right", "temporalis.left"


def menu_text(action):
    return action.text().replace("&", "")


def step_text(step_id, region=None):
    """An undo step's name (a message id of the "undo step" context), in the language of
    the moment, naming ``region`` as a sentence does."""
    text = pgettext("undo step", step_id)
    return text if region is None else text.format(region=in_sentence(load_atlas().name(region)))


def undoes(action, step, redo=False):
    """Edit › Undo (or Redo) names ``step``."""
    assert menu_text(action) == f"{_('&Redo' if redo else '&Undo').replace('&', '')} {step}"


def undo(window, qtbot):
    qtbot.keyClick(window.log.map, Qt.Key.Key_Z, CTRL)


def redo(window, qtbot):
    qtbot.keyClick(window.log.map, Qt.Key.Key_Z, CTRL | SHIFT)


def rated(window):
    return {region: mark.intensity for region, mark in window.log.marks.marks()}


def half_written(window, person, qtbot):
    """Two muscles rated and a trigger ticked, not saved."""
    person.click_region(NECK)
    person.key("7")
    person.click_region(LEVATOR)
    person.key("5")
    window.log.form.triggers.set_checked(["poor_sleep"])
    window.log.form.changed.emit()
    qtbot.wait(1)
    return window.log.draft()


def test_each_step_is_undone_in_turn_and_named_in_the_edit_menu(window, person, qtbot):
    actions = window.menu_actions
    assert not actions.undo.isEnabled()
    person.click_region(NECK)
    qtbot.wait(1)
    undoes(actions.undo, step_text("Mark {region}", NECK))
    person.key("7")
    qtbot.wait(1)
    person.key("8")  # a second digit re-rates: still one step
    qtbot.wait(1)
    undoes(actions.undo, step_text("Intensity of {region}", NECK))
    person.click_region(LEVATOR)
    person.key("5")
    qtbot.wait(1)
    undo(window, qtbot)
    assert rated(window) == {NECK: 8, LEVATOR: None}
    undoes(actions.redo, step_text("Intensity of {region}", LEVATOR), redo=True)
    undo(window, qtbot)
    assert rated(window) == {NECK: 8}
    undo(window, qtbot)
    assert rated(window) == {NECK: None}
    undo(window, qtbot)
    assert rated(window) == {}
    assert not actions.undo.isEnabled()
    for _time in range(4):
        redo(window, qtbot)
    assert rated(window) == {NECK: 8, LEVATOR: 5}


def test_a_referral_and_its_zone_are_one_step(window, person, qtbot):
    log = window.log
    person.click_region(NECK)
    person.key("7")
    log.map.set_referral_mode(True)
    person.click_region(TEMPLE)
    qtbot.wait(1)
    undoes(window.menu_actions.undo, step_text("Pain spreading to {region}", TEMPLE))
    undo(window, qtbot)
    assert rated(window) == {NECK: 7} and log.marks.links() == []


def test_new_keeps_the_half_written_flare_one_undo_away(window, person, qtbot):
    before = half_written(window, person, qtbot)
    person.click(window.log.new_button)
    assert window.log.draft().is_empty
    assert "Ctrl+Z" in window.log.feedback.text()
    undoes(window.menu_actions.undo, _("New flare"))
    undo(window, qtbot)
    back = window.log.draft()
    assert back.sites == before.sites and back.triggers == ["poor_sleep"]
    qtbot.waitUntil(lambda: window.drafts.load() is not None)  # kept on disk again
    assert window.drafts.load().sites == before.sites


def test_repeat_last_keeps_the_half_written_flare_too(window, person, qtbot):
    person.click_region("gastrocnemius.left")
    person.key("4")
    assert window.log.save() is not None
    before = half_written(window, person, qtbot)
    person.click(window.log.repeat_button)
    assert rated(window) == {"gastrocnemius.left": 4}
    undo(window, qtbot)
    assert window.log.draft().sites == before.sites
    redo(window, qtbot)
    assert rated(window) == {"gastrocnemius.left": 4}


def test_opening_a_saved_flare_to_correct_can_be_undone(window, person, qtbot):
    person.click_region("gastrocnemius.left")
    person.key("4")
    saved = window.log.save()
    before = half_written(window, person, qtbot)
    window.edit_flare(saved)
    fits(window.log.title.text(), "Correcting the flare of {onset}")
    fits(menu_text(window.menu_actions.undo), f"{_('&Undo').replace('&', '')} "
         + _("Correct the flare of {onset}"))
    undo(window, qtbot)
    assert window.log.title.text() == _("New flare")
    assert window.log.draft().sites == before.sites and window.log.draft().editing_id is None
    redo(window, qtbot)
    assert window.log.draft().editing_id == saved.id


def test_a_time_given_and_the_clock_again_on_undo(window, person, qtbot):
    log = window.log
    person.click_region(NECK)
    person.key("6")
    qtbot.wait(1)
    assert log.form.follows_clock
    person.click(list(log.form.onset_buttons.values())[2])  # a quick choice, earlier
    qtbot.wait(1)
    assert not log.form.follows_clock
    undoes(window.menu_actions.undo, step_text("Time"))
    undo(window, qtbot)
    assert log.form.follows_clock  # the untouched time is now again, not a stale minute


def test_after_saving_there_is_nothing_to_undo_on_the_log(window, person, qtbot):
    half_written(window, person, qtbot)
    assert window.log.save() is not None
    assert not window.menu_actions.undo.isEnabled()
    assert window.log.draft().is_empty


def test_the_log_undoes_its_own_steps_and_history_its_deletions(window, person, qtbot):
    person.click_region("gastrocnemius.left")
    person.key("4")
    window.log.save()
    half_written(window, person, qtbot)
    window.show_view("history")
    page = window.page("history")
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert window.store.flares.count() == 0
    window.show_view("bodymap")
    undoes(window.menu_actions.undo, step_text("Triggers"))
    window.show_view("history")
    window.menu_actions.undo.trigger()
    assert window.store.flares.count() == 1


def test_the_step_names(window):
    from fibromap.domain.draft import DraftLink, DraftSite, DraftTreatment
    from fibromap.domain.draft_changes import step

    def name(before, after):
        """The step's kind and its words, the region named by its id with spaces."""
        made = step(before, after, lambda region: region.replace("_", " "))
        return made.kind, made.text

    def said(kind, step_id, region=None):
        text = pgettext("undo step", step_id)
        return kind, text if region is None else text.format(region=region)

    empty = FlareDraft(onset=window.log.draft().onset)
    one = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 7)])
    assert name(empty, one) == said("mark", "Mark {region}", "neck")
    assert name(one, empty) == said("unmark", "Unmark {region}", "neck")
    spread = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 7), DraftSite("temple", None,
                                                                                  "referred")],
                        links=[DraftLink("neck", "temple", None)])
    assert name(one, spread) == said("spreading", "Pain spreading to {region}", "temple")
    assert name(spread, one) == said("no_spreading", "No pain spreading to {region}", "temple")
    kind = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 7, "trigger_point")])
    assert name(one, kind) == said("kind", "Kind of {region}", "neck")
    helped = FlareDraft(onset=empty.onset, sites=one.sites, treatments=[DraftTreatment("heat")])
    relief = FlareDraft(onset=empty.onset, sites=one.sites,
                        treatments=[DraftTreatment("heat", relief=6)])
    assert name(one, helped) == said("treatments", "What helped")
    assert name(helped, relief) == said("relief", "Relief")
    both = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 3)], notes="x")
    assert name(one, both) == said("changes", "Changes to the flare")
