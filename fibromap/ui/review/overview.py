"""Overview: the last week at a glance, today's check-in, and the way to everything else."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fibromap.analysis.colour_scale import colour_scale
from fibromap.analysis.heatmap import Metric, format_value, metric_values
from fibromap.analysis.scores import MEASURED_ZERO, NO_RECORDS, NOT_A_DIAGNOSIS, WpiResult, week_wpi
from fibromap.domain.atlas import load_atlas
from fibromap.domain.geometry import BodyGeometry
from fibromap.figure.formatting import onset_text
from fibromap.figure.orientation import Orientation
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import day, decimal, in_sentence, whole
from fibromap.store import aggregates
from fibromap.store.store import Store
from fibromap.ui.review.heat_body_map import HeatBodyMap
from fibromap.ui.review.legend_bar import LEGEND_TITLES, LegendBar
from fibromap.ui.views import PageContext

# One period for everything the Overview shows: the week the WPI asks about (ACR 2016), for
# the cards and the map alike.
DAYS = 7

CARD = ("QLabel { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; "
        "padding: 10px; }")


class OverviewPage(QWidget):
    navigate = Signal(str)        # a view name
    reportRequested = Signal()

    @classmethod
    def for_window(cls, context: PageContext) -> OverviewPage:
        """The Overview tab: its buttons lead to the other views and the report, its map
        faces and is drawn as the Log's."""
        page = cls(context.store, context.settings.orientation, geometry=context.geometry)
        page.navigate.connect(context.window.show_view)
        page.reportRequested.connect(context.window.show_report)
        context.orientation_changed.connect(page.map.set_orientation)
        context.figure_changed.connect(page.map.set_geometry)
        return page

    def __init__(self, store: Store, orientation: Orientation = Orientation.PATIENT,
                 today=date.today, parent: QWidget | None = None,
                 geometry: BodyGeometry | None = None):
        super().__init__(parent)
        self._store = store
        self._today = today
        self._atlas = load_atlas()
        self._headline = QLabel()
        font = self._headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self._headline.setFont(font)
        self._details = QLabel(wordWrap=True)
        self._details.setTextFormat(Qt.TextFormat.PlainText)
        self.week = QLabel(wordWrap=True)
        self.checkin_state = QLabel(wordWrap=True)
        self.score = QLabel(wordWrap=True)
        for card in (self.week, self.checkin_state, self.score):
            card.setStyleSheet(CARD)
            card.setTextFormat(Qt.TextFormat.PlainText)
            card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.map = HeatBodyMap(orientation, atlas=self._atlas, geometry=geometry)
        self.map.setMinimumSize(300, 360)
        self.legend = LegendBar()  # the same scale and words as the heat-map's
        self.left_off = self.map.left_off_label()  # figures with no room on the map
        self.log_button = QPushButton(_("Log a flare"))
        self.checkin_button = QPushButton(_("Fill in today's check-in"))
        self.report_button = QPushButton(_("Appointment report…"))
        self._build()
        self.log_button.clicked.connect(lambda: self.navigate.emit("log"))
        self.checkin_button.clicked.connect(lambda: self.navigate.emit("checkin"))
        self.report_button.clicked.connect(self.reportRequested)
        self.reload()

    def _build(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.log_button, self.checkin_button, self.report_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        cards = QVBoxLayout()
        cards.addWidget(self._headline)
        cards.addWidget(self._details)
        cards.addWidget(self.week)
        cards.addWidget(self.checkin_state)
        cards.addWidget(self.score)
        cards.addLayout(buttons)
        cards.addStretch(1)
        map_box = QVBoxLayout()
        self.map_title = QLabel(
            "<b>" + _("Flares per region, last {days} days").format(days=DAYS) + "</b>")
        map_box.addWidget(self.map_title)
        map_box.addWidget(self.map, 1)
        map_box.addWidget(self.legend)
        map_box.addWidget(self.left_off)
        grid = QGridLayout(self)
        grid.addLayout(cards, 0, 0)
        grid.addLayout(map_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    def reload(self) -> None:
        """Show what the database holds now."""
        store, today = self._store, self._today()
        summary = store.summary()
        if not summary.flares:
            self._headline.setText(_("No flares recorded yet"))
            self._details.setText(_("Log a flare from the Log view: click where it hurts, type "
                                    "how strong, and save."))
        else:
            latest = store.flares.latest()
            assert latest is not None  # the summary counted at least one flare
            first, last = summary.first_onset, summary.last_onset
            assert first is not None and last is not None  # as above
            self._headline.setText(ngettext("{count} flare recorded", "{count} flares recorded",
                                            summary.flares).format(count=whole(summary.flares)))
            self._details.setText(_("From {first} to {last}, {rate}. Most recent: {onset} — "
                                    "{regions}").format(
                first=day(first), last=day(last),
                rate=summary.rate.words(on_average=True), onset=onset_text(latest),
                regions=", ".join(self._atlas.name(r) for r in latest.regions)))
        self._show_week(today)
        checkin = store.checkins.get(today)
        filled = store.checkins.count()
        self.checkin_state.setText(_("Today's check-in: done.") if checkin else ngettext(
            "Today's check-in: not yet ({count} day filled in so far).",
            "Today's check-in: not yet ({count} days filled in so far).", filled).format(
                count=whole(filled)))
        self.checkin_button.setVisible(checkin is None)
        first = today - timedelta(days=DAYS - 1)
        self.score.setText(wpi_text(week_wpi(aggregates.regions_between(store.database, first, today),
                                             store.flares.count(first, today), self._atlas)))
        figures = aggregates.region_figures(store.database, first, today, self._atlas.roll_up())
        values = metric_values(figures, Metric.FLARES)
        scale = colour_scale(Metric.FLARES, values)
        self.map.show_figures(values, scale, lambda v: format_value(Metric.FLARES, v))
        self.legend.set_scale(_(LEGEND_TITLES[Metric.FLARES]), scale)

    def _show_week(self, today: date) -> None:
        now = self._store.summary(today - timedelta(days=DAYS - 1), today)
        before = self._store.summary(today - timedelta(days=2 * DAYS - 1),
                                     today - timedelta(days=DAYS))
        text = week_change_text(now.flares, before.flares)
        if now.flares and now.top_regions:  # regions in pain: a week of 0 marks has none
            top = now.top_regions[0]
            figures = dict(mean=decimal(now.mean_intensity or 0), highest=now.max_intensity,
                           region=in_sentence(self._atlas.name(top.region)), count=top.count,
                           zones=whole(now.unrated_zones))
            text += " " + (ngettext(
                "Intensity mean {mean}, highest {highest} ({zones} referred zone not rated, "
                "left out). Most often: {region} ({count}).",
                "Intensity mean {mean}, highest {highest} ({zones} referred zones not rated, "
                "left out). Most often: {region} ({count}).", now.unrated_zones)
                if now.unrated_zones else
                _("Intensity mean {mean}, highest {highest}. Most often: {region} ({count}).")
            ).format(**figures)
        self.week.setText(text)


def week_change_text(now: int, before: int) -> str:
    """The last 7 days' flares, and how many more or fewer than the 7 before them."""
    if now == before:
        words = ngettext("Last {days} days: {count} flare, the same as the week before.",
                         "Last {days} days: {count} flares, the same as the week before.", now)
    elif now > before:
        words = ngettext("Last {days} days: {count} flare, {difference} more than the week "
                         "before ({before}).",
                         "Last {days} days: {count} flares, {difference} more than the week "
                         "before ({before}).", now)
    else:
        words = ngettext("Last {days} days: {count} flare, {difference} fewer than the week "
                         "before ({before}).",
                         "Last {days} days: {count} flares, {difference} fewer than the week "
                         "before ({before}).", now)
    return words.format(days=DAYS, count=whole(now), difference=abs(now - before), before=before)


def wpi_text(week: WpiResult | None) -> str:
    """The WPI of the last 7 days: none without a flare recorded (no records is not no
    pain), a measured 0 said as such."""
    said = dict(days=DAYS, no_records=_(NO_RECORDS), not_a_diagnosis=_(NOT_A_DIAGNOSIS),
                measured_zero=_(MEASURED_ZERO))
    if week is None:
        return _("Widespread Pain Index, last {days} days: none, as no flare was recorded "
                 "({no_records}). This is {not_a_diagnosis}.").format(**said)
    if not week.areas:
        text = _("Widespread Pain Index, last {days} days: {score} of 19 — {measured_zero}. "
                 "This is {not_a_diagnosis}.")
    elif week.generalized:
        text = _("Widespread Pain Index, last {days} days: {score} of 19 (generalized pain). "
                 "This is {not_a_diagnosis}.")
    else:
        text = _("Widespread Pain Index, last {days} days: {score} of 19. "
                 "This is {not_a_diagnosis}.")
    return text.format(score=week.score, **said)
