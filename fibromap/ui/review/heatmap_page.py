"""Heat-map: the body coloured by a chosen figure over a chosen period.

Figures are computed in SQL on a worker thread, so a ten-year range never freezes the
window. One map for the period, or one small map per month across a year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fibromap.analysis.colour_scale import colour_scale
from fibromap.analysis.heatmap import INTENSITY_METRICS, METRICS, Metric, format_value, metric_values
from fibromap.analysis.periods import Period, months_ending
from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.domain.geometry import BodyGeometry, load_geometry
from fibromap.figure.fill_marks import DEEP_KEY
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _, ngettext, pgettext
from fibromap.i18n.formats import dated, decimal, whole
from fibromap.store import aggregates
from fibromap.store.aggregates import RegionFigures
from fibromap.store.store import Store
from fibromap.ui.review.heat_body_map import HeatBodyMap
from fibromap.ui.review.legend_bar import LEGEND_TITLES, LegendBar
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.settings import Settings
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.flow_layout import FlowLayout

MONTHS = 12
MONTH_WIDTH = 200  # a small map's least width


class MonthScroll(QScrollArea):
    """The small monthly maps in as many columns as the width holds (four, three or two),
    so they scroll down, never sideways."""

    def __init__(self, cells: Sequence[tuple[QLabel, QWidget]]):
        super().__init__(widgetResizable=True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._cells = cells
        self.columns = 0
        inner = QWidget()
        self._grid = QGridLayout(inner)
        self.setWidget(inner)
        self._arrange(4)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for index, (title, small) in enumerate(self._cells):
            row, column = divmod(index, columns)
            self._grid.addWidget(title, 2 * row, column)  # moves it if already there
            self._grid.addWidget(small, 2 * row + 1, column)
        for column in range(4):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        spacing = self._grid.horizontalSpacing() + 4
        margins = self._grid.contentsMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        self._arrange(max(2, min(4, (room + spacing) // (MONTH_WIDTH + spacing))))


@dataclass(frozen=True)
class HeatData:
    period: Period
    flares: int
    days_with_flares: int
    figures: dict[str, RegionFigures]
    links: list[tuple[str, str, int]]
    months: list[tuple[Period, dict[str, RegionFigures]]]
    unrated: int = 0  # referred zones not rated: in the counts, in no intensity


def load_heat_data(store: Store, period: Period, by_month: bool) -> HeatData:
    """Everything a heat-map shows, from the database (runs on a worker thread)."""
    database = store.database
    summary = store.summary(period.start, period.end)
    rolled = load_atlas().roll_up()  # the map is the whole figure: a thumb counts on the palm
    if by_month:  # the small maps alone are shown: the whole period's map is not needed
        months = [(month, aggregates.region_figures(database, month.start,
                                                    min(month.end, period.end), rolled))
                  for month in months_ending(period.end, MONTHS)]
        return HeatData(period, summary.flares, summary.days_with_flares, {}, [], months,
                        summary.unrated_zones)
    return HeatData(period, summary.flares, summary.days_with_flares,
                    aggregates.region_figures(database, period.start, period.end, rolled),
                    aggregates.referral_counts(database, period.start, period.end, rolled), [],
                    summary.unrated_zones)


class HeatMapPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> HeatMapPage:
        """The Heat-map tab, facing and drawn as the Log's map is."""
        page = cls(context.store, context.settings, context.atlas)
        context.orientation_changed.connect(page.set_orientation)
        context.figure_changed.connect(page.set_geometry)
        return page

    def __init__(self, store: Store, settings: Settings, atlas: Atlas,
                 today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, parent=parent)
        self._settings = settings
        self._atlas = atlas

        self.metric_choice = QComboBox()
        self.metric_choice.setAccessibleName(_("What the colours show"))
        for metric, info in METRICS.items():
            self.metric_choice.addItem(_(info.label), metric)
        self.by_month = QCheckBox(_("One map per month"))
        self.appointments_button = QPushButton(_("Appointments…"))
        self.note = QLabel(wordWrap=True)  # what the period picker has to say
        self.info = QLabel(_("Hover over a region for its figures."), wordWrap=True)
        self.deep_note = QLabel(_(DEEP_KEY), wordWrap=True)  # the dots' key
        self.legend = LegendBar()
        self.unrated_note = QLabel(wordWrap=True)  # shown when a referred zone was not rated
        geometry = load_geometry(settings.build)
        self.map = HeatBodyMap(settings.orientation, atlas=atlas, geometry=geometry)
        self.left_off = self.map.left_off_label()  # numbers with no room on the map
        self.arrows_note = self.map.arrows_label()  # which referral patterns are drawn
        self.month_maps: list[tuple[QLabel, HeatBodyMap]] = []
        self.stack = QStackedWidget()
        self._build(geometry)
        self._connect()

    def _build(self, geometry: BodyGeometry) -> None:
        """``geometry``: the build the maps are drawn in, the big map's."""
        # The choices after the period wrap onto a second line where the words are too long
        # for a small window, rather than widen it.
        show = QWidget()
        shown = QHBoxLayout(show)
        shown.setContentsMargins(0, 0, 0, 0)
        shown.addWidget(QLabel(pgettext("heat-map: show which figure", "Show")))
        shown.addWidget(self.metric_choice)
        choices = FlowLayout(spacing=8)
        for widget in (show, self.by_month, self.appointments_button):
            choices.addWidget(widget)
        controls = QHBoxLayout()
        controls.addWidget(self.picker, 0, Qt.AlignmentFlag.AlignTop)
        controls.addLayout(choices, 1)
        side = QVBoxLayout()
        side.addWidget(self.note)
        side.addWidget(self.caption)
        side.addWidget(self.legend)
        side.addWidget(self.unrated_note)
        side.addWidget(self.left_off)
        side.addWidget(self.arrows_note)
        side.addWidget(self.deep_note)
        side.addWidget(self.info)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(280)
        for index in range(MONTHS):
            title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
            small = HeatBodyMap(self._settings.orientation, atlas=self._atlas,
                                geometry=geometry, numbers=False)
            small.setMinimumSize(MONTH_WIDTH, 210)
            small.hoveredRegionChanged.connect(lambda rid, i=index: self._hovered(rid, i))
            self.month_maps.append((title, small))
        months = MonthScroll(self.month_maps)
        self.stack.addWidget(self.map)
        self.stack.addWidget(months)
        body = QHBoxLayout()
        body.addWidget(self.stack, 1)
        body.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(body, 1)

    def _connect(self) -> None:
        self.picker.message.connect(self.note.setText)
        self.picker.changed.connect(lambda _period: self.note.setText(""))
        self.metric_choice.currentIndexChanged.connect(lambda _i: self._paint())
        # The picker then says the months shown, and its change reloads the view.
        self.by_month.toggled.connect(lambda on: self.picker.set_months(MONTHS if on else None))
        self.map.hoveredRegionChanged.connect(lambda rid: self._hovered(rid, None))
        self.map.currentRegionChanged.connect(lambda rid: self._hovered(rid, None))
        self.appointments_button.clicked.connect(self._edit_appointments)

    def set_orientation(self, orientation: Orientation) -> None:
        self.map.set_orientation(orientation)
        for _title, small in self.month_maps:
            small.set_orientation(orientation)

    def set_geometry(self, geometry: BodyGeometry) -> None:
        """Another build of the figure chosen (View › Body figure)."""
        self.map.set_geometry(geometry)
        for _title, small in self.month_maps:
            small.set_geometry(geometry)

    # -- loading and painting -------------------------------------------------------------
    def reload(self) -> None:
        self.caption.setText(_("Loading {period}…").format(period=self.period().label()))
        super().reload()

    def loader(self, period: Period):
        store, by_month = self._store, self.by_month.isChecked()
        return lambda: load_heat_data(store, period, by_month)

    def show_data(self, data: HeatData) -> None:
        self.stack.setCurrentIndex(1 if data.months else 0)
        self._paint()

    def current_metric(self) -> Metric:
        return self.metric_choice.currentData()

    def _paint(self) -> None:
        data = self.data
        if data is None:
            return
        metric = self.current_metric()
        values = metric_values(data.figures, metric)
        month_values = [metric_values(figures, metric) for _p, figures in data.months]
        # The months share one scale, made from all their figures; the single map has its own.
        scale = colour_scale(metric, *month_values) if data.months else colour_scale(metric, values)
        self.map.show_figures(values, scale, lambda v: format_value(metric, v), data.links)
        # A period shorter than a year leaves some of the months' maps out.
        for (title, small), (month, _figures), month_value in zip(
                self.month_maps, data.months, month_values, strict=False):
            cut = data.period.end if data.period.end < month.end else None
            name = month_name(month.start)
            title.setText(_("{month} (1–{day})").format(month=name, day=cut.day) if cut else name)
            small.show_figures(month_value, scale, lambda v: format_value(metric, v))
        self.legend.set_scale(_(LEGEND_TITLES[metric]), scale)
        self.unrated_note.setVisible(bool(data.unrated))
        self.unrated_note.setText(unrated_text(data.unrated, metric in INTENSITY_METRICS))
        if data.months:
            first, last = data.months[0][0], data.months[-1][0]
            self.caption.setText(_("One map per month, {first} – {last}, all on the same "
                                   "scale.").format(first=month_name(first.start),
                                                    last=month_name(last.start)))
            return
        self.caption.setText(heat_caption(data))


    def _hovered(self, region_id: str, month: int | None) -> None:
        if not region_id or self.data is None:
            return
        figures = (self.data.figures if month is None else
                   self.data.months[month][1] if month < len(self.data.months) else {})
        name = self._atlas.name(region_id)
        f = figures.get(region_id)
        when = None if month is None else month_name(self.data.months[month][0].start)
        if f is None:
            self.info.setText(_("{region}: no flares.").format(region=name) if when is None else
                              _("{region}: no flares in {month}.").format(region=name, month=when))
            return
        rated = (_("mean intensity {mean}, highest {highest}").format(
            mean=decimal(f.mean_intensity), highest=f.max_intensity)
            if f.mean_intensity is not None else _("referred, not rated"))
        self.info.setText("\n".join((
            name if when is None else _("{region} in {month}").format(region=name, month=when),
            ngettext("{count} flare, {rated}", "{count} flares, {rated}", f.flares).format(
                count=whole(f.flares), rated=rated),
            ngettext("burden {burden} intensity·min; felt here as referred pain {count} time",
                     "burden {burden} intensity·min; felt here as referred pain {count} times",
                     f.referred).format(burden=decimal(f.burden, 0), count=f.referred))))

    def _edit_appointments(self) -> None:
        from fibromap.ui.dialogs.appointments_dialog import AppointmentsDialog

        AppointmentsDialog(self._store, self).exec()
        if self.picker.is_since_appointment():
            self.picker.apply_preset()


def month_name(first: date) -> str:
    """A month's whole name and year: "December 2026", "Dezember 2026"."""
    return dated(first, "%B %Y", "yMMMM")


def unrated_text(unrated: int, intensity: bool) -> str:
    """The referred zones not rated in the period, and what became of them in this figure."""
    if intensity:
        words = ngettext("{count} referred zone not rated in this period: left out of the "
                         "intensities shown.",
                         "{count} referred zones not rated in this period: left out of the "
                         "intensities shown.", unrated)
    else:
        words = ngettext("{count} referred zone not rated in this period: counted here, where "
                         "the pain was felt, and left out of every intensity.",
                         "{count} referred zones not rated in this period: counted here, where "
                         "the pain was felt, and left out of every intensity.", unrated)
    return words.format(count=whole(unrated))


def heat_caption(data: HeatData) -> str:
    """The period, its flares and the days they fell on."""
    days = data.period.days
    on_days = ngettext("{with_flares} of {days} day", "{with_flares} of {days} days", days).format(
        with_flares=data.days_with_flares, days=days)
    if not data.flares:
        return _("{period}: 0 flares on {days}. Nothing recorded in this period.").format(
            period=data.period.label(), days=on_days)
    return ngettext("{period}: {count} flare on {days}", "{period}: {count} flares on {days}",
                    data.flares).format(period=data.period.label(), count=data.flares, days=on_days)
