"""A 0–10 (or 0–3) slider that can be left unanswered: then it has no handle, since a
handle at the left end reads as 0. The check-in's scales and the body map's intensity use
it."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionFocusRect, QStyleOptionSlider, QStylePainter

from fibromap.i18n import N_, _

TEN_WINDOW_SECONDS = 0.8  # "1" then "0" within this time means 10
NOT_SET = N_("not set")  # shown as _(NOT_SET)


class AnswerSlider(QSlider):
    """A 0–``maximum`` slider that can be unanswered: then it shows no handle (a handle at
    the left end would read as 0); a click puts the handle where it lands, a key sets a
    value (a digit above the top is no answer of this scale, and is ignored)."""

    answerChanged = Signal()

    def __init__(self, clearable: bool = True, maximum: int = 10):
        super().__init__(Qt.Orientation.Horizontal)
        self.setRange(0, maximum)
        self.setPageStep(1)
        self._clearable = clearable  # Delete and Backspace take the answer away
        self.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.setTickInterval(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.answered = False
        self._last_digit = 0.0  # when a digit was last typed (for "1 0" = 10)
        self.setAccessibleDescription(_(NOT_SET))
        self.valueChanged.connect(lambda _v: self._answer(True))

    def _answer(self, answered: bool) -> None:
        changed = answered != self.answered
        self.answered = answered
        self.update()
        self.answerChanged.emit()
        if changed:
            self.setAccessibleDescription("" if answered else _(NOT_SET))

    def clear(self) -> None:
        self._answer(False)

    def _set_answer(self, value: int) -> None:
        """The person's answer: said once (a changed value says so by itself)."""
        if value != self.value():
            self.setValue(value)  # valueChanged answers
        else:
            self._answer(True)

    def set_answer(self, value: int | None) -> None:
        """Show ``value``, or no handle for None, without saying the person moved it."""
        was_blocked = self.blockSignals(True)
        self.setValue(self.minimum() if value is None else value)
        self.blockSignals(was_blocked)
        self._answer(value is not None)

    def _value_at(self, x: float) -> int:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style = self.style()
        groove = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                      QStyle.SubControl.SC_SliderGroove, self)
        handle = style.subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                      QStyle.SubControl.SC_SliderHandle, self)
        span = groove.width() - handle.width()
        return QStyle.sliderValueFromPosition(self.minimum(), self.maximum(),
                                              round(x - groove.x() - handle.width() / 2), span)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            # Straight to where the click lands (not a step towards it), so the handle is
            # under the pointer and can be dragged on from there.
            self._set_answer(self._value_at(event.position().x()))
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._clearable:
                self.clear()
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            value, now = key - Qt.Key.Key_0, time.monotonic()
            if (value == 0 and self.answered and self.value() == 1 and self.maximum() >= 10
                    and now - self._last_digit < TEN_WINDOW_SECONDS):
                value = 10  # "1" then "0" quickly, as on the body map
            self._last_digit = now
            if value <= self.maximum():
                self._set_answer(value)
        elif not self.answered and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                           Qt.Key.Key_Down, Qt.Key.Key_PageUp,
                                           Qt.Key.Key_PageDown):
            self._set_answer(self.maximum() // 2)  # a first step starts from the middle, not 0
        else:
            super().keyPressEvent(event)
            if key in (Qt.Key.Key_Home, Qt.Key.Key_End) and not self.answered:
                self._answer(True)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Scrolling past an unanswered scale, or one not being worked on, must not answer it
        # or change it: the wheel goes on to the page, which scrolls.
        if not (self.answered and self.hasFocus()):
            event.ignore()
            return
        super().wheelEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.answered:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        option.subControls = QStyle.SubControl.SC_SliderGroove | QStyle.SubControl.SC_SliderTickmarks
        option.sliderPosition = option.sliderValue = self.minimum()  # no filled part either
        painter.drawComplexControl(QStyle.ComplexControl.CC_Slider, option)
        if self.hasFocus():  # with no handle to carry it, the focus frames the whole scale
            frame = QStyleOptionFocusRect()
            frame.initFrom(self)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame)
