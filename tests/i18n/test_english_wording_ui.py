"""The interface's English wording, tested once (issue 34): the tests in tests/ui check the
widgets' state, the stored data and the message ids through the catalogue, so they hold in
any language; here a representative handful of what the window says is held to its exact
English sentence, as a person reads it."""

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from fibromap.analysis.referral import DISCLAIMER
from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import DraftLink, DraftSite, FlareDraft
from fibromap.domain.draft_changes import step_name
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.review.insights_page import InsightsPage
from fibromap.ui.review.scores_page import ScoresPage
from fibromap.ui.settings import Settings
from fibromap.ui.widgets.lock_screen import _try_again
from tests.helpers.records import poor_and_good_nights


@pytest.fixture
def window(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    main = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    yield main
    main.close()
    store.close()


def test_the_window_s_menus_and_first_words(window):
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Settings", "Help"]
    assert window.page("overview")._headline.text() == "No flares recorded yet"
    assert window.log.title.text() == "New flare"
    assert window.log.no_spasms.check.text() == "No spasms today"


def test_an_empty_history_and_one_whose_filter_hides_everything(window):
    page = window.page("history")
    assert page.empty_note.text() == (
        "No flares yet.\n\nTo log one, open the Log view, click each muscle that hurts on the "
        "body map, then click Save flare. It will be listed here.")
    onset = datetime(2026, 3, 2, 9, 30).astimezone()
    window.store.flares.add_many([Flare(onset=onset, sites=(SpasmSite("soleus.left", 4),)),
                                  Flare(onset=onset + timedelta(days=1),
                                        sites=(SpasmSite("soleus.right", 3),))])
    window.refresh()
    page.region.setCurrentIndex(page.region.findData("masseter.right"))
    assert page.empty_note.text() == ("No flares in the right jaw (masseter).\n\n"
                                      "2 flares in all. To see them, choose All regions.")
    page.start.setDate(date(2026, 3, 1))
    page.end.setDate(date(2026, 3, 2))
    page.use_dates.setChecked(True)
    assert page.empty_note.text() == (
        "No flares from 1 Mar 2026 to 2 Mar 2026, in the right jaw (masseter).\n\n"
        "2 flares in all. To see them, untick From or choose All regions.")


def test_a_medication_added_twice_and_corrected(window, qtbot):
    page = window.page("medications")
    window.tabs.setCurrentWidget(page)
    for _time in range(2):
        page.name.setText("Cyclobenzaprine")
        page.dose.setText("5 mg at night")
        page.form.start.setDate(QDate(2026, 1, 5))
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
        if not page.feedback.is_error:
            assert page.feedback.text() == "Added Cyclobenzaprine 5 mg at night."
    assert page.feedback.text() == ("Not saved: Cyclobenzaprine 5 mg at night from 05 Jan 2026 "
                                    "is already in the list.")
    page.table.selectRow(0)
    assert page.heading.text() == "Change the chosen medication"
    assert page.table.item(0, 3).text() == "still taking"


def test_the_undo_steps_of_a_flare_being_written():
    def name(before, after):
        return step_name(before, after, lambda region: region.replace("_", " "))

    empty = FlareDraft(onset=datetime(2026, 3, 2, 9, 30).astimezone())
    one = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 7)])
    spread = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 7),
                                                  DraftSite("temple", None, "referred")],
                        links=[DraftLink("neck", "temple", None)])
    assert [name(empty, one), name(one, empty), name(one, spread), name(spread, one)] == [
        "Mark neck", "Unmark neck", "Pain spreading to temple", "No pain spreading to temple"]
    both = FlareDraft(onset=empty.onset, sites=[DraftSite("neck", 3)], notes="x")
    assert name(one, both) == "Changes to the flare"


def test_the_body_map_s_names_and_its_disclaimer(window, qtbot):
    body_map = window.log.map
    body_map.marks.mark("masseter.left", 4)
    assert body_map.accessibleName().startswith("Body map: type a muscle's name to find it, ")
    assert body_map.region_items["masseter.left"].accessible_name() == "Left jaw (masseter), intensity 4"
    assert body_map.region_items["gastrocnemius.right"].toolTip() == "Right upper calf (gastrocnemius)"
    assert DISCLAIMER == "typical pattern, not a diagnosis"


def test_the_lock_s_countdown():
    assert _try_again(10) == "Try again in 10 s"


def test_the_wpi_of_an_empty_period_and_of_a_week(qtbot, store):
    page = ScoresPage(store, load_atlas(), today=lambda: date(2026, 5, 10))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
    assert page.latest.text() == ("No flares were recorded in this period, so there is no WPI: "
                                  "no records is not the same as no pain.")
    assert page.sss_chart.empty_text == "No questionnaire in this period"


def test_an_insight_in_plain_words(qtbot, store):
    today = date(2026, 6, 30)
    poor_and_good_nights(store, today)
    page = InsightsPage(store, today=lambda: today)
    qtbot.addWidget(page)
    page.picker.choose("Last 90 days")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 90)
    card = next(card for card in page.cards if card.comparison is page.data.sleep[0])
    assert card.lead.text() == ("After poor nights you had about 2 more flares the next day — 29 "
                                "such nights; can't tell if it's chance.")
    assert "against 1.00 after a better night" in card.details.text()
    assert page.caption.text().endswith("Days with a flare, a check-in or a “no spasms” mark "
                                        "count; 30 days without any are left out.")
