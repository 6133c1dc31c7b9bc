"""What each of the Trends view's three plots draws from a period's figures: flares (a day
or a week, with the chosen regions and the weeks a treatment was tried), intensity, and the
day's check-in, measured and rated values. The page decides what is ticked; these draw it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtGui import QColor

from fibromap.analysis.trends import TrendsData, rolling_mean, weekly_sums
from fibromap.figure import colors
from fibromap.i18n import _
from fibromap.ui.review.trends_lines import day_marks, draw_line

OVERLAY_COLOURS = {"pain": "#222222", "stiffness": "#8c510a", "fibro_fog": "#5e3c99",
                   "waking_unrefreshed": "#01665e", "sleep_hours": "#1b7837",
                   "sleep_quality": "#5aae61", "water_glasses": "#2166ac",
                   "stress": "#b2182b", "fatigue": "#762a83", "device_sleep": "#00441b",
                   "device_awakenings": "#e7298a", "steps": "#7f7f7f"}
REGION_COLOURS = ("#e08214", "#8073ac", "#35978f", "#c51b7d", "#4d4d4d")
SYMPTOM_COLOURS = ("#d6604d", "#4393c3", "#8c510a", "#01665e", "#9970ab", "#bf812d")
WEEK = 7        # days a 7-day average needs
Places = list[tuple[float, bool]]  # each week's place on the time axis, and whether it is part of one


def draw_flares(plot, data: TrendsData, x: list[float], sums: list[float], places: Places,
                weekly: bool, region_name: Callable[[str], str]) -> None:
    """Flares a day and their 7-day average, or a week (part weeks an open mark); then each
    chosen region on the same footing."""
    bar = QColor("#7a9cc6")
    if weekly:
        plot.plot([p for p, _part in places], sums, pen=pg.mkPen(bar, width=2),
                  symbol="o", symbolSize=6, symbolBrush=bar, symbolPen=bar, name=_("flares a week"))
        part = [(p, n) for (p, partial), n in zip(places, sums, strict=True) if partial]
        if part:  # fewer days were counted: an open mark, so it is not read as a drop
            plot.plot([p for p, _n in part], [n for _p, n in part], pen=None,
                      symbol="o", symbolSize=8, symbolBrush="w", symbolPen=pg.mkPen(bar, width=2),
                      name=_("part of a week (fewer days)"))
    else:
        plot.plot(x, data.flares, pen=pg.mkPen(bar, width=1), name=_("flares a day"),
                  **day_marks(len(x), bar))
        if len(x) >= WEEK:
            plot.plot(x, rolling_mean(data.flares), pen=pg.mkPen("#1b3d73", width=2.5),
                      name=_("7-day average"))
    for colour, (region, series) in zip(REGION_COLOURS, data.regions.items(), strict=False):
        name = region_name(region)
        if weekly:  # on the same scale as the flares a week
            plot.plot([p for p, _part in places], weekly_sums(data.days, series)[1],
                      pen=pg.mkPen(colour, width=2), name=_("{region} (a week)").format(region=name))
        else:
            plot.plot(x, rolling_mean(series), pen=pg.mkPen(colour, width=2),
                      name=_("{region} (7-day)").format(region=name))


def draw_treatments(plot, data: TrendsData, weeks: list[date], places: Places) -> None:
    """One mark a week in which some treatment was tried, along the foot of the plot."""
    tried = {day - timedelta(days=day.weekday()) for day in data.treatment_days}
    marks = [place for monday, (place, _part) in zip(weeks, places, strict=True) if monday in tried]
    if marks:
        colour = QColor("#35978f")
        plot.plot(marks, [0] * len(marks), pen=None, symbol="t1", symbolSize=9,
                  symbolBrush=colour, symbolPen=colour, name=_("treatment tried that week"))


def draw_intensity(plot, data: TrendsData, x: list[float]) -> None:
    """Each day's highest intensity as points, its 7-day average, and the mean's (with too
    few days for a 7-day average, each day's own mean)."""
    draw_line(plot, x, data.max_intensity, pen=None, symbol="o", symbolSize=3,
              symbolBrush=colors.intensity_color(8), name=_("highest"))
    few = len(x) < WEEK
    if not few:
        draw_line(plot, x, rolling_mean(data.max_intensity),
                  pen=pg.mkPen(colors.intensity_color(8), width=2), name=_("highest, 7-day"))
    draw_line(plot, x, data.mean_intensity if few else rolling_mean(data.mean_intensity),
              pen=pg.mkPen(colors.intensity_color(4), width=2), name=_("mean") if few
              else _("mean, 7-day"), **day_marks(len(x), colors.intensity_color(4)))


def draw_day_by_day(plot, data: TrendsData, x: list[float],
                    ticked: Sequence[tuple[str, list[float], str]], symptoms: Collection[str]) -> None:
    """The ticked check-in and measured values (name, series, label), then the ticked
    symptoms' ratings, each symptom in the colour of its place among those rated."""
    for name, series, label in ticked:
        draw_line(plot, x, series, pen=pg.mkPen(OVERLAY_COLOURS[name], width=1.5),
                  name=label, **day_marks(len(x), OVERLAY_COLOURS[name]))
    for colour, (name, series) in zip(SYMPTOM_COLOURS, data.symptoms.items(), strict=False):
        if name in symptoms:
            draw_line(plot, x, series, pen=pg.mkPen(colour, width=1.5), symbol="o",
                      symbolSize=4, symbolBrush=colour,
                      name=_("{symptom} (rating 0–10)").format(symptom=name))
