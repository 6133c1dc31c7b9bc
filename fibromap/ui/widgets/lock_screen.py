"""What a locked window shows: an opaque cover in the palette's window colour over all of
it, and on the window in front, the passphrase form (app_lock.py decides when)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fibromap import APP_NAME
from fibromap.i18n import N_, _
from fibromap.ui.icon import app_icon
from fibromap.ui.widgets.feedback import FeedbackLabel
from fibromap.ui.widgets.headings import TITLE, heading
from fibromap.ui.widgets.muted import MutedLabel

LOCKED = N_("{app} — locked")
LOCKED_TITLE = LOCKED.format(app=APP_NAME)  # in English; locked_title() in the language chosen
CARD_WIDTH = 480  # fits a 1024-pixel window with room to spare, and the longest message
ICON_SIZE = 48
ASK = N_("Your records are hidden until the passphrase is typed. All you were doing, "
         "the flare being typed too, is kept as it was.")
ELSEWHERE = N_("Type the passphrase in the {app} window in front.")
READY = N_("Unlock")


def locked_title() -> str:
    """A locked window's title, in the language of the moment: FibroMap — locked."""
    return _(LOCKED).format(app=APP_NAME)


def _try_again(seconds: int) -> str:
    return _("Try again in {seconds} s").format(seconds=seconds)


class UnlockForm(QWidget):
    """The passphrase field, the Unlock button and a one-line message."""

    tried = Signal(str)  # the passphrase typed; the field is already cleared

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.unlock_button = QPushButton(_(READY))
        # Room for the countdown's words, so that the row does not shift when they come.
        self.unlock_button.setMinimumWidth(
            self.unlock_button.fontMetrics().horizontalAdvance(_try_again(300)) + 24)
        self.message = FeedbackLabel()
        self.message.reserve(1)
        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.passphrase.returnPressed.connect(self._submit)
        self.unlock_button.clicked.connect(self._submit)
        self.setFocusProxy(self.passphrase)

    def _submit(self) -> None:
        text = self.passphrase.text()
        self.passphrase.clear()  # the passphrase lingers nowhere, right or wrong
        self.tried.emit(text)

    def say(self, text: str) -> None:
        """A one-line message (an error: nothing unlocked); an empty text takes it away."""
        if text:
            self.message.say(text, error=True)
        else:
            self.message.forget()

    def wait(self, seconds: int) -> None:
        """Tries are off for ``seconds`` more (0: on again); the button counts down."""
        self.unlock_button.setEnabled(seconds <= 0)
        self.unlock_button.setText(_(READY) if seconds <= 0 else _try_again(seconds))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt's names
        # Tab goes between the field and the button only: never on to the hidden views.
        if self.passphrase.hasFocus() and self.unlock_button.isEnabled():
            self.unlock_button.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self.passphrase.setFocus(Qt.FocusReason.TabFocusReason)
        return True


class LockCover(QWidget):
    """Covers the whole of ``host`` (a window or one of its dialogs), opaque, so that
    nothing of it shows; says that FibroMap is locked and holds the form when asked."""

    def __init__(self, host: QWidget):
        super().__init__(host)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card = QFrame()
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setAutoFillBackground(True)
        self.card.setBackgroundRole(QPalette.ColorRole.Base)
        self.card.setFixedWidth(CARD_WIDTH)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        self.title = heading(_("{app} is locked").format(app=APP_NAME), TITLE)
        self.ask = QLabel(_(ASK), wordWrap=True)
        self.elsewhere = MutedLabel(_(ELSEWHERE).format(app=APP_NAME))
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1, Qt.AlignmentFlag.AlignVCenter)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(24, 20, 24, 16)
        self.card_layout.setSpacing(12)
        self.card_layout.addLayout(top)
        self.card_layout.addWidget(self.ask)
        self.card_layout.addWidget(self.elsewhere)
        # Stretches around the card, not an alignment: so the wrapped text's height is
        # reckoned at the card's own width and nothing in it is cut off.
        across = QHBoxLayout()
        across.addStretch(1)
        across.addWidget(self.card)
        across.addStretch(1)
        centred = QVBoxLayout(self)
        centred.addStretch(1)
        centred.addLayout(across)
        centred.addStretch(1)
        self.saved_title = host.windowTitle()
        self.saved_limits: tuple[QSize, QSize, QSize] | None = None  # grown to hold the form
        self.fill()

    @property
    def host(self) -> QWidget:
        host = self.parentWidget()
        assert host is not None, "a cover is made as a child of its host"
        return host

    def fill(self) -> None:
        """Cover the whole host again (after it was resized, or something was raised)."""
        self.setGeometry(self.host.rect())
        self.raise_()

    def hold(self, form: UnlockForm) -> None:
        """Take the form (from wherever it was): this is the window the person types in."""
        if form.parentWidget() is not self.card:
            self.card_layout.addWidget(form)
        form.show()
        self.ask.show()
        self.elsewhere.hide()
        self._fit()

    def let_go(self) -> None:
        """The form went to a window in front: say where to type."""
        self.ask.hide()
        self.elsewhere.show()

    def _fit(self) -> None:
        """Grow a host too small for the card (a message box) until unlocked."""
        host = self.host
        need = self.minimumSizeHint().expandedTo(self.sizeHint())
        if host.width() >= need.width() and host.height() >= need.height():
            return
        if self.saved_limits is None:
            self.saved_limits = (host.minimumSize(), host.maximumSize(), host.size())
        grown = host.size().expandedTo(need)
        host.setMaximumSize(host.maximumSize().expandedTo(grown))
        host.setMinimumSize(grown)
        host.resize(grown)
        self.fill()

    def remove(self) -> None:
        """Uncover the host, as it was: title, size limits and size."""
        host = self.host
        self.hide()
        if self.saved_limits is not None:
            minimum, maximum, size = self.saved_limits
            host.setMinimumSize(minimum)
            host.setMaximumSize(maximum)
            host.resize(size)
            if (layout := host.layout()) is not None:
                layout.invalidate()  # what it held back while grown
        host.setWindowTitle(self.saved_title)
        self.deleteLater()
