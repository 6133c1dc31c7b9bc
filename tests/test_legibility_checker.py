"""The checker behind tests/ui/test_legible.py finds what a person would see as cut or
crowded, and stays quiet on a layout with room to spare."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox, QGraphicsScene, QGraphicsView, QLabel, QPushButton, QScrollArea, QTabWidget,
    QTableView, QVBoxLayout, QWidget,
)

from tests.helpers.legibility import problems

LONG = "Correcting the flare of Fri 20 Nov 2026, 11:20"


def shown(qtbot, *children, width=400, height=300):
    page = QWidget()
    qtbot.addWidget(page)
    for child in children:
        child.setParent(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_a_layout_with_room_has_no_problems(qtbot):
    page = QWidget()
    layout = QVBoxLayout(page)
    for widget in (QLabel(LONG), QPushButton("Save"), QCheckBox("Remind me every day")):
        layout.addWidget(widget)
    qtbot.addWidget(page)
    page.resize(600, 300)
    page.show()
    qtbot.waitExposed(page)
    assert problems(page) == []


def test_cut_label_button_and_check_box_are_named(qtbot):
    label, button, box = QLabel(LONG), QPushButton("Save this flare now"), QCheckBox("Remind me")
    label.setGeometry(0, 0, 120, 30)
    button.setGeometry(0, 40, 50, 30)
    box.setGeometry(0, 80, 40, 30)
    found = problems(shown(qtbot, label, button, box))
    assert any(line.startswith("QLabel 'Correcting") and "text needs" in line for line in found)
    assert any(line.startswith("QPushButton 'Save this") for line in found)
    assert any(line.startswith("QCheckBox 'Remind me'") for line in found)


def test_a_wrapped_label_too_short_for_its_lines(qtbot):
    label = QLabel(LONG * 4, wordWrap=True)
    label.setGeometry(0, 0, 150, 20)
    assert any("wrapped text needs" in line for line in problems(shown(qtbot, label)))


def test_a_cut_column_header(qtbot):
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["From", "Dose and how often it is taken"])
    table = QTableView()
    table.setModel(model)
    table.setGeometry(0, 0, 380, 200)
    table.horizontalHeader().resizeSection(1, 40)
    assert any("column 'Dose and" in line for line in problems(shown(qtbot, table)))


def test_a_cut_tab_and_a_form_that_scrolls_sideways(qtbot):
    tabs = QTabWidget()
    tabs.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
    for title in ("Medications and doses", "Heat-map of the body", "Check-in of the day"):
        tabs.addTab(QWidget(), title)
    tabs.setGeometry(0, 0, 200, 100)
    area = QScrollArea()
    inner = QWidget()
    inner.setMinimumWidth(900)
    area.setWidget(inner)
    area.setGeometry(0, 110, 300, 150)
    found = problems(shown(qtbot, tabs, area))
    assert any("tab 'Medications and doses' is cut" in line for line in found)
    assert any(line.startswith("QScrollArea") and "horizontal scrollbar" in line
               for line in found)


def test_overlapping_drawn_text_and_a_child_outside_its_parent(qtbot):
    scene = QGraphicsScene(0, 0, 300, 200)
    scene.addSimpleText("29").setPos(100, 100)
    scene.addSimpleText("102").setPos(108, 102)
    view = QGraphicsView(scene)
    view.setGeometry(0, 0, 380, 260)
    found = problems(shown(qtbot, view))
    assert any("drawn texts '29' and '102' overlap" in line or
               "drawn texts '102' and '29' overlap" in line for line in found)
    holder = QWidget()
    inner = QWidget(holder)
    holder.setGeometry(0, 0, 100, 100)
    inner.setGeometry(50, 50, 200, 40)
    assert any("reaches outside its parent" in line for line in problems(shown(qtbot, holder)))


def test_text_a_widget_paints_itself(qtbot):
    class Legend(QWidget):
        def text_boxes(self):
            return [("(intensity·minutes)", QRectF(0, 0, 180, 16)), ("0", QRectF(0, 20, 8, 16)),
                    ("10", QRectF(4, 20, 14, 16))]

    legend = Legend()
    legend.setGeometry(0, 0, 120, 40)
    found = problems(shown(qtbot, legend))
    assert any("'(intensity·minutes)' is cut by the edge" in line for line in found)
