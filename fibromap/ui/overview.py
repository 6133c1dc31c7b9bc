"""The first page: what has been recorded so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fibromap.domain.atlas import load_atlas
from fibromap.store.store import Store


class OverviewPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.setObjectName("overview")
        self._headline = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        font = self._headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self._headline.setFont(font)
        self._details = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self._details.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self._headline)
        layout.addSpacing(12)
        layout.addWidget(self._details)
        layout.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        summary = self._store.summary()
        if not summary.flares:
            self._headline.setText("No flares recorded yet")
            self._details.setText(f"{summary.checkins} daily check-ins")
            return
        latest = self._store.flares.latest()
        atlas = load_atlas()
        self._headline.setText(f"{summary.flares} flares recorded")
        lines = [
            f"From {summary.first_onset:%d %b %Y} to {summary.last_onset:%d %b %Y}, "
            f"{summary.flares_per_week:.1f} a week on average",
            f"Most recent: {latest.onset:%a %d %b %Y, %H:%M} — "
            + ", ".join(atlas.name(r) for r in latest.regions),
            f"{summary.checkins} daily check-ins",
        ]
        self._details.setText("\n".join(lines))
