"""The table of formats (exchange/formats.py): what the dialogs and the command show is
read from it, each format's module has what its kind needs, and listing the formats loads
none of them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fibromap.cli import build_parser
from fibromap.errors import FibroMapError
from fibromap.exchange import formats
from fibromap.exchange.files import export_text, people_in
from tests.exchange.test_flaredown import TWO_PEOPLE
from tests.helpers.refusals import fits, says


SHIPPED = ("FibroMap JSON", "Flaredown CSV", "FibroMap CSV", "FHIR R4", "Apple Health", "Fitbit",
           "Gadgetbridge")


@pytest.fixture
def shipped(monkeypatch):
    """The table as the formats written by hand before it (a format added later adds its
    own words to these)."""
    monkeypatch.setattr(formats, "FORMATS",
                        tuple(f for f in formats.FORMATS if f.name in SHIPPED))


def test_the_words_shown_are_those_written_by_hand_before_the_table(shipped):
    assert formats.import_filters() == (
        "Exports FibroMap can read (*.json *.csv *.zip *.xml *.db Gadgetbridge*);;"
        "FibroMap or Flaredown exports (*.json *.csv);;"
        "Apple Health, Google Takeout (Fitbit) or Gadgetbridge (*.zip *.xml *.db Gadgetbridge*);;"
        "All files (*)")
    assert formats.import_help() == (
        "add records from a FibroMap JSON or CSV export, a Flaredown CSV export, or sleep and "
        "steps from Apple Health, Fitbit (Google Takeout) or Gadgetbridge")
    assert formats.not_recognised() == ("not a FibroMap JSON or CSV export, nor a Flaredown "
                                        "CSV export")
    assert formats.export_keys() == ("json", "csv", "fhir")
    assert formats.sealable_format().key == "json"


def test_or_list():
    assert formats.or_list([]) == ""
    assert formats.or_list(["a"]) == "a"
    assert formats.or_list(["a", "b"]) == "a or b"
    assert formats.or_list(["a", "b", "c"]) == "a, b or c"


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_each_format_module_has_what_its_kind_needs(fmt):
    code = fmt.code()
    if fmt.imported:
        assert callable(code.recognises)
        assert callable(code.read if fmt.stream else code.read_records)
    if fmt.exported:
        assert callable(code.write_export)
        assert fmt.choice and fmt.suffix
    assert fmt.imported or fmt.exported


def test_an_unknown_export_format_names_the_choices(store, shipped):
    with pytest.raises(FibroMapError) as told:
        export_text(store, "xml")
    says(told.value, "unknown export format {format} (choose {choices})", format="'xml'",
         choices=formats.or_list(["json", "csv", "fhir"]))


def test_the_command_reads_its_choices_and_options_from_the_table():
    parser = build_parser()
    export = parser.parse_args(["export", "-o", "x"])
    assert export.format == "json"
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "--format", "xml", "-o", "x"])
    args = parser.parse_args(["import", "f.csv", "--person", "7", "--map", "A=", "--map", "B=",
                              "--file-passphrase-file", "p"])
    assert (args.person, args.map, str(args.file_passphrase_file)) == ("7", ["A=", "B="], "p")


def test_people_are_read_only_from_a_file_that_can_hold_several():
    assert [p.id for p in people_in(TWO_PEOPLE, "the file")] == ["QEVuQwEA", "QEVuQwEB"]
    assert people_in('{"format": "fibromap"}', "the file") == []
    assert people_in("neither", "the file") == []  # refused later, by the import


def test_listing_the_formats_loads_none_of_them():
    code = ("import sys, fibromap.cli as c; c.build_parser(); "
            "print(sorted(m for m in sys.modules if m.startswith(('fibromap.exchange.', "
            "'PySide6', 'sqlalchemy'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env=os.environ)
    assert result.stdout.strip() == "['fibromap.exchange.formats']", result.stderr


def test_an_unknown_format_is_refused_before_any_file_is_begun(store, tmp_path):
    from fibromap.exchange.files import export_file

    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(FibroMapError) as told:
        export_file(store, "xml", folder / "missing folder" / "out.xml")
    fits(told.value, "unknown export format {format} (choose {choices})", format="'xml'")
    with pytest.raises(FibroMapError) as told:
        export_file(store, "csv", folder / "out.csv", passphrase="a passphrase")
    says(told.value, "only the {format} export can be sealed with a passphrase",
         format="FibroMap JSON")
    assert list(folder.iterdir()) == []
