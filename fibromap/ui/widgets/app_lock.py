"""The app lock: after some minutes without a key pressed, a click or the mouse moved in
the window or its dialogs, every view is hidden until the passphrase is typed again.

Locking closes, resets and saves nothing: the window's contents are hidden (the main
window's) or covered (its open dialogs, which hiding would close) and shown again as they
were, focus and typed text too. While locked, input to the window goes nowhere but to the
passphrase form, and no shortcut or menu acts. A native file dialog (not drawn by Qt)
cannot be covered: it stays, and the passphrase can be typed once it is closed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QToolTip, QWidget

from fibromap.errors import FibroMapError
from fibromap.i18n import _, ngettext
from fibromap.ui.widgets.lock_screen import LockCover, UnlockForm, locked_title

COUNTDOWN_MS = 250
T = QEvent.Type
# What counts as the person being there.
ACTIVITY = frozenset({T.KeyPress, T.MouseButtonPress, T.MouseButtonDblClick, T.MouseMove,
                      T.Wheel, T.TouchBegin, T.TabletPress})
# What, while locked, reaches nothing but the passphrase form.
INPUT = ACTIVITY | {T.KeyRelease, T.MouseButtonRelease, T.ContextMenu, T.TouchUpdate,
                    T.TouchEnd, T.TabletMove, T.TabletRelease, T.DragEnter, T.DragMove,
                    T.Drop, T.ToolTip, T.WhatsThis, T.InputMethod, T.HoverEnter, T.HoverMove}
WATCHED = INPUT | {T.ShortcutOverride, T.Show, T.Hide, T.Resize, T.Close,
                   T.WindowTitleChange, T.LayoutRequest}
# A window's event while locked: (window, event, its cover) -> whether it stops there.
_WindowEvent = Callable[[QWidget, QEvent, LockCover | None], bool]


class Attempts(Protocol):
    """Wrong passphrases in a row (fibromap.store.attempts.UnlockAttempts keeps them)."""

    @property
    def failures(self) -> int: ...  # read only: the lock never sets the count itself

    def wait(self) -> float: ...
    def failed(self) -> None: ...
    def succeeded(self) -> None: ...


class AppLock(QObject):
    """Locks ``window`` after ``minutes`` without input to it (0: never; fractions are
    allowed), or at lock_now(); ``verify(passphrase)`` says whether a passphrase unlocks.
    With ``attempts``, wrong passphrases are counted and, after five in a row, each
    further try waits as long as ``attempts.wait()`` says."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow, verify: Callable[[str], bool], minutes: float,
                 attempts: Attempts | None = None, parent: QObject | None = None):
        super().__init__(parent if parent is not None else window)
        self._window = window
        self._verify = verify
        self._attempts = attempts
        self._minutes = 0.0
        self._locked = False
        self._covers: list[LockCover] = []
        self._hidden: list[QWidget] = []  # the main window's parts hidden while locked
        self._focus: list[QWidget] = []  # each window's focus widget when it locked
        self._menu_bar_was_enabled = True
        # What a window's event does while locked; an event stops there if it says True.
        self._window_events: dict[QEvent.Type, _WindowEvent] = {
            T.Show: self._window_shown, T.Hide: self._window_hidden,
            T.Resize: self._window_resized, T.LayoutRequest: self._window_laid_out,
            T.WindowTitleChange: self._window_retitled, T.Close: self._window_closing}
        self.form = UnlockForm(window)  # kept hidden in the window until it locks
        self.form.hide()
        self.form.tried.connect(self._try)
        # Precise: a coarse timer may fire 5 % early or late (3 minutes in an hour).
        self._idle = QTimer(self, singleShot=True, timerType=Qt.TimerType.PreciseTimer)
        self._idle.timeout.connect(self.lock_now)
        self._countdown = QTimer(self, interval=COUNTDOWN_MS)
        self._countdown.timeout.connect(self._tick)
        self.set_minutes(minutes)
        app = QApplication.instance()
        assert app is not None, "a lock is made once the application exists"
        app.installEventFilter(self)

    # -- what the window's menus and settings use ------------------------------------
    @property
    def minutes(self) -> float:
        return self._minutes

    def set_minutes(self, minutes: float) -> None:
        """Lock after ``minutes`` idle from now on (0: never by itself)."""
        self._minutes = max(0.0, float(minutes))
        self._idle.setInterval(max(1, round(self._minutes * 60_000)))
        if self._minutes and not self._locked:
            self._idle.start()
        else:
            self._idle.stop()

    def is_locked(self) -> bool:
        return self._locked

    def lock_now(self) -> None:
        """Hide everything the window and its dialogs show, and ask for the passphrase."""
        if self._locked:
            return
        self._locked = True
        self._idle.stop()
        QToolTip.hideText()
        self._close_popups()
        tops = self._windows_shown()
        self._focus = [w.focusWidget() for w in tops if w.focusWidget() is not None]
        for top in tops:
            self._cover(top)
        self._place_form()
        self._hide_parts()
        bar = self._window.menuBar()
        self._menu_bar_was_enabled = bar.isEnabled()
        bar.setEnabled(False)  # a native menu bar (macOS) is outside the window
        self._tick()
        self.locked.emit()

    def _close_popups(self) -> None:
        """Close the window's open menus and lists (a popup is above any cover)."""
        popup = QApplication.activePopupWidget()
        while popup is not None and self._belongs(popup):
            popup.close()
            popup = QApplication.activePopupWidget()

    def _windows_shown(self) -> list[QWidget]:
        """The main window and every dialog of it that is shown: the windows to cover."""
        return [self._window] + [w for w in QApplication.topLevelWidgets()
                                 if w is not self._window and w.isVisible() and self._belongs(w)]

    def _hide_parts(self) -> None:
        """Hide the main window's parts too (not only cover them): then nothing in them can
        be reached, by the mouse, the keyboard or a screen reader."""
        self._hidden = [child for child in self._window.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if not child.isWindow() and child.isVisibleTo(self._window)
            and not isinstance(child, LockCover)]
        for child in self._hidden:
            child.hide()

    # -- unlocking -----------------------------------------------------------------------
    def _try(self, passphrase: str) -> None:
        if not self._locked or self._waiting():
            return
        if not passphrase:
            self.form.say(_("Type the passphrase first."))
            return
        try:
            right = self._verify(passphrase)
        except (FibroMapError, OSError) as exc:  # the records cannot be read: not a wrong try
            self.form.say(_("The passphrase could not be checked: {error}").format(error=exc))
            return
        if not right:
            if self._attempts is not None:
                self._attempts.failed()
            self.form.say(_("That passphrase is wrong; try again."))
            self._tick()
            return
        if self._attempts is not None:
            self._attempts.succeeded()
        self._unlock()

    def _waiting(self) -> bool:
        return self._attempts is not None and self._attempts.wait() > 0

    def _tick(self) -> None:
        """While wrong tries make the next one wait: the button is off and counts down."""
        attempts = self._attempts
        wait = attempts.wait() if attempts is not None else 0.0
        self.form.wait(math.ceil(wait) if wait > 0 else 0)
        if attempts is not None and wait > 0:
            failures = attempts.failures
            self.form.say(ngettext("{count} wrong passphrase in a row: each further try waits.",
                                   "{count} wrong passphrases in a row: each further try waits.",
                                   failures).format(count=failures))
            self._countdown.start()
        else:
            self._countdown.stop()

    def _unlock(self) -> None:
        self._locked = False
        self._countdown.stop()
        self.form.say("")
        self.form.hide()
        self.form.setParent(self._window)  # out of the covers about to go
        for child in self._hidden:
            if shiboken6.isValid(child):
                child.show()
        self._hidden = []
        self._window.menuBar().setEnabled(self._menu_bar_was_enabled)
        for cover in self._covers:
            if shiboken6.isValid(cover):
                cover.remove()
        self._covers = []
        # Focus goes back where it was, as after a popup: a field keeps its selection.
        for widget in self._focus:
            if shiboken6.isValid(widget) and widget.isVisible():
                widget.setFocus(Qt.FocusReason.PopupFocusReason)
        self._focus = []
        if self._minutes:
            self._idle.start()
        self.unlocked.emit()

    # -- the windows covered ---------------------------------------------------------------
    def _belongs(self, widget: QWidget) -> bool:
        """Whether ``widget`` is in the window or in a window opened from it (a dialog)."""
        top: QWidget | None = widget.window()
        while top is not None:
            if top is self._window:
                return True
            parent = top.parentWidget()
            top = parent.window() if parent is not None else None
        return False

    def _cover_of(self, top: QWidget) -> LockCover | None:
        return next((c for c in self._covers if shiboken6.isValid(c) and c.host is top), None)

    def _cover(self, top: QWidget) -> None:
        if self._cover_of(top) is not None:
            return
        cover = LockCover(top)
        cover.show()
        self._covers.append(cover)
        top.setWindowTitle(locked_title())

    def _place_form(self) -> None:
        """The form goes on the window in front: a modal dialog blocks the ones behind."""
        if not self._locked:
            return
        front = QApplication.activeModalWidget()
        if front is None or not self._belongs(front) or self._cover_of(front) is None:
            front = self._window
        holder = self._cover_of(front)
        assert holder is not None, "the window is covered while locked"
        for cover in self._covers:
            if shiboken6.isValid(cover) and cover is not holder:
                cover.let_go()
        if self.form.parentWidget() is not holder.card:
            holder.hold(self.form)
        self.form.setFocus(Qt.FocusReason.PopupFocusReason)

    # -- everything the window is sent -------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if not self._locked:
            self._note_activity(watched, kind)
            return False
        if kind not in WATCHED or not isinstance(watched, QWidget) or not self._belongs(watched):
            return False
        if kind == T.ShortcutOverride:
            # Accepted here, keys are typed rather than taken as a shortcut of the window's
            # (its menus, its views, Escape or Enter in a dialog).
            event.accept()
            return True
        if kind in INPUT:
            return self._input_while_locked(watched, kind)
        if watched.isWindow():
            return self._window_changed(watched, event)
        if kind == T.Show and not isinstance(watched, LockCover):
            self._part_shown(watched)
        return False

    def _note_activity(self, watched: QObject, kind: QEvent.Type) -> None:
        """While unlocked: input to the window or its dialogs starts the idle time again."""
        if (kind in ACTIVITY and self._minutes and isinstance(watched, QWidget)
                and self._belongs(watched)):
            self._idle.start()

    def _input_while_locked(self, watched: QWidget, kind: QEvent.Type) -> bool:
        """Whether input is swallowed: all of it is, but what goes to the passphrase form."""
        if self.form.isAncestorOf(watched):
            return False
        if kind == T.KeyPress:  # the focus had gone astray: back to the passphrase
            self.form.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _window_changed(self, window: QWidget, event: QEvent) -> bool:
        """One of the windows shown, hidden, resized, retitled or closed while locked;
        whether the event stops there."""
        handle = self._window_events.get(event.type())
        return handle(window, event, self._cover_of(window)) if handle is not None else False

    def _window_shown(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        if window.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
            QTimer.singleShot(0, window.close)  # a tip or an open list: nothing lost
            return False
        if cover is None:
            self._cover(window)
        QTimer.singleShot(0, self._place_form)  # a dialog opened in front takes the form
        return False

    def _window_hidden(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        if cover is None:
            return False
        if window is not self._window and cover.isAncestorOf(self.form):
            # Never left in a window that may be deleted next; placed again after.
            window_cover = self._cover_of(self._window)
            assert window_cover is not None, "the window is covered while locked"
            window_cover.hold(self.form)
        QTimer.singleShot(0, self._place_form)
        return False

    def _window_resized(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        if cover is not None:
            cover.fill()
        return False

    def _window_laid_out(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        # Stopped: a message box would shrink back to its own size, cutting the card.
        return cover is not None and cover.saved_limits is not None

    def _window_retitled(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        if cover is not None and window.windowTitle() != locked_title():
            cover.saved_title = window.windowTitle()  # the title to show when unlocked
            QTimer.singleShot(0, lambda: self._retitle(window))
        return False

    def _window_closing(self, window: QWidget, event: QEvent, cover: LockCover | None) -> bool:
        if event.spontaneous() and window is not self._window:
            event.ignore()  # a dialog keeps what it holds (quitting FibroMap stays possible)
            return True
        return False

    def _part_shown(self, widget: QWidget) -> None:
        """Something shown inside a window while locked, perhaps above its cover."""
        parent = widget.parentWidget()
        if parent is self._window:
            # A part of the main window (a dock, a tool bar): hidden, and shown with the rest.
            self._hidden.append(widget)
            QTimer.singleShot(0, lambda: self._hide_part(widget))
            return
        cover = self._cover_of(parent) if parent is not None else None
        if cover is not None:
            QTimer.singleShot(0, lambda: self._fill(cover))

    def _retitle(self, window: QWidget) -> None:
        """A window retitled while locked keeps showing the locked title."""
        if self._locked:
            window.setWindowTitle(locked_title())

    def _hide_part(self, widget: QWidget) -> None:
        if self._locked and shiboken6.isValid(widget):
            widget.hide()

    @staticmethod
    def _fill(cover: LockCover) -> None:
        if shiboken6.isValid(cover):
            cover.fill()
