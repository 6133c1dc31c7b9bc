"""Trends over time with pyqtgraph: flares, intensity, chosen regions and the day's
check-in, with medication periods shaded and treatments marked, on linked time axes.

This module imports pyqtgraph, so the main window imports it only when the view is
first opened: start-up stays fast.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fibromap.analysis.trends import (
    DEVICE_OVERLAYS,
    OVERLAYS,
    TrendsData,
    load_trends,
    rolling_mean,
    weekly_sums,
)
from fibromap.domain.atlas import Atlas
from fibromap.figure import colors
from fibromap.store.store import Store
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.review.trends_legend import (
    HALF_DAY,
    LegendStrip,
    entries_of,
    epoch,
    shade_medications,
    week_places,
)
from fibromap.ui.review.trends_lines import day_marks, draw_line
from fibromap.ui.views import PageContext

OVERLAY_COLOURS = {"sleep_hours": "#1b7837", "sleep_quality": "#5aae61", "water_glasses": "#2166ac",
                   "stress": "#b2182b", "fatigue": "#762a83", "device_sleep": "#00441b",
                   "device_awakenings": "#e7298a", "steps": "#7f7f7f"}
REGION_COLOURS = ("#e08214", "#8073ac", "#35978f", "#c51b7d", "#4d4d4d")
SYMPTOM_COLOURS = ("#d6604d", "#4393c3", "#8c510a", "#01665e", "#9970ab", "#bf812d")
# While the plots are dragged or zoomed, curves are drawn without antialiasing (a frame
# in half the time); this long after the last move they are drawn smooth again.
SMOOTH_AFTER_MS = 150
EMPTY_FLARE_RANGE = (0, 5)   # the flare axis when there is nothing to scale it by
WEEK = 7        # days a 7-day average needs
AXIS_WIDTH = 52


class TrendsPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> TrendsPage:
        """The Trends tab."""
        return cls(context.store, context.atlas)

    def __init__(self, store: Store, atlas: Atlas, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=3, parent=parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self._atlas = atlas
        self.chosen_regions: list[str] = []
        self.per_day = QRadioButton("per day")
        self.per_day.setChecked(True)
        self.per_week = QRadioButton("per week")
        self.region = QComboBox(editable=True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region.setAccessibleName("Add a region to draw")
        self.region.addItem("Add a region…", None)
        for region in sorted(atlas, key=lambda r: r.name):
            self.region.addItem(region.name, region.id)
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region.setMinimumContentsLength(18)
        self.clear_regions = QPushButton("Clear regions")
        self.clear_regions.setEnabled(False)
        # Off at first: a mark for every day something was tried ran along the axis as noise.
        self.show_treatments = QCheckBox("Treatments tried (a mark a week)")
        self.overlay_boxes = {name: QCheckBox(label) for name, label in OVERLAYS.items()}
        self.overlay_boxes["sleep_hours"].setChecked(True)
        # What a device measured: offered once some period shows any.
        self.device_boxes = {name: QCheckBox(label) for name, label in DEVICE_OVERLAYS.items()}
        self.device_row = QWidget()
        row = QHBoxLayout(self.device_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Measured by a device:"))
        for box in self.device_boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        self.device_row.hide()
        # Daily symptom ratings (from another app, or typed): a box for each rated symptom.
        self.symptom_boxes: dict[str, QCheckBox] = {}
        self.chosen_symptoms: set[str] | None = None  # None: the person has not chosen yet
        self.symptom_row = QWidget()
        self._symptom_layout = QHBoxLayout(self.symptom_row)
        self._symptom_layout.setContentsMargins(0, 0, 0, 0)
        self._symptom_layout.addWidget(QLabel("Daily ratings:"))
        self._symptom_layout.addStretch(1)
        self.symptom_row.hide()
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setAccessibleName("Flares, intensity, the check-in and what devices "
                                     "measured, over time")
        self.legends: dict[object, LegendStrip] = {}
        self.flare_plot = self._plot(0, "Flares")
        self.intensity_plot = self._plot(1, "Intensity (0–10)")
        self.daily_plot = self._plot(2, "Day by day")
        self.messages: dict[object, pg.TextItem] = {}
        for plot in (self.intensity_plot, self.daily_plot):
            plot.setXLink(self.flare_plot)
        self.intensity_plot.setYRange(0, 10)
        self._smooth = True
        self._smooth_timer = QTimer(self, singleShot=True, interval=SMOOTH_AFTER_MS)
        self._smooth_timer.timeout.connect(lambda: self._set_smooth(True))
        self._build()
        self._connect()

    def _plot(self, row: int, title: str):
        plot = self.plots.addPlot(row=row, col=0, axisItems={"bottom": pg.DateAxisItem()})
        plot.setLabel("left", title)
        plot.showGrid(x=True, y=True, alpha=0.15)
        # Grid lines at the labelled values only: the finer levels tripled a frame's time.
        # The value axis and its grid do not change while time is dragged: kept as an image.
        left = plot.getAxis("left")
        left.setStyle(maxTickLevel=0)
        left.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Years of days stay smooth: draw only what is in view, thinned to the screen.
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
        left.enableAutoSIPrefix(False)  # counts and ratings: never "(x0.001)"
        left.setWidth(AXIS_WIDTH)  # the same for all three, so their days line up
        plot.getAxis("bottom").setStyle(maxTickLevel=0)
        self.legends[plot] = LegendStrip(plot)
        plot.setMouseEnabled(x=True, y=False)
        return plot

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addSpacing(12)
        top.addWidget(QLabel("Flares:"))
        top.addWidget(self.per_day)
        top.addWidget(self.per_week)
        top.addStretch(1)
        regions = QHBoxLayout()
        regions.addWidget(QLabel("Regions:"))
        regions.addWidget(self.region)
        regions.addWidget(self.clear_regions)
        regions.addSpacing(12)
        regions.addWidget(self.show_treatments)
        regions.addStretch(1)
        overlays = QHBoxLayout()
        overlays.addWidget(QLabel("Check-in:"))
        for box in self.overlay_boxes.values():
            overlays.addWidget(box)
        overlays.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(regions)
        layout.addLayout(overlays)
        layout.addWidget(self.device_row)
        layout.addWidget(self.symptom_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.plots, 1)

    def _connect(self) -> None:
        self.per_day.toggled.connect(lambda _on: self._draw())
        self.show_treatments.toggled.connect(lambda _on: self._draw())
        for box in (*self.overlay_boxes.values(), *self.device_boxes.values()):
            box.toggled.connect(lambda _on: self._draw())
        self.region.activated.connect(self._add_region)
        self.clear_regions.clicked.connect(self._clear_regions)
        self.flare_plot.getViewBox().sigXRangeChanged.connect(self._moving)

    def _moving(self) -> None:
        if self._smooth:
            self._set_smooth(False)
        self._smooth_timer.start()

    def _set_smooth(self, on: bool) -> None:
        self._smooth = on
        for plot in (self.flare_plot, self.intensity_plot, self.daily_plot):
            for item in plot.listDataItems():
                # The item passes its own option on to its parts whenever the view moves.
                item.opts["antialias"] = on
                for part in (item.curve, item.scatter):
                    part.opts["antialias"] = on
                    part.update()

    def drawn_smooth(self) -> bool:
        """Whether the curves are drawn antialiased now (not while being dragged)."""
        return self._smooth

    def _add_region(self, index: int) -> None:
        region = self.region.itemData(index)
        if region and region not in self.chosen_regions:
            self.chosen_regions = (self.chosen_regions + [region])[-len(REGION_COLOURS):]
            self.clear_regions.setEnabled(True)
            self.reload()
        self.region.setCurrentIndex(0)

    def _clear_regions(self) -> None:
        self.chosen_regions = []
        self.clear_regions.setEnabled(False)
        self.reload()

    def loader(self, period):
        store, regions = self._store, list(self.chosen_regions)
        return lambda: load_trends(store, period, regions)

    def show_data(self, data: TrendsData) -> None:
        self._offer_symptoms(list(data.symptoms))
        self._draw()

    def _offer_symptoms(self, names: list[str]) -> None:
        """A box for each symptom rated in the period; the most rated one shown at first."""
        if self.chosen_symptoms is None and names:
            self.chosen_symptoms = {names[0]}
        for box in self.symptom_boxes.values():
            box.deleteLater()
        self.symptom_boxes = {}
        for index, name in enumerate(names):
            box = QCheckBox(name)
            box.setChecked(name in (self.chosen_symptoms or set()))
            box.toggled.connect(lambda on, n=name: self._choose_symptom(n, on))
            self._symptom_layout.insertWidget(1 + index, box)
            self.symptom_boxes[name] = box
        self.symptom_row.setVisible(bool(names))

    def _choose_symptom(self, name: str, on: bool) -> None:
        chosen = set(self.chosen_symptoms or ())
        self.chosen_symptoms = chosen | {name} if on else chosen - {name}
        self._draw()

    def _draw(self) -> None:
        data = self.data
        if data is None:
            return
        for plot in (self.flare_plot, self.intensity_plot, self.daily_plot):
            plot.clear()
        self.messages = {}
        x = [epoch(d) for d in data.days]
        total = int(sum(data.flares))
        recorded = bool(total) or any(not math.isnan(v) for series in (
            *data.overlays.values(), *data.symptoms.values(), *data.device.values())
            for v in series)
        if data.device:
            self.device_row.show()
        self.caption.setText(
            f"{data.period.label()}: " + (
                f"{total} flare{'s' if total != 1 else ''}; drag to pan, wheel to zoom; "
                "medication periods are shaded." if recorded
                else "nothing recorded in this period yet."))
        weeks, sums = weekly_sums(data.days, data.flares)
        places = week_places(weeks, data.period.start, data.period.end)
        if total:  # with none, no line along zero: it is not known there were none
            self._draw_flares(data, x, sums, places)
        if self.show_treatments.isChecked():
            self._draw_treatments(data, weeks, places)
        draw_line(self.intensity_plot, x, data.max_intensity, pen=None, symbol="o", symbolSize=3,
                   symbolBrush=colors.intensity_color(8), name="highest")
        few = len(x) < WEEK  # too few days for a 7-day average: each day's own mean
        if not few:
            draw_line(self.intensity_plot, x, rolling_mean(data.max_intensity),
                       pen=pg.mkPen(colors.intensity_color(8), width=2), name="highest, 7-day")
        draw_line(self.intensity_plot, x, data.mean_intensity if few
                   else rolling_mean(data.mean_intensity),
                   pen=pg.mkPen(colors.intensity_color(4), width=2), name="mean" if few
                   else "mean, 7-day", **day_marks(len(x), colors.intensity_color(4)))
        ticked = [(name, data.overlays[name], OVERLAYS[name])
                  for name, box in self.overlay_boxes.items() if box.isChecked()]
        ticked += [(name, data.device[name], DEVICE_OVERLAYS[name])
                   for name, box in self.device_boxes.items() if box.isChecked() and data.device]
        for name, series, label in ticked:
            draw_line(self.daily_plot, x, series, pen=pg.mkPen(OVERLAY_COLOURS[name], width=1.5),
                       name=label, **day_marks(len(x), OVERLAY_COLOURS[name]))
        for colour, (name, series) in zip(SYMPTOM_COLOURS, data.symptoms.items(), strict=False):
            box = self.symptom_boxes.get(name)
            if box is not None and box.isChecked():
                draw_line(self.daily_plot, x, series, pen=pg.mkPen(colour, width=1.5),
                           symbol="o", symbolSize=4, symbolBrush=colour,
                           name=f"{name} (rating 0–10)")
        self._scale_and_explain(total, recorded)
        medications = shade_medications((self.flare_plot, self.intensity_plot,
                                         self.daily_plot), data, REGION_COLOURS)
        for plot, legend in self.legends.items():
            legend.set_entries(entries_of(plot) + (medications if plot is self.intensity_plot else []))
        # Whole days: a one-day period is as wide as its day, not a point.
        self.flare_plot.setXRange(x[0] - HALF_DAY, x[-1] + HALF_DAY, padding=0)
        self._day_ticks(data.days)
        self._smooth_timer.stop()  # a new drawing is not a move: smooth at once
        self._set_smooth(True)

    def _draw_flares(self, data: TrendsData, x: list[float], sums: list[float],
                     places: list[tuple[float, bool]]) -> None:
        bar = QColor("#7a9cc6")
        if self.per_week.isChecked():
            self.flare_plot.plot([p for p, _part in places], sums, pen=pg.mkPen(bar, width=2),
                                 symbol="o", symbolSize=6, symbolBrush=bar, symbolPen=bar,
                                 name="flares a week")
            part = [(p, n) for (p, partial), n in zip(places, sums, strict=True) if partial]
            if part:  # fewer days were counted: an open mark, so it is not read as a drop
                self.flare_plot.plot([p for p, _n in part], [n for _p, n in part], pen=None,
                                     symbol="o", symbolSize=8, symbolBrush="w",
                                     symbolPen=pg.mkPen(bar, width=2),
                                     name="part of a week (fewer days)")
        else:
            self.flare_plot.plot(x, data.flares, pen=pg.mkPen(bar, width=1), name="flares a day",
                                 **day_marks(len(x), bar))
            if len(x) >= WEEK:
                self.flare_plot.plot(x, rolling_mean(data.flares),
                                     pen=pg.mkPen("#1b3d73", width=2.5), name="7-day average")
        weekly = self.per_week.isChecked()
        for colour, (region, series) in zip(REGION_COLOURS, data.regions.items(), strict=False):
            name = self._atlas.name(region)
            if weekly:  # on the same scale as the flares a week
                self.flare_plot.plot([p for p, _part in places], weekly_sums(data.days, series)[1],
                                     pen=pg.mkPen(colour, width=2), name=f"{name} (a week)")
            else:
                self.flare_plot.plot(x, rolling_mean(series), pen=pg.mkPen(colour, width=2),
                                     name=f"{name} (7-day)")

    def _draw_treatments(self, data: TrendsData, weeks: list[date],
                         places: list[tuple[float, bool]]) -> None:
        """One mark a week in which some treatment was tried, along the foot of the plot."""
        tried = {day - timedelta(days=day.weekday()) for day in data.treatment_days}
        marks = [place for monday, (place, _part) in zip(weeks, places, strict=True) if monday in tried]
        if marks:
            colour = QColor("#35978f")
            self.flare_plot.plot(marks, [0] * len(marks), pen=None, symbol="t1", symbolSize=9,
                                 symbolBrush=colour, symbolPen=colour,
                                 name="treatment tried that week")

    def _scale_and_explain(self, total: int, recorded: bool) -> None:
        """Plots with nothing to scale by keep a plain fixed range and say why they are empty."""
        if total:
            self.flare_plot.enableAutoRange(axis="y")
        else:
            self.flare_plot.setYRange(*EMPTY_FLARE_RANGE)
            self._message(self.flare_plot, "Nothing recorded in this period yet" if not recorded
                          else "No flares recorded in this period", sum(EMPTY_FLARE_RANGE) / 2)
        if self.daily_plot.listDataItems():
            self.daily_plot.enableAutoRange(axis="y")
        else:
            self.daily_plot.setYRange(0, 10)
            if recorded:
                ticked = any(box.isChecked() for box in (
                    *self.overlay_boxes.values(), *self.device_boxes.values(),
                    *self.symptom_boxes.values()))
                self._message(self.daily_plot, "Nothing ticked above was recorded in this period"
                              if ticked else "Tick a check-in value above to draw it", 5)

    def _message(self, plot, text: str, y: float) -> None:
        message = pg.TextItem(text, color="#555555", anchor=(0.5, 0.5))
        start, end = self.data.period.start, self.data.period.end
        message.setPos((epoch(start) + epoch(end)) / 2, y)
        plot.addItem(message, ignoreBounds=True)
        self.messages[plot] = message

    def _day_ticks(self, days: list[date]) -> None:
        """Over a month or less, the time axes name days ("Mon 30"), never hours of one."""
        ticks = None
        if len(days) <= 31:
            step = max(1, math.ceil(len(days) / 8))
            ticks = [[(epoch(day), f"{day:%a %d}") for day in days[::step]], []]
        for plot in (self.flare_plot, self.intensity_plot, self.daily_plot):
            plot.getAxis("bottom").setTicks(ticks)

    def series_count(self) -> int:
        """How many curves the three plots hold (for tests and the accessible description)."""
        return sum(len(plot.listDataItems()) for plot in
                   (self.flare_plot, self.intensity_plot, self.daily_plot))
