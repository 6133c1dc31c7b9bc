"""No malformed, truncated, wrongly encoded or hostile file writes anything."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fibromap.cli import main
from fibromap.config import Paths, database_url
from fibromap.exchange.files import HEALTH_DATA_WARNING, SEALED_NOTE, export_text, import_text
from fibromap.exchange.formats import not_recognised
from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.i18n import _
from fibromap.store.store import Store
from tests.helpers.records import at, full_flare
from tests.helpers.refusals import fits


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
        assert exc.problems
        fits(exc, "{source} was not imported, nothing was written: {problems}", source=source)
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


ONSET = '"onset": "2026-03-01T03:00:00+01:00"'


@pytest.mark.parametrize("text, where, says", [  # where: (message id, values); says too
    ('{"format": "fibromap", "version": 1, "flares": [{%s, ' % ONSET
     + '"sites": [{"region": "soleus.left", "intensity": 11}]}]}', "flares[0]",
     ("{field} must be between {low} and {high}, got {value}", {"low": 0, "high": 10, "value": 11})),
    ('{"format": "fibromap", "version": 1, "flares": [{"onset": "2026-03-01T03:00:00", '
     '"sites": [{"region": "soleus.left", "intensity": 3}]}]}', "flares[0]",
     ("{name} {value} has no UTC offset", {"value": "'2026-03-01T03:00:00'"})),
    ('{"format": "fibromap", "version": 1, "flares": [{%s, ' % ONSET
     + '"sites": [{"region": "tail.left", "intensity": 3}]}]}', "flares[0]",
     ("unknown body region {region}", {"region": "'tail.left'"})),
    ('{"format": "fibromap", "version": 99}', "version",
     ("written by a newer FibroMap (version {version}); update FibroMap to import it",
      {"version": 99})),
    ('{"format": "something else"}', "format", ("this is not a FibroMap export", {})),
    ('{"format": "fibromap", "version": 1,\n "flares": [}', ("line {line}, column {column}", {"line": 2}),
     ("not valid JSON ({reason})", {})),
    ("[" * 100_000, ("line {line}", {"line": 1}), ("{anything}", {})),
    ("flare_id,onset\n1,2", ("line {line}", {"line": 1}),
     ("the header is not FibroMap's CSV header (see the documentation)", {})),
    ("<html><script>alert(1)</script></html>", ("line {line}", {"line": 1}), (not_recognised(), {})),
])
def test_the_first_problems_name_their_place(text, where, says):
    store = fresh_store()
    try:
        refused = refused_and_untouched(store, text)
        assert refused is not None
        first = refused.problems[0]
        if isinstance(where, str):  # a place in the JSON: data, in every language
            assert first.where == where
        else:
            fits(first.where, where[0], **where[1])
        fits(first.message, says[0], **says[1])
    finally:
        store.close()


@pytest.mark.usefixtures("paths")  # the person's database, through the command
def test_a_wrongly_encoded_file_says_which_line(tmp_path, capsys):
    target = tmp_path / "latin1.csv"
    target.write_bytes("flare_id,onset\nok\ncaf\xe9\n".encode("latin-1"))
    assert main(["import", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    fits(err, "{source} was not imported, nothing was written: {problems}", whole=False,
         problems=Problem(_("line {line}").format(line=3), _("not UTF-8 text (save the file as "
                                                          "UTF-8 and try again)")))


def test_many_problems_are_counted_and_the_first_shown(tmp_path):
    flares = [{"onset": "2026-03-01T03:00:00+01:00", "sites": [{"region": "soleus.left",
                                                               "intensity": 20 + i}]}
              for i in range(25)]
    store = fresh_store()
    try:
        refused = refused_and_untouched(store, json.dumps({"format": "fibromap", "version": 1,
                                                           "flares": flares}))
        assert len(refused.problems) == 10 and refused.total == 25
        assert [problem.where for problem in refused.problems] == [f"flares[{i}]" for i in range(10)]
        fits(refused.problems[0].message, "{field} must be between {low} and {high}, got {value}",
             low=0, high=10, value=20)
        fits(str(refused), "{source} was not imported, nothing was written: {problems}{more}",
             problems="; ".join(map(str, refused.problems[:3])), more=" (and 22 more)")
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
    fits(capsys.readouterr().err.strip(), "there is no file {path}", whole=False,
         path=tmp_path / "nope.json")
    assert main(["demo", "--into-records", "--days", "5"]) == 0
    target = tmp_path / "x.json"
    assert main(["export", "--format", "json", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    # A protected database's records are exported sealed with its passphrase.
    assert _(SEALED_NOTE if database_kind.protected else HEALTH_DATA_WARNING) in out
    assert main(["import", "--dry-run", str(target)]) == 0
    fits(capsys.readouterr().out.strip(), "Dry run, nothing written. Would have {outcome}")
