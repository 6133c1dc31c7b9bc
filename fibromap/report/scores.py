"""The report's scores: the WPI of whole weeks (none for a week without a flare, told apart
from a measured 0), the ACR 2016 research criteria as information for the clinician, and
the SSS and FIQR with charts. Never a diagnosis."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from fibromap.analysis.report_data import ReportData
from fibromap.analysis.scores import ACR_MONTHS, MEASURED_ZERO, NO_RECORDS, NOT_A_DIAGNOSIS, Criteria2016
from fibromap.domain.atlas import WPI_AREAS, WPI_EXCLUDED_TEXT
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import day, decimal, in_sentence, whole
from fibromap.report.charts import bar_chart, chart_day
from fibromap.report.layout import (
    WRAP,
    Section,
    clauses,
    draw_wrapped,
    font,
    overflow,
    short_day,
    text_section,
    wrapped_height,
)

# Named when shown (WpiArea.name), in the report's language: not when this module is loaded.
AREAS = {area.id: area for area in WPI_AREAS}
LATEST = 6        # questionnaire results listed before the chart carries the rest


def _weeks(n: int) -> str:
    return ngettext("{n} week", "{n} weeks", n).format(n=whole(n))


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=whole(n))


def wpi_lines(data: ReportData) -> list[str]:
    scores = data.scores
    if not scores.weeks:
        return [_("Widespread Pain Index: the period has only {days}; the WPI asks about 7.")
                .format(days=_days(data.period.days))]
    measured = scores.measured_weeks
    if not measured:
        if not scores.days_with_flares:
            return [_("Widespread Pain Index: no flares were recorded in this period, so there "
                      "is no WPI ({no_records}).").format(no_records=_(NO_RECORDS))]
        return [ngettext("Widespread Pain Index: no flares were recorded in its {n} whole week, "
                         "so there is no WPI ({no_records}).",
                         "Widespread Pain Index: no flares were recorded in its {n} whole weeks, "
                         "so there is no WPI ({no_records}).", len(scores.weeks)).format(
            n=whole(len(scores.weeks)), no_records=_(NO_RECORDS))]
    values = [r.score for _w, r in measured]
    missing = len(scores.weeks) - len(measured)
    rest = scores.left_over
    lines = [_("Widespread Pain Index from the areas marked in pain in flares (not a "
               "questionnaire), per whole 7 days: {low}–{high} of 19 in the {weeks} with a "
               "flare").format(low=min(values), high=max(values), weeks=_weeks(len(measured)))
             + (_("; no WPI for the {weeks} without one ({no_records})").format(
                 weeks=_weeks(missing), no_records=_(NO_RECORDS)) if missing else "")
             + _("; generalized pain in {count} of {weeks}").format(
                 count=sum(1 for _w, r in measured if r.generalized), weeks=len(measured))
             + (ngettext(" (the first day makes no whole week).",
                         " (the first {n} days make no whole week).", rest.days).format(
                 n=whole(rest.days)) if rest else ".")]
    week, last = scores.weeks[-1]
    span = _("Last 7 days ({start} – {end})").format(start=short_day(week.start),
                                                     end=short_day(week.end))
    if last is None:
        lines.append(_("{span}: no flare recorded, so no WPI.").format(span=span))
    elif not last.areas:
        lines.append(_("{span}: WPI 0 — {zero}.").format(span=span, zero=_(MEASURED_ZERO)))
    else:
        areas = ", ".join(in_sentence(AREAS[a].name) for a in last.areas)
        lines.append(_("{span}: WPI {score} ({areas}).").format(span=span, score=last.score,
                                                                 areas=areas))
    return lines + [_(WPI_EXCLUDED_TEXT)]


def criteria_line(criteria: Criteria2016) -> str:
    """The ACR 2016 research criteria in words: meets, does not meet, or cannot be assessed
    (saying which part is missing); information, never a diagnosis."""
    parts = []
    if criteria.wpi is not None and criteria.sss is not None:
        within = (_("WPI {wpi} with SSS {sss} on {day} (within WPI 7 or more with SSS 5 or more, "
                    "or WPI 4–6 with SSS 9 or more)") if criteria.severity else
                  _("WPI {wpi} with SSS {sss} on {day} (outside WPI 7 or more with SSS 5 or "
                    "more, or WPI 4–6 with SSS 9 or more)"))
        parts.append(within.format(wpi=criteria.wpi.score, sss=criteria.sss,
                                   day=day(criteria.day) if criteria.day else ""))
        parts.append(_("generalized pain in {count} of 5 regions (4 needed)").format(
            count=len(criteria.wpi.regions_with_pain)))
    if criteria.months is not None:
        parts.append(ngettext("records go back {n} whole month ({needed} needed)",
                              "records go back {n} whole months ({needed} needed)",
                              criteria.months).format(n=whole(criteria.months),
                                                      needed=ACR_MONTHS))
    else:
        parts.append(_("no flares recorded, so no duration"))
    verdict = {True: _("meets the 2016 research criteria"),
               False: _("does not meet the 2016 research criteria"),
               None: _("the 2016 research criteria cannot be assessed")}[criteria.met]
    failing = [name for name, part in ((_("the WPI with SSS"), criteria.severity),
                                       (_("generalized pain"), criteria.generalized),
                                       (_("3 months of records"), criteria.duration))
               if part is False]
    missing = clauses([_(text) for text in criteria.missing] + (
        [_("not met: {parts}").format(parts=", ".join(failing))] if failing else []))
    head = _("ACR 2016 criteria ({not_a_diagnosis}): {verdict}").format(
        not_a_diagnosis=_(NOT_A_DIAGNOSIS), verdict=verdict)
    if missing:
        head = _("{criteria} — {missing}").format(criteria=head, missing=missing)
    return _("{criteria}: {parts}.").format(criteria=head, parts=clauses(parts))


def _questionnaires(data: ReportData) -> list[tuple[str, list[str], list[str], list[float], float]]:
    """(name, lines, chart labels, chart values, scale) for the SSS and the FIQR."""
    sss = [(_("{day}: SSS {sss} of 12; WPI {wpi}; fibromyalgia severity {fs} of 31.")
            if s.fs is not None else
            _("{day}: SSS {sss} of 12; no WPI (no flare recorded in its 7 days), so no "
              "fibromyalgia severity.")).format(day=day(s.day), sss=s.sss, wpi=s.wpi, fs=s.fs)
           for s in data.scores.sss]
    fiqr = [_("{day}: FIQR {total} of 100 ({answered} of 21 answered).").format(
        day=day(d), total=decimal(r.total or 0.0), answered=r.answered)
            if r.scored else _("{day}: FIQR not scored, too few answers ({answered} of 21).")
            .format(day=day(d), answered=r.answered) for d, r in data.scores.fiqr]
    scored = [(d, r.total) for d, r in data.scores.fiqr if r.total is not None]
    span = data.period.days
    return [("SSS", sss, [chart_day(s.day, span) for s in data.scores.sss],
             [s.sss for s in data.scores.sss], 12),
            ("FIQR", fiqr, [chart_day(d, span) for d, _t in scored], [t for _d, t in scored], 100)]


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
            title = (_("{name}: all {count} in the period").format(name=name, count=len(results))
                     if len(results) <= LATEST else
                     _("{name}: the latest {latest} of {count}; the chart shows all").format(
                         name=name, latest=LATEST, count=len(results)))
            charted.append(_questionnaire_section(title, shown, labels, values, scale))
        else:
            lines += results
    if not short_scores(data):
        return [text_section(_("Scores ({not_a_diagnosis})").format(
            not_a_diagnosis=_(NOT_A_DIAGNOSIS)), lines), *charted]
    return charted  # the summary's line says it


def _questionnaire_section(title: str, lines: list[str], labels: list[str],
                           values: list[float], scale: float) -> Section:
    chart = 70.0 if len(values) > 1 else 0.0

    def height(width: float) -> float:
        return 14 + overflow(title, width, 9.5, True) + sum(
            wrapped_height(line, width, 8.5) for line in lines) + chart

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(9.5, True))
        extra = draw_wrapped(painter, box.left(), box.top(), box.width(), 13, title, 9.5, True)
        painter.setFont(font(8.5))
        y = box.top() + 14 + extra
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
