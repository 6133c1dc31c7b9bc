"""`fibromap medications`: list, add, edit, stop, change the dose of and delete
medications, each by the number `fibromap medications list` shows, in one line each."""

from __future__ import annotations

import argparse
from datetime import date

from fibromap.config import Paths
from fibromap.domain.daily import Medication
from fibromap.errors import FibroMapError
from fibromap.i18n import _


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date like 2026-03-01, got {value}")
            .format(value=repr(value))) from None


def _number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a medication's number (see `fibromap "
                                           "medications list`), got {value}")
                                               .format(value=repr(value))) from None


def add_parsers(commands, database: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("medications", parents=[database],
                                 help=_("list, add, edit, stop or delete medications"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", parents=[database],
                       help=_("every medication with its number, dose and dates"))
    add = actions.add_parser("add", parents=[database], help=_("add a medication"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--dose", default="", help=_('as you would say it ("5 mg at night")'))
    add.add_argument("--from", dest="start", type=_day, metavar="DATE",
                     help=_("the first day it was taken (default today)"))
    add.add_argument("--until", dest="stop", type=_day, metavar="DATE",
                     help=_("the last day it was taken (default: still taking)"))
    edit = actions.add_parser("edit", parents=[database],
                              help=_("correct a medication's name, dose or dates"))
    edit.add_argument("number", type=_number, metavar="NUMBER")
    edit.add_argument("--name")
    edit.add_argument("--dose")
    edit.add_argument("--from", dest="start", type=_day, metavar="DATE")
    until = edit.add_mutually_exclusive_group()
    until.add_argument("--until", dest="stop", type=_day, metavar="DATE")
    until.add_argument("--still-taking", action="store_true", help=_("take away the stop date"))
    stop = actions.add_parser("stop", parents=[database], help=_("say a medication was stopped"))
    stop.add_argument("number", type=_number, metavar="NUMBER")
    stop.add_argument("--on", type=_day, metavar="DATE",
                      help=_("the last day it was taken (default today)"))
    change = actions.add_parser("change-dose", parents=[database],
                                help=_("a new dose from a day on (the old one ends the day before)"))
    change.add_argument("number", type=_number, metavar="NUMBER")
    change.add_argument("dose", metavar="DOSE")
    change.add_argument("--from", dest="start", type=_day, metavar="DATE",
                        help=_("the first day of the new dose (default today)"))
    delete = actions.add_parser("delete", parents=[database],
                                help=_("delete a medication entered by mistake"))
    delete.add_argument("number", type=_number, metavar="NUMBER")


def _said(medication: Medication, numbered: bool = True) -> str:
    """"Cyclobenzaprine 5 mg at night from 2026-01-05, still taking (number 3)"."""
    until = (_("until {day}").format(day=medication.stop.isoformat()) if medication.stop
             else _("still taking"))
    said = _("{medication}, {until}").format(medication=medication.described(), until=until)
    return _("{medication} (number {number})").format(medication=said, number=medication.id) \
        if numbered else said


def _listed(medications: list[Medication]) -> str:
    if not medications:
        return _("No medications yet (`fibromap medications add NAME --dose DOSE --from DATE` adds "
                 "one).")
    rows = [(str(m.id), m.name, m.dose or "-", m.start.isoformat(),
             m.stop.isoformat() if m.stop else _("still taking")) for m in medications]
    rows.insert(0, (_("number"), _("medication"), _("dose"), _("from"), _("until")))
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    return "\n".join("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
                     .rstrip() for row in rows)


def medications(args, url: str, paths: Paths) -> int:
    from fibromap.store.store import Store

    if args.action == "list":
        store = Store.open_read_only(url, paths)
        try:
            print(_listed(store.medications.all()))
        finally:
            store.close()
        return 0
    store = Store.open(url, paths, routine_backup=True)  # the day's first backup, as the app
    try:
        print(_change(store, args))
    finally:
        store.close()
    return 0


def _change(store, args) -> str:
    """Make the change ``args`` ask for; what was done, in a line."""
    if args.action == "add":
        added = store.medications.add(Medication(args.name.strip(), args.dose.strip(),
                                                 args.start or date.today(), args.stop))
        return _("Added {medication}.").format(medication=_said(added))
    old = store.medications.get(args.number)
    return CHANGES[args.action](store.medications, old, args)


def _edit(listed, old: Medication, args) -> str:
    if all(value is None for value in (args.name, args.dose, args.start, args.stop)) \
            and not args.still_taking:
        raise FibroMapError(_("say what to change: --name, --dose, --from, --until or "
                              "--still-taking"))
    new = Medication(old.name if args.name is None else args.name.strip(),
                     old.dose if args.dose is None else args.dose.strip(),
                     args.start or old.start,
                     None if args.still_taking else (args.stop or old.stop), old.id)
    return _("Changed {medication}; it was {before}.").format(
        medication=_said(listed.update(new)), before=_said(old, numbered=False))


def _stop(listed, old: Medication, args) -> str:
    return _("Stopped {medication}.").format(
        medication=_said(listed.stop(old.id, args.on or date.today())))


def _change_dose(listed, old: Medication, args) -> str:
    new = listed.change_dose(old.id, args.dose.strip(), args.start or date.today())
    return _("New dose: {medication}; before it, {before}.").format(
        medication=_said(new), before=_said(listed.get(old.id)))


def _delete(listed, old: Medication, _args) -> str:
    return _("Deleted {medication}.").format(medication=_said(listed.delete(old.id)))


# What each action but add does to the medication numbered, and says it did.
CHANGES = {"edit": _edit, "stop": _stop, "change-dose": _change_dose, "delete": _delete}
