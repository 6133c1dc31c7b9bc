"""Issue 33: a CSV export comes back as it left. Text that a spreadsheet would run as a
formula leaves with an apostrophe in front, and one already there is doubled, so import
takes exactly one off; the person's own words travel with the flares that use them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import TreatmentUse
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.exchange import checkin_csv, csv_format
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from tests.helpers.records import full_flare, store_from
from tests.helpers.refusals import fits

DAY = date(2026, 3, 1)
# The starts a neutraliser has to tell apart: formula characters, apostrophes before them
# and before anything else, and plain text.
STARTS = ["", "'", "''", "'''", "=", "'=", "''=", "+", "'+", "-", "'-", "@", "'@", "\t",
          "'\t", "\r", "'\r", "\r\n", "\n", "'\n", " '=", "a", "'a"]
TEXT = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))


@pytest.fixture(scope="module")
def two_stores(empty_database, tmp_path_factory):
    """A database to export from and an empty one to import into, for the whole module
    (each example of the property test clears what it added)."""
    source, target = (store_from(empty_database, tmp_path_factory.mktemp(name))
                      for name in ("from", "into"))
    yield source, target
    source.close()
    target.close()


def round_trip(stores, notes: list[str], foods: list[str] | None = None):
    """Each note as a flare's and a day's check-in's (with the food beside it), after an
    export to CSV and an import into the empty database: (the flares' notes, the check-ins'
    notes and foods), in order."""
    source, target = stores
    foods = foods or [""] * len(notes)
    flares = source.flares.add_many(
        full_flare(onset=full_flare().onset + timedelta(minutes=i), notes=text)
        for i, text in enumerate(notes))
    source.checkins.put_many([CheckIn(DAY + timedelta(days=i), pain=3, notes=text,
                                      foods=frozenset({food} if food else ()))
                              for i, (text, food) in enumerate(zip(notes, foods, strict=True))])
    try:
        import_text(target, export_text(source, "csv"), "flares.csv")
        import_text(target, export_text(source, "checkins"), "checkins.csv")
        back = {flare_fingerprint(f): f.notes for f in target.flares.between()}
        checkins = target.checkins.between()
        return ([back.get(flare_fingerprint(f)) for f in flares],
                [c.notes for c in checkins], [c.foods for c in checkins])
    finally:
        for store in stores:
            for saved in store.flares.between():
                store.flares.delete(saved.id)
            for checkin in store.checkins.between():
                store.checkins.delete(checkin.day)


NOTE = st.builds(lambda start, rest: start + rest, st.sampled_from(STARTS),
                 st.text(alphabet=TEXT, max_size=30))


@settings(max_examples=60, deadline=None)
@given(notes=st.lists(NOTE, min_size=1, max_size=8),
       food_starts=st.lists(st.sampled_from(STARTS[1:15]), min_size=8, max_size=8))
def test_any_note_comes_back_exactly_through_the_csv_exports(notes, food_starts):
    """Through the writers and readers of both CSV exports (a flare's notes; a check-in's
    notes and foods), as an export and an import use them; the test below goes through
    the database too."""
    flares = [full_flare(onset=full_flare().onset + timedelta(minutes=i), notes=text)
              for i, text in enumerate(notes)]
    checkins = [CheckIn(DAY + timedelta(days=i), notes=text, foods=frozenset({start + "tea"}))
                for i, (text, start) in enumerate(zip(notes, food_starts, strict=False))]
    back = csv_format.parse(csv_format.dumps(Records(flares=flares), load_atlas()))
    assert [f.notes for f in back.flares] == notes
    again = checkin_csv.parse(checkin_csv.dumps(checkins)).checkins
    assert [(c.notes, c.foods) for c in again] == [(c.notes, c.foods) for c in checkins]


@pytest.mark.parametrize("notes", ["'=1+1", "'+44 7700", "'-2 then better", "'@home",
                                   "'\tindented", "''", "'", "'tis the season", "=SUM(A1)"])
def test_the_notes_the_tester_wrote_import_as_they_were(two_stores, notes):
    assert round_trip(two_stores, [notes])[:2] == ([notes], [notes])


def test_the_apostrophe_rule_is_written_as_documented(two_stores):
    source, _target = two_stores
    flare = source.flares.add(full_flare(notes="'=x"))
    try:
        rows = export_text(source, "csv").splitlines()
    finally:
        source.flares.delete(flare.id)
    assert ",''=x," in rows[1]  # one apostrophe added in front of the one already there


def test_an_older_export_imports_as_it_did(two_stores):
    """Before the rule, an apostrophe was added only in front of a formula character: a
    note "'tis" left as "'tis" and came back so; an apostrophe before anything else still
    stays."""
    source, target = two_stores
    source.flares.add(full_flare(notes="'tis"))
    try:
        new = export_text(source, "csv")
        assert ",''tis," in new
        import_text(target, new.replace(",''tis,", ",'tis,"), "old.csv")
        assert [f.notes for f in target.flares.between()] == ["'tis"]
    finally:
        for store in two_stores:
            for saved in store.flares.between():
                store.flares.delete(saved.id)


@pytest.fixture
def own_words(empty_database, tmp_path):
    source = store_from(empty_database, tmp_path / "from")
    source.vocabulary.add(TermKind.TRIGGER, "Cold office")
    source.vocabulary.add(TermKind.TREATMENT, "Heating pad")
    source.flares.add(full_flare(triggers=frozenset({"cold_office", "stress"}),
                                 treatments=(TreatmentUse("heat", 7),
                                             TreatmentUse("heating_pad", 6))))
    yield export_text(source, "csv")
    source.close()


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_persons_own_words_are_added_with_the_flares_that_use_them(own_words, second,
                                                                       dry_run):
    report = import_text(second, own_words, "flares.csv", dry_run=dry_run)
    verb = "would be" if dry_run else "were"
    assert f"2 new words {verb} added: cold office, heating pad." in report.details
    assert report.result.added["flares"] == 1 and report.result.added["words"] == 2
    labels = {(t.kind, t.key): t.label for kind in TermKind for t in second.vocabulary.terms(kind)
              if not t.builtin}
    assert labels == ({} if dry_run else {(TermKind.TRIGGER, "cold_office"): "Cold office",
                                          (TermKind.TREATMENT, "heating_pad"): "Heating pad"})
    if not dry_run:
        again = import_text(second, own_words, "flares.csv")
        assert again.details == [] and sum(again.result.added.values()) == 0


def test_a_word_the_database_has_hidden_is_not_added_again(own_words, second):
    second.vocabulary.add(TermKind.TRIGGER, "Cold office")
    second.vocabulary.hide(TermKind.TRIGGER, "cold_office")
    report = import_text(second, own_words, "flares.csv")
    assert report.details == ["1 new word was added: heating pad."]


def test_a_region_not_on_the_body_map_is_still_refused(own_words, second):
    with pytest.raises(ImportRefused) as refusal:
        import_text(second, own_words.replace("upper_trapezius.left", "wing.left"), "f.csv")
    fits(refusal.value.problems[0].message, "unknown body region {region}", region="'wing.left'")
    assert second.flares.count() == 0


def test_a_word_id_longer_than_a_word_can_be_is_refused_in_a_line(second):
    text = csv_format.dumps(Records(flares=[full_flare(triggers=frozenset({"a" * 5000}))]),
                            load_atlas())
    with pytest.raises(ImportRefused) as refused:
        import_text(second, text, "f.csv")
    assert str(refused.value) == ("f.csv was not imported, nothing was written: flares[0]: the "
                                  f"trigger {'a' * 20}… is longer than a word can be (80 "
                                  "characters)")
    assert second.flares.count() == 0


@settings(max_examples=60, deadline=None)
@given(foods=st.lists(st.text(alphabet="ab ;\\'=", min_size=1, max_size=8).filter(str.strip)
                      .map(lambda food: " ".join(food.split())), min_size=1, max_size=4))
def test_a_food_with_a_semicolon_or_backslash_stays_one_food(foods):
    """Foods share a cell, separated by "; ": a food "tea; milk" came back as two foods
    (and a backslash before a semicolon as a separator); each comes back whole now."""
    checkin = CheckIn(DAY, foods=frozenset(foods))
    again = checkin_csv.parse(checkin_csv.dumps([checkin])).checkins
    assert [c.foods for c in again] == [checkin.foods]


def test_the_testers_food_comes_back_through_the_database(two_stores):
    foods = ["tea; milk", "back\\", "a\\;b"]
    assert round_trip(two_stores, ["", "", ""], foods)[2] == [frozenset({f}) for f in foods]
