"""Insights: comparisons in the person's own records, each with its days, its size, a
confidence interval and the words "association, not cause"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from fibromap.analysis.insights import ASSOCIATION, METHOD, MIN_DAYS, Comparison
from fibromap.analysis.review import Insights, load_insights
from fibromap.analysis.timeline import observed_words
from fibromap.store.store import Store
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.headings import SUBTITLE, heading
from fibromap.ui.widgets.muted import MutedLabel, muted_style

if TYPE_CHECKING:  # pyqtgraph is loaded with the first forest plot, not at start-up
    from fibromap.ui.review.forest_plot import ForestPlot

CARD = ("background: palette(base); border: 1px solid palette(mid); border-radius: 6px; "
        "padding: 8px;")
NOTABLE = "border: 2px solid palette(highlight);"


class InsightsPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> InsightsPage:
        """The Insights tab."""
        return cls(context.store)

    def __init__(self, store: Store, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=3, parent=parent)
        self.cards: list[QLabel] = []
        self.forest: ForestPlot | None = None  # built with pyqtgraph when there is data
        self.content = QWidget()
        outer = QVBoxLayout(self.content)
        self.plot_title = heading("At a glance: each difference with its 95 % interval", SUBTITLE)
        self.plot_note = MutedLabel("Dots left of the dashed line: fewer flares or a lower "
                                    "rating (pain, fatigue…); right: more or higher. "
                                    "Red squares are notable after correcting for the number "
                                    "of comparisons; hover a dot for its sentence.")
        self.plot_title.hide()
        self.plot_note.hide()
        cards = QWidget()
        self.column = QVBoxLayout(cards)
        self.column.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.plot_title)
        outer.addWidget(self.plot_note)
        self._plot_index = outer.count()
        outer.addWidget(cards, 1)
        self._outer = outer
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(self.content)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        notice = MutedLabel(f"Comparisons within your own records: an {ASSOCIATION}. Each shows "
                            f"how many days it rests on and appears once both sides have at "
                            f"least {MIN_DAYS} days. {METHOD}")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(notice)
        layout.addWidget(self.caption)
        layout.addWidget(scroll, 1)

    def loader(self, period):
        store, today = self._store, self._today()
        return lambda: load_insights(store, period, today)

    def _clear(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            assert item is not None  # the column holds count() items
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = []

    def _card(self, text: str, *, muted: bool = False, notable: bool = False) -> QLabel:
        card = QLabel(text, wordWrap=True)
        card.setTextFormat(Qt.TextFormat.PlainText)
        card.setStyleSheet(CARD + (muted_style() if muted else "") + (NOTABLE if notable else ""))
        card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cards.append(card)
        self.column.addWidget(card)
        return card

    def _section(self, title: str, comparisons: Sequence[Comparison]) -> None:
        self.column.addWidget(heading(title, SUBTITLE))
        ready = [c for c in comparisons if c.enough]
        waiting = [c for c in comparisons if not c.enough]
        # In a fixed order, never by size: the largest differences are the likeliest chance ones.
        for comparison in ready:
            self._card(comparison.sentence(), notable=comparison.notable)
        if waiting:
            self._card("\n".join(c.sentence() for c in waiting), muted=True)
        if not comparisons:
            self._card("Nothing to compare in this period.", muted=True)

    def _show_forest(self, data: Insights) -> None:
        drawn = [c for c in data.comparisons if c.enough and c.estimable]
        for widget in (self.plot_title, self.plot_note):
            widget.setVisible(bool(drawn))
        forest = self.forest
        if not drawn and forest is None:
            return
        if forest is None:
            # pyqtgraph is loaded here, when there is something to draw, not at start-up.
            from fibromap.ui.review.forest_plot import ForestPlot

            forest = self.forest = ForestPlot()
            self._outer.insertWidget(self._plot_index, forest)
        forest.setVisible(bool(drawn))
        forest.set_comparisons(data.comparisons)

    def show_data(self, data: Insights) -> None:
        self._clear()
        self._show_forest(data)
        self.caption.setText(f"{data.period.label()}: {observed_words(data.left_out, data.days_with_data)}")
        self._section("Sleep", data.sleep)
        self._section("The following night", data.following_night)
        self._section("Medication started", data.medication)
        if data.symptoms:
            self._section("Daily symptom ratings", data.symptoms)
        if data.devices:
            self._section("Measured by a device", data.devices)
        self.column.addWidget(heading("What helped: mean relief (0–10)", SUBTITLE))
        rated = [t for t in data.treatments if t[2]]
        if rated:
            self._card("\n".join(f"{label}: {mean:.1f} (rated {n} time{'s' if n != 1 else ''})"
                                 for _key, label, n, mean in rated))
        else:
            self._card("No treatment with a relief rating in this period.", muted=True)
        self.column.addStretch(1)
