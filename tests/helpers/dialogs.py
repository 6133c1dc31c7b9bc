"""Answering the modal boxes the app shows, as a person would."""

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


@dataclass
class Seen:
    text: str
    details: str
    selectable: bool  # can its words be selected to copy


def answer_next_box(seen: list, button=None) -> None:
    """When the next message box opens, note what it says and press ``button`` (or close it)."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(Seen(box.text(), box.detailedText(), bool(
                box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse)))
            if button is None:
                box.close()
            else:
                box.button(button).click()
        else:
            QTimer.singleShot(20, answer)
    QTimer.singleShot(20, answer)
