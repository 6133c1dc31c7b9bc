"""The review views (Overview, Heat-map, Patterns, Scores) in German, a French plural that
says 0 and 1 alike, and the English kept word for word."""

from datetime import date, timedelta

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import activate, using
from fibromap.store.store import Store
from fibromap.ui.settings import Settings
from tests.helpers.records import at

TODAY = date(2026, 6, 10)


def _store_with_flares(sqlite_url, paths) -> Store:
    store = Store.open(sqlite_url, paths)
    days = [TODAY - timedelta(days=n) for n in (0, 1, 2, 9)]
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 3),
                                 sites=(SpasmSite("soleus.left", 6), SpasmSite("soleus.right", 4)))
                           for d in days])
    return store


def test_the_overview_speaks_german(qtbot, sqlite_url, paths):
    from fibromap.ui.review.overview import OverviewPage

    store = _store_with_flares(sqlite_url, paths)
    activate("de")
    try:
        page = OverviewPage(store, today=lambda: TODAY)
        qtbot.addWidget(page)
        assert page.log_button.text() == "Schub erfassen"
        assert page.report_button.text() == "Arztbericht…"
        assert page.map_title.text() == "<b>Schübe je Region, letzte 7 Tage</b>"
        assert page.week.text().startswith(
            "Letzte 7 Tage: 3 Schübe, 2 mehr als in der Woche davor (1).")
        assert "Stärke im Mittel 5,0, höchstens 6." in page.week.text()
        assert page.checkin_state.text() == (
            "Heutiges Tagesprotokoll: noch nicht (0 Tage bisher ausgefüllt).")
        assert page.score.text().startswith("Widespread Pain Index, letzte 7 Tage: 2 von 19.")
        assert page.legend.title == "Schübe in dieser Region"
    finally:
        activate("en")
        store.close()


def test_the_heat_map_speaks_german_and_english_is_unchanged(qtbot, sqlite_url, paths):
    from fibromap.ui.review.heatmap_page import HeatMapPage

    store = _store_with_flares(sqlite_url, paths)
    settings = Settings(paths.settings_file)
    activate("de")
    try:
        page = HeatMapPage(store, settings, load_atlas(), today=lambda: TODAY)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)
        assert page.by_month.text() == "Eine Karte pro Monat"
        assert page.appointments_button.text() == "Arzttermine…"
        assert page.legend.title == "Schübe in dieser Region"
        assert "4 Schübe an 4 von 30 Tagen" in page.caption.text()
        # German's longer words wrap the choices onto a second line: the page still fits
        # a small window (1024 pixels wide, less the window's margins).
        assert page.minimumSizeHint().width() <= 1000
    finally:
        activate("en")
    english = HeatMapPage(store, settings, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(english)
    english.show()
    qtbot.waitUntil(lambda: not english.worker.busy and english.data is not None)
    assert english.by_month.text() == "One map per month"
    assert "4 flares on 4 of 30 days" in english.caption.text()
    store.close()


def test_patterns_and_scores_name_their_charts_in_german(qtbot, sqlite_url, paths):
    from fibromap.ui.review.patterns_page import PatternsPage, weekdays
    from fibromap.ui.review.scores_page import ScoresPage

    store = Store.open(sqlite_url, paths)
    atlas = load_atlas()
    activate("de")
    try:
        patterns = PatternsPage(store, atlas, today=lambda: TODAY)
        scores = ScoresPage(store, atlas, today=lambda: TODAY)
        qtbot.addWidget(patterns)
        qtbot.addWidget(scores)
        assert patterns.weekdays.title == "Schübe nach Wochentag"
        assert weekdays()[0] == "Mo."
        assert scores.fiqr_button.text() == "FIQR ausfüllen…"
        assert scores.sss_chart.title == "SSS, Symptomschwere-Skala (0–12)"
        # "in 30 Tagen" (German's dative after "in"), not "in 30 Tage".
        patterns.show()
        qtbot.waitUntil(lambda: not patterns.worker.busy and "Tagen" in patterns.caption.text())
        assert patterns.caption.text().endswith("in 90 Tagen")
    finally:
        activate("en")
        store.close()
    assert weekdays() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_french_says_0_and_1_flare_alike_and_english_keeps_its_words():
    from fibromap.ui.review.heat_body_map import _times
    from fibromap.ui.review.overview import week_change_text

    with using("fr"):
        assert week_change_text(0, 0) == (
            "7 derniers jours\u00a0: 0 crise, autant que la semaine précédente.")
        assert week_change_text(1, 1) == (
            "7 derniers jours\u00a0: 1 crise, autant que la semaine précédente.")
        assert week_change_text(2, 2).startswith("7 derniers jours\u00a0: 2 crises,")
    assert week_change_text(0, 0) == "Last 7 days: 0 flares, the same as the week before."
    assert week_change_text(1, 3) == "Last 7 days: 1 flare, 2 fewer than the week before (3)."
    assert _times([1]) == "1 time" and _times([1, 5]) == "1 to 5 times"

