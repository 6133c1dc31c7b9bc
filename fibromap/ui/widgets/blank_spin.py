"""Number boxes that can be left empty ("not set", "relief?", "–": the lowest value shown
as words), where a digit typed while the words show replaces them.

A plain QSpinBox keeps its special text and takes the digit after it ("not set7"), which
it refuses, so a typed value vanished unless the person selected the text first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox


def _typed_over_the_words(box, event) -> None:
    """Before a digit, a minus or a decimal point is typed into a box showing its words for
    "not set", select them, so that what is typed takes their place."""
    if (box.specialValueText() and box.value() == box.minimum()
            and event.text() and event.text() in "0123456789.,-"):
        box.lineEdit().selectAll()


class BlankSpinBox(QSpinBox):
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        _typed_over_the_words(self, event)
        super().keyPressEvent(event)


class BlankDoubleSpinBox(QDoubleSpinBox):
    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        _typed_over_the_words(self, event)
        super().keyPressEvent(event)
