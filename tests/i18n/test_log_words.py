"""The Log view, its body map and History in another language (the "log" catalogue), with
French counting 0 and 1 alike, and English as it always was."""

from PySide6.QtCore import Qt

from fibromap.demo import generate
from fibromap.domain.flare import SiteRole
from fibromap.domain.flare_marks import Mark
from fibromap.i18n import activate, using
from fibromap.store.store import Store
from fibromap.i18n.formats import in_sentence
from fibromap.ui.bodymap.panel_parts import marked_line
from fibromap.ui.log.history_model import duration_words
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings


def test_the_log_and_history_in_german(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    activate("de")
    try:
        window = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(window)
        log = window.log
        assert log.save_button.text() == "Schub speichern"
        assert log.title.text() == "Neuer Schub"
        assert log.form.ongoing.text() == "Hält noch an"
        assert [log.form.unit.itemText(i) for i in range(3)] == ["Sekunden", "Minuten", "Stunden"]
        assert log.form.onset_buttons["Now"].text() == "Jetzt"
        assert log.body.region_title.text() == "Muskel anklicken"
        assert log.body.spasm.text() == "Krampf" and log.body.trigger_point.text() == "Triggerpunkt"
        history = window.page("history")
        assert [history.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
            "Datum", "Bereiche", "Stärkste", "Dauer"]
        assert history.count.text() == "0 Schübe"
        assert history.empty_note.text().startswith("Noch keine Schübe.")
    finally:
        activate("en")
        store.close()


def test_french_counts_no_flare_and_one_flare_alike(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    try:
        window = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(window)
        history = window.page("history")
        counts = {}
        for n in (0, 1):
            if n:
                store.flares.add_many(generate(days=30, seed=4).flares[:1])
            activate("fr")
            try:
                history.reload()
                counts[n] = history.count.text()
            finally:
                activate("en")
        assert counts == {0: "0 crise", 1: "1 crise"}
        history.reload()
        assert history.count.text() == "1 flare"  # English as it was
    finally:
        store.close()


def test_marked_lines_in_each_language_keep_the_english():
    tender = Mark(7, SiteRole.TRIGGER_POINT)
    unrated = Mark(None, SiteRole.REFERRED)
    assert marked_line("Left temple", tender) == "7 · Left temple, trigger point"
    assert marked_line("Left temple", unrated) == "Left temple, referred, not rated"
    with using("de"):
        assert marked_line("Left temple", tender) == "7 · Left temple, Triggerpunkt"
        assert marked_line("Left temple", unrated) == "Left temple, übertragen, nicht bewertet"
    with using("pt_BR"):
        assert marked_line("Left temple", unrated) == "Left temple, referida, sem nota"


def test_history_lengths_in_german_and_english():
    assert duration_words(2 * 86_400 + 3 * 3_600) == "2 days 3 h"
    assert duration_words(None, still_going=True) == "still going"
    with using("de"):
        assert duration_words(2 * 86_400 + 3 * 3_600) == "2 Tage 3 h"
        assert duration_words(86_400) == "1 Tag"
        assert duration_words(None, still_going=True) == "dauert noch an"


def test_names_within_sentences_keep_german_capitals():
    assert in_sentence("Left upper trapezius") == "left upper trapezius"
    assert in_sentence("Left jaw (TMJ)", first_letter=True) == "left jaw (TMJ)"
    with using("de"):
        assert in_sentence("Linker Trapezius") == "Linker Trapezius"
    with using("fr"):
        assert in_sentence("Trapèze supérieur gauche") == "trapèze supérieur gauche"


def test_the_panel_names_a_region_s_wpi_area_and_trigger_points_in_german():
    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.bodymap.panel_parts import region_details

    atlas = load_atlas()
    with using("de"):
        said = region_details(atlas.region("upper_trapezius.left"), atlas)
    assert said == ["Widespread Pain Index (WPI), Bereich: Schultergürtel links",
                    "Triggerpunkte hier: Oberer Trapezius links"]
