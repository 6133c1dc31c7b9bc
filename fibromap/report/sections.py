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
from fibromap.analysis.hours import NIGHT_HOURS, night_text, timed
from fibromap.analysis.report_data import ReportData
from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.domain.atlas import WPI_AREAS, WPI_EXCLUDED_TEXT, Atlas
from fibromap.domain.flare import IMPACT_LEVELS
from fibromap.domain.wording import LONG_SPAN_DAYS, STILL_GOING_TEXT, chart_date, counted, duration_text
from fibromap.figure import colors
from fibromap.report.charts import bar_chart
from fibromap.report.layout import WRAP, Section, font, listing, spread, text_section, wrapped_height

AREA_NAMES = {area.id: area.name for area in WPI_AREAS}
IMPACT_NAMES = {"walking": "Walking", "fine_motor": "Fine motor tasks (buttons, writing)",
                "sleep": "Sleep", "work": "Work"}
LISTED = 8        # lines of a list before the rest is summed up
LATEST = 6        # questionnaire results listed before the chart carries the rest


def patient_line(data: ReportData) -> str:
    who = [data.patient_name.strip(), f"born {data.birth_date.strip()}" if data.birth_date.strip()
           else ""]
    return ", ".join(part for part in who if part)


def header(data: ReportData, today: date) -> Section:
    patient = patient_line(data)
    lines = ([f"Patient: {patient}."] if patient else []) + [
        f"Period: {data.period.label()} ({data.period.days} day{'s' if data.period.days != 1 else ''})."
        f"  Printed {today:%d %b %Y} by {APP_NAME} {__version__}."]
    note = f"Recorded by the patient. Scores and patterns are {NOT_A_DIAGNOSIS}."

    def height(width: float) -> float:
        return 24 + sum(wrapped_height(line, width, 9) for line in lines + [note])

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(15, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 20),
                         "Muscle spasms and pain: record for the appointment")
        painter.setFont(font(9))
        y = box.top() + 23
        for line in lines + [note]:
            if line is note:
                painter.setPen(colors.CURRENT)
            h = wrapped_height(line, box.width(), 9)
            painter.drawText(QRectF(box.left(), y, box.width(), h), WRAP, line)
            y += h
    return Section(height, draw)


def summary(data: ReportData) -> Section:
    s = data.summary
    if not s.flares:
        return text_section("Summary", ["No flares were recorded in this period."])
    lines = [
        f"Flares: {s.flares} on {s.days_with_flares} of {data.period.days} "
        f"day{'s' if data.period.days != 1 else ''}"
        # A weekly rate from less than a week would be a guess.
        + (f" ({s.flares * 7 / data.period.days:.1f} a week)." if data.period.days >= 7 else "."),
        (f"Intensity (0–10) of the regions in pain: mean {s.mean_intensity:.1f}, highest "
         f"{s.max_intensity}; {s.sites} regions in pain in all (a region marked 0 is not"
         + (f"; {counted(s.unrated_zones, 'referred zones')} not rated are left out of both"
            if s.unrated_zones else "") + ")."
         if s.sites else "Every region marked was rated 0 (no pain)."),
        _duration_line(data),
        f"Time of day: {night_text(data.hours, s.flares)}.",
    ]
    return text_section("Summary", lines)


def _duration_line(data: ReportData) -> str:
    """The median length of the flares with one, and how many had none, and why: still going
    (as the person said) or not given. The two are never merged."""
    line = ("Typical duration: " + duration_text(round(data.median_duration_s))
            + f" (median of {counted(data.lengths_known, 'flares')} with a length)"
            if data.median_duration_s else "Typical duration: no flare has a length given")
    without = [f"{counted(n, 'flares')} {words}" for n, words in (
        (data.still_going, f"{STILL_GOING_TEXT} when recorded"),
        (data.length_not_given, "with no length given"))
        if n]
    return line + ("; " + ", ".join(without) if without else "") + "."


def medications(data: ReportData) -> Section:
    now = [f"{m.name} {m.dose}".strip() + f", since {m.start:%d %b %Y}"
           for m in sorted(data.medications_now, key=lambda m: m.name.lower())]
    changes = [f"{day:%d %b %Y}: {what}" for day, what in data.medication_changes]
    lines = (now or ["none recorded"]) + ["Changes in the period: " + ("; ".join(changes) + "."
                                                                       if changes else "none.")]
    return text_section(f"Medications on {data.period.end:%d %b %Y}", lines)


def trend(data: ReportData) -> Section:
    weeks = data.weekly
    if data.period.days < 7:
        return text_section("How often", [
            f"The period is {data.period.days} day{'s' if data.period.days != 1 else ''}, shorter "
            f"than a week: {data.summary.flares} flare{'s' if data.summary.flares != 1 else ''} "
            "in all, with no weekly chart."])
    long = data.period.days > LONG_SPAN_DAYS  # dates on the axis need their year
    first = weeks[0] if weeks else None
    note = "Each bar is 7 days; the last ends on the report's last day."
    if data.summary.unrated_zones:
        note += " Referred zones not rated are left out of the mean intensity."
    if first and first.partial:
        note += (f" The first covers only {first.days.days} day{'s' if first.days.days != 1 else ''}"
                 f" ({first.days.start:%d %b}"
                 f"{f' – {first.days.end:%d %b}' if first.days.days > 1 else ''}), scaled to 7 days "
                 "and drawn paler.")

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "How often: flares per 7 days, with the mean intensity (line, 0–10)")
        painter.setFont(font(7.5))
        noted = wrapped_height(note, box.width(), 7.5)
        painter.drawText(QRectF(box.left(), box.top() + 16, box.width(), noted), WRAP, note)
        top = box.top() + 18 + noted
        painter.setFont(font(7))
        bar_chart(painter, QRectF(box.left(), top, box.width(), box.bottom() - top),
                  [chart_date(w.days.end, data.period.days) for w in weeks],
                  [round(w.per_week, 1) for w in weeks],
                  label_every=max(1, len(weeks) // (8 if long else 10)),
                  line=[w.mean_intensity for w in weeks], line_label="mean intensity (0–10)",
                  partial=[i for i, w in enumerate(weeks) if w.partial])
    return Section(lambda width: 128 + wrapped_height(note, width, 7.5), draw)


def hours(data: ReportData) -> Section:
    untimed = data.summary.flares - timed(data.hours)
    if not timed(data.hours):
        return text_section("When", ["No flare in the period has a known time of day."
                                     if data.summary.flares else "No flares."])
    note = (f"{untimed} flare{'s' if untimed != 1 else ''} known only to the day "
            f"{'are' if untimed != 1 else 'is'} not in this chart." if untimed else "")

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "When: flares by hour of the day (midnight to 8 am in orange)")
        top = box.top() + 16
        if note:
            painter.setFont(font(7.5))
            painter.drawText(QRectF(box.left(), top, box.width(), 11), note)
            top += 12
        painter.setFont(font(7))
        bar_chart(painter, QRectF(box.left(), top, box.width(), box.bottom() - top),
                  [f"{h:02d}" for h in range(24)], data.hours, highlight=NIGHT_HOURS,
                  label_every=2)
    return Section(112 if note else 100, draw)


def daily_life(data: ReportData) -> list[Section]:
    """The check-in summary and what flares got in the way of."""
    checkins = [f"{m.label}: {m.mean:.1f}{m.unit} on average ({m.days} day{'s' if m.days != 1 else ''})"
                for m in data.checkins]
    title = (f"Daily check-in ({data.checkin_days} of {counted(data.period.days, 'days')} filled in)"
             if data.checkin_days else "Daily check-in")
    impacts = []
    for figure in data.impacts:
        if figure.rated:
            levels = ", ".join(f"{IMPACT_LEVELS[i]} {n}" for i, n in enumerate(figure.levels) if n)
            impacts.append(f"{IMPACT_NAMES[figure.area]}: rated in {figure.rated} of "
                           f"{data.summary.flares} flares ({levels}).")
    return [text_section(title, checkins or ["no check-ins in this period"]),
            text_section("Impact on daily life (how much flares got in the way)",
                         impacts or ["not rated in this period"])]


def devices(data: ReportData) -> list[Section]:
    """Sleep and activity as a watch, ring or phone measured them, when one did."""
    if data.devices is None:
        return []
    return [text_section("Sleep and activity, measured by a device", summary_lines(data.devices))]


def factors(data: ReportData) -> list[Section]:
    total = data.summary.flares
    triggers = [f"{label}: logged with {n} of {counted(total, 'flares')}" for _k, label, n in data.triggers]
    counts = [n for _k, _l, n in data.triggers]
    triggers = listing(triggers, LISTED, lambda rest: f"… and {rest} more triggers, logged with "
                       f"{spread(counts[LISTED:])} flares each.")
    rated = [(label, n, mean) for _k, label, n, mean in data.treatments if n and mean is not None]
    helped = [f"{label}: mean relief {mean:.1f} of 10 (rated {n}×)" for label, n, mean in rated]
    helped = listing(helped, LISTED, lambda rest: f"… and {rest} more, with mean relief "
                     f"{spread([round(m, 1) for _l, _n, m in rated[LISTED:]])} of 10.")
    return [text_section("Possible triggers logged (most frequent first)",
                         triggers or ["none logged"]),
            text_section("What helped (treatments and their relief)", helped or ["none rated"])]


def _questionnaires(data: ReportData) -> list[tuple[str, list[str], list[str], list[float], float]]:
    """(name, lines, chart labels, chart values, scale) for the SSS and the FIQR."""
    sss = [f"{s.day:%d %b %Y}: SSS {s.sss} of 12; WPI {s.wpi}; fibromyalgia severity {s.fs} of 31."
           for s in data.sss]
    fiqr = [f"{d:%d %b %Y}: FIQR {r.total:.1f} of 100 ({r.answered} of 21 answered)."
            if r.scored else f"{d:%d %b %Y}: FIQR not scored, too few answers ({r.answered} of 21)."
            for d, r in data.fiqr]
    scored = [(d, r.total) for d, r in data.fiqr if r.total is not None]
    span = data.period.days
    return [("SSS", sss, [chart_date(s.day, span) for s in data.sss], [s.sss for s in data.sss], 12),
            ("FIQR", fiqr, [chart_date(d, span) for d, _t in scored], [t for _d, t in scored],
             100)]


def scores(data: ReportData) -> list[Section]:
    lines = []
    if not data.wpi_days:
        lines.append("Widespread Pain Index: no flares with pain recorded in this period, so none "
                     "(no records is not no pain).")
    elif data.wpi_weeks:
        week_scores = [r.score for _w, r in data.wpi_weeks]
        generalized = sum(1 for _w, r in data.wpi_weeks if r.generalized)
        week, last = data.wpi_weeks[-1]
        rest = data.wpi_left_over
        lines.append(f"Widespread Pain Index from the areas marked in pain in flares (not a "
                     f"questionnaire), per whole 7 days: {min(week_scores)}–{max(week_scores)} of 19; "
                     f"generalized pain in {generalized} of {len(week_scores)} weeks"
                     + (f" (the first {rest.days} days make no whole week)." if rest else "."))
        areas = ", ".join(AREA_NAMES[a].lower() for a in last.areas) or "none"
        lines.append(f"Last 7 days ({week.start:%d %b} – {week.end:%d %b}): WPI {last.score} "
                     f"({areas}).")
        lines.append(WPI_EXCLUDED_TEXT)
    else:
        lines.append(f"Widespread Pain Index: the period has only {counted(data.period.days, 'days')}; the "
                     "WPI asks about 7.")
    sections = [text_section(f"Scores ({NOT_A_DIAGNOSIS})", lines)]
    for name, results, labels, values, scale in _questionnaires(data):
        if not results:
            continue
        shown = results[-LATEST:]
        title = (f"{name}: all {len(results)} in the period" if len(results) <= LATEST else
                 f"{name}: the latest {LATEST} of {len(results)}; the chart shows all")
        sections.append(_questionnaire_section(title, shown, labels, values, scale))
    return sections


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
    return Section(height, draw)


def changes(data: ReportData, atlas: Atlas) -> Section:
    comparison = data.comparison
    title = f"Since the previous {counted(data.period.days, 'days')} ({comparison.previous.label()})"
    if not comparison.made:
        return text_section(title, [comparison.refused])
    words = {"new": "New", "worse": "More often", "better": "Less often"}
    lines = [f"{words[c.kind]}: {atlas.name(c.region)} — {c.before} → {c.now} flares"
             for c in comparison.changes]
    intro = (f"Only changes beyond what counts this small give by chance (exact test of the two "
             f"counts, adjusted for the {comparison.compared} regions compared).")
    return text_section(title, [intro] + (lines or ["No region changed beyond chance."]))


def questions(data: ReportData) -> Section:
    return text_section("My questions for the doctor",
                        data.questions.splitlines() if data.questions.strip() else ["(none written)"])
