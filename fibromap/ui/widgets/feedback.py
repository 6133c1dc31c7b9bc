"""A line that says what just happened: saved (green) or not, and why (red)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = ("background: #fdecea; color: #8a1c12; border: 1px solid #e6a39c; "
               "border-radius: 4px; padding: 6px;")
DONE_STYLE = ("background: #e8f3ea; color: #1d5b2a; border: 1px solid #9fcca9; "
              "border-radius: 4px; padding: 6px;")


class FeedbackLabel(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Message")
        self.is_error = False
        self.hide()

    def say(self, text: str, *, error: bool) -> None:
        self.is_error = error
        self.setText(text)
        self.setStyleSheet(ERROR_STYLE if error else DONE_STYLE)
        self.setVisible(bool(text))
