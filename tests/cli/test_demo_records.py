"""Demo data never lands among a person's own records: `fibromap demo` writes to a separate
demo home, `--demo` opens it, `demo --remove` deletes it."""

import json
import sqlite3

from fibromap.cli import main
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.i18n import _ as gettext
from fibromap.store.store import Store
from tests.cli.test_cli import one_line_error, run
from tests.helpers.records import at
from tests.helpers.refusals import fits


def flares_in(database) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM flare").fetchone()[0]


def add_one_flare(url, paths) -> None:
    store = Store.open(url, paths)
    try:
        store.flares.add(Flare(onset=at(2026, 3, 1, 9, 0), sites=(SpasmSite("soleus.left", 6),)))
    finally:
        store.close()


def test_demo_leaves_the_persons_own_records_as_they_were(capsys, paths, sqlite_url):
    add_one_flare(sqlite_url, paths)
    code, out, _ = run(capsys, "demo", "--days", "30", "--seed", "2")
    assert code == 0
    demo_file = paths.data_dir / "demo" / "fibromap.sqlite3"
    assert str(paths.data_dir / "demo") in out  # where the demo went, and how to open it
    assert gettext("Your own records are untouched. Open the demo with `fibromap --demo`; "
                   "`fibromap demo --remove` deletes it.") in out
    assert flares_in(paths.database_file) == 1
    assert flares_in(demo_file) > 30
    own = json.loads(run(capsys, "stats", "--json", "--from", "2026-01-01")[1])
    assert own["flares"] == 1
    # --demo before or after the command reads the demo records.
    for args in (["--demo", "stats", "--json"], ["stats", "--demo", "--json"]):
        code, out, _ = run(capsys, *args)
        assert code == 0 and json.loads(out)["flares"] == flares_in(demo_file)


def test_demo_creates_no_database_for_the_person(capsys, paths):
    assert run(capsys, "demo", "--days", "3")[0] == 0
    assert not paths.database_file.exists()
    code, _, err = run(capsys, "stats")
    assert code == 1
    fits(one_line_error(err), "there is no FibroMap database at {path}", whole=False,
         path=paths.database_file)


def test_a_database_set_in_the_environment_is_not_where_the_demo_goes(capsys, paths,
                                                                       monkeypatch, tmp_path):
    real = tmp_path / "real.sqlite3"
    monkeypatch.setenv("FIBROMAP_DATABASE_URL", f"sqlite:///{real}")
    assert run(capsys, "demo", "--days", "3")[0] == 0
    assert not real.exists()
    assert flares_in(paths.data_dir / "demo" / "fibromap.sqlite3") > 0


def test_demo_into_records_or_a_named_database_is_on_purpose(capsys, paths, tmp_path):
    assert run(capsys, "demo", "--into-records", "--days", "3")[0] == 0
    assert flares_in(paths.database_file) > 0
    named = tmp_path / "named.sqlite3"
    assert run(capsys, "--database", str(named), "demo", "--days", "3")[0] == 0
    assert flares_in(named) > 0
    assert not (paths.data_dir / "demo").exists()


def test_a_second_demo_says_how_to_start_again(capsys, paths):
    assert run(capsys, "demo", "--days", "3")[0] == 0
    code, _, err = run(capsys, "demo", "--days", "3")
    assert code == 1 and "fibromap demo --remove" in one_line_error(err)


def test_remove_deletes_the_demo_and_nothing_else(capsys, paths, sqlite_url):
    add_one_flare(sqlite_url, paths)
    assert run(capsys, "demo", "--days", "5")[0] == 0
    code, out, _ = run(capsys, "demo", "--remove")
    assert code == 0
    fits(out.strip(), "Removed the demo records in {folder}. Your own records are untouched.",
         folder=paths.data_dir / "demo")
    assert not (paths.data_dir / "demo").exists()
    assert flares_in(paths.database_file) == 1
    code, out, _ = run(capsys, "demo", "--remove")
    assert code == 0 and out.strip() == gettext("There are no demo records to remove.")


def test_demo_choices_that_contradict_each_other_are_refused(capsys, tmp_path):
    for args in (["--demo", "--database", str(tmp_path / "x.sqlite3"), "stats"],
                 ["--demo", "demo", "--into-records"],
                 ["demo", "--remove", "--into-records"]):
        try:
            main(args)
        except SystemExit as stop:
            code = stop.code
        _, err = capsys.readouterr()
        assert code == 2, args
        assert "demo" in one_line_error(err)
