"""The exchange's words (a file's problems, a device reader's notes, an import's summary)
in the language of the process, French counting 0 and 1 alike; a FibroMap CSV written in
German names its regions in German and imports again in any language; the import window
says what it would add in German from the import's own counts, never by cutting English
apart. The process is always left in English."""

from __future__ import annotations

import pytest

from fibromap.domain.atlas import load_atlas
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.domain.vocabulary import Term, TermKind
from fibromap.exchange import checkin_csv, csv_format
from fibromap.exchange.archives import size_text
from fibromap.exchange.devices.samples import TIME, said
from fibromap.exchange.files import export_text, import_file, import_text, new_words_text
from fibromap.exchange.flaredown import Person
from fibromap.exchange.formats import not_recognised
from fibromap.exchange.problems import ImportRefused
from fibromap.i18n import activate, using
from tests.helpers.device_exports import Sleep, apple_health_xml, write_apple_health
from tests.helpers.records import full_flare, store_from, temple_flare

NAP = Sleep("2026-03-03 14:00:00 +0100", "2026-03-03 14:40:00 +0100", "Asleep")
ODD = Sleep("2026-03-05 23:00:00 +0100", "2026-03-06 07:00:00 +0100", "9")


def refusal(text: str, parse) -> str:
    with pytest.raises(ImportRefused) as refused:
        parse(text, "tag.csv")
    return str(refused.value)


def test_a_files_problems_in_german_and_english():
    header = checkin_csv.COLUMNS
    row = ["2026-03-01", "viel"] + [""] * (len(header) - 2)
    text = ",".join(header) + "\r\n" + ",".join(row) + "\r\n"
    with using("de"):
        said_de = refusal(text, checkin_csv.parse)
        assert said_de == ("tag.csv wurde nicht importiert, nichts wurde geschrieben: Zeile 2, "
                           "Spalte pain: 'viel' ist keine ganze Zahl (nur Ziffern) und nicht "
                           "leer für „nicht beantwortet“")
        assert refusal("flare_id,oops\r\n", csv_format.parse).endswith(
            "Zeile 1: die Kopfzeile ist nicht die des FibroMap-CSV (siehe Dokumentation)")
        assert not_recognised().startswith("weder ein FibroMap-Export (JSON, CSV oder "
                                           "Tagesprotokoll-CSV) noch ein Flaredown-Export")
    assert refusal(text, checkin_csv.parse) == (
        "tag.csv was not imported, nothing was written: line 2, column pain: 'viel' is not a "
        "whole number (plain digits), nor empty for not answered")
    assert not_recognised() == ("not a FibroMap JSON, CSV or check-in CSV export, nor a "
                                "Flaredown CSV export")


def test_a_device_readers_note_in_german(tmp_path, empty_database):
    store = store_from(empty_database, tmp_path / "home")
    try:
        path = write_apple_health(tmp_path, [NAP, ODD])
        line = next(number for number, text in enumerate(
            apple_health_xml([NAP, ODD]).splitlines(), 1) if 'value="9"' in text)
        with using("de"):
            report = import_file(store, path, dry_run=True)
            assert report.details == [
                "1 Eintrag konnte nicht gelesen werden und wurde ausgelassen (der erste: "
                f"Zeile {line}: ein unbekannter Schlafwert '9')"]
            assert report.summary().startswith("Apple-Health-Export: hinzugefügt: 1 Nickerchen")
        assert import_file(store, path, dry_run=True).details == [
            "1 record could not be read and were left out (the first: "
            f"line {line}: an unknown sleep value '9')"]
    finally:
        store.close()


def test_french_counts_0_and_1_alike():
    words = [Term(TermKind.TRIGGER, "cold_office", "Cold office")]
    with using("fr"):
        assert said(TIME, 0).startswith("{n} échantillon de {device} avec une heure illisible")
        assert said(TIME, 1) == said(TIME, 0)
        assert said(TIME, 2).startswith("{n} échantillons de")
        assert Person("7", 0, None, None).describe() == "7 (0 entrée)"
        assert Person("7", 1, None, None).describe() == "7 (1 entrée)"
        assert Person("7", 2, None, None).describe() == "7 (2 entrées)"
        assert size_text(0) == "0 octet" and size_text(1) == "1 octet"
        assert size_text(3 << 20) == "3 Mo" and size_text(2_700_000_000) == "2,5 Go"
        assert new_words_text(words, False) == "1 nouveau mot a été ajouté : cold office."
    assert size_text(2_700_000_000) == "2.5 GB" and size_text(1) == "1 byte"
    assert new_words_text(words, True) == "1 new word would be added: cold office."


def region_names(csv_text: str) -> list[str]:
    import csv

    rows = list(csv.reader(csv_text.splitlines()))
    return [row[rows[0].index("region_name")] for row in rows[1:]]


def test_a_csv_written_in_german_names_regions_in_german_and_imports_in_any_language():
    atlas = load_atlas()
    records = Records(flares=[full_flare(), temple_flare()])
    english = csv_format.dumps(records, atlas)
    with using("de"):
        german = csv_format.dumps(records, atlas)
    assert "Left upper trapezius" in region_names(english)
    assert "Left upper trapezius" not in region_names(german)
    assert region_names(german) == [_german(atlas, name) for name in region_names(english)]
    # Only the human column differs: the ids, times and ratings are the same.
    assert without_names(german) == without_names(english)
    for language in ("en", "de", "fr"):
        with using(language):
            back = csv_format.parse(german)
        assert back.flares == csv_format.parse(english).flares
        assert list(map(flare_fingerprint, back.flares)) == list(
            map(flare_fingerprint, records.flares))


def without_names(csv_text: str) -> list[list[str]]:
    import csv

    rows = list(csv.reader(csv_text.splitlines()))
    at = rows[0].index("region_name")
    return [row[:at] + row[at + 1:] for row in rows]


def _german(atlas, english_name: str) -> str:
    region = next(r for r in atlas if r.english == english_name)
    with using("de"):
        return atlas.name(region.id)


def test_a_german_export_imports_into_an_english_app(tmp_path, empty_database):
    first = store_from(empty_database, tmp_path / "first")
    second = store_from(empty_database, tmp_path / "second")
    try:
        first.flares.add_many([full_flare(), temple_flare()])
        activate("de")
        try:
            text = export_text(first, "csv")
        finally:
            activate("en")
        assert "Oberer Trapezmuskel links" in text and "Left upper trapezius" not in text
        report = import_text(second, text, "export.csv")
        assert report.result.added["flares"] == 2
        assert sorted(map(flare_fingerprint, second.flares.between())) == sorted(
            map(flare_fingerprint, first.flares.between()))
        assert export_text(second, "csv") == export_text(first, "csv")  # English again
    finally:
        first.close()
        second.close()


def test_the_import_window_says_what_it_would_add_in_german(qtbot, tmp_path, empty_database):
    from fibromap.ui.dialogs.import_dialog import ImportDialog

    store = store_from(empty_database, tmp_path / "home")
    path = write_apple_health(tmp_path, [NAP, ODD])
    activate("de")
    try:
        dialog = ImportDialog(store, path)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=20_000)
        shown = dialog.summary.text()
        assert "1 Nickerchen" in shown and "added" not in shown and "nap" not in shown
        assert dialog.import_button.isEnabled() and not dialog.summary.is_error
        assert dialog.details.toPlainText().startswith("1 Eintrag konnte nicht gelesen werden")
        dialog.grab().save(str(tmp_path / "import_de.png"))
        dialog.close()
    finally:
        activate("en")
        store.close()


def test_why_a_file_is_not_json_is_said_in_german(sqlite_url, paths):
    """Python's own reason ("Expecting ',' delimiter") in the reader's words."""
    from fibromap.exchange.files import import_text
    from fibromap.exchange.problems import ImportRefused
    from fibromap.i18n import using
    from fibromap.store.store import Store

    store = Store.open(sqlite_url, paths)
    try:
        with using("de"), pytest.raises(ImportRefused) as refused:
            import_text(store, '{"format": "fibromap", "version": 1,\n "flares": [}',
                        "export.json")
        assert "kein gültiges JSON (ein Wert wurde erwartet)" in str(refused.value)
        assert "Expecting" not in str(refused.value)
        assert store.flares.count() == 0
    finally:
        store.close()
