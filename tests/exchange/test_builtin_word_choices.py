"""A built-in word the person renamed or took off their list is theirs: the JSON export
keeps that choice, and an import brings it into a database where no other choice was made
about that word (a choice already made there stays)."""

import json

from fibromap.domain.vocabulary import TermKind
from fibromap.exchange.files import export_text, import_text
from tests.exchange.test_any_database_round_trips import fresh_store


def words(store) -> dict:
    return {(t.kind, t.key): (t.label, hidden) for kind in TermKind
            for hidden, listed in ((False, store.vocabulary.terms(kind)),
                                   (True, store.vocabulary.terms(kind, include_hidden=True)))
            for t in listed if hidden is False or t not in store.vocabulary.terms(kind)}


def test_a_renamed_and_a_hidden_built_in_word_travel_with_the_export(tmp_path):
    source = fresh_store(tmp_path / "a")
    source.vocabulary.rename(TermKind.TRIGGER, "cold", "Cold draught from the window")
    source.vocabulary.hide(TermKind.TRIGGER, "caffeine")
    source.vocabulary.add(TermKind.TRIGGER, "Loud music")
    text = export_text(source, "json")
    given = {(w["kind"], w["key"]): (w["label"], w["hidden"]) for w in json.loads(text)["words"]}
    assert given[("trigger", "cold")] == ("Cold draught from the window", False)
    assert given[("trigger", "caffeine")] == ("Caffeine", True)
    assert ("trigger", "stress") not in given  # untouched built-in words need no line

    target = fresh_store(tmp_path / "b")
    import_text(target, text, "export.json")
    assert words(target) == words(source)
    # The recovered database exports the same words again.
    assert json.loads(export_text(target, "json"))["words"] == json.loads(text)["words"]


def test_an_import_leaves_a_choice_already_made_about_a_built_in_word(tmp_path):
    source = fresh_store(tmp_path / "a")
    source.vocabulary.rename(TermKind.TRIGGER, "cold", "Cold draught")
    source.vocabulary.hide(TermKind.TRIGGER, "stress")
    target = fresh_store(tmp_path / "b")
    target.vocabulary.rename(TermKind.TRIGGER, "cold", "Chilly")
    import_text(target, export_text(source, "json"), "export.json")
    shown = {t.key: t.label for t in target.vocabulary.terms(TermKind.TRIGGER)}
    assert shown["cold"] == "Chilly"       # their own choice here stays
    assert "stress" not in shown            # nothing chosen here: the file's choice comes in
