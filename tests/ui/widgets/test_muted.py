"""Muted notes still read: WCAG contrast 4.5:1 or more on a light and on a dark palette."""

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from fibromap.ui.widgets.muted import muted_style


def _luminance(color: QColor) -> float:  # WCAG 2, from its definition
    def linear(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
            + 0.0722 * linear(color.blueF()))


@pytest.mark.parametrize("text, window", [("#000000", "#efefef"), ("#ffffff", "#2b2b2b")])
def test_muted_text_keeps_its_contrast(qapp, text, window):
    before = QApplication.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    QApplication.setPalette(palette)
    try:
        muted = QColor(re.search(r"#[0-9a-f]{6}", muted_style()).group())
    finally:
        QApplication.setPalette(before)
    high, low = sorted((_luminance(muted), _luminance(QColor(window))), reverse=True)
    assert (high + 0.05) / (low + 0.05) >= 4.5
    assert muted != QColor(text)  # and it is quieter than the text


def test_a_muted_label_follows_a_change_of_theme(qapp, qtbot):
    from fibromap.ui.widgets.muted import MutedLabel

    label = MutedLabel("Association, not cause.")
    qtbot.addWidget(label)
    before = QApplication.palette()
    dark = QPalette(before)
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    light_style = label.styleSheet()
    QApplication.setPalette(dark)
    try:
        qtbot.waitUntil(lambda: label.styleSheet() != light_style)
        colour = QColor(re.search(r"#[0-9a-f]{6}", label.styleSheet()).group())
        assert colour.lightness() > 128  # light grey on the dark window, not dark grey
    finally:
        QApplication.setPalette(before)
