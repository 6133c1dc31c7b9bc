"""What a person would see as cut or crowded, found in a live widget tree.

``problems(root)`` walks every visible widget under ``root`` and names each:
- label, button, check box, tab, header or group title whose text is wider than the room
  it has (clipped or elided), or a wrapped label shorter than its text needs;
- widget reaching outside its parent;
- scroll area (a form, not a table) that needs a horizontal scrollbar;
- two text items drawn in the same map or chart that overlap;
- text a widget paints itself (it lists it with ``text_boxes()``) cut by its edge or
  overlapping other text.
Each problem is one line naming the widget by its text, so a failure reads as a bug report.
"""

from __future__ import annotations

import re
from itertools import combinations

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractScrollArea, QAbstractSlider,
    QAbstractSpinBox, QCheckBox, QComboBox, QGraphicsSimpleTextItem, QGraphicsTextItem,
    QGraphicsView, QGroupBox, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QRadioButton, QScrollArea, QScrollBar, QStyle, QStyleOptionButton, QTabBar, QTextEdit,
    QWidget,
)

SLACK = 1  # pixels: rounding in font metrics
_TAG = re.compile(r"<(/?[a-zA-Z]+|!--)[^>]*>")  # as Qt tells rich text from plain


def problems(root: QWidget) -> list[str]:
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        for check in CHECKS:
            problem = check(widget)
            if problem:
                found.append(f"{_name(widget)}: {problem}")
    return found


def _shown(widget: QWidget, root: QWidget) -> bool:
    if widget is not root and not widget.isVisibleTo(root):
        return False
    if widget.width() <= 0 or widget.height() <= 0:
        return False
    # Inside a scroll area, what is scrolled out of sight is not cut, only off-screen.
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not root:
        area = ancestor.parentWidget()
        if isinstance(area, QAbstractScrollArea) and ancestor is area.viewport():
            place = QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())
            if not place.intersects(ancestor.rect()):
                return False
        ancestor = area
    return True


def _name(widget: QWidget) -> str:
    text = ""
    for attribute in ("text", "title", "windowTitle"):
        getter = getattr(widget, attribute, None)
        if callable(getter):
            try:
                text = getter()
            except TypeError:
                continue
            if text:
                break
    text = " ".join(str(text).split())
    label = f"{type(widget).__name__} {text[:60]!r}" if text else type(widget).__name__
    return label + (f" ({widget.objectName()})" if widget.objectName() else "")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _text_width(widget: QWidget, text: str, rich: bool = False) -> int:
    if rich:
        document = QTextDocument()
        document.setDefaultFont(widget.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        return int(document.idealWidth() + 0.999)
    metrics = widget.fontMetrics()
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _label(widget: QWidget) -> str | None:
    if not isinstance(widget, QLabel) or not widget.text() or widget.pixmap() and \
            not widget.pixmap().isNull():
        return None
    room = widget.contentsRect().adjusted(widget.margin(), widget.margin(),
                                          -widget.margin(), -widget.margin())
    if widget.indent() > 0:
        room.setWidth(room.width() - widget.indent())
    rich = widget.textFormat() == Qt.TextFormat.RichText or (
        widget.textFormat() == Qt.TextFormat.AutoText and _TAG.search(widget.text()) is not None)
    if widget.wordWrap():
        needed = widget.heightForWidth(widget.width())
        if needed > widget.height() + SLACK:
            return f"wrapped text needs {needed} px of height, has {widget.height()}"
        return None
    width = _text_width(widget, widget.text(), rich)
    if width > room.width() + SLACK:
        return f"text needs {width} px, has {room.width()}"
    return None


def _button(widget: QWidget) -> str | None:
    if not isinstance(widget, QAbstractButton) or not widget.text():
        return None
    if isinstance(widget, (QCheckBox, QRadioButton)):
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        element = (QStyle.SubElement.SE_CheckBoxContents if isinstance(widget, QCheckBox)
                   else QStyle.SubElement.SE_RadioButtonContents)
        room = widget.style().subElementRect(element, option, widget).width()
    elif isinstance(widget, QPushButton):
        room = widget.contentsRect().width() - 2 * widget.style().pixelMetric(
            QStyle.PixelMetric.PM_ButtonMargin, None, widget) // 2
        if not widget.icon().isNull():
            room -= widget.iconSize().width() + 4
    else:  # a tool button: its icon takes room unless it shows text only
        room = widget.contentsRect().width()
        text_only = getattr(widget, "toolButtonStyle", lambda: None)() == \
            Qt.ToolButtonStyle.ToolButtonTextOnly
        if not widget.icon().isNull() and not text_only:
            room -= widget.iconSize().width()
    width = _text_width(widget, _plain(widget.text()))
    if width > room + SLACK:
        return f"text needs {width} px, has {room}"
    return None


def _tabs(widget: QWidget) -> str | None:
    if not isinstance(widget, QTabBar):
        return None
    for index in range(widget.count()):
        if not widget.isTabVisible(index):
            continue
        rect = widget.tabRect(index)
        width = _text_width(widget, _plain(widget.tabText(index)))
        if width > rect.width() - 8 or not widget.rect().contains(rect):
            return f"tab {widget.tabText(index)!r} is cut ({rect.width()} px for {width})"
    return None


def _header(widget: QWidget) -> str | None:
    if not isinstance(widget, QHeaderView) or widget.model() is None:
        return None
    model = widget.model()
    horizontal = widget.orientation() == Qt.Orientation.Horizontal
    for section in range(widget.count()):
        if widget.isSectionHidden(section):
            continue
        text = model.headerData(section, widget.orientation(), Qt.ItemDataRole.DisplayRole)
        if not text or not horizontal:
            continue
        size = widget.sectionSize(section)
        width = _text_width(widget, str(text)) + 2 * widget.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMargin, None, widget)
        if width > size + SLACK:
            return f"column {text!r} needs {width} px, has {size}"
    return None


def _group(widget: QWidget) -> str | None:
    if not isinstance(widget, QGroupBox) or not widget.title():
        return None
    width = _text_width(widget, _plain(widget.title()))
    if width > widget.width() - 10:
        return f"title needs {width} px, has {widget.width()}"
    return None


def _combo(widget: QWidget) -> str | None:
    if not isinstance(widget, QComboBox) or widget.isEditable() or not widget.currentText():
        return None
    if widget.width() + SLACK < widget.minimumSizeHint().width() and \
            widget.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
        return f"choice {widget.currentText()!r} is cut ({widget.width()} px)"
    return None


def _outside(widget: QWidget) -> str | None:
    if widget.isWindow() or isinstance(widget, (QLabel, QAbstractButton)):
        return None
    parent = widget.parentWidget()
    # A scroll area's viewport holds content larger than itself on purpose.
    if parent is not None and parent.parentWidget() is not None and \
            not isinstance(parent.parentWidget(), QAbstractScrollArea):
        outside = not QRect(0, 0, parent.width(), parent.height()).adjusted(
            -SLACK, -SLACK, SLACK, SLACK).contains(QWidget.geometry(widget))
        if outside:
            return f"reaches outside its parent ({QWidget.geometry(widget).getRect()} in " \
                   f"{parent.width()}x{parent.height()})"
    return None


def _scroll(widget: QWidget) -> str | None:
    if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
        return "needs a horizontal scrollbar"
    return None


def _drawn_text(widget: QWidget) -> str | None:
    """Text items of a map or chart must not overlap one another."""
    if not isinstance(widget, QGraphicsView) or widget.scene() is None:
        return None
    shown = QRectF(widget.mapToScene(widget.viewport().rect()).boundingRect())
    rects = []
    for item in widget.scene().items():
        if not isinstance(item, (QGraphicsSimpleTextItem, QGraphicsTextItem)):
            continue
        if not item.isVisible() or item.opacity() == 0:
            continue
        text = item.text() if isinstance(item, QGraphicsSimpleTextItem) else item.toPlainText()
        if not text.strip():
            continue
        rect = item.sceneBoundingRect()
        if shown.intersects(rect):
            rects.append((text, rect))
    for (text_a, a), (text_b, b) in combinations(rects, 2):
        overlap = a.intersected(b)
        if overlap.width() > 1 and overlap.height() > 1:
            return f"drawn texts {text_a!r} and {text_b!r} overlap"
    return None


def _painted(widget: QWidget) -> str | None:
    """A widget that paints its own text says where: ``text_boxes()`` gives each text with
    the rectangle it is drawn in; each must lie inside the widget and touch no other."""
    boxes = getattr(widget, "text_boxes", None)
    if not callable(boxes):
        return None
    drawn = list(boxes())
    inside = QRectF(widget.rect()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
    for text, rect in drawn:
        if not inside.contains(rect):
            return f"painted text {text!r} is cut by the edge"
    for (text_a, a), (text_b, b) in combinations(drawn, 2):
        overlap = a.intersected(b)
        if overlap.width() > 1 and overlap.height() > 1:
            return f"painted texts {text_a!r} and {text_b!r} overlap"
    return None


CHECKS = (_label, _button, _tabs, _header, _group, _combo, _outside, _scroll, _drawn_text,
          _painted)


CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider,
            QAbstractItemView, QGraphicsView, QTextEdit, QPlainTextEdit)


def unnamed(root: QWidget) -> list[str]:
    """Controls a screen reader could not name: no accessible name, no text of their own,
    and no label that names them (a QLabel whose buddy they are)."""
    labelled = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not _shown(widget, root):
            continue
        if widget.accessibleName() or id(widget) in labelled:
            continue
        if isinstance(widget, QAbstractButton) and _plain(widget.text()).strip():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(),
                                                         (QAbstractSpinBox, QComboBox)):
            continue  # the inside of a spin box or combo box: the outer control is named
        if isinstance(widget, QAbstractSlider) and isinstance(widget.parentWidget(),
                                                               QScrollBar):
            continue
        if isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName().startswith("qt_"):
            continue
        found.append(_name(widget) + (f" in {_name(widget.parentWidget())}"
                                      if widget.parentWidget() else ""))
    return found
