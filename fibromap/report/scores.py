"""The report's scores: the WPI of whole weeks (none for a week without a flare, told apart
from a measured 0), the ACR 2016 research criteria as information for the clinician, and
the SSS and FIQR with charts. Never a diagnosis."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from fibromap.analysis.report_data import ReportData
from fibromap.analysis.scores import ACR_MONTHS, MEASURED_ZERO, NO_RECORDS, NOT_A_DIAGNOSIS, Criteria2016
from fibromap.domain.atlas import WPI_AREAS, WPI_EXCLUDED_TEXT
from fibromap.domain.wording import chart_date, counted
from fibromap.report.charts import bar_chart
from fibromap.report.layout import WRAP, Section, font, text_section, wrapped_height

AREA_NAMES = {area.id: area.name for area in WPI_AREAS}
LATEST = 6        # questionnaire results listed before the chart carries the rest


def wpi_lines(data: ReportData) -> list[str]:
    scores = data.scores
    if not scores.weeks:
        return [f"Widespread Pain Index: the period has only {counted(data.period.days, 'days')}; "
                "the WPI asks about 7."]
    measured = scores.measured_weeks
    if not measured:
        where = ("in this period" if not scores.days_with_flares else
                 f"in its {counted(len(scores.weeks), 'whole weeks')}")
        return [f"Widespread Pain Index: no flares were recorded {where}, so there is no "
                f"WPI ({NO_RECORDS})."]
    values = [r.score for _w, r in measured]
    missing = len(scores.weeks) - len(measured)
    rest = scores.left_over
    lines = [f"Widespread Pain Index from the areas marked in pain in flares (not a questionnaire), "
             f"per whole 7 days: {min(values)}–{max(values)} of 19 in the "
             f"{counted(len(measured), 'weeks')} with a flare"
             + (f"; no WPI for the {counted(missing, 'weeks')} without one ({NO_RECORDS})"
                if missing else "")
             + f"; generalized pain in {sum(1 for _w, r in measured if r.generalized)} of "
               f"{len(measured)}"
             + (f" (the first {counted(rest.days, 'days')} make no whole week)." if rest else ".")]
    week, last = scores.weeks[-1]
    span = f"Last 7 days ({week.start:%d %b} – {week.end:%d %b})"
    if last is None:
        lines.append(f"{span}: no flare recorded, so no WPI.")
    elif not last.areas:
        lines.append(f"{span}: WPI 0 — {MEASURED_ZERO}.")
    else:
        areas = ", ".join(AREA_NAMES[a].lower() for a in last.areas)
        lines.append(f"{span}: WPI {last.score} ({areas}).")
    return lines + [WPI_EXCLUDED_TEXT]


def criteria_line(criteria: Criteria2016) -> str:
    """The ACR 2016 research criteria in words: meets, does not meet, or cannot be assessed
    (saying which part is missing); information, never a diagnosis."""
    parts = []
    if criteria.wpi is not None and criteria.sss is not None:
        parts.append(f"WPI {criteria.wpi.score} with SSS {criteria.sss} on {criteria.day:%d %b %Y} "
                     f"({'within' if criteria.severity else 'outside'} WPI 7 or more with SSS 5 "
                     "or more, or WPI 4–6 with SSS 9 or more)")
        parts.append(f"generalized pain in {len(criteria.wpi.regions_with_pain)} of 5 regions "
                     "(4 needed)")
    if criteria.months is not None:
        parts.append(f"records go back {counted(criteria.months, 'whole months')} "
                     f"({ACR_MONTHS} needed)")
    else:
        parts.append("no flares recorded, so no duration")
    verdict = {True: "meets the 2016 research criteria", False: "does not meet the 2016 "
               "research criteria", None: "the 2016 research criteria cannot be assessed"}[criteria.met]
    failing = [name for name, part in (("the WPI with SSS", criteria.severity),
                                       ("generalized pain", criteria.generalized),
                                       ("3 months of records", criteria.duration)) if part is False]
    missing = "; ".join(list(criteria.missing) + ([f"not met: {', '.join(failing)}"] if failing else []))
    return (f"ACR 2016 criteria ({NOT_A_DIAGNOSIS}): {verdict}"
            + (f" — {missing}" if missing else "") + ": " + "; ".join(parts) + ".")


def _questionnaires(data: ReportData) -> list[tuple[str, list[str], list[str], list[float], float]]:
    """(name, lines, chart labels, chart values, scale) for the SSS and the FIQR."""
    sss = [f"{s.day:%d %b %Y}: SSS {s.sss} of 12; "
           + (f"WPI {s.wpi}; fibromyalgia severity {s.fs} of 31." if s.fs is not None else
              "no WPI (no flare recorded in its 7 days), so no fibromyalgia severity.")
           for s in data.scores.sss]
    fiqr = [f"{d:%d %b %Y}: FIQR {r.total:.1f} of 100 ({r.answered} of 21 answered)."
            if r.scored else f"{d:%d %b %Y}: FIQR not scored, too few answers ({r.answered} of 21)."
            for d, r in data.scores.fiqr]
    scored = [(d, r.total) for d, r in data.scores.fiqr if r.total is not None]
    span = data.period.days
    return [("SSS", sss, [chart_date(s.day, span) for s in data.scores.sss],
             [s.sss for s in data.scores.sss], 12),
            ("FIQR", fiqr, [chart_date(d, span) for d, _t in scored], [t for _d, t in scored], 100)]


def scores(data: ReportData) -> list[Section]:
    """The WPI and the 2016 criteria, then the SSS and FIQR: under their own headings with a
    chart when there are several, else as lines of the scores (one result needs no chart)."""
    lines = wpi_lines(data) + [criteria_line(data.criteria)]
    if not data.scores.weeks:  # a short period: one line says both
        lines = [" ".join(lines)]
    charted = []
    for name, results, labels, values, scale in _questionnaires(data):
        if len(values) > 1:
            shown = results[-LATEST:]
            title = (f"{name}: all {len(results)} in the period" if len(results) <= LATEST else
                     f"{name}: the latest {LATEST} of {len(results)}; the chart shows all")
            charted.append(_questionnaire_section(title, shown, labels, values, scale))
        else:
            lines += results
    if not short_scores(data):
        return [text_section(f"Scores ({NOT_A_DIAGNOSIS})", lines), *charted]
    return charted  # the summary's line says it


def _questionnaire_section(title: str, lines: list[str], labels: list[str],
                           values: list[float], scale: float) -> Section:
    chart = 70.0 if len(values) > 1 else 0.0

    def height(width: float) -> float:
        return 14 + sum(wrapped_height(line, width, 8.5) for line in lines) + chart

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(9.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 13), title)
        painter.setFont(font(8.5))
        y = box.top() + 14
        for line in lines:
            h = wrapped_height(line, box.width(), 8.5)
            painter.drawText(QRectF(box.left(), y, box.width(), h), WRAP, line)
            y += h
        if chart:
            painter.setFont(font(6.5))
            bar_chart(painter, QRectF(box.left(), y, box.width(), chart), labels, values,
                      label_every=max(1, len(values) // 12), scale_max=scale)
    return Section(height, draw, floats=bool(chart))


def short_scores(data: ReportData) -> str:
    """For a period with no whole week and no questionnaire: the scores in one line."""
    if data.scores.weeks or data.scores.sss or data.scores.fiqr:
        return ""
    return " ".join(wpi_lines(data) + [criteria_line(data.criteria)])
