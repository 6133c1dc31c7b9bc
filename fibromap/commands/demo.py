"""`fibromap demo`: a realistic synthetic history, kept apart from one's own records.

By default it goes to the demo home (Paths.for_demo), which `fibromap --demo` opens and
`fibromap demo --remove` deletes; --into-records or --database write elsewhere on purpose.
"""

from __future__ import annotations

import shutil

from fibromap.config import Paths
from fibromap.errors import FibroMapError


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
                raise FibroMapError("the demo records already exist: `fibromap demo --remove` "
                                    "deletes them, or --force adds another history to them")
            raise FibroMapError(f"{store.display_name} already holds entries; "
                                "use --force to add the demo history anyway")
        history = generate(days=args.days, seed=args.seed)
        records = Records(flares=history.flares, checkins=history.checkins,
                          medications=history.medications,
                          questionnaires=list(history.questionnaires),
                          appointments=list(history.appointments),
                          device_sleeps=list(history.device_sleeps),
                          device_steps=list(history.device_steps))
        # One transaction; days that already have a check-in keep it.
        added = write_new(store, records).added
        print(f"Added {added['flares']} flares, {added['check-ins']} check-ins, "
              f"{added['medications']} medications, {added['questionnaires']} questionnaires, "
              f"{added['appointments']} appointments, and {added['device nights']} nights "
              f"and {added['daily step counts']} days of steps from a watch and a phone, over "
              f"{args.days} days (seed {args.seed}) "
              + (f"to the demo records in {paths.data_dir}" if paths.demo
                 else f"to {store.display_name}"))
        if paths.demo:
            print("Your own records are untouched. Open the demo with `fibromap --demo`; "
                  "`fibromap demo --remove` deletes it.")
    finally:
        store.close()
    return 0


def _remove_demo_records(paths: Paths) -> int:
    if not paths.data_dir.exists():
        print("There are no demo records to remove.")
        return 0
    try:
        shutil.rmtree(paths.data_dir)
    except OSError as exc:
        raise FibroMapError(f"cannot remove the demo records in {paths.data_dir}: "
                            f"{exc.strerror or exc}") from exc
    print(f"Removed the demo records in {paths.data_dir}. Your own records are untouched.")
    return 0
