"""No malformed, truncated, wrongly encoded or hostile file writes anything."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fibromap.cli import main
from fibromap.config import Paths, database_url
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from fibromap.store.store import Store
from tests.helpers.records import at, full_flare


def counts(store):
    return (store.flares.count(), store.checkins.count(), store.medications.count(),
            len(store.appointments.all()), store.vocabulary.count())


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory):
    home = tmp_path_factory.mktemp("sample")
    paths = Paths(home, home / "b", home / "l", home / "s.ini")
    store = Store.open(database_url(paths), paths)
    store.flares.add_many([full_flare(), full_flare(onset=at(2026, 4, 2, 9))])
    json_text, csv_text = export_text(store, "json"), export_text(store, "csv")
    store.close()
    return json_text, csv_text


def fresh_store():
    folder = Path(tempfile.mkdtemp())
    paths = Paths(folder, folder / "b", folder / "l", folder / "s.ini")
    return Store.open(database_url(paths), paths)


def refused_and_untouched(store, text, source="file"):
    before = counts(store)
    try:
        import_text(store, text, source)
    except ImportRefused as exc:
        assert exc.problems and str(exc).startswith(f"{source} was not imported, nothing was written")
        assert counts(store) == before
        return exc
    return None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=10_000), which=st.sampled_from(["json", "csv"]))
def test_a_truncated_export_writes_nothing(sample_export, cut, which):
    text = sample_export[0] if which == "json" else sample_export[1]
    cut = cut % len(text)
    store = fresh_store()
    try:
        truncated = text[:cut]
        result = refused_and_untouched(store, truncated)
        if result is None:
            # Only a cut that leaves a whole file may import: one that removes nothing but
            # the final newline, or a CSV cut between two flares' rows.
            assert truncated.rstrip() == text.rstrip() or (
                which == "csv" and truncated.endswith("\n")), repr(truncated[-80:])
    finally:
        store.close()


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_a_corrupted_export_either_imports_cleanly_or_writes_nothing(sample_export, data):
    text = data.draw(st.sampled_from(sample_export))
    position = data.draw(st.integers(0, len(text) - 1))
    replacement = data.draw(st.text(min_size=0, max_size=8))
    mutated = text[:position] + replacement + text[position + 1:]
    store = fresh_store()
    try:
        before = counts(store)
        try:
            import_text(store, mutated, "mutated")
        except ImportRefused:
            assert counts(store) == before
    finally:
        store.close()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_refused_without_writing(text):
    store = fresh_store()
    try:
        assert refused_and_untouched(store, text) is not None
    finally:
        store.close()


@pytest.mark.parametrize("text, where, says", [
    ('{"format": "fibromap", "version": 1, "flares": [{"onset": "2026-03-01T03:00:00+01:00", '
     '"sites": [{"region": "soleus.left", "intensity": 11}]}]}', "flares[0]",
     "intensity must be between 0 and 10, got 11"),
    ('{"format": "fibromap", "version": 1, "flares": [{"onset": "2026-03-01T03:00:00", '
     '"sites": [{"region": "soleus.left", "intensity": 3}]}]}', "flares[0]", "has no UTC offset"),
    ('{"format": "fibromap", "version": 1, "flares": [{"onset": "2026-03-01T03:00:00+01:00", '
     '"sites": [{"region": "tail.left", "intensity": 3}]}]}', "flares[0]", "unknown body region 'tail.left'"),
    ('{"format": "fibromap", "version": 99}', "version", "newer FibroMap"),
    ('{"format": "something else"}', "format", "not a FibroMap export"),
    ('{"format": "fibromap", "version": 1,\n "flares": [}', "line 2, column", "not valid JSON"),
    ("[" * 100_000, "line 1", ""),
    ("flare_id,onset\n1,2", "line 1", "not FibroMap's CSV header"),
    ("<html><script>alert(1)</script></html>", "line 1", "not a FibroMap JSON, CSV or check-in CSV export"),
])
def test_the_first_problems_name_their_place(text, where, says):
    store = fresh_store()
    try:
        refused = refused_and_untouched(store, text)
        assert refused is not None
        assert refused.problems[0].where.startswith(where)
        assert says in refused.problems[0].message
    finally:
        store.close()


@pytest.mark.usefixtures("paths")  # the person's database, through the command
def test_a_wrongly_encoded_file_says_which_line(tmp_path, capsys):
    target = tmp_path / "latin1.csv"
    target.write_bytes("flare_id,onset\nok\ncaf\xe9\n".encode("latin-1"))
    assert main(["import", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "line 3: not UTF-8 text" in err and "nothing was written" in err


def test_many_problems_are_counted_and_the_first_shown(tmp_path):
    flares = [{"onset": "2026-03-01T03:00:00+01:00", "sites": [{"region": "soleus.left",
                                                               "intensity": 20 + i}]}
              for i in range(25)]
    store = fresh_store()
    try:
        refused = refused_and_untouched(store, json.dumps({"format": "fibromap", "version": 1,
                                                           "flares": flares}))
        assert len(refused.problems) == 10 and refused.total == 25
        assert "(and 22 more)" in str(refused)
        assert "flares[0]: intensity must be between 0 and 10, got 20" in str(refused)
    finally:
        store.close()


def test_a_spreadsheet_formula_in_notes_is_defused_and_round_trips(tmp_path):
    store = fresh_store()
    other = fresh_store()
    try:
        store.flares.add(full_flare(notes="=HYPERLINK(\"http://x\")"))
        text = export_text(store, "csv")
        assert '"\'=HYPERLINK' in text
        import_text(other, text, "notes.csv")
        assert other.flares.latest().notes == "=HYPERLINK(\"http://x\")"
    finally:
        store.close()
        other.close()


def test_import_cli_missing_file_and_dry_run(tmp_path, capsys, database_kind):
    assert main(["import", str(tmp_path / "nope.json")]) == 1
    assert "there is no file" in capsys.readouterr().err
    assert main(["demo", "--into-records", "--days", "5"]) == 0
    target = tmp_path / "x.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    # A protected database's records are exported sealed with its passphrase.
    assert ("sealed with the passphrase" if database_kind.protected
            else "holds your health records") in out
    assert main(["import", "--dry-run", str(target)]) == 0
    assert "Dry run, nothing written" in capsys.readouterr().out
