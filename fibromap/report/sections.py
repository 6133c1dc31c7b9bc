"""The sections of the appointment report, each a heading and what answers one question a
clinician asks: how often, how strong, where, when, what makes it better or worse.

Every section covers its whole period; where a list is long it shows the first lines and
says in words what the rest holds.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from fibromap import APP_NAME, __version__
from fibromap.analysis.devices import summary_lines
from fibromap.analysis.hours import NIGHT_HOURS, timed
from fibromap.analysis.report_data import ReportData
from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.domain.wording import LONG_SPAN_DAYS
from fibromap.figure import colors
from fibromap.i18n import _, ngettext, npgettext
from fibromap.i18n.formats import day, decimal, whole
from fibromap.report.charts import bar_chart, chart_day
from fibromap.report.layout import (
    AFTER_WITH,
    WRAP,
    Section,
    clauses,
    draw_wrapped,
    each_flares,
    font,
    listing,
    overflow,
    period_text,
    short_day,
    spread,
    text_section,
    wrapped_height,
)
from fibromap.report.summary import hours_named, impact_lines, named, short

LISTED = 8        # lines of a list before the rest is summed up


def patient_line(data: ReportData) -> str:
    who = [data.patient_name.strip(),
           _("born {date}").format(date=data.birth_date.strip()) if data.birth_date.strip()
           else ""]
    return ", ".join(part for part in who if part)


def header(data: ReportData, today: date) -> Section:
    patient = patient_line(data)
    lines = ([_("Patient: {patient}.").format(patient=patient)] if patient else []) + [
        ngettext("Period: {period} ({n} day).  Printed {today} by {app} {version}.",
                 "Period: {period} ({n} days).  Printed {today} by {app} {version}.",
                 data.period.days).format(period=period_text(data.period),
                                          n=whole(data.period.days), today=day(today),
                                          app=APP_NAME, version=__version__)]
    note = _("Recorded by the patient. Scores and patterns are {not_a_diagnosis}.").format(
        not_a_diagnosis=_(NOT_A_DIAGNOSIS))

    title = _("Muscle spasms and pain: record for the appointment")

    def height(width: float) -> float:
        return 24 + overflow(title, width, 15, True) + sum(
            wrapped_height(line, width, 9) for line in lines + [note])

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(15, True))
        extra = draw_wrapped(painter, box.left(), box.top(), box.width(), 20, title, 15, True)
        painter.setFont(font(9))
        y = box.top() + 23 + extra
        for line in lines + [note]:
            if line is note:
                painter.setPen(colors.CURRENT)
            h = wrapped_height(line, box.width(), 9)
            painter.drawText(QRectF(box.left(), y, box.width(), h), WRAP, line)
            y += h
    return Section(height, draw)


def medications(data: ReportData) -> Section:
    now = [f"{m.name} {m.dose}".strip() + _(", since {date}").format(date=day(m.start))
           for m in sorted(data.medications_now, key=lambda m: m.name.lower())]
    changes = [_("{date}: {change}").format(date=day(when), change=what)
               for when, what in data.medication_changes]
    lines = (now or [_("none recorded")]) + [
        _("Changes in the period: {changes}.").format(changes=clauses(changes)) if changes
        else _("Changes in the period: none.")]
    return text_section(_("Medications on {date}").format(date=day(data.period.end)), lines)


def trend(data: ReportData) -> list[Section]:
    """Flares per 7 days with the mean intensity; none for a period shorter than a week or
    without flares (the summary says so)."""
    weekly = data.weekly
    weeks = weekly.bars
    if data.period.days < 7 or not data.summary.flares:
        return []
    long = data.period.days > LONG_SPAN_DAYS  # dates on the axis need their year
    note = _trend_note(data)

    title = _("How often: flares per 7 days, with the mean intensity (line, 0–10)")

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        extra = draw_wrapped(painter, box.left(), box.top(), box.width(), 14, title, 10.5, True)
        painter.setFont(font(7.5))
        noted = wrapped_height(note, box.width(), 7.5)
        painter.drawText(QRectF(box.left(), box.top() + 16 + extra, box.width(), noted), WRAP,
                         note)
        top = box.top() + 18 + noted + extra
        painter.setFont(font(7))
        bar_chart(painter, QRectF(box.left(), top, box.width(), box.bottom() - top),
                  [chart_day(w.days.end, data.period.days) for w in weeks],
                  [None if w.per_week is None else round(w.per_week, 1) for w in weeks],
                  label_every=max(1, len(weeks) // (8 if long else 10)),
                  line=[w.mean_intensity for w in weeks], line_label=_("mean intensity (0–10)"),
                  partial=[i for i, w in enumerate(weeks) if w.partial])
    return [Section(lambda width: 128 + overflow(title, width, 10.5, True)
                    + wrapped_height(note, width, 7.5), draw, floats=True)]


def _trend_note(data: ReportData) -> str:
    """What the weekly chart's bars and line are, and which days it leaves out."""
    weekly = data.weekly
    note = _("Each bar is 7 days; the last ends on the report's last day. The line is the mean "
             "intensity of the marks in pain, as in the summary.")
    if data.summary.unrated_zones:
        note += _(" Referred zones not rated are left out of the mean intensity.")
    if any(w.observed is not None for w in weekly.bars):
        note += _(" Days without any record are left out: a week with fewer recorded days is "
                  "scaled to 7 and drawn paler; a week with none has no bar.")
    first = weekly.bars[0]
    if first.days.days < 7:
        note += ngettext(
            " The first covers only {n} day ({start} – {end}), scaled to 7 days and drawn "
            "paler.",
            " The first covers only {n} days ({start} – {end}), scaled to 7 days and drawn "
            "paler.", first.days.days).format(n=whole(first.days.days),
                                              start=short_day(first.days.start),
                                              end=short_day(first.days.end))
    if weekly.left_out is not None:
        out = weekly.left_out
        flares = npgettext("after of or with (German dative)", "{n} flare", "{n} flares",
                           out.flares).format(n=whole(out.flares))
        note += ngettext(
            " The first day ({days}), with {flares}, is too few for a bar and is not in the "
            "chart.",
            " The first {n} days ({days}), with {flares}, are too few for a bar and are not "
            "in the chart.", out.days.days).format(n=whole(out.days.days),
                                                   days=_days(out.days), flares=flares)
    return note


def _days(days) -> str:
    return short_day(days.start) + (f" – {short_day(days.end)}" if days.days > 1 else "")


def hours(data: ReportData) -> list[Section]:
    """Flares by hour of the day; none when no flare has an hour or the summary names them."""
    untimed = data.summary.flares - timed(data.hours)
    if not timed(data.hours) or hours_named(data):
        return []
    note = ngettext("{n} flare known only to the day is not in this chart.",
                    "{n} flares known only to the day are not in this chart.", untimed).format(
        n=whole(untimed)) if untimed else ""

    title = _("When: flares by hour of the day (midnight to 8 am in {colour})").format(
        colour=_(colors.HIGHLIGHT_WORD))

    def extra(width: float) -> float:
        return overflow(title, width, 10.5, True) + (overflow(note, width, 7.5) if note else 0)

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        top = box.top() + 16 + draw_wrapped(painter, box.left(), box.top(), box.width(), 14,
                                            title, 10.5, True)
        if note:
            painter.setFont(font(7.5))
            top += 12 + draw_wrapped(painter, box.left(), top, box.width(), 11, note, 7.5)
        painter.setFont(font(7))
        bar_chart(painter, QRectF(box.left(), top, box.width(), box.bottom() - top),
                  [f"{h:02d}" for h in range(24)], data.hours, highlight=NIGHT_HOURS,
                  label_every=2)
    return [Section(lambda width: (112 if note else 100) + extra(width), draw, floats=True)]


def daily_life(data: ReportData) -> list[Section]:
    """The check-in summary and what flares got in the way of."""
    # The measures' names and units are English ids (analysis/report_data.py's N_).
    checkins = [_("{measure}: {mean}{unit} ({days})").format(
        measure=_(m.label), mean=decimal(m.mean), unit=_(m.unit) if m.unit else "",
        days=ngettext("{n} day", "{n} days", m.days).format(n=whole(m.days)))
        for m in data.checkins]
    title = (ngettext("Daily check-in ({filled} of {n} day filled in; means of the days "
                      "answered)",
                      "Daily check-in ({filled} of {n} days filled in; means of the days "
                      "answered)", data.period.days).format(
        filled=data.checkin_days, n=whole(data.period.days))
        if data.checkin_days else _("Daily check-in"))
    impacts = [] if short(data) else impact_lines(data)
    # Impact not rated at all, or in a short period, is said in the summary.
    return [text_section(title, checkins or [_("no check-ins in this period")], columns=2)] + (
        [text_section(_("Impact on daily life (how much flares got in the way)"), impacts)]
        if impacts else [])


def devices(data: ReportData) -> list[Section]:
    """Sleep and activity as a watch, ring or phone measured them, when one did."""
    if data.devices is None:
        return []
    return [text_section(_("Sleep and activity, measured by a device"),
                         summary_lines(data.devices))]


def factors(data: ReportData) -> list[Section]:
    total = data.summary.flares
    triggers = [ngettext("{label}: logged with {count} of {n} flare",
                         "{label}: logged with {count} of {n} flares", total).format(
        label=label, count=n, n=whole(total)) for _k, label, n in data.triggers]
    counts = [n for _k, _l, n in data.triggers]
    triggers = listing(triggers, LISTED, lambda rest: _(
        "… and {rest} more triggers, logged with {each}.").format(
            rest=rest, each=each_flares(counts[LISTED:], AFTER_WITH)))
    rated = [(label, n, mean) for _k, label, n, mean in data.treatments if n and mean is not None]
    helped = [_("{label}: mean relief {mean} of 10 (rated {n}×)").format(
        label=label, mean=decimal(mean), n=n) for label, n, mean in rated]
    helped = listing(helped, LISTED, lambda rest: _(
        "… and {rest} more, with mean relief {spread} of 10.").format(
            rest=rest, spread=spread([round(m, 1) for _l, _n, m in rated[LISTED:]])))
    # A list the summary gives whole is not given twice.
    return ([text_section(_("Possible triggers logged (most frequent first)"), triggers)]
            if len(data.triggers) > named(data) else []) + (
        [text_section(_("What helped (treatments and their relief)"), helped)]
        if len(rated) > named(data) else [])


def questions(data: ReportData) -> list[Section]:
    """The person's own questions, when they wrote any."""
    if not data.questions.strip():
        return []
    return [text_section(_("My questions for the doctor"), data.questions.splitlines())]
