"""The app lock on the real main window: idle time locks it, nothing of the views shows or
can be reached while locked, only the passphrase unlocks it, wrong ones are counted, and
everything comes back as it was, the flare being typed too."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from fibromap.errors import FibroMapError
from fibromap.i18n import _, ngettext
from fibromap.store.attempts import UnlockAttempts
from fibromap.ui.widgets.app_lock import AppLock
from fibromap.ui.widgets.lock_screen import LOCKED_TITLE
from tests.helpers.refusals import quoted

RIGHT = "plum tree at dusk"
NOTE = "Knotted left calf after the stairs"
CTRL = Qt.KeyboardModifier.ControlModifier


class Verifier:
    """The passphrase check, counting what it was asked."""

    def __init__(self):
        self.asked: list[str] = []

    def __call__(self, passphrase: str) -> bool:
        self.asked.append(passphrase)
        return passphrase == RIGHT


def make_lock(window, minutes=0.0, attempts=None) -> tuple[AppLock, Verifier]:
    verify = Verifier()
    return AppLock(window, verify, minutes, attempts), verify


def type_passphrase(qtbot, lock: AppLock, text: str) -> None:
    qtbot.keyClicks(lock.form.passphrase, text)
    qtbot.keyClick(lock.form.passphrase, Qt.Key.Key_Return)


def background(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.Window)


def pixels_off(image: QImage, colour: QColor, keep: QRect) -> int:
    """How many pixels outside ``keep`` are not ``colour``."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint32).reshape(
        image.height(), image.bytesPerLine() // 4)[:, :image.width()] & 0xFFFFFF
    off = rows != (colour.rgb() & 0xFFFFFF)
    off[keep.top():keep.bottom() + 1, keep.left():keep.right() + 1] = False
    return int(off.sum())


def card_rect(lock: AppLock, top: QWidget) -> QRect:
    cover = next(c for c in lock._covers if c.host is top)
    return QRect(cover.card.mapTo(top, QPoint(0, 0)), cover.card.size())


def type_note(qtbot, window) -> None:
    notes = window.log.form.notes
    notes.setFocus()
    qtbot.keyClicks(notes, NOTE)
    cursor = notes.textCursor()
    cursor.setPosition(7)
    cursor.setPosition(13, QTextCursor.MoveMode.KeepAnchor)  # "left c" selected
    notes.setTextCursor(cursor)
    qtbot.waitUntil(notes.hasFocus)


def test_idle_time_locks_the_window(window, qtbot):
    lock, _verify = make_lock(window)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        lock.set_minutes(0.002)  # 120 ms
    assert lock.is_locked()
    assert lock.form.passphrase.hasFocus()
    assert lock.form.passphrase.echoMode() == QLineEdit.EchoMode.Password


def test_a_locked_window_shows_nothing_of_the_views(window, qtbot):
    lock, _verify = make_lock(window)
    type_note(qtbot, window)
    before = window.grab().toImage()
    lock.lock_now()
    qtbot.wait(20)
    image = window.grab().toImage()
    card = card_rect(lock, window)
    # Outside the lock's card there is nothing but the window's colour, where before
    # the body map, the form and the note were drawn.
    assert pixels_off(before, background(window), card) > 10_000
    assert pixels_off(image, background(window), card) == 0
    assert card.width() < window.width() / 2 and card.height() < window.height() / 2
    # The views are hidden, not only covered: no click, key or screen reader reaches them.
    for part in (window.log.form.notes, window.tabs, window.menuBar(), window.statusBar()):
        assert not part.isVisible()
    assert window.windowTitle() == LOCKED_TITLE
    assert not window.menuBar().isEnabled()


def test_input_while_locked_reaches_nothing_behind(window, qtbot):
    lock, _verify = make_lock(window)
    type_note(qtbot, window)
    # Unlocked, Ctrl+2 opens the second view: the test would see a lock that let it through.
    qtbot.keyClick(window.log.form.notes, Qt.Key.Key_2, CTRL)
    assert window.tabs.currentIndex() == 1
    window.show_view("log")
    window.log.form.notes.setFocus()
    lock.lock_now()
    field = lock.form.passphrase
    for key in (Qt.Key.Key_2, Qt.Key.Key_N, Qt.Key.Key_S, Qt.Key.Key_L, Qt.Key.Key_Q):
        qtbot.keyClick(field, key, CTRL)  # views, new flare, save, referral, quit
    qtbot.keyClick(field, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # the File menu
    qtbot.keyClicks(window.log.form.notes, " and more")  # straight at the hidden field
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(40, 40))
    assert window.tabs.currentIndex() == 0
    assert window.log.form.notes.toPlainText() == NOTE
    assert not window.log.map.referral_mode
    assert window.isVisible() and window.store.flares.count() == 0
    assert QApplication.activePopupWidget() is None
    assert field.hasFocus()  # a key sent elsewhere brought the focus back to the field


def try_again(seconds: int) -> str:
    """The unlock button while a try must wait ``seconds`` more."""
    return _("Try again in {seconds} s").format(seconds=seconds)


def test_a_wrong_passphrase_says_so_in_one_line(window, qtbot):
    lock, verify = make_lock(window)
    lock.lock_now()
    type_passphrase(qtbot, lock, "plum tree at dawn")
    assert lock.is_locked() and verify.asked == ["plum tree at dawn"]
    message = lock.form.message
    assert message.isVisible() and message.text() == _("That passphrase is wrong; try again.")
    assert message.fontMetrics().horizontalAdvance(message.text()) < message.contentsRect().width()
    assert lock.form.passphrase.text() == ""  # the wrong one does not linger
    qtbot.keyClick(lock.form.passphrase, Qt.Key.Key_Return)  # nothing typed: not a try
    assert verify.asked == ["plum tree at dawn"] and message.text() == _("Type the passphrase first.")


def test_a_passphrase_that_cannot_be_checked_is_no_wrong_try(window, qtbot, paths):
    attempts = UnlockAttempts(paths)

    def unreadable(_passphrase):
        raise FibroMapError("the database file is gone")

    lock = AppLock(window, unreadable, 0, attempts)
    lock.lock_now()
    type_passphrase(qtbot, lock, RIGHT)
    assert lock.is_locked() and attempts.failures == 0
    quoted(lock.form.message.text(), "the database file is gone")  # the reason, quoted back


def test_after_five_wrong_passphrases_each_try_waits_with_a_countdown(window, qtbot, paths):
    now = [1000.0]
    attempts = UnlockAttempts(paths, clock=lambda: now[0])
    lock, verify = make_lock(window, attempts=attempts)
    lock.lock_now()
    button = lock.form.unlock_button
    for n in range(5):
        assert button.isEnabled() and button.text() == _("Unlock")
        type_passphrase(qtbot, lock, f"guess {n}")
    assert attempts.failures == 5
    assert not button.isEnabled() and button.text() == try_again(10)
    assert lock.form.message.text() == ngettext(
        "{count} wrong passphrase in a row: each further try waits.",
        "{count} wrong passphrases in a row: each further try waits.", 5).format(count=5)
    type_passphrase(qtbot, lock, RIGHT)  # Enter while waiting: not even checked
    assert lock.is_locked() and len(verify.asked) == 5
    now[0] += 4
    qtbot.waitUntil(lambda: button.text() == try_again(6))
    now[0] += 6
    qtbot.waitUntil(button.isEnabled)
    assert button.text() == _("Unlock")
    # The count outlives the program: a new lock on the same records waits too.
    type_passphrase(qtbot, lock, "guess 5")
    again, _checks = make_lock(window, attempts=UnlockAttempts(paths, clock=lambda: now[0]))
    lock._unlock()  # only so that the second lock can lock the same window
    again.lock_now()
    assert again.form.unlock_button.text() == try_again(20)
    now[0] += 20
    qtbot.waitUntil(again.form.unlock_button.isEnabled)
    qtbot.keyClicks(again.form.passphrase, RIGHT)
    qtbot.mouseClick(again.form.unlock_button, Qt.MouseButton.LeftButton)
    assert not again.is_locked() and attempts.failures == 0


def test_the_right_passphrase_brings_everything_back_as_it_was(window, qtbot):
    lock, _verify = make_lock(window, minutes=10)
    window.show_view("log")
    type_note(qtbot, window)
    notes = window.log.form.notes
    before = window.grab().toImage()
    lock.lock_now()
    type_passphrase(qtbot, lock, "wrong")
    with qtbot.waitSignal(lock.unlocked):
        type_passphrase(qtbot, lock, RIGHT)
    assert not lock.is_locked()
    assert notes.toPlainText() == NOTE and notes.hasFocus()
    cursor = notes.textCursor()
    assert (cursor.anchor(), cursor.position()) == (7, 13)  # the selection too
    assert window.current_view() == "log" and window.windowTitle() == "FibroMap"
    assert window.menuBar().isVisible() and window.menuBar().isEnabled()
    assert window.statusBar().isVisible() and window.tabs.isVisible()
    assert window.store.flares.count() == 0  # nothing was saved on the way
    assert not lock._covers and not lock.form.isVisible()
    qtbot.wait(20)
    assert window.grab().toImage() == before
    assert lock._idle.isActive()  # and the idle time counts again


def test_activity_in_the_window_begins_the_idle_time_again(window, qtbot):
    lock, _verify = make_lock(window, minutes=1)
    other = QLineEdit()  # another window of the program, not this one's
    qtbot.addWidget(other)
    other.show()
    waited = 59_000  # remaining milliseconds after a wait of well over a second

    qtbot.wait(1500)
    qtbot.keyClick(other, Qt.Key.Key_A)
    assert lock._idle.remainingTime() < waited
    qtbot.keyClick(window.log.form.notes, Qt.Key.Key_A)
    assert lock._idle.remainingTime() > waited
    qtbot.wait(1500)
    assert lock._idle.remainingTime() < waited
    qtbot.mouseMove(window.log.map.viewport(), QPoint(50, 60))
    qtbot.mouseMove(window.log.map.viewport(), QPoint(80, 90))
    assert lock._idle.remainingTime() > waited


def test_no_minutes_never_locks_by_itself(window, qtbot):
    lock, _verify = make_lock(window, minutes=0.002)
    lock.set_minutes(0)
    assert lock.minutes == 0 and not lock._idle.isActive()
    qtbot.wait(400)
    assert not lock.is_locked()
    lock.lock_now()  # the menu's "Lock now" still does
    assert lock.is_locked()


def dialog_of(window) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(window)
    dialog.setWindowTitle("Report for Jane Doe")
    name = QLineEdit("Jane Doe, born 2 March 1979")
    ok = QPushButton("&Make the report", default=True)  # Alt+M
    ok.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(name)
    layout.addWidget(ok)
    dialog.resize(640, 480)
    return dialog, name


def test_a_dialog_open_when_locking_is_covered_and_kept(window, qtbot):
    lock, _verify = make_lock(window)
    dialog, name = dialog_of(window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitExposed(dialog)
    name.setFocus()
    name.setCursorPosition(4)
    lock.lock_now()
    qtbot.wait(20)
    # The passphrase is asked in the dialog in front, which blocks the window behind it.
    assert lock.form.window() is dialog and lock.form.passphrase.hasFocus()
    assert dialog.windowTitle() == LOCKED_TITLE
    image = dialog.grab().toImage()
    assert pixels_off(image, background(dialog), card_rect(lock, dialog)) == 0
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)):
        qtbot.keyClick(lock.form.passphrase, key, modifier)  # each would close the dialog
    qtbot.wait(300)  # a button's shortcut clicks it after 100 ms
    lock.form.passphrase.clear()  # Alt+M, no shortcut now, typed an "m"
    qtbot.keyClicks(name, "x")
    assert dialog.isVisible() and dialog.result() == 0
    type_passphrase(qtbot, lock, RIGHT)
    assert dialog.isVisible() and dialog.windowTitle() == "Report for Jane Doe"
    assert name.text() == "Jane Doe, born 2 March 1979" and name.cursorPosition() == 4
    assert name.hasFocus()


def test_what_opens_while_locked_is_hidden_too(window, qtbot):
    lock, _verify = make_lock(window)
    lock.lock_now()
    window.statusBar().showMessage("Saved the flare of Tue 3 June")
    window.statusBar().show()  # a part of the window shown by the program meanwhile
    qtbot.waitUntil(lambda: not window.statusBar().isVisible())
    dialog, _name = dialog_of(window)  # a dialog the program opens meanwhile
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    qtbot.waitUntil(lambda: lock.form.window() is dialog)
    assert dialog.windowTitle() == LOCKED_TITLE and lock.form.passphrase.hasFocus()
    assert pixels_off(dialog.grab().toImage(), background(dialog), card_rect(lock, dialog)) == 0
    dialog.done(0)  # closed by the program: the form comes back to the window
    qtbot.waitUntil(lambda: lock.form.window() is window)
    assert lock.form.isVisible()
    type_passphrase(qtbot, lock, RIGHT)
    assert not lock.is_locked() and window.statusBar().isVisible()
    assert dialog.windowTitle() == "Report for Jane Doe"


def test_a_message_box_waiting_for_an_answer_is_grown_to_unlock_and_kept(window, qtbot):
    lock, _verify = make_lock(window)
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved flare",
                      "A flare with 4 regions was not saved. Restore it?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, window)
    seen = {}

    def while_it_waits():
        try:
            qtbot.waitExposed(box)
            qtbot.wait(20)
            size = box.size()
            lock.lock_now()
            qtbot.wait(20)
            seen["in the box"] = lock.form.window() is box
            card = card_rect(lock, box)
            seen["card fits"] = QRect(QPoint(0, 0), box.size()).contains(card)
            for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)):
                qtbot.keyClick(lock.form.passphrase, key, modifier)
            qtbot.wait(300)  # a button's shortcut clicks it after 100 ms
            seen["still asking"] = box.isVisible()
            lock.form.passphrase.clear()  # Alt+N, no shortcut now, typed an "n"
            type_passphrase(qtbot, lock, RIGHT)
            seen["size back"] = box.size() == size
            box.button(QMessageBox.StandardButton.Yes).click()
        finally:
            if box.isVisible():
                box.done(0)

    QTimer.singleShot(0, while_it_waits)
    assert box.exec() == QMessageBox.StandardButton.Yes
    assert seen == {"in the box": True, "card fits": True, "still asking": True,
                    "size back": True}


@pytest.mark.parametrize("text, back", [("#000000", "#efefef"), ("#f0f0f0", "#2b2b2b")])
def test_the_lock_takes_its_colours_from_the_palette(window, qtbot, text, back):
    before = QApplication.palette()
    palette = QPalette(before)
    for role, colour in ((QPalette.ColorRole.WindowText, text), (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Window, back), (QPalette.ColorRole.Base, back)):
        palette.setColor(role, QColor(colour))
    QApplication.setPalette(palette)
    try:
        lock, _verify = make_lock(window)
        lock.lock_now()
        qtbot.wait(20)
        image = window.grab().toImage()
        assert pixels_off(image, QColor(back), card_rect(lock, window)) == 0
        title = lock._covers[0].title
        assert title.palette().color(title.foregroundRole()) == QColor(text)
    finally:
        QApplication.setPalette(before)
