"""Every catalogue of every shipped language is finished (issue 34): each entry has its
translation (each plural form too), none is marked fuzzy (a guess Babel made or a
translator left unsure), each keeps the placeholders of its English exactly, and each has
the accelerator its English has (`&File`), one and no more."""

from __future__ import annotations

import re
import string
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from fibromap.i18n import SHIPPED

LOCALE = Path(__file__).resolve().parents[2] / "resources" / "locale"
LANGUAGES = [tag for tag in SHIPPED if tag != "en"]
# "&&" is an ampersand shown as such; "&amp;", "&nbsp;", "&#8212;" are rich text's.
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def catalogues(language: str) -> list[Path]:
    return sorted((LOCALE / language / "LC_MESSAGES").glob("*.po"))


def placeholders(text: str) -> list[str] | None:
    """The names of ``text``'s ``{placeholders}`` (sorted), None when its braces are not
    a format string (an unmatched "{")."""
    try:
        return sorted(name for _literal, name, _spec, _conv in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:
        return None


def _wanted(ids: tuple[str, ...], form: int) -> tuple[set[str], set[str]]:
    """The placeholders translation ``form`` must have at least and may have at most: the
    English's; a plural's first form (one) may leave out what the English singular leaves
    out ("The latest save" / "The latest {n} saves"), the others are the plural's."""
    names = [set(placeholders(text) or ()) for text in ids]
    if len(ids) == 1:
        return names[0], names[0]
    if form == 0:
        return names[0] & names[1], names[0] | names[1]
    return names[1], names[1]


def accelerators(text: str) -> int:
    return _ENTITY.sub("", text).replace("&&", "").count("&")


def entry_problems(message) -> list[str]:
    """What is unfinished or wrong in one catalogue entry, one line each."""
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    found = []
    if message.fuzzy:
        found.append("marked fuzzy")
    if any(not text for text in strings):
        found.append("not translated" if not any(strings) else
                     f"{sum(not text for text in strings)} of {len(strings)} plural forms "
                     "not translated")
    for form, text in enumerate(strings):
        if not text:
            continue
        got, (least, most) = placeholders(text), _wanted(ids, form)
        if got is None or not least <= set(got) <= most:
            found.append(f"placeholders {got} in {text!r}, the English has "
                         f"{sorted(most) if least == most else [sorted(least), sorted(most)]}")
        if accelerators(text) > 1:
            found.append(f"{accelerators(text)} accelerators (&) in {text!r}")
        elif accelerators(text) != min(accelerators(ids[0]), 1):
            found.append(f"the accelerator (&) of the English is missing or added in {text!r}")
    return found


def test_every_language_has_a_catalogue_for_every_part_of_the_code():
    """The catalogues are made for the languages FibroMap ships (`make translations`
    reads its own list: the two agree), each with every domain, compiled."""
    sys.path.insert(0, str(LOCALE))
    try:
        import make_catalogues
    finally:
        sys.path.pop(0)
    assert sorted(make_catalogues.LANGUAGES) == sorted(LANGUAGES)
    assert sorted(path.name for path in LOCALE.iterdir()
                  if path.is_dir() and not path.name.startswith("_")) == sorted(LANGUAGES)
    domains = {path.name for path in (LOCALE / LANGUAGES[0] / "LC_MESSAGES").glob("*.po")}
    assert {"interface.po", "log.po", "review.po", "daily.po"} <= domains
    for language in LANGUAGES:
        assert {path.name for path in catalogues(language)} == domains, language
        assert all(path.with_suffix(".mo").is_file() for path in catalogues(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_finished(language):
    found = []
    for path in catalogues(language):
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        nplurals = catalogue.num_plurals
        for message in catalogue:
            if not message.id:
                continue  # the header
            english = message.id if isinstance(message.id, str) else message.id[0]
            where = f"{path.relative_to(LOCALE)}: {english!r}"
            problems = entry_problems(message)
            if isinstance(message.string, tuple) and len(message.string) != nplurals:
                problems.append(f"{len(message.string)} plural forms, the language has {nplurals}")
            found += [f"{where}: {problem}" for problem in problems]
    assert found == [], f"{len(found)} unfinished entries:\n" + "\n".join(found)


def test_the_check_finds_what_is_unfinished():
    """The rules above, on entries made to break them (so that the test can fail)."""
    from babel.messages.catalog import Message

    assert entry_problems(Message("&File", "&Datei")) == []
    assert entry_problems(Message("Rock && roll", "Rock && Roll")) == []
    assert entry_problems(Message("A&B", "A&amp;B &Los")) == []
    assert entry_problems(Message("{n} days", "")) == ["not translated"]
    assert entry_problems(Message("Day", "Tag", flags=["fuzzy"])) == ["marked fuzzy"]
    assert entry_problems(Message(("{n} flare", "{n} flares"), ("{n} Schub", ""))) == [
        "1 of 2 plural forms not translated"]
    assert "placeholders" in entry_problems(Message("{count} flares", "{anzahl} Schübe"))[0]
    assert "placeholders" in entry_problems(Message("{count} flares", "{count Schübe"))[0]
    assert entry_problems(Message(("The save", "The {n} saves"), ("Die Speicherung",
                                                                  "Die {n} Speicherungen"))) == []
    assert "placeholders" in entry_problems(Message(("The save", "The {n} saves"), (
        "Die Speicherung", "Die Speicherungen")))[0]
    assert "2 accelerators" in entry_problems(Message("&Open", "&Öff&nen"))[0]
    assert "missing or added" in entry_problems(Message("&Open", "Öffnen"))[0]
