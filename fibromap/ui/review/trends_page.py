"""Trends over time with pyqtgraph: flares, intensity, chosen regions and the day's
check-in, with medication periods shaded and treatments marked, on linked time axes.

This module imports pyqtgraph, so the main window imports it only when the view is
first opened: start-up stays fast.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QPushButton, QRadioButton,
    QVBoxLayout, QWidget,
)

from fibromap.analysis.trends import OVERLAYS, TrendsData, load_trends, rolling_mean, weekly_sums
from fibromap.domain.atlas import Atlas
from fibromap.figure import colors
from fibromap.store.store import Store
from fibromap.ui.review.review_page import ReviewPage

OVERLAY_COLOURS = {"sleep_hours": "#1b7837", "sleep_quality": "#5aae61", "water_glasses": "#2166ac",
                   "stress": "#b2182b", "fatigue": "#762a83"}
REGION_COLOURS = ("#e08214", "#8073ac", "#35978f", "#c51b7d", "#4d4d4d")
SYMPTOM_COLOURS = ("#d6604d", "#4393c3", "#8c510a", "#01665e", "#9970ab", "#bf812d")
# While the plots are dragged or zoomed, curves are drawn without antialiasing (a frame
# in half the time); this long after the last move they are drawn smooth again.
SMOOTH_AFTER_MS = 150


def _finite(x: list[float], y: list[float]) -> tuple[list[float], list[float]]:
    """Only the points that have a value (pyqtgraph warns on series that are all gaps)."""
    kept = [(a, b) for a, b in zip(x, y) if not math.isnan(b)]
    return [a for a, _ in kept], [b for _, b in kept]


def epoch(day: date) -> float:
    """Noon of a day, as the seconds pyqtgraph's date axis reads."""
    return datetime.combine(day, time(12)).timestamp()


class TrendsPage(ReviewPage):
    def __init__(self, store: Store, atlas: Atlas, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=3, parent=parent)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self._atlas = atlas
        self.chosen_regions: list[str] = []
        self.per_day = QRadioButton("per day", checked=True)
        self.per_week = QRadioButton("per week")
        self.region = QComboBox(editable=True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region.addItem("Add a region…", None)
        for region in sorted(atlas, key=lambda r: r.name):
            self.region.addItem(region.name, region.id)
        self.clear_regions = QPushButton("Clear regions")
        self.overlay_boxes = {name: QCheckBox(label) for name, label in OVERLAYS.items()}
        self.overlay_boxes["sleep_hours"].setChecked(True)
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
        self.flare_plot = self._plot(0, "Flares")
        self.intensity_plot = self._plot(1, "Intensity (0–10)")
        self.daily_plot = self._plot(2, "Check-in and ratings")
        for plot in (self.intensity_plot, self.daily_plot):
            plot.setXLink(self.flare_plot)
        self.intensity_plot.setYRange(0, 10)
        self._smooth = True
        self._smooth_timer = QTimer(self, singleShot=True, interval=SMOOTH_AFTER_MS,
                                    timeout=lambda: self._set_smooth(True))
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
        plot.addLegend(offset=(10, 5))
        plot.setMouseEnabled(x=True, y=False)
        return plot

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addWidget(QLabel("Flares"))
        top.addWidget(self.per_day)
        top.addWidget(self.per_week)
        top.addWidget(self.region)
        top.addWidget(self.clear_regions)
        top.addStretch(1)
        overlays = QHBoxLayout()
        overlays.addWidget(QLabel("Check-in:"))
        for box in self.overlay_boxes.values():
            overlays.addWidget(box)
        overlays.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(overlays)
        layout.addWidget(self.symptom_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.plots, 1)

    def _connect(self) -> None:
        self.per_day.toggled.connect(lambda _on: self._draw())
        for box in self.overlay_boxes.values():
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
            self.refresh()
        self.region.setCurrentIndex(0)

    def _clear_regions(self) -> None:
        self.chosen_regions = []
        self.refresh()

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
            box = QCheckBox(name, checked=name in (self.chosen_symptoms or set()))
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
        x = [epoch(d) for d in data.days]
        total = int(sum(data.flares))
        self.caption.setText(f"{data.period.label()}: {total} flare{'s' if total != 1 else ''}; "
                             "drag to pan, wheel to zoom; medication periods are shaded.")
        bar = QColor("#7a9cc6")
        if self.per_week.isChecked():
            weeks, sums = weekly_sums(data.days, data.flares)
            self.flare_plot.plot([epoch(w) for w in weeks], sums, pen=pg.mkPen(bar, width=2),
                                 symbol="o", symbolSize=5, symbolBrush=bar, name="flares a week")
        else:
            self.flare_plot.plot(x, data.flares, pen=pg.mkPen(bar, width=1), name="flares a day")
            self.flare_plot.plot(x, rolling_mean(data.flares), pen=pg.mkPen("#1b3d73", width=2.5),
                                 name="7-day average")
        for colour, (region, series) in zip(REGION_COLOURS, data.regions.items()):
            self.flare_plot.plot(x, rolling_mean(series), pen=pg.mkPen(colour, width=2),
                                 name=f"{self._atlas.name(region)} (7-day)")
        if data.treatment_days:
            self.flare_plot.plot([epoch(d) for d in data.treatment_days], [0] * len(data.treatment_days),
                                 pen=None, symbol="t1", symbolSize=7, symbolBrush="#35978f",
                                 name="treatment tried")
        self._line(self.intensity_plot, x, data.max_intensity, pen=None, symbol="o", symbolSize=3,
                   symbolBrush=colors.intensity_color(8), name="highest")
        self._line(self.intensity_plot, x, rolling_mean(data.max_intensity),
                   pen=pg.mkPen(colors.intensity_color(8), width=2), name="highest, 7-day")
        self._line(self.intensity_plot, x, rolling_mean(data.mean_intensity),
                   pen=pg.mkPen(colors.intensity_color(4), width=2), name="mean, 7-day")
        for name, box in self.overlay_boxes.items():
            if box.isChecked():
                self._line(self.daily_plot, x, data.overlays[name],
                           pen=pg.mkPen(OVERLAY_COLOURS[name], width=1.5), name=OVERLAYS[name])
        for colour, (name, series) in zip(SYMPTOM_COLOURS, data.symptoms.items()):
            box = self.symptom_boxes.get(name)
            if box is not None and box.isChecked():
                self._line(self.daily_plot, x, series, pen=pg.mkPen(colour, width=1.5),
                           symbol="o", symbolSize=4, symbolBrush=colour,
                           name=f"{name} (rating 0–10)")
        self._shade_medications(data)
        self.flare_plot.setXRange(x[0], x[-1], padding=0.01)
        self._smooth_timer.stop()  # a new drawing is not a move: smooth at once
        self._set_smooth(True)

    @staticmethod
    def _line(plot, x: list[float], y: list[float], **style) -> None:
        """A series with gaps where a day has no value; nothing at all if no day has one."""
        if all(math.isnan(v) for v in y):
            return
        if style.get("pen") is None:  # points only
            plot.plot(*_finite(x, y), **style)
        else:
            plot.plot(x, y, connect="finite", **style)

    def _shade_medications(self, data: TrendsData) -> None:
        for index, medication in enumerate(data.medications):
            start = max(medication.start, data.period.start)
            stop = min(medication.stop or data.period.end, data.period.end)
            colour = QColor(REGION_COLOURS[index % len(REGION_COLOURS)])
            colour.setAlpha(28)
            for plot in (self.flare_plot, self.intensity_plot, self.daily_plot):
                shade = pg.LinearRegionItem((epoch(start) - 43200, epoch(stop) + 43200),
                                            movable=False, brush=pg.mkBrush(colour),
                                            pen=pg.mkPen(None))
                shade.setZValue(-10)
                shade.setToolTip(f"{medication.name} {medication.dose}".strip())
                plot.addItem(shade)
            label = pg.TextItem(f"{medication.name}", color=QColor(REGION_COLOURS[index % 5]),
                                anchor=(0, 1))
            label.setPos(epoch(start), 0.3 + index * 0.9)
            self.intensity_plot.addItem(label)

    def series_count(self) -> int:
        """How many curves the three plots hold (for tests and the accessible description)."""
        return sum(len(plot.listDataItems()) for plot in
                   (self.flare_plot, self.intensity_plot, self.daily_plot))
