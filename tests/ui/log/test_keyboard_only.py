"""A whole flare logged with the keyboard alone: no pointer, every step a key a person
can find from the map's accessible name and the form's labels."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fibromap.domain.flare import Referral, SiteRole, SpasmSite
from fibromap.i18n import _
from fibromap.ui.bodymap.body_map_page import KEYBOARD_HELP

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def keys(qtbot, *sequence):
    for key in sequence:
        if isinstance(key, tuple):
            qtbot.keyClick(focused(), key[0], key[1])
        elif isinstance(key, str) and len(key) > 1:
            qtbot.keyClicks(focused(), key)
        else:
            qtbot.keyClick(focused(), key)


def tab_until(qtbot, wanted, limit=80):
    """Press Tab until ``wanted`` has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is wanted:
            return presses
    raise AssertionError(f"Tab never reached {wanted.accessibleName() or wanted}")


def test_a_flare_is_logged_with_the_keyboard_alone(window, qtbot):
    log = window.log
    body_map = log.map
    assert body_map.accessibleName() == _(KEYBOARD_HELP)
    body_map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(body_map.hasFocus)
    # Find a muscle by typing, mark it with Enter, rate it with a digit.
    keys(qtbot, "left upper trap", Qt.Key.Key_Return, "7")
    assert body_map.marks.sites() == [SpasmSite("upper_trapezius.left", 7)]
    keys(qtbot, "left levator", Qt.Key.Key_Return, "5")
    # Referred pain: Ctrl+L from the source, then find the zone and mark it.
    keys(qtbot, (Qt.Key.Key_L, CTRL), "left posterior neck", Qt.Key.Key_Return,
         Qt.Key.Key_Escape)  # Enter ended the finding; Esc ends referral mode
    assert not body_map.referral_mode and body_map.hasFocus()
    # Esc leaves the map (Tab would walk its ~120 regions); Tab reaches the triggers.
    keys(qtbot, Qt.Key.Key_Escape)
    assert not body_map.hasFocus() and log.isAncestorOf(focused())
    stress = log.form.triggers.buttons["stress"]
    assert tab_until(qtbot, stress) < 60
    keys(qtbot, Qt.Key.Key_Space)
    assert stress.isChecked()
    keys(qtbot, (Qt.Key.Key_S, CTRL))
    [flare] = window.store.flares.between()
    assert set(flare.sites) == {SpasmSite("upper_trapezius.left", 7),
                                SpasmSite("levator_scapulae.left", 5),
                                SpasmSite("posterior_neck.left", None, SiteRole.REFERRED)}
    assert flare.referrals == (Referral("levator_scapulae.left", "posterior_neck.left", None),)
    assert flare.triggers == frozenset({"stress"})


def test_tab_goes_through_the_form_in_reading_order(window, qtbot):
    """From the map's panel down the form to Save, each control once, in the order they
    are read (top to bottom, left to right); the words that arrive with the database
    included, not tacked on after Save."""
    log = window.log
    log.map.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(log.map.hasFocus)
    keys(qtbot, Qt.Key.Key_Escape)
    seen = [focused()]
    for _key in range(150):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        if focused() is seen[-1]:
            continue  # Tab steps through the fields of a date and time first
        if focused() is log.save_button or focused() in seen:
            break
        seen.append(focused())
    assert focused() is log.save_button, "Tab did not reach Save"
    form = [w for w in seen if log.form.isAncestorOf(w)]
    chips = list(log.form.triggers.buttons.values())
    assert chips[0] in form and chips[-1] in form
    tops = [w.mapTo(log.form, w.rect().topLeft()).y() for w in form]
    assert tops == sorted(tops), [w.accessibleName() or w.text() for w in form]
    # Every stop is a control with a name a screen reader can say; none is a bare frame.
    assert all(w.accessibleName() or getattr(w, "text", lambda: "")() for w in seen), [
        type(w).__name__ for w in seen if not w.accessibleName()]


def test_messages_and_figures_can_be_selected_to_copy(window, qtbot):
    """What people may want to copy into a message (an error, a saved note, the figures
    under a view) is selectable text, not a picture of words."""
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    window.log.save()  # nothing marked: refused, with a message
    feedback = window.log.feedback
    assert feedback.is_error and feedback.text()
    assert feedback.textInteractionFlags() & selectable
    for view in ("heatmap", "trends", "patterns", "insights", "scores"):
        assert window.page(view).caption.textInteractionFlags() & selectable, view
    for card in (window.page("overview").week, window.page("overview").score):
        assert card.textInteractionFlags() & selectable
