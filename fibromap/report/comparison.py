"""The report's comparison with the previous period of the same length: a small table of the
whole (flares a week, mean intensity, WPI, SSS, FIQR: each period's figure, the change, and
whether it is beyond chance), then the regions that changed beyond chance."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from fibromap.analysis.overall import Change
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.figure import colors
from fibromap.i18n import DEFAULT, N_, _, current, ngettext
from fibromap.i18n.formats import decimal, whole
from fibromap.report.layout import (
    WRAP,
    Section,
    clauses,
    draw_wrapped,
    font,
    overflow,
    period_text,
    text_section,
    wrapped_height,
)
from fibromap.report.summary import short

SIZE = 8.0
ROW = 11.5
# Share of the width of each column: measure, previous, this period, change, beyond chance, rests on.
COLUMNS = (0.22, 0.11, 0.12, 0.12, 0.25, 0.18)
METHOD = N_("Beyond chance: Welch's t-test of the values each figure rests on (weeks allowing "
            "for runs of bad weeks), p adjusted for the measures tested (Benjamini–Hochberg); "
            "yes when below 0.05.")


def _number(value: float | None) -> str:
    return _("none") if value is None else decimal(value)


def _change_text(item: Change) -> str:
    difference = item.difference
    if difference is None:
        return "—"
    if round(difference, 1) == 0:
        return _("no change")
    if difference > 0:
        return _("up {by}").format(by=decimal(abs(difference)))
    return _("down {by}").format(by=decimal(abs(difference)))


def _verdict(item: Change) -> str:
    if item.beyond_chance is None:
        why = item.why_untested  # an English id (analysis/overall.py's N_), or none
        return _(why) if why else ""
    assert item.q_value is not None
    if item.beyond_chance:
        return _("yes (p {p})").format(p=_p(item.q_value))
    return _("no (p {p})").format(p=_p(item.q_value))


def _p(value: float) -> str:
    if value < 0.001:
        return "< 0.001" if current() == DEFAULT else f"< {decimal(0.001, 3)}"
    return decimal(value, 3 if value < 0.01 else 2)


def _rests_on(item: Change) -> str:
    """How many values each side's test rests on: "12 + 12 weeks", "6 + 7 filled in"."""
    if item.basis == "questionnaire":
        return _("{before} + {now} filled in").format(before=len(item.tested_before),
                                                      now=len(item.tested_now))
    return _("{before} + {now} weeks").format(before=len(item.tested_before),
                                              now=len(item.tested_now))


def rows(changes: list[Change]) -> list[tuple[str, ...]]:
    """The table's cells, row by row (the first the headings)."""
    table: list[tuple[str, ...]] = [("", _("Previous"), _("This period"), _("Change"),
                                     _("Beyond chance?"), _("Rests on"))]
    for item in changes:
        name = f"{_(item.name)} ({item.scale})" if item.scale else _(item.name)
        table.append((name, _number(item.before), _number(item.now),
                      _change_text(item), _verdict(item), _rests_on(item)))
    return table


def comparison(data: ReportData, atlas: Atlas) -> list[Section]:
    """The table and the regions; for a period too short to compare, nothing (the summary
    says why)."""
    compared = data.comparison
    title = ngettext("Compared with the previous {n} day ({period})",
                     "Compared with the previous {n} days ({period})", data.period.days).format(
        n=whole(data.period.days), period=period_text(compared.previous))
    if short(data):
        return []
    if not compared.made:
        return [text_section(title, [compared.refused])]
    table = rows(data.overall)
    words = {"new": _("New"), "worse": _("More often"), "better": _("Less often")}
    regions = [_("{change}: {region} — {before} → {now}").format(
        change=words[c.kind], region=atlas.name(c.region), before=c.before,
        now=ngettext("{n} flare", "{n} flares", c.now).format(n=whole(c.now)))
        for c in compared.changes]
    notes = [_(METHOD), ngettext(
        "Regions whose flares changed beyond chance (exact test of the two counts, adjusted for "
        "the {n} region compared): {regions}.",
        "Regions whose flares changed beyond chance (exact test of the two counts, adjusted for "
        "the {n} regions compared): {regions}.", compared.compared).format(
        n=whole(compared.compared), regions=clauses(regions) if regions else _("none"))]

    def notes_height(width: float) -> float:
        return overflow(title, width, 10.5, True) + sum(
            wrapped_height(line, width, SIZE) for line in notes)

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        y = box.top() + 17 + draw_wrapped(painter, box.left(), box.top(), box.width(), 14, title,
                                          10.5, True)
        for index, row in enumerate(table):
            painter.setFont(font(SIZE, bold=index == 0))
            left = box.left()
            for share, cell in zip(COLUMNS, row, strict=True):
                width = box.width() * share
                painter.drawText(QRectF(left, y, width - 4, ROW),
                                 Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, cell)
                left += width
            y += ROW
            if index == 0:
                painter.setPen(QPen(QColor(colors.OUTLINE), 0.5))
                painter.drawLine(QRectF(box.left(), y - 1, box.width(), 0).topLeft(),
                                 QRectF(box.left(), y - 1, box.width(), 0).topRight())
                painter.setPen(QColor("#000000"))
        painter.setFont(font(SIZE))
        y += 3
        for line in notes:
            height = wrapped_height(line, box.width(), SIZE)
            painter.drawText(QRectF(box.left(), y, box.width(), height), WRAP, line)
            y += height
    return [Section(lambda width: 17 + ROW * len(table) + 3 + notes_height(width), draw)]
