"""One insight as a card: its sentence in plain words first, the exact figures under it,
and its statistics, shown only when "How this is worked out" is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fibromap.analysis.insight_words import figures, lead, statistics
from fibromap.analysis.insights import Comparison
from fibromap.ui.widgets.muted import MutedLabel

CARD = ("InsightCard { background: palette(base); border: 1px solid palette(mid); "
        "border-radius: 6px; }")
NOTABLE = "InsightCard { border: 2px solid palette(highlight); }"
LEAD_SCALE = 1.08


def _selectable(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class InsightCard(QFrame):
    """A comparison's card; ``lead``, ``details`` and ``method`` are its three labels."""

    def __init__(self, comparison: Comparison, method_shown: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.comparison = comparison
        self.setStyleSheet(CARD + (NOTABLE if comparison.notable else ""))
        self.lead = _selectable(QLabel(lead(comparison), wordWrap=True))
        font = self.lead.font()
        font.setPointSizeF(font.pointSizeF() * LEAD_SCALE)
        font.setBold(comparison.notable)
        self.lead.setFont(font)
        self.details = _selectable(MutedLabel(figures(comparison)))
        self.method = _selectable(MutedLabel(statistics(comparison)))
        self.method.setVisible(method_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        for label in (self.lead, self.details, self.method):
            layout.addWidget(label)

    def text(self) -> str:
        """What the card says now, its first sentence first."""
        shown = [self.lead, self.details] + ([self.method] if self.method.isVisibleTo(self)
                                             else [])
        return "\n".join(label.text() for label in shown)

    def show_method(self, shown: bool) -> None:
        self.method.setVisible(shown)
