"""Export, import into an empty database, export again: the data hold."""

import json

import pytest
from hypothesis import given, settings, strategies as st

from fibromap.demo import generate
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.exchange.files import export_file, export_text, import_file, import_text
from fibromap.store.notes import QUESTIONS
from tests.helpers.records import full_flare, store_from


def fill(store):
    history = generate(days=60, seed=9)
    store.vocabulary.add(TermKind.TRIGGER, "Cold draught")
    store.vocabulary.add(TermKind.TREATMENT, "Tiger balm")
    store.vocabulary.add(TermKind.QUALITY, "Electric")
    store.vocabulary.hide(TermKind.QUALITY, "electric")
    store.flares.add_many(history.flares + [full_flare(triggers=frozenset({"cold_draught"}),
                                                       notes="ünïcödé; \"quoted\", comma\nnew line")])
    store.checkins.put_many(history.checkins)
    for medication in history.medications:
        store.medications.add(medication)
    for questionnaire in history.questionnaires:
        store.questionnaires.put(questionnaire)
    for appointment in history.appointments:
        store.appointments.add(appointment)
    store.notes.put(QUESTIONS, "Why at night?")
    return history


def without_time(text):
    document = json.loads(text)
    document.pop("exported")
    return document


def test_json_round_trip_is_identical(store, second, tmp_path):
    fill(store)
    target = tmp_path / "all.json"
    export_file(store, "json", target)
    report = import_file(second, target)
    assert report.result.added["flares"] == store.flares.count()
    assert without_time(export_text(second, "json")) == without_time(target.read_text())
    assert second.notes.get(QUESTIONS) == "Why at night?"
    hidden = second.vocabulary.terms(TermKind.QUALITY, include_hidden=True)
    assert "electric" in {t.key for t in hidden}
    assert "electric" not in {t.key for t in second.vocabulary.terms(TermKind.QUALITY)}


def test_importing_the_same_file_twice_adds_nothing(store, second, tmp_path):
    fill(store)
    target = tmp_path / "all.json"
    export_file(store, "json", target)
    import_file(second, target)
    before = export_text(second, "json")
    again = import_file(second, target)
    assert sum(again.result.added.values()) == 0
    assert without_time(export_text(second, "json")) == without_time(before)


def test_csv_round_trip_keeps_every_flare(store, second, tmp_path):
    fill(store)
    target = tmp_path / "all.csv"
    export_file(store, "csv", target)
    lines = target.read_text().splitlines()
    assert lines[0].startswith("flare_id,onset,local_date,local_time,utc_offset_minutes")
    assert len(lines) - 1 > store.flares.count()  # one row per site
    second.vocabulary.add(TermKind.TRIGGER, "Cold draught")
    second.vocabulary.add(TermKind.TREATMENT, "Tiger balm")
    report = import_file(second, target)
    assert report.result.added["flares"] == store.flares.count()
    assert sorted(map(flare_fingerprint, second.flares.between())) == sorted(
        map(flare_fingerprint, store.flares.between()))
    assert sum(import_file(second, target).result.added.values()) == 0


def test_dry_run_writes_nothing(store, second, tmp_path):
    fill(store)
    target = tmp_path / "all.json"
    export_file(store, "json", target)
    report = import_file(second, target, dry_run=True)
    assert report.result.added["flares"] == store.flares.count()
    assert second.flares.count() == 0 and second.checkins.count() == 0


def test_export_refuses_a_missing_folder(store, tmp_path):
    from fibromap.errors import FibroMapError
    from tests.helpers.refusals import says

    with pytest.raises(FibroMapError) as told:
        export_file(store, "json", tmp_path / "nope" / "x.json")
    says(told.value, "the folder {folder} does not exist", folder=tmp_path / "nope")
    assert not list(tmp_path.glob("**/.x.json.partial"))


CONTROL = "".join(chr(c) for c in range(1, 32)) + "\x7f\u2028\u2029\ufeff"


def round_trip_notes(notes: str, fmt: str, tmp_path_factory, empty_database) -> str:
    source, target = (store_from(empty_database, tmp_path_factory.mktemp(name))
                      for name in ("from", "into"))
    try:
        source.flares.add(full_flare(notes=notes))
        import_text(target, export_text(source, fmt), f"notes.{fmt}")
        return target.flares.latest().notes
    finally:
        source.close()
        target.close()


@settings(max_examples=40, deadline=None)
@given(notes=st.text(alphabet=st.sampled_from(CONTROL)
                     # A note is text a person can type: any character but NUL and the
                     # halves of surrogate pairs, which no file can encode (refused on
                     # import: tests/exchange/test_hostile_inputs.py).
                     | st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                     max_size=60),
       fmt=st.sampled_from(["csv", "json"]))
def test_every_character_a_note_can_hold_comes_back_exactly(tmp_path_factory, empty_database,
                                                          notes, fmt):
    assert round_trip_notes(notes, fmt, tmp_path_factory, empty_database) == notes


@pytest.mark.parametrize("notes", [
    "a lone\rcarriage return", "\r", "ends in one\r", "=SUM(A1)\r\n-2", "'quoted'",
    "x" * 131_073, ("ten megabytes of notes, line after line\r\n" * 250_000)[:10_000_000],
])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_awkward_and_huge_notes_come_back_exactly(tmp_path_factory, empty_database, notes, fmt):
    assert round_trip_notes(notes, fmt, tmp_path_factory, empty_database) == notes
