"""Languages (issue 34): which one a person asked for, the catalogues made from the code
and kept up to date, each language's plural rules and its dates and numbers, and the
choice on the command line and in Settings › Language."""

import sys
from datetime import date, time
from pathlib import Path

import pytest

from fibromap.i18n import SHIPPED, _, activate, choose, current, from_environment, normalise, using
from fibromap.i18n import formats
from fibromap.i18n.catalogue import translations
from fibromap.i18n.languages import setting_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("tag, shipped", [
    ("de_DE.UTF-8", "de"), ("de-AT", "de"), ("fr_CA", "fr"), ("es_MX.utf8", "es"),
    ("pt_BR", "pt_BR"), ("pt", "pt_BR"), ("pt_PT", "pt_BR"), ("en_GB", "en"), ("EN", "en"),
    ("it_IT", None), ("C", None), ("POSIX", None), ("C.UTF-8", None), ("", None)])
def test_a_language_tag_is_matched_to_the_nearest_shipped_one(tag, shipped):
    assert normalise(tag) == shipped


@pytest.mark.parametrize("environ, language", [
    ({}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANGUAGE": "it:fr:de", "LANG": "de_DE.UTF-8"}, "fr"),  # the first FibroMap has
    ({"LC_ALL": "es_ES.UTF-8", "LANG": "de_DE.UTF-8"}, "es"),
    ({"LC_ALL": "C", "LANG": "de_DE.UTF-8"}, "en"),  # C means C: LANG is not read
    ({"FIBROMAP_LANGUAGE": "pt-BR", "LANG": "de_DE.UTF-8"}, "pt_BR"),
    ({"LANG": "it_IT.UTF-8"}, "en"),
])
def test_the_environment_names_the_language_as_gettext_reads_it(environ, language):
    assert from_environment(environ) == language


def test_the_command_line_wins_over_the_setting_and_the_setting_over_the_system():
    system = {"LANG": "fr_FR.UTF-8"}
    assert choose("de", "es", system) == "de"
    assert choose(None, "es", system) == "es"
    assert choose(None, None, system) == "fr"


def test_the_catalogues_are_made_from_the_code_as_it_is():
    """Every message the code marks is in each language's catalogue, and each .mo file is
    compiled from its .po as it stands (`make translations` after changing words)."""
    sys.path.insert(0, str(ROOT / "resources" / "locale"))
    try:
        import make_catalogues
    finally:
        sys.path.pop(0)
    assert make_catalogues.main(["--check"]) == 0


def test_words_are_given_in_the_language_of_the_moment_and_of_the_thread():
    assert current() == "en" and _("&File") == "&File"
    with using("de"):
        assert _("&File") == "&Datei"
        with using("pt_BR"):
            assert _("Trends") == "Tendências"
        assert _("Trends") == "Trends"
    assert _("&File") == "&File"
    with pytest.raises(ValueError, match="no 'it' translation"):
        activate("it")


@pytest.mark.parametrize("language", [tag for tag in SHIPPED if tag != "en"])
def test_each_catalogue_carries_its_languages_plural_rules_from_cldr(language):
    """French and Portuguese say 0 as they say 1 (0 crise, 1 crise, 2 crises); German and
    Spanish as English (0 Schübe); the rule is CLDR's, written into the catalogue."""
    plural = translations(language).plural
    same_as_one = {"fr": True, "pt_BR": True, "de": False, "es": False}[language]
    assert (plural(0) == plural(1)) is same_as_one
    assert plural(1) != plural(2) and plural(2) == plural(5)


def test_dates_and_numbers_follow_the_language():
    day = date(2026, 12, 7)
    assert (formats.day(day), formats.day_of_week(day), formats.decimal(4.3),
            formats.whole(1615), formats.clock(time(17, 5))) == (
        "07 Dec 2026", "Mon 07 Dec", "4.3", "1,615", "17:05")
    with using("de"):
        assert (formats.day(day), formats.decimal(4.3), formats.whole(1615),
                formats.clock(time(17, 5))) == ("7. Dez. 2026", "4,3", "1.615", "17:05")
    with using("fr"):
        assert formats.day(day) == "7 déc. 2026" and formats.decimal(4.3) == "4,3"
    with using("pt_BR"):
        assert formats.day_of_week(day).startswith("seg.")


def test_an_unknown_language_on_the_command_line_is_refused_in_one_line(capsys):
    from fibromap.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["stats", "--language", "klingon"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "FibroMap speaks en, es, de, fr, pt_BR; not 'klingon'" in err


def test_the_settings_file_says_the_apps_choice_to_the_command_line(tmp_path):
    settings = tmp_path / "settings.ini"
    assert setting_in(settings) is None  # no file yet: the system's
    settings.write_text("[app]\nlanguage=de\n", encoding="utf-8")
    assert setting_in(settings) == "de"
    settings.write_text("[app]\nlanguage=\n", encoding="utf-8")
    assert setting_in(settings) is None
    settings.write_bytes(b"\xff\xfe not an ini")
    assert setting_in(settings) is None


def test_the_same_english_has_the_same_translation_in_every_part():
    """The catalogues of the parts are read as one chain, so an English id translated two
    ways would show the first part's words everywhere: each id has one translation in a
    language (a word that means two things takes a context: pgettext)."""
    from babel.messages.pofile import read_po

    for language in SHIPPED:
        if language == "en":
            continue
        seen: dict = {}
        for po in sorted((ROOT / "resources" / "locale" / language / "LC_MESSAGES").glob("*.po")):
            with po.open("rb") as handle:
                for message in read_po(handle, locale=language, domain=po.stem):
                    words = message.string if isinstance(message.string, str) else tuple(
                        message.string)
                    if not message.id or not any(words if isinstance(words, tuple) else [words]):
                        continue
                    first = seen.setdefault((message.context, message.id), (po.stem, words))
                    assert first[1] == words, (language, message.id, first[0], po.stem)
