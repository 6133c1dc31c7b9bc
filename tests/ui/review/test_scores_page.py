from datetime import date

from PySide6.QtCore import QDate

from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.questionnaires import QuestionnaireKind
from fibromap.ui.dialogs.questionnaire_dialogs import FiqrDialog, SssDialog
from fibromap.ui.review.scores_page import ScoresPage
from tests.helpers.records import at

TODAY = date(2026, 5, 10)


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
    weeks = dict(page.data.weeks)
    assert weeks[date(2026, 5, 4)].score == 4 and weeks[date(2026, 5, 4)].generalized
    assert weeks[date(2026, 4, 27)].score == 1 and not weeks[date(2026, 4, 27)].generalized
    assert page.wpi_chart.values[-1] == 4 and page.wpi_chart.scale_max == 19
    assert len(page.wpi_chart.highlight) == 1
    assert page.latest.text().startswith("Week of 04 May 2026: WPI 4 of 19")
    assert "generalized pain yes" in page.latest.text()


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
    fiqr.save()  # nothing answered
    assert fiqr.saved is None and "each FIQR section needs at least one answer" in fiqr.feedback.text()
    for spin in fiqr.spins.values():
        spin.setValue(5)
    fiqr.save()
    assert fiqr.saved is not None
    page = make_page(qtbot, store)
    [scored] = page.data.sss
    assert (scored.day, scored.sss, scored.wpi, scored.fs) == (date(2026, 5, 9), 6, 2, 8)
    assert page.fiqr_chart.values == [50.0]
    assert page.sss_chart.scale_max == 12 and page.fs_chart.values == [8]
    assert [q.day for q in store.questionnaires.between(QuestionnaireKind.FIQR)] == [date(2026, 5, 9)]


def test_scores_say_they_are_not_a_diagnosis(qtbot, store):
    page = make_page(qtbot, store)
    texts = [label.text() for label in page.findChildren(type(page.latest))]
    assert any(NOT_A_DIAGNOSIS in text for text in texts)
    assert page.sss_chart.values == [] and page.sss_chart.empty_text == "No questionnaire in this period"
