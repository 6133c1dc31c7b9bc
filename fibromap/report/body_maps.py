"""The report's body maps: front and back coloured by flares, the most frequent referral
patterns as arrows, and beside them the scale, the side convention and the top lists."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene

from fibromap.analysis.heatmap import Metric, format_value, metric_values, scale_maximum
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.domain.geometry import Build, load_geometry
from fibromap.domain.wording import counted
from fibromap.figure.body_figures import BodyFigures
from fibromap.figure.orientation import Orientation
from fibromap.figure.referral_arrow import ReferralArrow
from fibromap.report.layout import WRAP, Section, each, font, listing, spread, text_section, wrapped_height

MAP_HEIGHT = 312.0   # points for the two figures
SHORT_MAP_HEIGHT = 186.0  # for a period of less than a week, whose few flares need less
SHORT_DAYS = 7
ARROWS = 12          # the most frequent referral patterns drawn
LISTED = 8           # lines of each list beside the figures before the rest is summed up
SHORT_LISTED = 5     # for a period shorter than a week, whose page is shared with everything
NOTE_SIZE = 8.0

SIDES = {
    Orientation.CLINICIAN: "Front view as seen facing the patient (the patient's right on "
                           "the left of the page); L and R are the patient's own.",
    Orientation.PATIENT: "Front view as in a mirror (the patient's right on the right of the "
                         "page); L and R are the patient's own.",
}


def _notes(data: ReportData, atlas: Atlas, maximum: float, orientation: Orientation,
           hidden: int) -> list[str]:
    links = [f"{atlas.name(s)} → {atlas.name(t).lower()}: {n}×" for s, t, n in data.links]
    top = sorted(data.figures.values(), key=lambda f: (-f.flares, f.region))
    regions = [f"{atlas.name(f.region)}: {f.flares}, " + (
        f"{f.mean_intensity:.1f} / {f.max_intensity}" if f.mean_intensity is not None
        else "referred, not rated") for f in top]
    scale = (f"Scale: 0 to {counted(round(maximum), 'flares')} (light orange to dark red; "
             "unmarked regions stay skin-coloured)." if data.figures
             else "No flares in this period: the figures are blank.")
    notes = [scale, SIDES[orientation]]
    if hidden:
        notes.append(f"{counted(hidden, 'numbers')} that would overlap another "
                     f"{'are' if hidden != 1 else 'is'} left off the figure; the colours still "
                     "show them.")
    notes += ["", f"Most frequent referral patterns ({min(len(links), ARROWS)} drawn):"]
    counts = [n for _s, _t, n in data.links]
    listed = SHORT_LISTED if data.period.days < SHORT_DAYS else LISTED
    notes += listing(links, listed, lambda rest: f"… and {rest} more patterns, "
                     + ("once each." if max(counts[listed:]) == 1 else
                        f"{spread(counts[listed:])} times each.")) or ["none recorded"]
    notes += ["", "Most affected regions (flares, mean / highest intensity"
              + ("; referred zones not rated count in flares, not in intensities" if
                 data.summary.unrated_zones else "") + "):"]
    flares = [f.flares for f in top]
    notes += listing(regions, listed, lambda rest: f"… and {rest} more regions with "
                     f"{each(flares[listed:], 'flares')} (coloured on the figures).") or [
                         "none recorded"]
    return notes or ["none"]


def body_maps(data: ReportData, atlas: Atlas, orientation: Orientation,
              build: Build = Build.NEUTRAL) -> Section:
    """The front and back figures with their notes; a line instead when no flare touched a
    region (blank figures would fill a page with nothing)."""
    if not data.figures:
        return text_section("Where", ["No flares in this period, so there is no body map."])
    geometry = load_geometry(build)
    scene = QGraphicsScene()
    figures = BodyFigures(scene, atlas, geometry, font(9))
    figures.apply_orientation(orientation)
    values = metric_values(data.figures, Metric.FLARES)
    maximum = scale_maximum(Metric.FLARES, values)
    figures.set_values(values, maximum, lambda v: format_value(Metric.FLARES, v))
    for region_id in figures.region_items:
        figures.refresh(region_id)
    top = max((n for _s, _t, n in data.links), default=1)
    heads = []
    for source, target, count in data.links[:ARROWS]:
        arrow = ReferralArrow(source, target, width=1 + 3.5 * count / top)
        scene.addItem(arrow)
        arrow.route(figures.scene_anchor(source), figures.scene_anchor(target))
        heads.append(arrow.head_rect())
    hidden = figures.declutter(heads)
    drawn = scene.sceneRect()
    map_height = SHORT_MAP_HEIGHT if data.period.days < SHORT_DAYS else MAP_HEIGHT
    map_width = map_height * drawn.width() / drawn.height()
    notes = _notes(data, atlas, maximum, orientation, hidden)

    def notes_width(width: float) -> float:
        return width - map_width - 10

    def notes_height(width: float) -> float:
        return sum(wrapped_height(line, notes_width(width), NOTE_SIZE) for line in notes)

    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setFont(font(10.5, True))
        painter.drawText(QRectF(box.left(), box.top(), box.width(), 14),
                         "Where: flares touching each region, with referral patterns (arrows)")
        target = QRectF(box.left(), box.top() + 16, map_width, map_height)
        scene.render(painter, target, drawn)
        painter.setFont(font(NOTE_SIZE))
        left, y = target.right() + 10, box.top() + 20
        for line in notes:
            height = wrapped_height(line, notes_width(box.width()), NOTE_SIZE)
            painter.drawText(QRectF(left, y, notes_width(box.width()), height), WRAP, line)
            y += height
    return Section(lambda width: max(map_height + 18, 20 + notes_height(width)), draw, floats=True)
