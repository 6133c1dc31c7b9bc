"""Choosing body regions from a list: where an imported symptom is placed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.domain.atlas import Atlas
from fibromap.i18n import _


class RegionPicker(QDialog):
    """Tick the regions; none ticked keeps the symptom as a daily rating only."""

    def __init__(self, atlas: Atlas, chosen: tuple[str, ...], title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 520)
        self.filter = QLineEdit(placeholderText=_("Find a region…"), clearButtonEnabled=True)
        self.filter.setAccessibleName(_("Find a region"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Body regions"))
        for region in sorted(atlas, key=lambda r: r.name.lower()):
            item = QListWidgetItem(region.name)
            item.setData(Qt.ItemDataRole.UserRole, region.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if region.id in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.none = QPushButton(_("No place: a daily rating only"))
        self.none.clicked.connect(self._clear)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title, wordWrap=True))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.none)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._find)

    def _find(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(word in item.text().lower() for word in words))

    def _clear(self) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(Qt.CheckState.Unchecked)

    def set_chosen(self, regions: tuple[str, ...]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in regions
                               else Qt.CheckState.Unchecked)

    def chosen(self) -> tuple[str, ...]:
        return tuple(self.list.item(row).data(Qt.ItemDataRole.UserRole)
                     for row in range(self.list.count())
                     if self.list.item(row).checkState() == Qt.CheckState.Checked)
