"""Clinical scores over time: the weekly WPI from the map, and the SSS, FS and FIQR from
questionnaires. Information for a clinician, never a diagnosis."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fibromap.analysis.review import Scores, load_scores
from fibromap.analysis.scores import MEASURED_ZERO, NO_RECORDS, NOT_A_DIAGNOSIS
from fibromap.domain.atlas import WPI_AREAS, WPI_EXCLUDED_TEXT, Atlas
from fibromap.domain.wording import chart_date
from fibromap.figure import colors
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import dated, day, in_sentence, whole
from fibromap.store.store import Store
from fibromap.ui.review.bar_chart import BarChart
from fibromap.ui.review.review_page import ReviewPage
from fibromap.ui.views import PageContext
from fibromap.ui.widgets.muted import MutedLabel

# Each area by its id; its name is asked for when shown, in the language of the moment.
AREAS = {area.id: area for area in WPI_AREAS}


class ScoresPage(ReviewPage):
    @classmethod
    def for_window(cls, context: PageContext) -> ScoresPage:
        """The Scores tab."""
        return cls(context.store, context.atlas)

    def __init__(self, store: Store, atlas: Atlas, today=date.today, parent: QWidget | None = None):
        super().__init__(store, today, initial_period=2, parent=parent)
        self._atlas = atlas
        self.sss_button = QPushButton(_("Fill in the SSS…"))
        self.fiqr_button = QPushButton(_("Fill in the FIQR…"))
        notice = MutedLabel(_("Scores are {not_a_diagnosis}. The Widespread Pain Index (ACR 2016) "
                              "counts the areas marked in pain (above 0) in your flares over 7 "
                              "days; jaw, chest and abdomen do not count toward generalized "
                              "pain.").format(not_a_diagnosis=_(NOT_A_DIAGNOSIS))
                            + " " + _(WPI_EXCLUDED_TEXT))
        self.latest = QLabel(wordWrap=True)
        self.wpi_chart = BarChart(_("Widespread Pain Index of each 7 days, by their last day "
                                    "(0–19; {colour}: generalized pain; –: no flares recorded, "
                                    "so no WPI)").format(colour=_(colors.HIGHLIGHT_WORD)))
        self.fs_chart = BarChart(_("Fibromyalgia severity, WPI + SSS (0–31; –: no WPI that week)"))
        self.sss_chart = BarChart(_("Symptom Severity Scale (0–12)"))
        self.fiqr_chart = BarChart(_("FIQR (0–100), with the items answered"))
        for chart in (self.sss_chart, self.fs_chart, self.fiqr_chart):
            chart.empty_text = _("No questionnaire in this period")
        for chart, missing in ((self.wpi_chart, _("no WPI")), (self.fs_chart, _("no FS"))):
            chart.label_zero = True  # a measured 0 is written, apart from a gap
            chart.missing_label = missing
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addStretch(1)
        top.addWidget(self.sss_button)
        top.addWidget(self.fiqr_button)
        grid = QGridLayout()
        grid.addWidget(self.wpi_chart, 0, 0, 1, 2)
        grid.addWidget(self.sss_chart, 1, 0)
        grid.addWidget(self.fs_chart, 1, 1)
        grid.addWidget(self.fiqr_chart, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(notice)
        layout.addWidget(self.caption)
        layout.addWidget(self.latest)
        layout.addLayout(grid, 1)
        self.sss_button.clicked.connect(lambda: self._fill("sss"))
        self.fiqr_button.clicked.connect(lambda: self._fill("fiqr"))

    def loader(self, period):
        store, atlas = self._store, self._atlas
        return lambda: load_scores(store, period, atlas)

    def show_data(self, data: Scores) -> None:
        self.caption.setText(f"{data.period.label()}")
        self._show_wpi(data)
        self.latest.setText(latest_wpi_text(data))
        span = data.period.days
        labels = [chart_date(s.day, span) for s in data.sss]
        every = max(1, len(labels) // 8)
        self.sss_chart.set_data(labels, [s.sss for s in data.sss], label_every=every, scale_max=12)
        self.fs_chart.set_data(labels, [s.fs for s in data.sss], label_every=every, scale_max=31)
        # The scored ones (r.scored), each with its total.
        scored = [(d, r.answered, r.total) for d, r in data.fiqr if r.total is not None]
        # Each bar says how many of the 21 items it rests on.
        self.fiqr_chart.set_data([chart_date(d, span) + "\n" + _("{answered} of 21").format(
            answered=answered) for d, answered, _t in scored],
                                 [total for _d, _a, total in scored],
                                 label_every=max(1, len(scored) // 8), scale_max=100)
        unscored = len(data.fiqr) - len(scored)
        self.fiqr_chart.empty_text = (_("No FIQR in this period") if not unscored else ngettext(
            "{count} FIQR with too few answers for a score",
            "{count} FIQR with too few answers for a score", unscored).format(count=unscored))

    def _show_wpi(self, data: Scores) -> None:
        """No flares is no record, not a WPI of 0: an empty chart says so; a week without a
        flare is a gap marked "no WPI", a measured 0 (flares, no WPI area in pain) a written 0."""
        weeks = data.weeks if data.days_with_flares else []
        self.wpi_chart.empty_text = (_("No flares recorded in this period, so no WPI")
                                     if data.period.days >= 7
                                     else _("The WPI asks about 7 days: choose a longer period"))
        span = data.period.days
        self.wpi_chart.set_data([chart_date(week.end, span) for week, _r in weeks],
                                [None if r is None else r.score for _w, r in weeks],
                                [i for i, (_w, r) in enumerate(weeks) if r and r.generalized],
                                label_every=max(1, len(weeks) // 8), scale_max=19)

    def _fill(self, kind: str) -> None:
        from fibromap.ui.dialogs.questionnaire_dialogs import FiqrDialog, SssDialog

        dialog = (SssDialog if kind == "sss" else FiqrDialog)(self._store, self)
        if dialog.exec():
            self.reload()


def _day_month(moment: date) -> str:
    return dated(moment, "%d %b", "MMMd")


def latest_wpi_text(data: Scores) -> str:
    """The WPI of the 7 days ending on the period's last day, and what it rests on."""
    if not data.days_with_flares:
        return _("No flares were recorded in this period, so there is no WPI: {no_records}.").format(
            no_records=_(NO_RECORDS))
    if not data.weeks:
        return ngettext("The period has only {count} day: the WPI asks about 7 days, so choose a "
                        "longer period.",
                        "The period has only {count} days: the WPI asks about 7 days, so choose a "
                        "longer period.", data.period.days).format(count=whole(data.period.days))
    week, result = data.weeks[-1]
    span = _("Last 7 days ({start} – {end})").format(start=_day_month(week.start), end=day(week.end))
    if result is None:  # as on the Overview: a week with no flare has no WPI, not 0
        text = _("{span}: no flare was recorded, so there is no WPI for them ({no_records}).").format(
            span=span, no_records=_(NO_RECORDS))
    elif not result.areas:
        text = _("{span}: WPI 0 of 19 — {measured_zero}.").format(
            span=span, measured_zero=_(MEASURED_ZERO))
    else:
        areas = ", ".join(in_sentence(AREAS[a].name) for a in result.areas)
        regions = ", ".join(map(str, result.regions_with_pain)) or _("none")
        text = (_("{span}: WPI {score} of 19 ({areas}); generalized pain yes — regions {regions} "
                  "of 5.") if result.generalized else
                _("{span}: WPI {score} of 19 ({areas}); generalized pain no — regions {regions} "
                  "of 5.")).format(span=span, score=result.score, areas=areas, regions=regions)
    text += " " + ngettext(
        "Whole weeks with a WPI: {measured} of {weeks} (a week without a flare has none); flares "
        "recorded on {count} day.",
        "Whole weeks with a WPI: {measured} of {weeks} (a week without a flare has none); flares "
        "recorded on {count} days.", data.days_with_flares).format(
            measured=len(data.measured_weeks), weeks=len(data.weeks),
            count=whole(data.days_with_flares))
    if data.left_over:
        rest = data.left_over
        dates = (_day_month(rest.start) if rest.days <= 1 else _("{start} – {end}").format(
            start=_day_month(rest.start), end=_day_month(rest.end)))
        text += " " + ngettext(
            "The first {count} day of the period ({dates}) does not make a whole week and is not "
            "in the chart.",
            "The first {count} days of the period ({dates}) do not make a whole week and are not "
            "in the chart.", rest.days).format(count=whole(rest.days), dates=dates)
    return text
