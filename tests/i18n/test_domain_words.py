"""The domain's words (the "analysis" catalogue): what the Log and the check-in say of input
out of range, each field named inside a whole sentence of the language; Edit › Undo's step
in German, the undo logic comparing steps, never their words; French counting 0 and 1
alike; and English as it always was."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt

from fibromap.domain.atlas import WPI_EXCLUDED, WPI_EXCLUDED_TEXT
from fibromap.domain.daily import CheckIn
from fibromap.domain.draft import DraftSite, DraftTreatment, FlareDraft
from fibromap.errors import ValidationError
from fibromap.i18n import _, activate, ngettext, using
from fibromap.ui.daily.checkin_page import CheckInPage
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.map_clicks import click_region

NECK = "upper_trapezius.left"
LONG_NAME = "x" * 121  # the Log's medication field has no limit of its own: 120 are kept



@pytest.fixture
def window(qtbot, store, paths):
    """The main window, built in German (the language is chosen before the window)."""
    activate("de")
    try:
        main = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(main)
        main.resize(1400, 900)
        main.show()
        qtbot.waitExposed(main)
        yield main
    finally:
        activate("en")


def too_long_a_medication() -> FlareDraft:
    return FlareDraft(onset=datetime(2026, 12, 7, 9, 0, tzinfo=UTC), sites=[DraftSite(NECK, 6)],
                      treatments=[DraftTreatment("medication", medication=LONG_NAME)])


def test_the_log_says_what_is_out_of_range_in_german(window):
    log = window.log
    activate("de")
    log.load_draft(too_long_a_medication())
    assert log.save() is None
    assert log.feedback.text() == ("Nicht gespeichert: der Name des Medikaments darf höchstens "
                                   "120 Zeichen lang sein, nicht 121.")
    assert window.store.flares.count() == 0  # nothing saved, nothing lost from the form
    assert log.draft().treatments[0].medication == LONG_NAME


def test_the_check_in_says_what_is_out_of_range_in_german(qtbot, store, paths):
    activate("de")
    try:
        page = CheckInPage(store, Settings(paths.settings_file))
        qtbot.addWidget(page)
        page.day.setDate(QDate(2026, 12, 7))
        page.foods.setText("Brot, " + "k" * 61)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert page.feedback.text() == ("Nicht gespeichert: das Lebensmittel darf höchstens 60 "
                                        "Zeichen lang sein, nicht 61.")
        assert store.checkins.get(date(2026, 12, 7)) is None
    finally:
        activate("en")


def test_each_field_in_a_whole_sentence_of_its_language():
    def said(**answers) -> str:
        with pytest.raises(ValidationError) as refused:
            CheckIn(date(2026, 12, 7), **answers)
        return str(refused.value)

    with using("de"):
        assert said(sleep_hours=25) == ("die Schlafstunden müssen zwischen 0 und 24 liegen, "
                                        "nicht 25")
        assert said(pain=11) == "der Gesamtschmerz muss zwischen 0 und 10 liegen, nicht 11"
    with using("fr"):
        assert said(sleep_hours=25) == ("les heures de sommeil doivent être comprises entre 0 "
                                        "et 24, pas 25")
    assert said(sleep_hours=25) == "sleep hours must be between 0 and 24, got 25"
    assert said(pain=11) == "overall pain must be between 0 and 10, got 11"


def test_undo_names_the_step_in_german_and_still_merges_a_running_one(window, qtbot):
    log, actions = window.log, window.menu_actions
    activate("de")
    click_region(qtbot, log.map, NECK)
    qtbot.wait(1)
    region = log.map.atlas.name(NECK)
    assert actions.undo.text().replace("&", "").endswith(f"{region} markieren")
    for digit in (Qt.Key.Key_7, Qt.Key.Key_8):  # a second digit re-rates: still one step
        qtbot.keyClick(log.map, digit)
        qtbot.wait(1)
    assert "Stärke:" in actions.undo.text()
    assert log.history.stack.count() == 2  # the two digits were merged, in German too
    log.history.stack.undo()
    assert {r: m.intensity for r, m in log.marks.marks()} == {NECK: None}


def test_a_step_is_compared_by_what_it_is_not_by_its_words():
    from fibromap.domain.draft_changes import step

    onset = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    one = FlareDraft(onset=onset, sites=[DraftSite(NECK, 6)])
    other = FlareDraft(onset=onset, sites=[DraftSite(NECK, 7)])
    with using("de"):
        german = step(one, other, lambda region: "linker oberer Trapezmuskel")
    english = step(one, other, lambda region: "left upper trapezius")
    assert german.text == "Stärke: linker oberer Trapezmuskel"
    assert english.text == "Intensity of left upper trapezius"
    assert (german.kind, german.region, german.running) == (english.kind, english.region, True)


def test_french_counts_0_and_1_alike():
    def said(count: int) -> str:
        return ngettext("{count} step in a day is out of range",
                        "{count} steps in a day is out of range", count).format(count=count)

    with using("fr"):
        assert said(0) == "0 pas en une journée est hors limites"
        assert said(1) == "1 pas en une journée est hors limites"
        assert said(2) == "2 pas en une journée sont hors limites"
    assert said(0) == "0 steps in a day is out of range"


def test_the_wpi_exclusions_are_one_sentence_translated_where_shown():
    assert WPI_EXCLUDED_TEXT == "Not WPI areas (ACR 2016): " + ", ".join(WPI_EXCLUDED) + "."
    with using("de"):
        assert _(WPI_EXCLUDED_TEXT).startswith("Keine WPI-Bereiche (ACR 2016): Kopf und Gesicht")
    assert _(WPI_EXCLUDED_TEXT) == WPI_EXCLUDED_TEXT
