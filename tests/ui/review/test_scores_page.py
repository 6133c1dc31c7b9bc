from datetime import date

from PySide6.QtCore import QDate

from fibromap.analysis.scores import MEASURED_ZERO, NO_RECORDS, NOT_A_DIAGNOSIS
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.questionnaires import QuestionnaireKind
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import day, whole
from fibromap.ui.dialogs.questionnaire_dialogs import FiqrDialog, SssDialog
from fibromap.ui.review.scores_page import ScoresPage, _day_month
from tests.helpers.records import at
from tests.helpers.refusals import fits

GENERALIZED = "{span}: WPI {score} of 19 ({areas}); generalized pain yes — regions {regions} of 5."

TODAY = date(2026, 5, 10)


def last_week(start, end):
    """The latest WPI's span, as the page says it."""
    return _("Last 7 days ({start} – {end})").format(start=_day_month(start), end=day(end))


def whole_weeks(page, measured):
    """The sentence saying how many of the period's whole weeks have a WPI."""
    n = page.data.days_with_flares
    return ngettext(
        "Whole weeks with a WPI: {measured} of {weeks} (a week without a flare has none); flares "
        "recorded on {count} day.",
        "Whole weeks with a WPI: {measured} of {weeks} (a week without a flare has none); flares "
        "recorded on {count} days.", n).format(measured=measured, weeks=len(page.data.weeks),
                                               count=whole(n))


def make_page(qtbot, store):
    page = ScoresPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    return page


def test_weekly_wpi_with_the_generalized_pain_check(qtbot, store):
    store.flares.add_many([
        Flare(onset=at(2026, 5, 4, 3), sites=(SpasmSite("upper_trapezius.left", 6),
                                              SpasmSite("upper_trapezius.right", 4))),
        Flare(onset=at(2026, 5, 6, 22), sites=(SpasmSite("gluteus_medius.left", 7),
                                               SpasmSite("posterior_neck.left", 3))),
        Flare(onset=at(2026, 4, 28, 9), sites=(SpasmSite("masseter.left", 5),)),
    ])
    page = make_page(qtbot, store)
    weeks = {week.start: result for week, result in page.data.weeks}
    assert weeks[date(2026, 5, 4)].score == 4 and weeks[date(2026, 5, 4)].generalized
    assert weeks[date(2026, 4, 27)].score == 1 and not weeks[date(2026, 4, 27)].generalized
    assert page.wpi_chart.values[-1] == 4 and page.wpi_chart.scale_max == 19
    assert len(page.wpi_chart.highlight) == 1
    span = last_week(date(2026, 5, 4), date(2026, 5, 10))
    assert page.latest.text().startswith(span)
    fits(page.latest.text(), GENERALIZED, whole=False, span=span, score=4)
    # 90 days = 12 whole weeks and 6 days left at the start.
    assert len(page.data.weeks) == 12 and page.data.left_over.days == 6
    assert page.latest.text().endswith(" " + ngettext(
        "The first {count} day of the period ({dates}) does not make a whole week and is not "
        "in the chart.",
        "The first {count} days of the period ({dates}) do not make a whole week and are not "
        "in the chart.", 6).format(count=whole(6), dates=_("{start} – {end}").format(
            start=_day_month(date(2026, 2, 10)), end=_day_month(date(2026, 2, 15)))))


def test_the_latest_wpi_is_the_7_days_ending_on_the_last_day_never_a_partial_week(qtbot, store):
    """A period ending on a Wednesday once ended with a 3-day "week" read as a weekly WPI."""
    flares = [Flare(onset=at(2026, 4, d, 9), sites=(SpasmSite(region, 5),))
              for d, region in ((27, "upper_trapezius.left"), (28, "upper_trapezius.right"),
                                (29, "gluteus_medius.left"), (30, "gluteus_medius.right"),
                                (1 + 0, "soleus.left"))]
    flares[-1] = Flare(onset=at(2026, 5, 1, 9), sites=(SpasmSite("soleus.left", 5),))
    flares.append(Flare(onset=at(2026, 5, 4, 9), sites=(SpasmSite("biceps.left", 5),)))
    store.flares.add_many(flares)
    page = ScoresPage(store, load_atlas(), today=lambda: date(2026, 5, 6))  # a Wednesday
    qtbot.addWidget(page)
    page.picker.choose("Last 30 days")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 30)
    week, latest = page.data.weeks[-1]
    assert (week.start, week.end) == (date(2026, 4, 30), date(2026, 5, 6))
    # 30 Apr – 6 May: right hip, left lower leg, left upper arm (a Monday-based week would
    # have held only the arm, from 4 to 6 May).
    assert latest.score == 3
    assert all(w.days == 7 for w, _r in page.data.weeks)
    assert page.data.left_over.days == 2  # 30 days = 4 weeks and 2 days


def test_an_empty_period_has_no_wpi_rather_than_a_wpi_of_zero(qtbot, store):
    page = make_page(qtbot, store)
    assert page.latest.text() == _(
        "No flares were recorded in this period, so there is no WPI: {no_records}.").format(
        no_records=_(NO_RECORDS))
    assert page.wpi_chart.values == [] and page.wpi_chart.empty_text == _(
        "No flares recorded in this period, so no WPI")


def test_a_last_week_without_flares_has_no_wpi_as_on_the_overview(qtbot, store):
    # TODAY is 10 May: the only flare is 20 days before, so the last 7 days hold none.
    store.flares.add(Flare(onset=at(2026, 4, 20, 9), sites=(SpasmSite("soleus.left", 5),)))
    page = make_page(qtbot, store)
    text = page.latest.text()
    assert text.startswith(_(
        "{span}: no flare was recorded, so there is no WPI for them ({no_records}).").format(
        span=last_week(date(2026, 5, 4), date(2026, 5, 10)), no_records=_(NO_RECORDS)))
    assert whole_weeks(page, 1) in text and len(page.data.weeks) == 12


def test_a_period_shorter_than_a_week_says_the_wpi_needs_7_days(qtbot, store):
    store.flares.add(Flare(onset=at(2026, 5, 10, 9), sites=(SpasmSite("soleus.left", 5),)))
    page = make_page(qtbot, store)
    page.picker.choose("Custom")
    page.picker.start.setDate(QDate(2026, 5, 8))
    qtbot.waitUntil(lambda: not page.worker.busy and page.data.period.days == 3)
    assert page.data.weeks == [] and "only 3 days" in page.latest.text()


def test_filling_in_the_sss_and_fiqr_gives_their_scores_and_fs(qtbot, store):
    store.flares.add(Flare(onset=at(2026, 5, 8, 3), sites=(SpasmSite("biceps.left", 5),
                                                           SpasmSite("soleus.right", 4))))
    sss = SssDialog(store)
    qtbot.addWidget(sss)
    sss.day.setDate(QDate(2026, 5, 9))
    sss.levels["fatigue"].setCurrentIndex(3)
    sss.levels["waking_unrefreshed"].setCurrentIndex(2)
    sss.flags["headaches"].setChecked(True)
    sss.save()
    assert sss.saved is not None
    fiqr = FiqrDialog(store)
    qtbot.addWidget(fiqr)
    fiqr.day.setDate(QDate(2026, 5, 9))
    assert fiqr.spins["pain"].text() == "not answered"  # blank, not a 0 or a dash
    fiqr.save()  # nothing answered
    assert fiqr.saved is None and "each FIQR section needs at least one answer" in fiqr.feedback.text()
    for item in ("brush_hair", "prevented_goals", "pain"):  # one of each section: too few
        fiqr.spins[item].setValue(10)
    fiqr.save()
    assert fiqr.saved is None
    assert "a FIQR score needs at least 5 of the 9 function questions (answered 1)" in (
        fiqr.feedback.text())
    for spin in fiqr.spins.values():
        spin.setValue(5)
    fiqr.save()
    assert fiqr.saved is not None
    page = make_page(qtbot, store)
    [scored] = page.data.sss
    assert (scored.day, scored.sss, scored.wpi, scored.fs) == (date(2026, 5, 9), 6, 2, 8)
    assert page.fiqr_chart.values == [50.0] and page.fiqr_chart.labels == ["09\u00a0May\n21 of 21"]
    assert page.sss_chart.scale_max == 12 and page.fs_chart.values == [8]
    assert [q.day for q in store.questionnaires.between(QuestionnaireKind.FIQR)] == [date(2026, 5, 9)]


def test_scores_say_they_are_not_a_diagnosis(qtbot, store):
    page = make_page(qtbot, store)
    texts = [label.text() for label in page.findChildren(type(page.latest))]
    assert any(_(NOT_A_DIAGNOSIS) in text for text in texts)
    assert page.sss_chart.values == [] and page.sss_chart.empty_text == _("No questionnaire in this period")


def test_a_week_without_flares_is_a_gap_and_a_measured_zero_is_written(qtbot, store):
    """Issue 31: no records is never a WPI of 0, in the chart, the text and the FS."""
    from fibromap.domain.questionnaires import Questionnaire

    store.flares.add_many([
        Flare(onset=at(2026, 4, 22, 9), sites=(SpasmSite("upper_trapezius.left", 5),)),  # WPI 1
        # 27 Apr – 3 May: nothing recorded, so no WPI.
        Flare(onset=at(2026, 5, 5, 9), sites=(SpasmSite("knee_front.left", 6),)),  # no WPI area: 0
    ])
    store.questionnaires.put(Questionnaire(QuestionnaireKind.SSS, date(2026, 5, 2), {
        "fatigue": 2, "waking_unrefreshed": 1, "cognitive": 1, "headaches": False,
        "lower_abdominal_pain": False, "depression": False}))
    page = make_page(qtbot, store)
    assert page.wpi_chart.values[-3:] == [1, None, 0]
    assert page.wpi_chart.values[:-3] == [None] * 9  # no flare at all in those weeks
    shown = [text for text, _box in page.wpi_chart.text_boxes()]
    gap = _("no WPI")
    values = shown[shown.index(gap):][:12]   # after the axis's numbers: one per bar
    assert values == [gap] * 9 + ["1", gap, "0"]  # gaps said; the measured 0 written
    fits(page.wpi_chart.title, "Widespread Pain Index of each 7 days, by their last day "
         "(0–19; {colour}: generalized pain; –: no flares recorded, so no WPI)")  # the gap's key
    assert page.latest.text().startswith(_("{span}: WPI 0 of 19 — {measured_zero}.").format(
        span=last_week(date(2026, 5, 4), date(2026, 5, 10)), measured_zero=_(MEASURED_ZERO)))
    assert whole_weeks(page, 2) in page.latest.text()
    [scored] = page.data.sss
    assert (scored.sss, scored.wpi, scored.fs) == (4, None, None)  # no WPI: no severity either
    assert page.fs_chart.values == [None] and page.sss_chart.values == [4]
    assert "none" in page.fs_chart.accessibleDescription()
