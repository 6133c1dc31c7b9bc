"""`fibromap devices`: the devices whose sleep and steps were imported, and removing all
that came from one."""

from __future__ import annotations

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _, pgettext


def devices(args, url: str, paths: Paths) -> int:
    from fibromap.store.store import Store

    if args.dry_run and not args.remove:
        raise FibroMapError(_("--dry-run goes with --remove DEVICE"))
    reading = not args.remove or args.dry_run
    store = (Store.open_read_only(url, paths) if reading
             else Store.open(url, paths, routine_backup=True))
    try:
        holdings = store.devices.sources()
        if not args.remove:
            if not holdings:
                print(_("No sleep or steps from a device yet (fibromap import FILE adds them)."))
            for held in holdings:
                print(_("{device}: {held}, {first} to {last}").format(
                    device=held.source.label, held=held.described(), first=held.first, last=held.last))
            return 0
        wanted = args.remove.strip().casefold()
        match = next((h for h in holdings if wanted in (h.source.label.casefold(),
                                                         h.source.device.casefold())), None)
        if match is None:
            known = "; ".join(h.source.label for h in holdings) or pgettext("no devices", "none")
            raise FibroMapError(_("no device called {device} (the devices: {known})").format(
                device=repr(args.remove), known=known))
        if args.dry_run:
            print(_("Dry run, nothing removed. Would remove {held} from {device}.").format(
                held=match.described(), device=match.source.label))
            return 0
        removed = store.devices.remove(match.source)
    finally:
        store.close()
    print(_("Removed {held} from {device}.").format(held=removed.described(),
                                                    device=match.source.label))
    return 0
