"""The map's key for a referred zone left unrated: shown while the flare has one, so the
pale, hatched "?" on the map is read as "referred, not rated", not as a mistake."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from fibromap.domain.flare import SiteRole
from fibromap.domain.flare_marks import FlareMarks
from fibromap.figure.region_item import REFERRED_NOT_RATED

KEY_TEXT = f"Pale, hatched, “?”: {REFERRED_NOT_RATED}. Click it, type 0–9 to rate it."


class UnratedKey(QLabel):
    """Says what an unrated referred zone looks like while ``marks`` holds one."""

    def __init__(self, marks: FlareMarks):
        super().__init__(KEY_TEXT, wordWrap=True)
        self.setStyleSheet("color: palette(placeholder-text);")
        self._marks = marks
        marks.events.changed.connect(lambda _regions: self._follow())
        self.hide()  # until the marks change: a label with no parent yet is never shown

    def _follow(self) -> None:
        self.setVisible(any(mark.role is SiteRole.REFERRED and mark.intensity is None
                            for _region, mark in self._marks.marks()))
