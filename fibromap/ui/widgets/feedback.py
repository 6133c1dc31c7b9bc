"""A line that says what just happened: saved (green) or not, and why (red)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from fibromap.i18n import _

PADDING = 6
BORDER = 1
ERROR_STYLE = ("background: #fdecea; color: #8a1c12; border: 1px solid #e6a39c; "
               f"border-radius: 4px; padding: {PADDING}px;")
DONE_STYLE = ("background: #e8f3ea; color: #1d5b2a; border: 1px solid #9fcca9; "
              f"border-radius: 4px; padding: {PADDING}px;")


class FeedbackLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(_("Message"))
        self.is_error = False
        # An error may need to be copied into a message to someone: its words can be selected.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def reserve(self, lines: int) -> None:
        """Keep room for ``lines`` lines of message even while none is shown, so that a
        message appearing or going moves nothing on screen (a click meant for a button
        must not land on another). A longer message takes more room."""
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(lines * self.fontMetrics().lineSpacing() + 2 * (PADDING + BORDER))

    def say(self, text: str, *, error: bool) -> None:
        self.is_error = error
        self.setText(text)
        self.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.setVisible(bool(text))

    def forget(self) -> None:
        """Take the message away (its reserved room stays)."""
        self.setText("")
        self.hide()
