"""The report's body maps: front and back coloured by flares, the most frequent referral
patterns as arrows, the numbers placed as on screen (fibromap/figure/number_placement.py)
in the room beside the figures, and under them the scale, the side convention and the
top lists."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene

from fibromap.analysis.colour_scale import colour_scale
from fibromap.analysis.heatmap import PER_ZONE, Metric, arrows_drawn, format_value, metric_values
from fibromap.analysis.report_data import ReportData
from fibromap.domain.atlas import Atlas
from fibromap.domain.geometry import Build, load_geometry
from fibromap.figure.body_figures import FIGURE_GAP, BodyFigures
from fibromap.figure.fill_marks import DEEP_KEY
from fibromap.figure.legend import class_colour, class_key, key_height, paint_key
from fibromap.figure.number_placement import NumberLabels
from fibromap.figure.orientation import Orientation
from fibromap.figure.referral_arrow import ReferralArrow, ring_letter
from fibromap.i18n import N_, _, formats, ngettext
from fibromap.i18n.formats import in_sentence
from fibromap.report.layout import (
    REGIONS_AFTER_WITH,
    WRAP,
    Section,
    draw_wrapped,
    each_flares,
    each_times,
    font,
    listing,
    overflow,
    text_section,
    wrapped_height,
)

MAP_HEIGHT = 440.0   # points for the two figures, at most
MIN_MAP_HEIGHT = 312.0  # ... and at least, to share the rest of a page rather than wait
SHORT_MAP_HEIGHT = 186.0  # for a period of less than a week, whose few flares need less,
SHORT_MOST = 320.0        # ... up to this, as tall as the notes beside them
SHORT_STEP = 24.0         # ... and taller by this, step by step, while numbers are left off
SHORT_DAYS = 7
NUMBER_PT = 7.0      # the numbers on the figures, at least
TITLE_PT = 7.5       # the figures' titles ("Front", "Back"), at least
SIDE_PT = 8.5        # their L and R, at least
RING_PT = 4.0        # the radius of the ring holding F or B (an arrow to the other figure)
ROOM_MOST = 220.0    # scene units beside each half-figure for numbers, at most
LISTED = 8           # lines of each list under the figures before the rest is summed up
SHORT_LISTED = 4     # for a period shorter than a week, whose page is shared with everything
SHORT_SHARE = 0.5    # of the width, for the figures of a short period
SHORT_ARROWS = 2     # ... for a period shorter than a week
ARROWS_LISTED = 5    # referral patterns named under the figures (each takes two lines)
NOTE_SIZE = 8.0
SWATCH = 9.0         # a class's swatch in the key, points
KEY_TITLE = N_("Flares touching each region (colours as on screen):")
COLUMN_GAP = 14.0    # between the two columns of notes

SIDES = {  # said under the title, over the figures
    Orientation.CLINICIAN: N_("Front seen facing the patient: the patient's right is on the "
                              "left of the page (L and R are the patient's own)."),
    Orientation.PATIENT: N_("Front as in a mirror: the patient's right is on the right of the "
                            "page (L and R are the patient's own)."),
}
TITLE_HEIGHT = 16.0  # the title's line, points


def _left_off(figures: BodyFigures, left_off: list[str]) -> list[str]:
    """A line naming the numbers left off the figures: only ever the smallest."""
    if not left_off:
        return []
    values = [figures.region_items[rid].value or 0 for rid in left_off]
    return [ngettext("{n} smaller number ({each}) is left off the figures for want of room; "
                     "their colours still show them.",
                     "{n} smaller numbers ({each}) are left off the figures for want of room; "
                     "their colours still show them.", len(left_off)).format(
        n=formats.whole(len(left_off)), each=each_flares(values))]


def _notes(data: ReportData, atlas: Atlas) -> tuple[list[str], list[str]]:
    """The notes under the figures and their key: the sides and the arrows, then the
    regions."""
    drawn, left = arrows_drawn(data.links)
    links = [_("{source} → {target}: {n}×").format(
        source=atlas.name(s), target=in_sentence(atlas.name(t)), n=n) for s, t, n in drawn]
    top = sorted(data.figures.values(), key=lambda f: (-f.flares, f.region))
    regions = [_("{region}: {flares}, {intensity}").format(
        region=atlas.name(f.region), flares=f.flares, intensity=(
            f"{formats.decimal(f.mean_intensity)} / {f.max_intensity}"
            if f.mean_intensity is not None else _("referred, not rated"))) for f in top]
    first = [] if data.figures else [_("No flares in this period: the figures are blank.")]
    first += [_("Most frequent referral patterns, drawn as arrows (at most {most} to one "
                "region; the thicker, the more often; ending in a ring: felt on the other "
                "figure at that height and side, {front} front, {back} back):").format(
        most=PER_ZONE, front=ring_letter(True), back=ring_letter(False))]
    counts = [n for _s, _t, n in drawn]
    listed = SHORT_LISTED if data.period.days < SHORT_DAYS else LISTED
    named = min(listed, ARROWS_LISTED if data.period.days >= SHORT_DAYS else SHORT_ARROWS)
    first += listing(links, named, lambda rest: _("… and {rest} more drawn, {each}.").format(
        rest=rest, each=each_times(counts[named:]))) or [_("none recorded")]
    if left:
        times = [n for _s, _t, n in left]
        first.append(ngettext("Not drawn: {n} more pattern, {each}.",
                              "Not drawn: {n} more patterns, {each}.", len(left)).format(
            n=formats.whole(len(left)), each=each_times(times)))
    second = [_("Most affected regions (flares, mean / highest intensity; referred zones not "
                "rated count in flares, not in intensities):") if data.summary.unrated_zones
              else _("Most affected regions (flares, mean / highest intensity):")]
    flares = [f.flares for f in top]
    second += listing(regions, listed, lambda rest: _(
        "… and {rest} more regions with {each} (coloured on the figures).").format(
            rest=rest, each=each_flares(flares[listed:], REGIONS_AFTER_WITH))) or [_("none recorded")]
    return first, second


class PaperMap:
    """The two figures with their arrows and numbers, laid out for one width of page."""

    def __init__(self, data: ReportData, atlas: Atlas, orientation: Orientation,
                 build: Build = Build.NEUTRAL, height: float = MAP_HEIGHT):
        self.height = height  # points
        self.scene = QGraphicsScene()
        self.figures = BodyFigures(self.scene, atlas, load_geometry(build), font(9))
        self.figures.apply_orientation(orientation)
        values = metric_values(data.figures, Metric.FLARES)
        self.scale = colour_scale(Metric.FLARES, values)  # as the app's heat-map has it
        self.figures.set_values(values, self.scale.position if self.scale else lambda _v: 0.0,
                                lambda v: format_value(Metric.FLARES, v))
        for region_id in self.figures.region_items:
            self.figures.refresh(region_id)
            self.figures.labels[region_id].hide()  # the numbers are placed apart
        drawn, _left = arrows_drawn(data.links)
        top = max((n for _s, _t, n in drawn), default=1)
        self.arrows = [ReferralArrow(source, target, width=1 + 3.5 * count / top)
                       for source, target, count in drawn]
        for arrow in self.arrows:
            self.scene.addItem(arrow)
        self.numbers = NumberLabels(self.figures, self.scene)
        self.width = 0.0
        self._fitted = (0.0, 0.0)
        # The figures' titles and L and R, with their size on screen (scene units).
        self._texts = [(text, text.font().pixelSize(), TITLE_PT)
                       for text in self.figures.titles.values()]
        self._texts += [(text, text.font().pixelSize(), SIDE_PT)
                        for pair in self.figures.side_labels.values() for text in pair]

    def fit(self, width: float) -> None:
        """Share the page's width between the figures and the room beside them, then draw
        the arrows and place the numbers (at NUMBER_PT points or more), for ``height``."""
        if (width, self.height) == self._fitted:
            return
        self.width, self._fitted = width, (width, self.height)
        figures = self.figures
        views = [figures.geometry.views[view] for view in figures.shown]
        natural = sum(view.width for view in views) + FIGURE_GAP * (len(views) - 1) + 8
        pixel = self.scene.sceneRect().height() / self.height  # scene units to a point
        numbered = any(item.value is not None for item in figures.region_items.values())
        room = max(0.0, min(ROOM_MOST, (width * pixel - natural) / 4)) if numbered else 0.0
        figures.set_room(FIGURE_GAP + 2 * room, room)
        for arrow in self.arrows:
            arrow.ring_radius = RING_PT * pixel
            arrow.setVisible(figures.route_arrow(arrow))
        drawn = self.scene.sceneRect()
        pixel = max(drawn.height() / self.height, drawn.width() / width)
        for text, size, least in self._texts:  # no smaller on paper than ``least`` points
            chosen = text.font()
            chosen.setPixelSize(max(size, math.ceil(least * pixel)))
            text.setFont(chosen)
        figures.show(figures.shown)  # the titles and sides placed again at their size
        self.numbers.place(pixel, font(NUMBER_PT), self.arrows, size=NUMBER_PT)

    def render(self, painter: QPainter, target: QRectF) -> None:
        self.scene.render(painter, target, self.scene.sceneRect(),
                          Qt.AspectRatioMode.KeepAspectRatio)


def _points() -> QImage:
    """A 72-dpi surface to measure the key's words on: one unit is one point."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(72 / 0.0254))
    image.setDotsPerMeterY(round(72 / 0.0254))
    return image


TITLE = N_("Where: flares touching each region, with referral patterns (arrows)")


class _Map:
    """The parts of the map section: the figures, their key and the notes beside or under."""

    def __init__(self, data: ReportData, atlas: Atlas, orientation: Orientation, build: Build):
        height = SHORT_MAP_HEIGHT if data.period.days < SHORT_DAYS else MAP_HEIGHT
        self.paper = PaperMap(data, atlas, orientation, build, height)
        self.first, self.second = _notes(data, atlas)
        self.caption = f"{_(SIDES[orientation])} {_(DEEP_KEY)}"
        scale = self.paper.scale
        self.entries = [] if scale is None else [
            (text, class_colour(scale.position(c.high))) for text, c in zip(
                scale.texts(), scale.classes, strict=True)]
        self.ruler = _points()

    def key_lines(self, width: float) -> float:
        if not self.entries:
            return 0.0
        metrics = QFontMetricsF(font(NOTE_SIZE), self.ruler)
        return (wrapped_height(_(KEY_TITLE), width, NOTE_SIZE)
                + key_height(self.entries, metrics, width, SWATCH) + 4)

    @property
    def height(self) -> float:
        """The figures' height on the page, points."""
        return self.paper.height

    def shrink(self, width: float, room: float) -> Section | None:
        """The map drawn smaller to fit ``room`` (the rest of a page), down to
        MIN_MAP_HEIGHT; None when it would be smaller still."""
        figures = room - self.head_height(width) - self.key_lines(width)
        if figures < MIN_MAP_HEIGHT or figures >= self.height:
            return None
        self.paper.height = figures  # the notes' count of numbers left off follows
        return Section(self.map_height, self.draw_map, floats=True)

    def head_height(self, width: float) -> float:
        """The title and under it the side the patient's right is on."""
        return (TITLE_HEIGHT + overflow(_(TITLE), width, 10.5, True)
                + wrapped_height(self.caption, width, NOTE_SIZE) + 2)

    def map_height(self, width: float) -> float:
        return self.head_height(width) + self.height + self.key_lines(width)

    def draw_head(self, painter: QPainter, box: QRectF) -> float:
        """The title and the caption over the figures; where the figures begin."""
        painter.setFont(font(10.5, True))
        extra = draw_wrapped(painter, box.left(), box.top(), box.width(), 14, _(TITLE), 10.5,
                             True)
        painter.setFont(font(NOTE_SIZE))
        caption = wrapped_height(self.caption, box.width(), NOTE_SIZE)
        painter.drawText(QRectF(box.left(), box.top() + TITLE_HEIGHT + extra, box.width(),
                                caption), WRAP, self.caption)
        return box.top() + self.head_height(box.width())

    def draw_map(self, painter: QPainter, box: QRectF) -> None:
        """The title, the figures and under them their colours' key: never apart."""
        top = self.draw_head(painter, box)
        self.draw_figures(painter, QRectF(box.left(), top, box.width(), self.height))

    def draw_figures(self, painter: QPainter, box: QRectF, key: bool = True) -> None:
        self.paper.fit(box.width())
        self.paper.render(painter, QRectF(box.left(), box.top(), box.width(), self.height))
        if key:
            self.draw_key(painter, box.left(), box.top() + self.height + 2, box.width())

    def draw_key(self, painter: QPainter, left: float, top: float, width: float) -> None:
        if not self.entries:
            return
        painter.setFont(font(NOTE_SIZE))
        title = wrapped_height(_(KEY_TITLE), width, NOTE_SIZE)
        painter.drawText(QRectF(left, top, width, title), WRAP, _(KEY_TITLE))
        painter.save()
        painter.translate(left, top + title)
        paint_key(painter, class_key(self.entries, QFontMetricsF(font(NOTE_SIZE), self.ruler),
                                     width, SWATCH), QColor("black"))
        painter.restore()

    def columns(self, width: float) -> list[list[str]]:
        self.paper.fit(width)
        return [_left_off(self.paper.figures, self.paper.numbers.left_off) + self.first,
                self.second]

    def notes_height(self, width: float) -> float:
        inner = (width - COLUMN_GAP) / 2
        return max(_lines_height(column, inner) for column in self.columns(width))

    def draw_notes(self, painter: QPainter, box: QRectF) -> None:
        inner = (box.width() - COLUMN_GAP) / 2
        for index, column in enumerate(self.columns(box.width())):
            _draw_lines(painter, column, box.left() + index * (inner + COLUMN_GAP), box.top(),
                        inner)

    # A period shorter than a week shares its page with everything: the notes go beside
    # the smaller figures, in one column.
    def beside(self, width: float) -> tuple[float, list[str]]:
        """The figures' width, and the lines beside them; the figures as tall as those
        lines (they take no more of the page then), from SHORT_MAP_HEIGHT to SHORT_MOST."""
        figures = width * SHORT_SHARE
        notes = self.first + [""] + self.second
        inner = width - figures - 10
        height = min(SHORT_MOST, max(SHORT_MAP_HEIGHT, self.key_lines(inner)
                                     + _lines_height(notes, inner)))
        # Taller (up to the long period's height) rather than leave numbers off: at 7 pt a
        # number needs figures tall enough to find room beside its region.
        while True:
            self.paper.height = height
            self.paper.fit(figures)
            if not self.paper.numbers.left_off or height >= MAP_HEIGHT:
                break
            height = min(MAP_HEIGHT, height + SHORT_STEP)
        return figures, _left_off(self.paper.figures, self.paper.numbers.left_off) + notes

    def short_height(self, width: float) -> float:
        figures, lines = self.beside(width)
        inner = width - figures - 10
        return self.head_height(width) + max(self.height, self.key_lines(inner)
                                             + _lines_height(lines, inner))

    def draw_short(self, painter: QPainter, box: QRectF) -> None:
        """The figures on the left, their key and the notes beside them."""
        top = self.draw_head(painter, box)
        figures, lines = self.beside(box.width())
        self.draw_figures(painter, QRectF(box.left(), top, figures, self.height), key=False)
        left, inner = box.left() + figures + 10, box.width() - figures - 10
        self.draw_key(painter, left, top, inner)
        _draw_lines(painter, lines, left, top + self.key_lines(inner), inner)


def _lines_height(lines: list[str], width: float) -> float:
    return sum(wrapped_height(line, width, NOTE_SIZE) for line in lines)


def _draw_lines(painter: QPainter, lines: list[str], left: float, top: float,
                width: float) -> None:
    painter.setFont(font(NOTE_SIZE))
    for line in lines:
        height = wrapped_height(line, width, NOTE_SIZE)
        painter.drawText(QRectF(left, top, width, height), WRAP, line)
        top += height


def body_maps(data: ReportData, atlas: Atlas, orientation: Orientation,
              build: Build = Build.NEUTRAL) -> list[Section]:
    """Two sections: the figures with their colours' key, then under them the notes (which
    may go on the next page); for a period shorter than a week, one: smaller figures with
    the notes beside them; a line instead when no flare touched a region (blank figures
    would fill a page with nothing)."""
    if not data.figures:
        return [text_section(_("Where"), [_("No flares in this period, so there is no body map.")])]
    parts = _Map(data, atlas, orientation, build)
    if data.period.days < SHORT_DAYS:
        return [Section(parts.short_height, parts.draw_short, floats=True)]
    # The notes wait for their figures (never placed before them to fill a page).
    return [Section(parts.map_height, parts.draw_map, floats=True, shrink=parts.shrink),
            Section(parts.notes_height, parts.draw_notes, floats=True)]
