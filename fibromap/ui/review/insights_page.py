"""Insights: comparisons in the person's own records. Each leads with one sentence in plain
words, then its exact figures and the days it rests on; how it is worked out (the interval,
the p-values, the method) waits behind a disclosure that starts closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from fibromap.analysis.insight_words import HOW, lead
from fibromap.analysis.insights import ASSOCIATION, METHOD, MIN_DAYS, Comparison
from fibromap.analysis.review import Insights, load_insights
from fibromap.analysis.timeline import observed_words
from fibromap.i18n import N_, _, ngettext
from fibromap.i18n.formats import decimal, whole
from fibromap.store.store import Store
from fibromap.ui.review.forest_plot import ForestPlot
from fibromap.ui.review.insight_card import InsightCard
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.headings import SUBTITLE, heading
from fibromap.ui.widgets.muted import MutedLabel, muted_style

HOW_TITLE = N_("How this is worked out")
INTRO = N_("What went with more or fewer flares in your own records: an {association}. Each "
           "appears once both sides have at least {days} days; days without a record are "
           "left out, not counted as none.")
NOTHING_STANDS_OUT = N_("Nothing stands out yet: each difference below could be chance.")
NOTHING_YET = N_("Nothing to compare yet: each comparison needs at least {days} days on "
                 "both sides.")
PLOT_NOTE = N_("Each dot is a difference, its line the range it could well be in. Red squares "
               "are unlikely to be chance. Point at a row to read it in words.")
PANEL = ("QLabel { background: palette(base); border: 1px solid palette(mid); "
         "border-radius: 6px; padding: 8px; }")


class InsightsPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> InsightsPage:
        """The Insights tab."""
        return cls(context.store)

    def __init__(self, store: Store, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=3, parent=parent)
        self.cards: list[QLabel | InsightCard] = []
        self.how = QToolButton()
        self.how.setText(_(HOW_TITLE))
        self.how.setCheckable(True)
        self.how.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.how.setArrowType(Qt.ArrowType.RightArrow)
        self.how.setAutoRaise(True)
        self.how.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.how.setAccessibleName(_(HOW_TITLE))
        self.how.toggled.connect(self._show_method)
        self.method = QLabel("\n\n".join((*(_(how) for how in HOW), _(METHOD))), wordWrap=True)
        self.method.setTextFormat(Qt.TextFormat.PlainText)
        self.method.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.method.setStyleSheet(PANEL)
        self.method.hide()
        self.standout_title = heading(_("What stands out"), SUBTITLE)
        self.standout = QLabel(wordWrap=True)
        self.standout.setTextFormat(Qt.TextFormat.PlainText)
        self.standout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot_title = heading(_("At a glance, by what was measured"), SUBTITLE)
        self.plot_note = MutedLabel(_(PLOT_NOTE))
        self.forest = ForestPlot()
        for widget in (self.plot_title, self.plot_note, self.forest):
            widget.hide()
        self._build()

    def _build(self) -> None:
        content = QWidget()
        outer = QVBoxLayout(content)
        for widget in (self.method, self.standout_title, self.standout, self.plot_title,
                       self.plot_note, self.forest):
            outer.addWidget(widget)
        cards = QWidget()
        self.column = QVBoxLayout(cards)
        self.column.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(cards, 1)
        self.area = QScrollArea(widgetResizable=True)
        self.area.setWidget(content)
        self.forest.follow(self.area)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        top.addWidget(self.how)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(MutedLabel(_(INTRO).format(association=_(ASSOCIATION), days=MIN_DAYS)))
        layout.addWidget(self.caption)
        layout.addWidget(self.area, 1)

    def loader(self, period):
        store, today = self._store, self._today()
        return lambda: load_insights(store, period, today)

    def _show_method(self, shown: bool) -> None:
        """Open or close "How this is worked out": the method, and each card's statistics."""
        self.how.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.method.setVisible(shown)
        for card in self.cards:
            if isinstance(card, InsightCard):
                card.show_method(shown)

    def _clear(self) -> None:
        while self.column.count():
            item = self.column.takeAt(0)
            assert item is not None  # the column holds count() items
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = []

    def _note(self, text: str, muted: bool = True) -> QLabel:
        card = QLabel(text, wordWrap=True)
        card.setTextFormat(Qt.TextFormat.PlainText)
        card.setStyleSheet(PANEL + (f"QLabel {{ {muted_style()} }}" if muted else ""))
        card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cards.append(card)
        self.column.addWidget(card)
        return card

    def _section(self, title: str, comparisons: Sequence[Comparison]) -> None:
        self.column.addWidget(heading(title, SUBTITLE))
        # In a fixed order, never by size: the largest differences are the likeliest chance
        # ones. Those still waiting for days come last.
        for comparison in sorted(comparisons, key=lambda c: not c.enough):
            card = InsightCard(comparison, self.how.isChecked())
            self.cards.append(card)
            self.column.addWidget(card)
        if not comparisons:
            self._note(_("Nothing to compare in this period."))

    def _show_standout(self, data: Insights) -> None:
        comparisons = data.comparisons
        notable = [c for c in comparisons if c.enough and c.notable]
        if notable:
            self.standout.setText("\n".join(f"• {lead(c)}" for c in notable))
        else:
            ready = any(c.enough for c in comparisons)
            self.standout.setText(_(NOTHING_STANDS_OUT) if ready else
                                  _(NOTHING_YET).format(days=MIN_DAYS))

    def _show_forest(self, data: Insights) -> None:
        self.forest.set_comparisons(data.comparisons)
        for widget in (self.plot_title, self.plot_note, self.forest):
            widget.setVisible(bool(self.forest.rows))

    def show_data(self, data: Insights) -> None:
        self._clear()
        self._show_standout(data)
        self._show_forest(data)
        self.caption.setText(f"{data.period.label()}: "
                             f"{observed_words(data.left_out, data.days_with_data)}")
        self._section(_("Sleep"), data.sleep)
        self._section(_("The following night"), data.following_night)
        self._section(_("Medication started"), data.medication)
        if data.symptoms:
            self._section(_("Daily symptom ratings"), data.symptoms)
        if data.devices:
            self._section(_("Measured by a device"), data.devices)
        self.column.addWidget(heading(_("What helped: mean relief (0–10)"), SUBTITLE))
        rated = [t for t in data.treatments if t[2]]
        if rated:
            self._note("\n".join(ngettext("{treatment}: {mean} (rated {count} time)",
                                           "{treatment}: {mean} (rated {count} times)", n).format(
                treatment=label, mean=decimal(mean or 0.0), count=whole(n))
                for _key, label, n, mean in rated), muted=False)
        else:
            self._note(_("No treatment with a relief rating in this period."))
        self.column.addStretch(1)

