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
from fibromap.i18n import DEFAULT, _, current, formats, ngettext, npgettext, pgettext

HEADER = 16.0   # points above the content on every page after the first
FOOTER = 14.0   # points below it
GAP = 10.0      # between sections
LOOKAHEAD = 4   # sections a drawing that does not fit may let go before it
WRAP = int(Qt.TextFlag.TextWordWrap)
COLUMN_GAP = 14.0  # points between columns of text
SPLIT_ROWS = 6     # a text section of fewer rows is never cut over a page break


@dataclass
class Section:
    height: float | Callable[[float], float]   # points, or a function of the width
    draw: Callable[[QPainter, QRectF], None]   # into a box of that height
    # Text that may go on over a page break: (width, room) -> the part that fits in ``room``
    # and the rest, or None when it cannot be cut there.
    split: Callable[[float, float], tuple[Section, Section] | None] | None = None
    floats: bool = False    # a drawing that may wait for the next page while text fills this one
    # A drawing that may be drawn smaller to fit the rest of a page: (width, room) -> the
    # smaller section, or None when it cannot be made small enough.
    shrink: Callable[[float, float], Section | None] | None = None

    def measure(self, width: float) -> float:
        return self.height(width) if callable(self.height) else self.height


@dataclass(frozen=True)
class Placed:
    section: Section
    page: int
    top: float
    height: float


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


def overflow(text: str, width: float, size: float, bold: bool = False) -> float:
    """How much taller than one line ``text`` wraps to in ``width`` (0 for one line): what a
    heading drawn in a one-line box needs more in a language with longer words."""
    return wrapped_height(text, width, size, bold) - wrapped_height("X", width, size, bold)


def draw_wrapped(painter: QPainter, left: float, top: float, width: float, line: float,
                 text: str, size: float, bold: bool = False) -> float:
    """``text`` in a box ``line`` points tall, taller by what it wraps to; returns the extra."""
    extra = overflow(text, width, size, bold)
    painter.drawText(QRectF(left, top, width, line + extra), WRAP, text)
    return extra


def text_section(title: str, lines: Sequence[str], size: float = 8.5, columns: int = 1) -> Section:
    """A heading and lines of text, in ``columns`` side by side (row by row); long lines
    wrap, the section is measured to fit, and it may go on over a page break between rows
    (the rest under "title (continued)")."""
    lines = list(lines) or ["—"]
    rows = [lines[i:i + columns] for i in range(0, len(lines), columns)]

    def cell(width: float) -> float:
        return (width - COLUMN_GAP * (columns - 1)) / columns

    def heights(width: float) -> list[float]:
        return [max(wrapped_height(line, cell(width), size) for line in row) for row in rows]

    def heading(width: float) -> float:
        return wrapped_height(title, width, 10.5, True) + 2

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), heading(box.width())), WRAP,
                         title)
        painter.setFont(font(size))
        y = box.top() + heading(box.width())
        for row, height in zip(rows, heights(box.width()), strict=True):
            for index, line in enumerate(row):
                left = box.left() + index * (cell(box.width()) + COLUMN_GAP)
                painter.drawText(QRectF(left, y, cell(box.width()), height), WRAP, line)
            y += height

    def split(width: float, room: float) -> tuple[Section, Section] | None:
        fitted, used = 0, heading(width)
        for height in heights(width):
            if used + height > room:
                break
            fitted, used = fitted + 1, used + height
        # A short section moves whole; a long one leaves no lone row on either side.
        if len(rows) < SPLIT_ROWS or fitted < 2 or len(rows) - fitted < 2:
            return None
        cut = fitted * columns
        return (text_section(title, lines[:cut], size, columns),
                text_section(_("{title} (continued)").format(title=title), lines[cut:], size,
                             columns))
    return Section(lambda width: heading(width) + sum(heights(width)), draw, split)


def listing(lines: Sequence[str], shown: int, summary: Callable[[int], str]) -> list[str]:
    """The first ``shown`` lines, then one line that says what the others hold, so nothing
    is dropped without a word: ``summary(count)`` describes the ``count`` left out."""
    if len(lines) <= shown + 1:  # one more line is shorter than a line about it
        return list(lines)
    return list(lines[:shown]) + [summary(len(lines) - shown)]


def number(value: float) -> str:
    """A count or a mean as short as it goes: "3", "4.5" (the language's decimal sign)."""
    if current() == DEFAULT:
        return f"{value:g}"
    return formats.decimal(value, 0 if float(value).is_integer() else 1)


def spread(values: Sequence[float]) -> str:
    """ "3" or "1–3": the range of some counts."""
    low, high = min(values), max(values)
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def _each_count(values: Sequence[float]) -> int:
    """The count the plural form of counts follows: the count itself when all are one, else
    a plural (a range, "1–3 flares each")."""
    low, high = min(values), max(values)
    return int(high) if low == high else max(2, int(high))


# After "with" German takes the dative ("mit je 1–3 Schüben"); "each" of regions is
# feminine in French and Spanish ("chacune", "cada una").
AFTER_WITH = "after with (German dative)"
REGIONS_AFTER_WITH = "regions with, each (German dative; French and Spanish feminine)"


def each_flares(values: Sequence[float], context: str | None = None) -> str:
    """ "3 flares each", "1–3 flares each", "1 flare each"; ``context`` where the words
    around it change it (AFTER_WITH: "triggers logged with 1–3 flares each")."""
    count = _each_count(values)
    if context == AFTER_WITH:  # the catalogue reads each context written out
        text = npgettext("after with (German dative)", "{n} flare each", "{n} flares each", count)
    elif context == REGIONS_AFTER_WITH:
        text = npgettext("regions with, each (German dative; French and Spanish feminine)",
                         "{n} flare each", "{n} flares each", count)
    else:
        text = ngettext("{n} flare each", "{n} flares each", count)
    return text.format(n=spread(values))


def each_times(values: Sequence[float]) -> str:
    """ "3 times each", "1–3 times each", "1 time each"."""
    return ngettext("{n} time each", "{n} times each", _each_count(values)).format(
        n=spread(values))


def clauses(parts) -> str:
    """Parts of a sentence set apart by semicolons, as the language spaces them ("a; b",
    French "a ; b")."""
    return pgettext("between the parts of a sentence", "; ").join(parts)


def percent(share: float) -> str:
    """A share as a whole percentage: "45%", German "45 %"."""
    return formats.percent(share)


def short_day(moment) -> str:
    """A day and month: "05 Dec", German "5. Dez."."""
    return formats.dated(moment, "%d %b", "MMMd")


def period_text(period) -> str:
    """A period's first and last days: "01 Sep 2026 – 30 Nov 2026"."""
    return f"{formats.day(period.start)} – {formats.day(period.end)}"


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

    def plan(self, sections: Sequence[Section]) -> list[Placed]:
        """Where each section goes: down the page while it fits; text that does not fit goes
        on over the break; a drawing that does not fit is drawn smaller where it can be, or
        waits for the next page while the text after it fills this one (so no page but the
        last is left largely blank)."""
        queue, placed = list(sections), []
        page, y = 1, self._top(1)
        bottom = self.page_height - FOOTER
        while queue:
            section = queue.pop(0)
            height = section.measure(self.width)
            if y <= self._top(page) or y + height <= bottom:
                placed.append(Placed(section, page, y, height))
                y += height + GAP
                continue
            parts = section.split(self.width, bottom - y) if section.split else None
            smaller = section.shrink(self.width, bottom - y) if section.shrink else None
            if parts is not None:
                placed.append(Placed(parts[0], page, y, parts[0].measure(self.width)))
                queue.insert(0, parts[1])
            elif smaller is not None:
                queue.insert(0, smaller)
                continue
            elif section.floats and (filler := self._filler(queue, bottom - y)) is not None:
                queue.insert(0, section)
                queue.insert(0, queue.pop(filler + 1))
                continue
            else:
                queue.insert(0, section)
            page, y = page + 1, self._top(page + 1)
        return placed

    def _filler(self, queue: Sequence[Section], room: float) -> int | None:
        """The first text section of the next few that fits in ``room`` or can be cut to."""
        for index, section in enumerate(queue[:LOOKAHEAD]):
            if section.floats:
                continue
            if section.measure(self.width) <= room or (
                    section.split and section.split(self.width, room) is not None):
                return index
        return None

    def count_pages(self, sections: Sequence[Section]) -> int:
        """How many pages the sections take, laid out exactly as ``place_all`` does."""
        return max((p.page for p in self.plan(sections)), default=1)

    def place_all(self, sections: Sequence[Section]) -> int:
        placed = self.plan(sections)
        self.total = max((p.page for p in placed), default=1)
        page = 1
        self._frame(page)
        for item in placed:
            if item.page != page:
                self.device.newPage()
                page = item.page
                self._frame(page)
            self.painter.save()
            item.section.draw(self.painter, QRectF(0, item.top, self.width, item.height))
            self.painter.restore()
        return self.total

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
                         Qt.AlignmentFlag.AlignRight,
                         _("Page {page} of {total}").format(page=page, total=self.total))
        painter.restore()
