"""`fibromap demo`: a realistic synthetic history, kept apart from one's own records.

By default it goes to the demo home (Paths.for_demo), which `fibromap --demo` opens and
`fibromap demo --remove` deletes; --into-records or --database write elsewhere on purpose.
"""

from __future__ import annotations

import shutil

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _


def demo(args, url: str, paths: Paths) -> int:
    if args.remove:
        return _remove_demo_records(paths)
    from fibromap.demo import generate
    from fibromap.domain.records import Records
    from fibromap.store.bulk import write_new
    from fibromap.store.store import Store

    store = Store.open(url, paths, routine_backup=not paths.demo)
    try:
        if store.holds_entries() and not args.force:
            if paths.demo:
                raise FibroMapError(_("the demo records already exist: `fibromap demo --remove` "
                                      "deletes them, or --force adds another history to them"))
            raise FibroMapError(_("{database} already holds entries; use --force to add the "
                                  "demo history anyway").format(database=store.display_name))
        history = generate(days=args.days, seed=args.seed)
        records = Records(flares=history.flares, checkins=history.checkins,
                          medications=history.medications,
                          questionnaires=list(history.questionnaires),
                          appointments=list(history.appointments),
                          device_sleeps=list(history.device_sleeps),
                          device_steps=list(history.device_steps))
        # One transaction; days that already have a check-in keep it.
        added = write_new(store, records).added
        where = (_("to the demo records in {folder}").format(folder=paths.data_dir) if paths.demo
                 else _("to {database}").format(database=store.display_name))
        print(_("Added {flares} flares, {checkins} check-ins, {medications} medications, "
                "{questionnaires} questionnaires, {appointments} appointments, and {nights} "
                "nights and {steps} days of steps from a watch and a phone, over {days} days "
                "(seed {seed}) {where}").format(
            flares=added["flares"], checkins=added["check-ins"], medications=added["medications"],
            questionnaires=added["questionnaires"], appointments=added["appointments"],
            nights=added["device nights"], steps=added["daily step counts"], days=args.days,
            seed=args.seed, where=where))
        if paths.demo:
            print(_("Your own records are untouched. Open the demo with `fibromap --demo`; "
                    "`fibromap demo --remove` deletes it."))
    finally:
        store.close()
    return 0


def _remove_demo_records(paths: Paths) -> int:
    if not paths.data_dir.exists():
        print(_("There are no demo records to remove."))
        return 0
    try:
        shutil.rmtree(paths.data_dir)
    except OSError as exc:
        raise FibroMapError(_("cannot remove the demo records in {folder}: {reason}").format(
            folder=paths.data_dir, reason=exc.strerror or exc)) from exc
    print(_("Removed the demo records in {folder}. Your own records are untouched.").format(
        folder=paths.data_dir))
    return 0
