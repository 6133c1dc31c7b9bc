"""Recognising a device app's export and adding what it holds (`fibromap import FILE`,
File › Import): all or nothing, the dry run going through the same statements."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fibromap.errors import FibroMapError
from fibromap.exchange.devices import DeviceExport, Progress, Zones, sample
from fibromap.exchange.formats import Format, device_formats
from fibromap.exchange.record_kinds import listed
from fibromap.i18n import _, formats, ngettext
from fibromap.store.devices import DeviceImportResult
from fibromap.store.store import Store

# read(path, progress, zones): zones, the time zone remembered for each device whose
# export names none (Apple Health's always does, and takes no notice).
Reader = Callable[[Path, Progress | None, Zones], DeviceExport]


def device_format(path: Path) -> Format | None:
    """The device app whose export ``path`` is (exchange/formats.py); None when it is not
    one (it may still be a FibroMap or Flaredown export)."""
    found = sample(path)
    if found is None:
        return None
    return next((f for f in device_formats() if f.code().recognises(found)), None)


@dataclass
class DeviceImportReport:
    """What an import of a device export did, in the words of ImportReport."""

    format: str
    export: DeviceExport
    result: DeviceImportResult
    details: list[str] = field(default_factory=list)
    symptoms: dict = field(default_factory=dict)  # none: sleep and steps need no placing

    def adds_anything(self) -> bool:
        """Whether importing writes anything (new nights or days, or ones completed)."""
        return any(counts["added"] or counts["updated"]
                   for counts in (self.result.nights, self.result.days))

    def outcome(self) -> str:
        """"added 312 nights, 5 naps and 340 days of steps, from Apple Watch and iPhone;
        4 overlapping nights kept from the Apple Watch; 20 already in the database"."""
        return _("added {things}").format(things=self.would_add())

    def would_add(self) -> str:
        """The outcome without "added" (the import dialog's "Importing would add …")."""
        nights, days = self.result.nights, self.result.days
        parts = []
        whole = formats.whole
        if nights["added"] - self.result.naps:
            n = nights["added"] - self.result.naps
            parts.append(ngettext("{n} night", "{n} nights", n).format(n=whole(n)))
        if self.result.naps:
            n = self.result.naps
            parts.append(ngettext("{n} nap", "{n} naps", n).format(n=whole(n)))
        if days["added"]:
            n = days["added"]
            parts.append(ngettext("{n} day of steps", "{n} days of steps", n).format(n=whole(n)))
        text = listed(parts) or _("nothing new")
        sources = self.export.sources()
        if sources:
            text = _("{added}, from {devices}").format(
                added=text, devices=listed([s.device for s in sources]))
        return text + "".join(self._afterwards())

    def _afterwards(self) -> list[str]:
        nights, days = self.result.nights, self.result.days
        said = []
        updated = nights["updated"] + days["updated"]
        if updated:
            said.append(ngettext("; brought {n} record up to date (a night or day an earlier "
                                 "export had only in part)",
                                 "; brought {n} records up to date (a night or day an earlier "
                                 "export had only in part)", updated).format(
                n=formats.whole(updated)))
        for source, zone in sorted(self.result.rezoned.items()):
            said.append(_("; the days of {device} counted again in {zone}").format(
                device=source.device, zone=zone))
        for source, n in sorted(self.result.overlaps.items()):
            said.append(ngettext("; {n} overlapping night kept from the {device}",
                                 "; {n} overlapping nights kept from the {device}", n).format(
                n=formats.whole(n), device=source.device))
        known = nights["same"] + days["same"]
        if known:
            said.append(ngettext("; {n} already in the database", "; {n} already in the database",
                                 known).format(n=known))
        return said

    def summary(self) -> str:
        return _("{format}: {outcome}").format(format=self.format, outcome=self.outcome())


def import_device_file(store: Store, path: Path, reader: Reader, *, dry_run: bool = False,
                       progress: Progress | None = None) -> DeviceImportReport:
    try:
        export = reader(path, progress, store.devices.zones())
    except OSError as exc:
        raise FibroMapError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    except zipfile.BadZipFile as exc:
        raise FibroMapError(_("{path} is a damaged zip archive ({reason})").format(
            path=path, reason=exc)) from exc
    if progress is not None:
        progress("Writing", 0, 0)
    export.settle()
    result = store.devices.merge(export.sleeps, export.steps, dry_run=dry_run,
                                 placements=export.placements)
    return DeviceImportReport(_(export.kind), export, result, list(export.notes))
