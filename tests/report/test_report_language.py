"""A report in a language other than the app's (a patient in Germany seeing a doctor in
France): chosen in the report dialog or with `fibromap report --report-language`, the whole
PDF in that language (its sentences made where the figures are gathered, on the worker's
thread, too), its percentages by the language's own pattern, and the app left as it was."""

import re
import subprocess
from datetime import date, timedelta

import pytest

from fibromap.cli import main
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import current, using
from fibromap.i18n.formats import percent
from fibromap.store.store import Store
from tests.helpers.records import at

# Words only English has (not German as well: "in", "an", "so", "was", "die" are left out).
ENGLISH = {"the", "and", "of", "with", "flare", "flares", "day", "days", "week", "weeks",
           "is", "are", "were", "not", "or", "on", "by", "for", "from", "to", "at", "more",
           "most", "each", "which", "mean", "highest", "none", "page", "record", "recorded",
           "logged", "rated", "times", "night", "glasses", "areas", "apart", "left", "right",
           "front", "back", "summary", "how", "often", "strong", "what", "helped", "pain",
           "sleep", "scores", "overall", "stiffness", "fatigue", "waking", "without", "between",
           "midnight", "measured", "device", "steps", "naps", "period", "changes", "since",
           "patterns", "regions", "chart", "shows", "latest", "answered", "knees", "too",
           "few", "records", "tell", "yes", "down", "up", "spread"}
# English a German report still shows, each where it comes from and who translates it:
ALLOWED = {
    # What the person typed (the demo's medications and doses) and the devices' own names:
    # fibromap/demo.py and fibromap/demo_devices.py; never translated.
    "fibromap/demo.py": ["at night", "twice daily", "Magnesium glycinate", "Cyclobenzaprine",
                         "Pregabalin", "Ibuprofen"],
    "fibromap/demo_devices.py": ["Apple Watch (Apple Health)", "iPhone (Apple Health)"],
    # Names used in every language: the index and the criteria are cited by their names.
    "proper names": ["Widespread Pain Index", "FibroMap", "ACR"],
}


def pdf_text(target) -> str:
    """The PDF's text as poppler's pdftotext reads it, each run of white space one space."""
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub(r"\s+", " ", text)


def english_left(text: str) -> list[str]:
    for phrases in ALLOWED.values():
        for phrase in sorted(phrases, key=len, reverse=True):
            text = text.replace(phrase, " ")
    return [match.group(0) for match in re.finditer(r"\S*[A-Za-z]+\S*", text)
            if re.sub(r"[^a-z]", "", match.group(0).lower()) in ENGLISH]


@pytest.mark.plain_only("wording: nothing here depends on how the file is kept")
def test_a_year_of_demo_data_in_german_has_no_english_sentence(paths, tmp_path, capsys):
    assert main(["demo", "--into-records", "--days", "365", "--seed", "1"]) == 0
    capsys.readouterr()
    end = date.today() - timedelta(days=1)
    texts = {}
    # The year (its previous year unrecorded: the comparison says why not), and its last 30
    # days (a comparison's table, some rows with too few records to tell).
    for days in (365, 30):
        target = tmp_path / f"bericht-{days}.pdf"
        assert main(["report", "--from", (end - timedelta(days=days - 1)).isoformat(), "--to",
                     end.isoformat(), "-o", str(target), "--report-language", "de"]) == 0
        # The messages stay in the app's language; only the report is German.
        assert capsys.readouterr().out.startswith("Wrote a ") and current() == "en"
        texts[days] = pdf_text(target)
    for german in ("Zusammenfassung", "Seite 1 von", "Gesamtschmerz:", "Keine WPI-Bereiche",
                   "Tagesprotokoll", "Medikamente am", "Gläser", "ist nicht möglich"):
        assert german in texts[365], german
    assert "Über Zufall hinaus?" in texts[30] and "zu wenige Aufzeichnungen" in texts[30]
    assert re.search(r"Regionen mit je [\d–]+ Schüben", texts[365])  # the dative after "mit"
    assert re.search(r"\d+ % der \d+ Schübe", texts[365])  # "63 %" as German writes it
    for days, text in texts.items():
        found = english_left(text)
        assert not found, (days, found)


@pytest.mark.plain_only("wording: nothing here depends on how the file is kept")
def test_the_report_dialog_writes_french_while_the_app_speaks_english(qtbot, tmp_path,
                                                                       sqlite_url, paths):
    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.dialogs.report_dialog import ReportDialog
    from fibromap.ui.settings import Settings

    store = Store.open(sqlite_url, paths)
    today = date.today()
    for days_ago in (2, 9):
        moment = today - timedelta(days=days_ago)
        store.flares.add(Flare(onset=at(moment.year, moment.month, moment.day, 3, 10),
                               sites=(SpasmSite("soleus.right", 7),)))
    dialog = ReportDialog(store, Settings(paths.settings_file), load_atlas())
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["English", "Español", "Deutsch", "Français", "Português (Brasil)"]
    assert dialog.language.currentData() == "en"  # the app's language at first
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    target = tmp_path / "rapport.pdf"
    dialog.save_to(target)
    qtbot.waitUntil(lambda: target.exists() and "Saved a" in dialog.feedback.text(), timeout=20_000)
    text = pdf_text(target)
    store.close()
    for french in ("Spasmes musculaires et douleur", "Résumé", "Page 1 sur", "2 crises sur 2 de",
                   "bas du mollet droit (soléaire)", "100 % ont commencé entre minuit et 8 h",
                   # sentences made with the figures, on the worker's thread
                   "trop peu de crises pour le dire", "aucune comparaison n’est possible"):
        assert french in text, french
    month = {1: "janv.", 2: "févr.", 3: "mars", 4: "avr.", 5: "mai", 6: "juin", 7: "juil.",
             8: "août", 9: "sept.", 10: "oct.", 11: "nov.", 12: "déc."}[today.month]
    assert f"Imprimé le {today.day} {month} {today.year}" in text  # a French date
    assert "Summary" not in text and "flares" not in text
    assert current() == "en" and dialog.windowTitle() == "Appointment report"  # the app's own


@pytest.mark.parametrize(("language", "written"), [
    ("en", "45%"), ("de", "45\u00a0%"), ("fr", "45\u00a0%"), ("es", "45\u00a0%"),
    ("pt_BR", "45%")])
def test_a_percentage_follows_the_language(language, written):
    with using(language):
        assert percent(0.45) == written
        assert percent(0.004) == written.replace("45", "0")


def test_each_agrees_with_the_words_around_it():
    from fibromap.report.layout import AFTER_WITH, REGIONS_AFTER_WITH, each_flares

    with using("de"):  # after "mit", the dative
        assert each_flares([1, 3]) == "je 1–3 Schübe"
        assert each_flares([1, 3], AFTER_WITH) == each_flares([1, 3], REGIONS_AFTER_WITH) == (
            "je 1–3 Schüben")
    with using("fr"):  # "chacune" of regions (feminine), "chacun" of triggers
        assert each_flares([1, 3], REGIONS_AFTER_WITH) == "1–3 crises chacune"
        assert each_flares([1, 3], AFTER_WITH) == "1–3 crises chacun"
    assert each_flares([1, 3], REGIONS_AFTER_WITH) == "1–3 flares each"
