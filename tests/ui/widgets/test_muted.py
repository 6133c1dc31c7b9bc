"""Muted notes still read: WCAG contrast 4.5:1 or more on a light and on a dark palette."""

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from fibromap.ui.widgets.muted import muted_style
from tests.helpers.colour import wcag_contrast


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
    assert wcag_contrast(muted, QColor(window)) >= 4.5
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
