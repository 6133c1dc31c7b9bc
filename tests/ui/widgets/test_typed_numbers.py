"""A digit typed into a number box that shows its words for "not set" ("relief?", "–",
"not set") replaces them, in every such box of the app: real key events, and the stored
value read back. (Before, the digits vanished unless the words were selected first.)"""

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox

from fibromap.ui.widgets.blank_spin import BlankDoubleSpinBox, BlankSpinBox


def _type(qtbot, box: QAbstractSpinBox, text: str) -> None:
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box takes the value


def test_digits_typed_into_the_check_in_are_saved(window, qtbot):
    page = window.page("checkin")
    window.tabs.setCurrentWidget(page)
    for box in (page.sleep_hours, page.woken, page.water):
        assert box.text() == box.specialValueText()  # showing "not set"
    _type(qtbot, page.sleep_hours, "7")
    _type(qtbot, page.woken, "2")
    _type(qtbot, page.water, "6")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    saved = window.store.checkins.get(date.today())
    assert (saved.sleep_hours, saved.woken_by_spasms, saved.water_glasses) == (7.0, 2, 6)


def test_digits_typed_into_the_flare_are_saved(window, person, qtbot):
    log = window.log
    person.click_region("gastrocnemius.right")
    person.key("6")
    assert log.form.duration.text() == "–"
    _type(qtbot, log.form.duration, "20")
    heat = log.form.treatments.rows["heat"]
    heat.check.setChecked(True)
    assert heat.relief.text() == "relief?"
    _type(qtbot, heat.relief, "7")
    assert log.save() is not None
    flare = window.store.flares.latest()
    assert flare.duration_seconds == 20 * 60
    assert {(t.treatment, t.relief) for t in flare.treatments} == {("heat", 7)}


def test_every_number_box_that_can_be_left_empty_takes_typed_digits(window, qtbot):
    """Every box of the window (and the dialogs built with it) showing words for its lowest
    value is one that takes digits typed over them."""
    from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

    for name in ("checkin", "log"):
        window.tabs.setCurrentWidget(window.page(name))
    boxes = [box for box in window.findChildren(QAbstractSpinBox)
             if isinstance(box, QSpinBox | QDoubleSpinBox) and box.specialValueText()]
    assert len(boxes) >= 5
    assert all(isinstance(box, BlankSpinBox | BlankDoubleSpinBox) for box in boxes), [
        box.accessibleName() or box.specialValueText() for box in boxes
        if not isinstance(box, BlankSpinBox | BlankDoubleSpinBox)]

def test_ticking_a_treatment_readies_its_relief_for_a_digit(window, person, qtbot):
    person.click_region("gastrocnemius.right")
    person.key("6")
    ice = window.log.form.treatments.rows["ice"]
    qtbot.mouseClick(ice.check, Qt.MouseButton.LeftButton, pos=QPoint(8, ice.check.height() // 2))
    assert ice.check.isChecked()
    person.key("4")  # no click in the box first: the tick led there
    assert window.log.save() is not None
    assert {(t.treatment, t.relief) for t in window.store.flares.latest().treatments} == {("ice", 4)}
