"""`fibromap medications`: list, add, edit, stop, change-dose and delete, each saying in one
line what it did; the same medication twice refused in one line, nothing changed."""

from datetime import date

import pytest

from fibromap.cli import main
from fibromap.config import Paths, database_url
from fibromap.i18n import _ as gettext
from fibromap.store.store import Store
from tests.helpers.refusals import fits


def run(capsys, *args):
    code = main(["medications", *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def stored():
    paths = Paths.from_environment()
    store = Store.open(database_url(paths), paths)
    try:
        return [(m.id, m.name, m.dose, m.start, m.stop) for m in store.medications.all()]
    finally:
        store.close()


def test_each_action_says_what_it_did_in_one_line(capsys):
    assert run(capsys, "add", "Cyclobenzaprine", "--dose", "5 mg at night", "--from",
               "2026-01-05") == (0, "Added Cyclobenzaprine 5 mg at night from 2026-01-05, still "
                                    "taking (number 1).", "")
    code, out, err = run(capsys, "add", "Cyclobenzaprine", "--dose", "5 mg at night", "--from",
                         "2026-01-05")
    assert (code, out, err) == (1, "", "fibromap: Cyclobenzaprine 5 mg at night from 2026-01-05 is "
                                       "already in the list (number 1)")
    assert run(capsys, "add", "Магний")[1] == (f"Added Магний from {date.today().isoformat()}, "
                                               "still taking (number 2).")
    assert run(capsys, "change-dose", "1", "10 mg at night", "--from", "2026-02-01")[1] == (
        "New dose: Cyclobenzaprine 10 mg at night from 2026-02-01, still taking (number 3); "
        "before it, Cyclobenzaprine 5 mg at night from 2026-01-05, until 2026-01-31 (number 1).")
    assert run(capsys, "stop", "3", "--on", "2026-03-01")[1] == (
        "Stopped Cyclobenzaprine 10 mg at night from 2026-02-01, until 2026-03-01 (number 3).")
    assert run(capsys, "edit", "2", "--name", " Magnesium citrate ", "--dose", "300 mg",
               "--from", "2025-12-01", "--until", "2026-01-31")[1] == (
        "Changed Magnesium citrate 300 mg from 2025-12-01, until 2026-01-31 (number 2); it was "
        f"Магний from {date.today().isoformat()}, still taking.")
    assert run(capsys, "edit", "2", "--still-taking")[1].endswith("still taking (number 2); it was "
                                                                  "Magnesium citrate 300 mg from "
                                                                  "2025-12-01, until 2026-01-31.")
    assert run(capsys, "list")[1].splitlines() == [
        "number  medication         dose            from        until",
        "2       Magnesium citrate  300 mg          2025-12-01  still taking",
        "1       Cyclobenzaprine    5 mg at night   2026-01-05  2026-01-31",
        "3       Cyclobenzaprine    10 mg at night  2026-02-01  2026-03-01"]
    assert run(capsys, "delete", "1") == (0, "Deleted Cyclobenzaprine 5 mg at night from "
                                             "2026-01-05, until 2026-01-31 (number 1).", "")
    assert [row[0] for row in stored()] == [2, 3]


def test_bad_requests_are_one_line_and_change_nothing(capsys):
    run(capsys, "add", "Pregabalin", "--dose", "75 mg", "--from", "2026-02-03")
    before = stored()
    for args, message, values in (
            (("delete", "9"), "there is no medication number {id}", {"id": 9}),
            (("stop", "1", "--on", "2026-01-01"), "stop date {stop} is before start date "
             "{start}", {"stop": "2026-01-01", "start": "2026-02-03"}),
            (("edit", "1"), "say what to change: --name, --dose, --from, --until or "
             "--still-taking", {}),
            (("edit", "1", "--name", "  "), "{field} must not be empty",
             {"field": "medication name"}),
            (("change-dose", "1", "150 mg", "--from", "2026-02-03"),
             "a dose change must come after the start date {start}", {"start": "2026-02-03"})):
        code, out, err = run(capsys, *args)
        assert (code, out) == (1, ""), args
        fits(err, "fibromap: {error}", error=gettext(message).format(**values))
    with pytest.raises(SystemExit) as usage:
        main(["medications", "delete", "first"])
    err = capsys.readouterr().err.strip()
    assert usage.value.code == 2 and len(err.splitlines()) == 1
    fits(err, "expected a medication's number (see `fibromap medications list`), got {value}",
         whole=False, value="'first'")
    assert stored() == before


def test_a_new_database_has_none_listed(capsys):
    Store.open(database_url(Paths.from_environment()), Paths.from_environment()).close()
    assert run(capsys, "list") == (0, "No medications yet (`fibromap medications add NAME --dose "
                                      "DOSE --from DATE` adds one).", "")
