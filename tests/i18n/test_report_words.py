"""The appointment report and the body figures in another language: the report's headings,
sentences, dates and page numbers in German or French, the figures' titles and side letters
in the language's own (Spanish I and D), plural forms by each language's rules (French says
0 and 1 alike), and a report made in a language other than the app's."""

from datetime import date

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.domain.atlas import View, load_atlas
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.figure.body_figures import view_title
from fibromap.figure.formatting import onset_text
from fibromap.figure.orientation import Orientation
from fibromap.i18n import activate, current, using
from fibromap.report.layout import each_flares
from fibromap.report.pdf import in_language, write_report
from fibromap.report.scores import criteria_line
from fibromap.store.store import Store
from tests.helpers.pdf import words
from tests.helpers.records import at

END = date(2026, 3, 20)


def _flares(store: Store) -> None:
    for day, region, intensity in ((2, "soleus.left", 5), (9, "upper_trapezius.right", 7),
                                   (16, "soleus.left", 4)):
        store.flares.add(Flare(onset=at(2026, 3, day, 9), sites=(SpasmSite(region, intensity),)))


def test_a_report_in_german_while_the_app_speaks_english(qapp, tmp_path, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    try:
        _flares(store)
        atlas = load_atlas()
        with in_language("de"):  # the sentences the data holds, in the report's language
            data = load_report(store, Period(date(2026, 3, 1), END), atlas)
        target = tmp_path / "bericht.pdf"
        write_report(data, atlas, target, today=END, language="de")
    finally:
        store.close()
    assert current() == "en"  # the app's language is untouched
    text = words(target)
    assert "Muskelkrämpfe und Schmerzen: Bericht für den Arzttermin" in text
    assert "Zusammenfassung" in text and "Seite 1 von" in text
    assert "Zeitraum: 1. März 2026 – 20. März 2026 (20 Tage)." in text
    assert "Gedruckt am 20. März 2026" in text
    assert "3 Schübe an 3 von 20 Tagen" in text  # the dative after "von"
    assert "Vorderseite" in text and "Rückseite" in text
    assert "Summary" not in text and "Page 1 of" not in text


def test_the_figures_name_their_sides_in_the_language(qapp):
    from PySide6.QtWidgets import QGraphicsScene

    from fibromap.domain.geometry import Build, load_geometry
    from fibromap.figure.body_figures import BodyFigures
    from fibromap.report.layout import font

    def letters(language: str) -> set[str]:
        with using(language):
            figures = BodyFigures(QGraphicsScene(), load_atlas(), load_geometry(Build.NEUTRAL),
                                  font(9))
            figures.apply_orientation(Orientation.CLINICIAN)
            return {text.text() for pair in figures.side_labels.values() for text in pair}

    assert letters("es") == {"I", "D"} and letters("fr") == {"G", "D"}
    assert letters("pt_BR") == {"E", "D"} and letters("en") == {"L", "R"}
    with using("fr"):
        assert (view_title(View.FRONT), view_title(View.BACK)) == ("Face avant", "Dos")
        assert Orientation.PATIENT.label == "Vue du patient (comme dans un miroir)"
    assert view_title(View.BACK) == "Back"


def test_plural_forms_follow_the_language(qapp):
    with using("fr"):  # French says 0 and 1 alike
        assert each_flares([0]) == "0 crise chacun"
        assert each_flares([1]) == "1 crise chacun"
        assert each_flares([1, 3]) == "1–3 crises chacun"
    with using("de"):
        assert each_flares([1]) == "je 1 Schub" and each_flares([2]) == "je 2 Schübe"
    assert each_flares([1]) == "1 flare each" and each_flares([0, 2]) == "0–2 flares each"


def test_dates_and_sentences_of_the_figures_and_scores(qapp, sqlite_url, paths):
    flare = Flare(onset=at(2026, 3, 1, 14, 5), sites=(SpasmSite("soleus.left", 5),))
    with using("de"):
        assert onset_text(flare) == "So., 1. März 2026, 14:05"
    assert onset_text(flare) == "Sun 01 Mar 2026, 14:05"
    store = Store.open(sqlite_url, paths)
    try:
        data = load_report(store, Period(date(2026, 3, 1), END), load_atlas())
    finally:
        store.close()
    with using("es"):
        line = criteria_line(data.criteria)
    assert line.startswith("Criterios ACR 2016 (")
    assert "no se pueden evaluar" in line and "ningún brote registrado, así que no hay duración" in line


def test_the_process_language_is_left_as_it_was():
    activate("de")
    try:
        assert each_flares([3]) == "je 3 Schübe"
    finally:
        activate("en")
    assert each_flares([3]) == "3 flares each"
