"""Laying the report out: sections down the page in points, a running header and page
numbers on every page, and text that wraps inside the margins.

A section that does not fit on the rest of a page starts the next one, so no graph is
ever split. The pages are counted before anything is painted, so every footer can say
"page 2 of 3".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPainter

from fibromap.figure import colors

HEADER = 16.0   # points above the content on every page after the first
FOOTER = 14.0   # points below it
GAP = 10.0      # between sections
WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass
class Section:
    height: float | Callable[[float], float]   # points, or a function of the width
    draw: Callable[[QPainter, QRectF], None]   # into a box of that height

    def measure(self, width: float) -> float:
        return self.height(width) if callable(self.height) else self.height


def font(size: float, bold: bool = False) -> QFont:
    chosen = QFont("DejaVu Sans")
    chosen.setPointSizeF(size)
    chosen.setBold(bold)
    # No ligatures: "flares" copied out of the PDF or searched for stays "flares", not "ﬂares".
    for feature in ("liga", "clig"):
        chosen.setFeature(QFont.Tag(feature), 0)
    return chosen


_RULER: QImage | None = None


def _ruler() -> QImage:
    """A 72-dpi surface to measure text on: one unit is one point, as on the page. (The
    screen's metrics would measure a point as 1.33 pixels and leave gaps on the page.)"""
    global _RULER
    if _RULER is None:
        _RULER = QImage(1, 1, QImage.Format.Format_ARGB32)
        dots_per_metre = round(72 / 0.0254)
        _RULER.setDotsPerMeterX(dots_per_metre)
        _RULER.setDotsPerMeterY(dots_per_metre)
    return _RULER


def wrapped_height(text: str, width: float, size: float, bold: bool = False) -> float:
    return QFontMetricsF(font(size, bold), _ruler()).boundingRect(
        QRectF(0, 0, width, 100_000), WRAP, text or " ").height()


def text_section(title: str, lines: Sequence[str], size: float = 8.5) -> Section:
    """A heading and lines of text; long lines wrap, and the section is measured to fit."""
    lines = list(lines) or ["—"]

    def heights(width: float) -> list[float]:
        return [wrapped_height(line, width, size) for line in lines]

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14), title)
        painter.setFont(font(size))
        y = box.top() + 16
        for line, height in zip(lines, heights(box.width()), strict=True):
            painter.drawText(QRectF(box.left(), y, box.width(), height), WRAP, line)
            y += height
    return Section(lambda width: 16 + sum(heights(width)), draw)


def listing(lines: Sequence[str], shown: int, summary: Callable[[int], str]) -> list[str]:
    """The first ``shown`` lines, then one line that says what the others hold, so nothing
    is dropped without a word: ``summary(count)`` describes the ``count`` left out."""
    if len(lines) <= shown + 1:  # one more line is shorter than a line about it
        return list(lines)
    return list(lines[:shown]) + [summary(len(lines) - shown)]


def spread(values: Sequence[float]) -> str:
    """ "3" or "1–3": the range of some counts."""
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


class Writer:
    """Places sections down the pages of a paged device (a PDF writer or a printer)."""

    def __init__(self, device, painter: QPainter, running_header: str):
        self.device = device
        self.painter = painter
        rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
        # Draw in points whatever the device's resolution (a printer has its own).
        scale = device.logicalDpiX() / 72
        painter.scale(scale, scale)
        self.width, self.page_height = rect.width(), rect.height()
        self.running_header = running_header
        self.total = 1

    def _top(self, page: int) -> float:
        return 0.0 if page == 1 else HEADER

    def count_pages(self, sections: Sequence[Section]) -> int:
        """How many pages the sections take, laid out exactly as ``place_all`` does."""
        page, y = 1, 0.0
        for section in sections:
            page, y = self._advance(page, y, section.measure(self.width))
        return page

    def _advance(self, page: int, y: float, height: float) -> tuple[int, float]:
        bottom = self.page_height - FOOTER
        if y > self._top(page) and y + height > bottom:
            page, y = page + 1, self._top(page + 1)
        return page, y + height + GAP

    def place_all(self, sections: Sequence[Section]) -> int:
        self.total = self.count_pages(sections)
        page, y = 1, 0.0
        self._frame(page)
        for section in sections:
            height = section.measure(self.width)
            next_page, _ = self._advance(page, y, height)
            if next_page != page:
                self.device.newPage()
                page, y = next_page, self._top(next_page)
                self._frame(page)
            self.painter.save()
            section.draw(self.painter, QRectF(0, y, self.width, height))
            self.painter.restore()
            y += height + GAP
        return page

    def _frame(self, page: int) -> None:
        """The running header (after the first page) and the page number."""
        painter = self.painter
        painter.save()
        painter.setPen(QColor(colors.OUTLINE))
        painter.setFont(font(7.5))
        if page > 1:
            painter.drawText(QRectF(0, 0, self.width, 10), Qt.TextFlag.TextSingleLine
                             | Qt.AlignmentFlag.AlignLeft, self.running_header)
            painter.drawLine(0, 12, int(self.width), 12)
        painter.drawText(QRectF(0, self.page_height - 10, self.width, 10),
                         Qt.AlignmentFlag.AlignRight, f"Page {page} of {self.total}")
        painter.restore()
