"""The appointment report: one to three pages of PDF a clinician can read in a minute.

Text is real text (selectable, fonts embedded by Qt's PDF writer); the body maps and
charts are vector drawings. Sections are laid out top to bottom and a section that
does not fit on the rest of a page starts the next one, so no graph is ever split.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsScene

from fibromap import APP_NAME, __version__
from fibromap.analysis.heatmap import Metric, format_value, metric_values, scale_maximum
from fibromap.analysis.report_data import ReportData
from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.domain.atlas import WPI_AREAS, WPI_EXCLUDED_TEXT, Atlas
from fibromap.domain.geometry import load_geometry
from fibromap.errors import FibroMapError
from fibromap.figure import colors
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.formatting import duration_text
from fibromap.figure.orientation import Orientation
from fibromap.figure.referral_arrow import ReferralArrow
from fibromap.report.charts import bar_chart

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 14
# One device unit per point: the PDF is all vectors and text, so nothing is rasterised at
# this resolution, and fonts in points come out at their size.
RESOLUTION = 72
AREA_NAMES = {area.id: area.name for area in WPI_AREAS}


@dataclass
class Section:
    height: float | Callable[[float], float]   # points, or a function of the width
    draw: Callable[[QPainter, QRectF], None]   # into a box of that height

    def measure(self, width: float) -> float:
        return self.height(width) if callable(self.height) else self.height


class _Writer:
    """Places sections down the page in points; a section that does not fit starts a page."""

    def __init__(self, device, painter: QPainter):
        self.pdf = device
        self.painter = painter
        rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
        # Draw in points whatever the device's resolution (a printer has its own).
        scale = device.logicalDpiX() / 72
        painter.scale(scale, scale)
        self.width, self.height = rect.width(), rect.height()
        self.y = 0.0
        self.pages = 1

    def place(self, section: Section, gap: float = 10) -> None:
        height = section.measure(self.width)
        if self.y > 0 and self.y + height > self.height:
            self.pdf.newPage()
            self.pages += 1
            self.y = 0.0
        self.painter.save()
        section.draw(self.painter, QRectF(0, self.y, self.width, height))
        self.painter.restore()
        self.y += height + gap


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    font.setBold(bold)
    # No ligatures: "flares" copied out of the PDF or searched for stays "flares", not "ﬂares".
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def _text_section(title: str, lines: list[str], size: float = 8.5) -> Section:
    """A heading and lines of text; long lines wrap, and the section is measured to fit."""
    lines = lines or ["—"]
    flags = int(Qt.TextFlag.TextWordWrap)

    def heights(width: float) -> list[float]:
        metrics = QFontMetricsF(_font(size))
        return [metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, line or " ").height()
                for line in lines]

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(_font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14), title)
        painter.setFont(_font(size))
        y = box.top() + 16
        for line, height in zip(lines, heights(box.width())):
            painter.drawText(QRectF(box.left(), y, box.width(), height), flags, line)
            y += height
    return Section(lambda width: 16 + sum(heights(width)), draw)


def _header(data: ReportData, today: date) -> Section:
    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(_font(15, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 20),
                         "Muscle spasms and pain: record for the appointment")
        painter.setFont(_font(9))
        painter.drawText(QRectF(box.left(), box.top() + 22, box.width(), 12),
                         f"Period: {data.period.label()} ({data.period.days} days).  "
                         f"Printed {today:%d %b %Y} by {APP_NAME} {__version__}.")
        painter.setPen(colors.CURRENT)
        painter.drawText(QRectF(box.left(), box.top() + 35, box.width(), 12),
                         f"Recorded by the patient. Scores and patterns are {NOT_A_DIAGNOSIS}.")
    return Section(50, draw)


def _summary(data: ReportData) -> Section:
    s = data.summary
    if not s.flares:
        return _text_section("Summary", ["No flares were recorded in this period."])
    lines = [
        f"Flares: {s.flares} on {s.days_with_flares} of {data.period.days} days "
        f"({s.flares * 7 / data.period.days:.1f} a week).",
        (f"Intensity (0–10) of the regions in pain: mean {s.mean_intensity:.1f}, highest "
         f"{s.max_intensity}; {s.sites} regions in pain in all (a region marked 0 is not)."
         if s.sites else "Every region marked was rated 0 (no pain)."),
        "Typical duration: " + (duration_text(round(data.median_duration_s))
                                if data.median_duration_s else "not recorded") + " (median).",
        f"Time of day: {data.night_share:.0%} began between midnight and 8 am.",
    ]
    return _text_section("Summary", lines)


def _body_maps(data: ReportData, atlas: Atlas) -> Section:
    geometry = load_geometry()

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(_font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "Where: flares touching each region, with referral patterns (arrows)")
        scene = QGraphicsScene()
        figures = BodyFigures(scene, atlas, geometry, _font(9))
        figures.apply_orientation(Orientation.CLINICIAN)
        values = metric_values(data.figures, Metric.FLARES)
        maximum = scale_maximum(Metric.FLARES, values)
        figures.set_values(values, maximum, lambda v: format_value(Metric.FLARES, v))
        for region_id in figures.region_items:
            figures.refresh(region_id)
        top = max((n for _s, _t, n in data.links), default=1)
        for source, target, count in data.links[:12]:
            arrow = ReferralArrow(source, target, width=1 + 3.5 * count / top)
            scene.addItem(arrow)
            arrow.route(figures.scene_anchor(source), figures.scene_anchor(target))
        source = scene.sceneRect()
        height = box.height() - 18
        width = height * source.width() / source.height()
        target = QRectF(box.left(), box.top() + 16, width, height)
        scene.render(painter, target, source)
        painter.setFont(_font(8))
        notes = [f"Scale: 0 to {maximum:.0f} flares (yellow to dark red).",
                 "Front view as seen facing the patient; L and R are the patient's own.",
                 "", "Most frequent referral patterns:"]
        notes += [f"{atlas.name(s)} → {atlas.name(t).lower()}: {n}×" for s, t, n in data.links[:8]]
        if not data.links:
            notes.append("none recorded")
        top_regions = sorted(data.figures.values(), key=lambda f: (-f.flares, f.region))[:8]
        notes += ["", "Most affected regions (flares, mean / highest intensity):"]
        notes += [f"{atlas.name(f.region)}: {f.flares}, {f.mean_intensity:.1f} / {f.max_intensity}"
                  for f in top_regions]
        left = target.right() + 10
        for index, line in enumerate(notes):
            painter.drawText(QRectF(left, box.top() + 20 + index * 11.5, box.right() - left, 11.5),
                             Qt.TextFlag.TextSingleLine, line)
    return Section(330, draw)


def _trend(data: ReportData) -> Section:
    weeks = data.weekly
    long = data.period.days > 300  # dates on the axis need their year
    first = weeks[0] if weeks else None
    note = "Each bar is 7 days; the last ends on the report's last day."
    if first and first.partial:
        note += (f" The first covers only {first.days.days} day{'s' if first.days.days != 1 else ''}"
                 f" ({first.days.start:%d %b}"
                 f"{f' – {first.days.end:%d %b}' if first.days.days > 1 else ''}), scaled to 7 days "
                 "and drawn paler.")

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(_font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "How often: flares per 7 days, with the mean intensity (line, 0–10)")
        top = box.top() + 16
        painter.setFont(_font(7.5))
        painter.drawText(QRectF(box.left(), top, box.width(), 11), note)
        top += 11
        painter.setFont(_font(7))
        bar_chart(painter, QRectF(box.left(), top, box.width(), box.bottom() - top),
                  [f"{w.days.end:%b %Y}" if long else f"{w.days.end:%d %b}" for w in weeks],
                  [round(w.per_week, 1) for w in weeks],
                  label_every=max(1, len(weeks) // (8 if long else 10)),
                  line=[w.mean_intensity for w in weeks], line_label="mean intensity",
                  partial=[i for i, w in enumerate(weeks) if w.partial])
    return Section(130, draw)


def _hours(data: ReportData) -> Section:
    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(_font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "When: flares by hour of the day (midnight to 8 am in orange)")
        painter.setFont(_font(7))
        bar_chart(painter, QRectF(box.left(), box.top() + 16, box.width(), box.height() - 16),
                  [f"{h:02d}" for h in range(24)], data.hours, highlight=range(8), label_every=2)
    return Section(95, draw)


def _factors(data: ReportData) -> list[Section]:
    triggers = [f"{label}: {n} flare{'s' if n != 1 else ''}" for _k, label, n in data.triggers[:8]]
    treatments = [f"{label}: mean relief {mean:.1f} of 10 (rated {n}×)"
                  for _k, label, n, mean in data.treatments if n][:8]
    medication = [f"{day:%d %b %Y}: {what}" for day, what in data.medication_changes]
    return [_text_section("Possible triggers logged (most frequent)", triggers or ["none logged"]),
            _text_section("What helped (treatments and their relief)", treatments or ["none rated"]),
            _text_section("Medication changes in the period", medication or ["none"])]


def _scores(data: ReportData) -> Section:
    lines = []
    if not data.wpi_days:
        lines.append("Widespread Pain Index: no flares with pain recorded in this period, so none "
                     "(no records is not no pain).")
    elif data.wpi_weeks:
        scores = [r.score for _w, r in data.wpi_weeks]
        generalized = sum(1 for _w, r in data.wpi_weeks if r.generalized)
        week, last = data.wpi_weeks[-1]
        rest = data.wpi_left_over
        lines.append(f"Widespread Pain Index from the areas marked in pain in flares (not a "
                     f"questionnaire), per whole 7 days: {min(scores)}–{max(scores)} of 19; "
                     f"generalized pain in {generalized} of {len(scores)} weeks"
                     + (f" (the first {rest.days} days make no whole week)." if rest else "."))
        areas = ", ".join(AREA_NAMES[a].lower() for a in last.areas) or "none"
        lines.append(f"Last 7 days ({week.start:%d %b} – {week.end:%d %b}): WPI {last.score} "
                     f"({areas}).")
        lines.append(WPI_EXCLUDED_TEXT)
    else:
        lines.append(f"Widespread Pain Index: the period has only {data.period.days} days; the "
                     "WPI asks about 7.")
    for scored in data.sss:
        lines.append(f"{scored.day:%d %b %Y}: SSS {scored.sss} of 12; WPI {scored.wpi}; "
                     f"fibromyalgia severity {scored.fs} of 31.")
    for day, result in data.fiqr:
        lines.append(f"{day:%d %b %Y}: FIQR {result.total:.1f} of 100 ({result.answered} of 21 "
                     "answered)." if result.scored else
                     f"{day:%d %b %Y}: FIQR not scored, too few answers ({result.answered} of 21).")
    return _text_section(f"Scores ({NOT_A_DIAGNOSIS})", lines[:14] or ["none in this period"])


def _changes(data: ReportData, atlas: Atlas) -> Section:
    words = {"new": "new", "worse": "worse", "better": "better"}
    lines = [f"{words[c.kind].capitalize()}: {atlas.name(c.region)} — {c.before} → {c.now} flares, "
             f"highest {c.before_max} → {c.now_max}" for c in data.changes[:12]]
    return _text_section(f"Since the previous {data.period.days} days ({data.previous.label()})",
                         lines or ["no clear change"])


def page_layout(page_size: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def render_report(data: ReportData, atlas: Atlas, device, today: date | None = None) -> int:
    """Paint the report on a paged device (a PDF writer or a printer); returns the pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise FibroMapError("cannot start painting the report")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        writer = _Writer(device, painter)
        for section in (_header(data, today or date.today()), _summary(data),
                        _body_maps(data, atlas), _trend(data), _hours(data), *_factors(data),
                        _scores(data), _changes(data, atlas),
                        _text_section("My questions for the doctor",
                                      data.questions.splitlines() if data.questions.strip()
                                      else ["(none written)"])):
            writer.place(section)
    finally:
        painter.end()
    return writer.pages


def write_report(data: ReportData, atlas: Atlas, target: Path, page_size: str = "a4",
                 today: date | None = None) -> int:
    """Write the PDF to ``target``; returns the number of pages."""
    if not target.parent.is_dir():
        raise FibroMapError(f"the folder {target.parent} does not exist")
    pdf = QPdfWriter(str(target))
    pdf.setResolution(RESOLUTION)
    pdf.setTitle(f"{APP_NAME} report {data.period.label()}")
    pdf.setCreator(f"{APP_NAME} {__version__}")
    pdf.setPageLayout(page_layout(page_size))
    try:
        pages = render_report(data, atlas, pdf, today)
    except FibroMapError:
        raise FibroMapError(f"cannot write the report to {target}") from None
    del pdf  # finishes the file
    if not target.exists() or target.stat().st_size == 0:
        raise FibroMapError(f"cannot write the report to {target}")
    return pages
