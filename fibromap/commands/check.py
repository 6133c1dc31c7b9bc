"""`fibromap check`: the schema revision, row counts and integrity of the database."""

from __future__ import annotations

import sys

from fibromap.config import Paths
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import whole

EXIT_PROBLEM = 1


def check(url: str, paths: Paths) -> int:
    from fibromap.store.check import check_database
    from fibromap.store.database import Database

    database = Database.open_for_checking(url, paths)
    try:
        report = check_database(database)
    finally:
        database.close()
    print(_("Database: {database}").format(database=report.database))
    state = (_("current") if report.revision == report.head
             else _("this FibroMap uses {revision}").format(revision=report.head))
    print(_("Schema revision: {revision} ({state})").format(revision=report.revision, state=state))
    if report.counts:
        print(_("Rows: {counts}").format(
            counts=", ".join(f"{name} {count}" for name, count in report.counts.items())))
    for problem in report.problems:
        print(_("fibromap: problem: {problem}").format(problem=problem), file=sys.stderr)
    problems = len(report.problems)
    print(_("Check: ok") if report.ok else ngettext("Check: {n} problem", "Check: {n} problems",
                                                     problems).format(n=whole(problems)))
    return 0 if report.ok else EXIT_PROBLEM
