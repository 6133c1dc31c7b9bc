"""Trends over time with pyqtgraph: flares, intensity, chosen regions and the day's
check-in, with a lane for each medication above them and treatments marked, on linked
time axes.

This module imports pyqtgraph, so the main window imports it only when the view is
first opened: start-up stays fast.
"""

from __future__ import annotations

import math
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
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
    weekly_sums,
    weeks_with_gaps,
)
from fibromap.domain.atlas import Atlas
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import dated, whole
from fibromap.store.store import Store
from fibromap.ui.review.medication_lanes import MedicationLanes
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.review.trends_legend import HALF_DAY, LegendStrip, entries_of, epoch, week_places
from fibromap.ui.review.trends_series import (
    REGION_COLOURS,
    draw_day_by_day,
    draw_flares,
    draw_intensity,
    draw_treatments,
)
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.flow_layout import FlowLayout

# While the plots are dragged or zoomed, curves are drawn without antialiasing (a frame
# in half the time); this long after the last move they are drawn smooth again.
SMOOTH_AFTER_MS = 150
EMPTY_FLARE_RANGE = (0, 5)   # the flare axis when there is nothing to scale it by
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
        self.per_day = QRadioButton(_("per day"))
        self.per_day.setChecked(True)
        self.per_week = QRadioButton(_("per week"))
        self.region = QComboBox(editable=True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region.setAccessibleName(_("Add a region to draw"))
        self.region.addItem(_("Add a region…"), None)
        # By the name shown (atlas.name: the language's), the same order as read.
        for name, region_id in sorted((atlas.name(r.id), r.id) for r in atlas):
            self.region.addItem(name, region_id)
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region.setMinimumContentsLength(18)
        self.clear_regions = QPushButton(_("Clear regions"))
        self.clear_regions.setEnabled(False)
        # Off at first: a mark for every day something was tried ran along the axis as noise.
        self.show_treatments = QCheckBox(_("Treatments tried (a mark a week)"))
        self.overlay_boxes = {name: QCheckBox(_(label)) for name, label in OVERLAYS.items()}
        # Overall pain and sleep at first: the two a clinician asks of every day.
        self.overlay_boxes["pain"].setChecked(True)
        self.overlay_boxes["sleep_hours"].setChecked(True)
        # What a device measured: offered once some period shows any.
        self.device_boxes = {name: QCheckBox(_(label)) for name, label in DEVICE_OVERLAYS.items()}
        self.device_row = QWidget()
        row = QHBoxLayout(self.device_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(_("Measured by a device:")))
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
        self._symptom_layout.addWidget(QLabel(_("Daily ratings:")))
        self._symptom_layout.addStretch(1)
        self.symptom_row.hide()
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setAccessibleName(_("Flares, intensity, the check-in and what devices "
                                       "measured, over time"))
        self.legends: dict[object, LegendStrip] = {}
        self.flare_plot = self._plot(1, _("Flares"))
        self.intensity_plot = self._plot(2, _("Intensity (0–10)"))
        self.daily_plot = self._plot(3, _("Day by day"))
        # Above them, a lane for each medication (none: no room taken).
        self.medications = MedicationLanes(self.plots, 0, self.flare_plot, AXIS_WIDTH)
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
        top.addWidget(QLabel(_("Flares:")))
        top.addWidget(self.per_day)
        top.addWidget(self.per_week)
        top.addStretch(1)
        regions = QHBoxLayout()
        regions.addWidget(QLabel(_("Regions:")))
        regions.addWidget(self.region)
        regions.addWidget(self.clear_regions)
        regions.addSpacing(12)
        regions.addWidget(self.show_treatments)
        regions.addStretch(1)
        # Nine answers wrap onto a second line in a narrow window rather than widen it.
        overlays = QHBoxLayout()
        words = QLabel(_("Check-in:"))
        words.setMinimumHeight(self.overlay_boxes["pain"].sizeHint().height())  # on their line
        overlays.addWidget(words, 0, Qt.AlignmentFlag.AlignTop)
        answers = FlowLayout(spacing=10)
        for box in self.overlay_boxes.values():
            answers.addWidget(box)
        overlays.addLayout(answers, 1)
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
        total = data.total_flares
        recorded = bool(total) or _any_value(data)
        if data.device:
            self.device_row.show()
        self.caption.setText(_caption(data, total, recorded))
        weeks, sums = weekly_sums(data.days, data.flares)
        gaps = weeks_with_gaps(data.days, data.flares)
        places = [(place, partial or monday in gaps) for (place, partial), monday in
                  zip(week_places(weeks, data.period.start, data.period.end), weeks, strict=True)]
        if total:  # with none, no line along zero: it is not known there were none
            draw_flares(self.flare_plot, data, x, sums, places, self.per_week.isChecked(),
                        self._atlas.name)
        if self.show_treatments.isChecked():
            draw_treatments(self.flare_plot, data, weeks, places)
        draw_intensity(self.intensity_plot, data, x)
        draw_day_by_day(self.daily_plot, data, x, self._ticked(data),
                        {name for name, box in self.symptom_boxes.items() if box.isChecked()})
        self._scale_and_explain(total, recorded)
        self._name_and_lane(data)
        # Whole days: a one-day period is as wide as its day, not a point.
        self.flare_plot.setXRange(x[0] - HALF_DAY, x[-1] + HALF_DAY, padding=0)
        self._day_ticks(data.days)
        self._smooth_timer.stop()  # a new drawing is not a move: smooth at once
        self._set_smooth(True)

    def _name_and_lane(self, data: TrendsData) -> None:
        """Each plot's key, and the medications' lanes with their own key."""
        for plot, legend in self.legends.items():
            legend.set_entries(entries_of(plot))
        self.medications.draw(data.medications, data.period.start, data.period.end,
                              (self.flare_plot, self.intensity_plot, self.daily_plot))

    def _ticked(self, data: TrendsData) -> list[tuple[str, list[float], str]]:
        """The check-in values ticked, then those measured by a device (name, series, label)."""
        ticked = [(name, data.overlays[name], _(OVERLAYS[name]))
                  for name, box in self.overlay_boxes.items() if box.isChecked()]
        ticked += [(name, data.device[name], _(DEVICE_OVERLAYS[name]))
                   for name, box in self.device_boxes.items() if box.isChecked() and data.device]
        return ticked

    def _scale_and_explain(self, total: int, recorded: bool) -> None:
        """Plots with nothing to scale by keep a plain fixed range and say why they are empty."""
        if total:
            self.flare_plot.enableAutoRange(axis="y")
        else:
            self.flare_plot.setYRange(*EMPTY_FLARE_RANGE)
            self._message(self.flare_plot, _("Nothing recorded in this period yet") if not recorded
                          else _("No flares recorded in this period"), sum(EMPTY_FLARE_RANGE) / 2)
        if self.daily_plot.listDataItems():
            self.daily_plot.enableAutoRange(axis="y")
        else:
            self.daily_plot.setYRange(0, 10)
            if recorded:
                ticked = any(box.isChecked() for box in (
                    *self.overlay_boxes.values(), *self.device_boxes.values(),
                    *self.symptom_boxes.values()))
                self._message(self.daily_plot, _("Nothing ticked above was recorded in this period")
                              if ticked else _("Tick a check-in value above to draw it"), 5)

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
            ticks = [[(epoch(day), dated(day, "%a %d", "Ed")) for day in days[::step]], []]
        for plot in (self.flare_plot, self.intensity_plot, self.daily_plot):
            plot.getAxis("bottom").setTicks(ticks)

    def series_count(self) -> int:
        """How many curves the three plots hold (for tests and the accessible description)."""
        return sum(len(plot.listDataItems()) for plot in
                   (self.flare_plot, self.intensity_plot, self.daily_plot))


def _any_value(data: TrendsData) -> bool:
    """Whether any day of the period has a check-in value, a rating or a measured value."""
    return any(not math.isnan(v) for series in (
        *data.overlays.values(), *data.symptoms.values(), *data.device.values()) for v in series)


def _caption(data: TrendsData, total: int, recorded: bool) -> str:
    """The period, its flares and what is left out of them."""
    period = data.period.label()
    if not recorded:
        text = _("{period}: nothing recorded in this period yet.").format(period=period)
    elif data.medications:
        text = ngettext("{period}: {count} flare; drag to pan, wheel to zoom; medications in the "
                        "lanes above, dashed where they start and stop.",
                        "{period}: {count} flares; drag to pan, wheel to zoom; medications in the "
                        "lanes above, dashed where they start and stop.", total).format(
                            period=period, count=whole(total))
    else:
        text = ngettext("{period}: {count} flare; drag to pan, wheel to zoom.",
                        "{period}: {count} flares; drag to pan, wheel to zoom.", total).format(
                            period=period, count=whole(total))
    if data.unrated_zones:
        text += " " + ngettext(
            "{count} referred zone not rated: left out of the intensities.",
            "{count} referred zones not rated: left out of the intensities.",
            data.unrated_zones).format(count=whole(data.unrated_zones))
    if data.left_out and total:
        text += " " + ngettext(
            "{count} day without any record (no flare, check-in or “no spasms” mark): left out "
            "of the flares, not counted as none.",
            "{count} days without any record (no flare, check-in or “no spasms” mark): left out "
            "of the flares, not counted as none.", data.left_out).format(count=whole(data.left_out))
    return text
