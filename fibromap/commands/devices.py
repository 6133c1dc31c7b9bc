"""`fibromap devices`: the devices whose sleep and steps were imported, and removing all
that came from one."""

from __future__ import annotations

from fibromap.config import Paths
from fibromap.errors import FibroMapError


def devices(args, url: str, paths: Paths) -> int:
    from fibromap.store.store import Store

    if args.dry_run and not args.remove:
        raise FibroMapError("--dry-run goes with --remove DEVICE")
    reading = not args.remove or args.dry_run
    store = (Store.open_read_only(url, paths) if reading
             else Store.open(url, paths, routine_backup=True))
    try:
        holdings = store.devices.sources()
        if not args.remove:
            if not holdings:
                print("No sleep or steps from a device yet (fibromap import FILE adds them).")
            for held in holdings:
                print(f"{held.source.label}: {held.described()}, "
                      f"{held.first} to {held.last}")
            return 0
        wanted = args.remove.strip().casefold()
        match = next((h for h in holdings if wanted in (h.source.label.casefold(),
                                                         h.source.device.casefold())), None)
        if match is None:
            known = "; ".join(h.source.label for h in holdings) or "none"
            raise FibroMapError(f"no device called {args.remove!r} (the devices: {known})")
        if args.dry_run:
            print(f"Dry run, nothing removed. Would remove {match.described()} from "
                  f"{match.source.label}.")
            return 0
        removed = store.devices.remove(match.source)
    finally:
        store.close()
    print(f"Removed {removed.described()} from {match.source.label}.")
    return 0
