"""Patterns: when spasms come (hour, weekday), how long they last, whether they move around,
and the history of one region (the most frequent, until another is chosen)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fibromap.analysis.hours import NIGHT_HOURS, night_text
from fibromap.analysis.pattern_words import rhythm_figures, rhythm_leads, spread_figures, spread_lead
from fibromap.analysis.periods import Period
from fibromap.analysis.review import Patterns, load_patterns
from fibromap.analysis.timeline import observed_words
from fibromap.domain.atlas import Atlas
from fibromap.domain.wording import chart_date
from fibromap.figure import colors
from fibromap.i18n import N_, _, ngettext, npgettext
from fibromap.i18n.formats import weekday, whole
from fibromap.store import aggregates
from fibromap.store.store import Store
from fibromap.ui.review.bar_chart import BarChart
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.muted import MutedLabel

A_MONDAY = date(2024, 1, 1)
# "30 s – 2 min" may wrap after the dash, never between a number and its unit.
_NUMBER_UNIT = re.compile(r"(\d) (s|min|h)\b")


def duration_label(label: str) -> str:
    """A duration band's label with its number, unit and dash held together."""
    return _NUMBER_UNIT.sub("\\1\u00a0\\2", label).replace(" –", "\u00a0–")


def most_frequent_region(store: Store, period: Period) -> str | None:
    """The region marked in pain in the most flares of the period (ties: the first by id)."""
    figures = aggregates.region_figures(store.database, period.start, period.end)
    return min(figures.values(), key=lambda f: (-f.flares, f.region)).region if figures else None


def _lead_label() -> QLabel:
    """A pattern's first sentence: plain text, a little larger than its figures."""
    label = QLabel(wordWrap=True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def weekdays() -> list[str]:
    """The weekdays' short names, Monday first: Mon, Tue … (Mo., Di. …)."""
    return [weekday(A_MONDAY + timedelta(days=i)) for i in range(7)]


# The night hours' bars are picked out in colors.HIGHLIGHT: the title says which colour.
PLAIN_HOURS_TITLE = N_("Flares by hour of the day")


def hours_title() -> str:
    return _("Flares by hour of the day (midnight to 8 am in {colour})").format(
        colour=_(colors.HIGHLIGHT_WORD))


class PatternsPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> PatternsPage:
        """The Patterns tab."""
        return cls(context.store, context.atlas)

    def __init__(self, store: Store, atlas: Atlas, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=2, parent=parent)
        self._atlas = atlas
        self.chosen_region: str | None = None  # None: the most frequent of the period
        self.hours = BarChart(hours_title())
        self.weekdays = BarChart(_("Flares by weekday"))
        self.durations = BarChart(_("How long they lasted"))
        # Each pattern: its first sentence in plain words, then its figures.
        self.summary = _lead_label()
        self.spread_figures = QLabel(wordWrap=True)
        self.region = QComboBox(editable=True)
        self.region.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.region.setAccessibleName(_("Region whose history is shown"))
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region.setMinimumContentsLength(16)
        self.region.addItem(_("The most frequent region"), None)
        # By the name shown (atlas.name: the language's), the same order as read.
        for name, region_id in sorted((atlas.name(r.id), r.id) for r in atlas):
            self.region.addItem(name, region_id)
        completer = self.region.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.region_chart = BarChart(_("Flares in the chosen region"))
        # Bedtime and waking, when a device measured the nights.
        self.rhythm_title = QLabel("<b>" + _("Bedtime and waking, as measured") + "</b>")
        self.rhythm_lead = _lead_label()
        self.rhythm = MutedLabel()
        self.rhythm.setTextFormat(Qt.TextFormat.PlainText)
        self._build()
        self.region.currentIndexChanged.connect(self._choose_region)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        # The hours beside the weekdays, the lengths below both: their eight labels need the
        # width (German's "nicht angegeben"), and the words on the right need theirs.
        grid = QGridLayout()
        grid.addWidget(self.hours, 0, 0)
        grid.addWidget(self.weekdays, 0, 1)
        grid.addWidget(self.durations, 1, 0, 1, 2)
        spread_box = QVBoxLayout()
        spread_box.addWidget(QLabel("<b>" + _("The same spot, or moving around?") + "</b>"))
        spread_box.addWidget(self.summary)
        spread_box.addWidget(self.spread_figures)
        spread_box.addSpacing(10)
        spread_box.addWidget(self.rhythm_title)
        spread_box.addWidget(self.rhythm_lead)
        spread_box.addWidget(self.rhythm)
        spread_box.addWidget(QLabel("<b>" + _("History of one region") + "</b>"))
        spread_box.addWidget(self.region)
        spread_box.addWidget(self.region_chart, 1)
        side = QWidget()
        side.setLayout(spread_box)
        spread_box.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(side, 0, 2, 2, 1)
        for column in range(3):  # even: the weekdays' names have room to spare
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.caption)
        layout.addLayout(grid, 1)

    def _choose_region(self, _index: int) -> None:
        self.chosen_region = self.region.currentData()
        self.reload()

    def loader(self, period):
        store, atlas, region = self._store, self._atlas, self.chosen_region
        return lambda: load_patterns(store, period, atlas, region or most_frequent_region(store, period))

    def show_data(self, data: Patterns) -> None:
        days = data.period.days
        over = npgettext("after of or in (German dative)", "{n} day", "{n} days", days).format(
            n=whole(days))
        caption = ngettext("{period}: {count} flare over {days}",
                           "{period}: {count} flares over {days}", data.flares).format(
            period=data.period.label(), count=data.flares, days=over)
        self.caption.setText(caption + (f". {observed_words(data.left_out)}" if data.rhythm else ""))
        self._show_hours(data)
        for chart in (self.weekdays, self.durations, self.region_chart):
            # With no flare at all the hour chart says so, once; the others stay quiet.
            chart.empty_text = _("No flares") if data.flares else ""
        if data.flares:
            self.weekdays.set_data(weekdays(), data.weekdays)
            self.durations.set_data([duration_label(_(label)) for label, _n in data.durations],
                                    [n for _label, n in data.durations])
        else:
            self.weekdays.set_data([], [])
            self.durations.set_data([], [])
        self.summary.setText(spread_lead(data.spread))
        self.spread_figures.setText(spread_figures(data.spread, self._atlas.name))
        rhythm = data.rhythm
        self.rhythm_lead.setText("\n".join(rhythm_leads(rhythm)) if rhythm else "")
        self.rhythm.setText(rhythm_figures(rhythm) if rhythm else "")
        for widget in (self.rhythm_title, self.rhythm_lead, self.rhythm):
            widget.setVisible(rhythm is not None)
        self._show_region(data)

    def _show_hours(self, data: Patterns) -> None:
        """Flares by hour, titled with the share at night; with no hour known, why it is empty."""
        share = night_text(data.hours, data.flares, short=True)
        # The colour is named only where bars show it.
        self.hours.title = (hours_title() if sum(data.hours) else _(PLAIN_HOURS_TITLE)) + (
            f" — {share}" if share else "")
        if sum(data.hours):
            self.hours.set_data([f"{h:02d}" for h in range(24)], data.hours, NIGHT_HOURS,
                                label_every=3)
        else:  # no flares, or only flares known to the day: no empty axes
            self.hours.empty_text = (_("No flare in this period has a known time of day")
                                     if data.flares else _("No flares recorded in this period yet"))
            self.hours.set_data([], [])

    def _show_region(self, data: Patterns) -> None:
        self.region.blockSignals(True)
        self.region.setCurrentIndex(max(0, self.region.findData(self.chosen_region or data.region)))
        line = self.region.lineEdit()
        assert line is not None  # the combo box is editable
        line.setCursorPosition(0)  # a long name is read from its start
        self.region.blockSignals(False)
        if not data.region:
            self.region_chart.title = _("Flares in the chosen region")
            self.region_chart.set_data([], [])
            return
        name = self._atlas.name(data.region)
        counts = {d.day: d.flares for d in data.region_days}
        weekly = data.period.days > 62
        labels, values = [], []
        step = 7 if weekly else 1
        day = data.period.start - timedelta(days=data.period.start.weekday()) if weekly else data.period.start
        while day <= data.period.end:
            span = [day + timedelta(days=i) for i in range(step)]
            # A week cut by the period's start is named by the period's first day.
            labels.append(chart_date(max(day, data.period.start), data.period.days))
            values.append(sum(counts.get(d, 0) for d in span))
            day += timedelta(days=step)
        total = sum(counts.values())
        self.region_chart.title = region_title(name, total, weekly, not self.chosen_region)
        self.region_chart.set_data(labels, values, label_every=None)


def region_title(name: str, total: int, weekly: bool, most_often: bool) -> str:
    """The region chart's title: the region, its flares, per week or day, and why it is shown."""
    if weekly and most_often:
        words = ngettext("{region}: {count} flare, per week — the region marked most often",
                         "{region}: {count} flares, per week — the region marked most often", total)
    elif weekly:
        words = ngettext("{region}: {count} flare, per week", "{region}: {count} flares, per week",
                         total)
    elif most_often:
        words = ngettext("{region}: {count} flare, per day — the region marked most often",
                         "{region}: {count} flares, per day — the region marked most often", total)
    else:
        words = ngettext("{region}: {count} flare, per day", "{region}: {count} flares, per day",
                         total)
    return words.format(region=name, count=total)
