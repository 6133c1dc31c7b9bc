"""A table of records to read and pick one from: whole rows, one at a time, not edited;
and, while it holds no row, a calm note in its place saying why and what to do."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget


def record_table(columns: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    return table


def fit_columns(table: QTableWidget, columns: Sequence[int], samples: Sequence[str] = (),
                padding: int = 20) -> None:
    """Make ``columns`` as wide as their widest cell or heading (or sample text, for the
    width an empty table should keep), with room either side, so that no column is
    squeezed against its neighbour while another stretches."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    for column in columns:
        heading = table.horizontalHeaderItem(column)
        texts = [heading.text() if heading is not None else "", *samples]
        texts += [item.text() for row in range(table.rowCount())
                  if (item := table.item(row, column)) is not None]
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in texts) + padding)


class EmptyNote(QLabel):
    """Words shown over an item view's empty area while its model has no rows.

    A label on the viewport, not a replacement for the table, so the column headings stay
    and the note goes the moment a row arrives.
    """

    MARGIN = 24

    def __init__(self, view: QAbstractItemView, text: str = ""):
        super().__init__(text, view.viewport())
        self._view = view
        self.setObjectName("emptyNote")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_shown)
        self._place()
        self.update_shown()

    def update_shown(self, *_args) -> None:
        self.setVisible(self._view.model().rowCount() == 0 and bool(self.text()))

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._place()
        self.update_shown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        # Near the top of the empty area, where the first row would be read, and no wider
        # than a comfortable line.
        area = self._view.viewport().rect().adjusted(self.MARGIN, self.MARGIN, -self.MARGIN,
                                                     -self.MARGIN)
        width = min(area.width(), self.fontMetrics().averageCharWidth() * 70)
        top = area.top() + area.height() // 6
        height = min(area.bottom() - top, self.heightForWidth(width) if width > 0 else 0)
        self.setGeometry(area.left() + (area.width() - width) // 2, top, width, max(0, height))
