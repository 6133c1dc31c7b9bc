"""Every file format FibroMap imports or exports, in one table (FORMATS).

A row says what the format is called, how it shows (the file dialog's patterns, the
command's help and options, the export dialog's choice) and which module reads or writes
it. That module is imported only when a file of its kind is recognised, read or written,
so the command line lists the formats without loading any of them. `exchange/files.py`,
the import and export dialogs and `fibromap/cli.py` all read this table.

What the module of a format provides:

- a text export (read whole, then parsed): ``recognises(text) -> bool`` and
  ``read_records(text, source, choices: ReadChoices) -> Parsed``; a file that may hold
  several people's records also has ``people(text, source) -> list[Whose]``; one that
  can be read as a stream straight into the database also has ``import_into(store,
  text_or_chunks, source, choices, dry_run=, total=, progress=) -> Imported``, and a
  file of it is never read whole (recognised by its first few thousand characters);
- a device app's export (read as a stream, sleep and steps): ``recognises(sample:
  FileSample) -> bool`` and ``read(path, progress) -> DeviceExport``;
- an export: ``write_export(store, handle)``.

Adding a format is its module and one row here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from fibromap.i18n import N_, _


@dataclass(frozen=True)
class Option:
    """An option of `fibromap import` that a format takes (argparse's words)."""

    flag: str
    help: str
    metavar: str | None = None
    type: Callable[[str], Any] | None = None
    action: str | None = None

    def arguments(self) -> dict[str, Any]:
        """The keywords of ``add_argument`` for it."""
        given = {"help": _(self.help), "metavar": self.metavar, "type": self.type,
                 "action": self.action}
        return {name: value for name, value in given.items() if value is not None}


@dataclass(frozen=True)
class Format:
    """A file format: its words, where it shows, and the module that reads or writes it."""

    name: str                       # "FibroMap JSON": in import reports and messages
    module: str                     # reads and/or writes it; imported when first used
    app: str                        # whose file it is, in the command's help
    kind: str = ""                  # "JSON": the words after the app's ("a FibroMap JSON export")
    patterns: tuple[str, ...] = ()  # the import file dialog's patterns; () when not imported
    stream: bool = False            # a device app's export: sleep and steps, read as a stream
    shown_as: str = ""              # the file dialog's name for it, when not ``app``
    key: str = ""                   # ``--format KEY`` of an export; "" when not exported
    choice: str = ""                # the export dialog's words for it
    suffix: str = ""                # how a suggested export file's name ends
    sealable: bool = False          # may be sealed with a passphrase (and opened on import)
    options: tuple[Option, ...] = field(default=())  # options of `fibromap import` for it

    @property
    def imported(self) -> bool:
        return bool(self.patterns)

    @property
    def exported(self) -> bool:
        return bool(self.key)

    def code(self) -> ModuleType:
        """The module that reads or writes the format (imported now, if it was not)."""
        return importlib.import_module(self.module)


FILE_PASSPHRASE = Option(
    "--file-passphrase-file", N_("a file holding the passphrase of a sealed export, when it is "
                                 "not the database's (--passphrase-file)"), metavar="FILE", type=Path)
PERSON = Option("--person", N_("a Flaredown file of several people: whose records to import"),
                metavar="ID")
SYMPTOM_MAP = Option("--map", N_("place a Flaredown symptom on these regions instead (SYMPTOM= "
                                 "keeps it as a daily rating only); may be given again"),
                     metavar="SYMPTOM=REGION,...", action="append")

# Recognised in this order: device apps' exports by their path first (a zip, a folder, a
# database), then text exports by their text.
FORMATS = (
    Format("FibroMap JSON", "fibromap.exchange.json_format", "FibroMap", "JSON", ("*.json",),
           key="json", choice=N_("FibroMap JSON — everything, to move or restore your records"),
           suffix=".json", sealable=True, options=(FILE_PASSPHRASE,)),
    Format("Flaredown CSV", "fibromap.exchange.flaredown_records", "Flaredown", "CSV",
           ("*.csv",), options=(PERSON, SYMPTOM_MAP)),
    Format("FibroMap CSV", "fibromap.exchange.csv_format", "FibroMap", "CSV", ("*.csv",),
           key="csv", choice=N_("CSV — one row per region, for a spreadsheet"), suffix=".csv"),
    Format(N_("FibroMap check-in CSV"), "fibromap.exchange.checkin_csv", "FibroMap",
           N_("check-in CSV"),
           ("*.csv",), key="checkins",
           choice=N_("Check-in CSV — one row per day (pain, sleep, fog…), for a spreadsheet"),
           suffix=".checkins.csv"),
    Format("FHIR R4", "fibromap.exchange.fhir_format", "FibroMap", "FHIR", key="fhir",
           choice=N_("FHIR R4 — observations for health record systems"), suffix=".fhir.json"),
    Format("Apple Health", "fibromap.exchange.devices.apple_health", "Apple Health",
           patterns=("*.zip", "*.xml"), stream=True),
    Format("Fitbit", "fibromap.exchange.devices.fitbit", "Fitbit (Google Takeout)",
           patterns=("*.zip",), stream=True, shown_as="Google Takeout (Fitbit)"),
    Format("Gadgetbridge", "fibromap.exchange.devices.gadgetbridge", "Gadgetbridge",
           patterns=("*.db", "Gadgetbridge*"), stream=True),
)


class Whose(Protocol):
    """One of the people whose records a file holds (a Flaredown research file's)."""

    id: str

    def describe(self) -> str: ...


@dataclass(frozen=True)
class ReadChoices:
    """What the person chose for reading a text export."""

    person: str | None = None                       # whose records, in a file of several
    regions: dict[str, tuple[str, ...]] | None = None  # where a symptom goes instead
    progress: Callable[[int, int], None] | None = None  # characters read, of how many


@dataclass
class Parsed:
    """A text export, read: its records, and how it was read."""

    records: Any                                    # domain.records.Records
    details: list[str] = field(default_factory=list)  # how another app's file was read
    symptoms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # placed on the map
    person: str | None = None                       # whose records, in a file of several


@dataclass
class Imported:
    """A text export read straight into the database (a format's ``import_into``)."""

    result: Any                                     # store.bulk.ImportResult
    details: list[str] = field(default_factory=list)  # how the file was read


def text_formats() -> tuple[Format, ...]:
    """The text exports that are imported, in the order they are recognised."""
    return tuple(f for f in FORMATS if f.imported and not f.stream)


def device_formats() -> tuple[Format, ...]:
    """The device apps' exports that are imported, in the order they are recognised."""
    return tuple(f for f in FORMATS if f.imported and f.stream)


def export_formats() -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.exported)


def export_keys() -> tuple[str, ...]:
    """``--format``'s choices, the first the default."""
    return tuple(f.key for f in export_formats())


def export_format(key: str) -> Format | None:
    return next((f for f in export_formats() if f.key == key), None)


def sealable_format() -> Format:
    """The export that can be sealed with a passphrase."""
    return next(f for f in export_formats() if f.sealable)


def import_options() -> tuple[Option, ...]:
    return tuple(option for f in FORMATS if f.imported for option in f.options)


def or_list(words: Iterable[str]) -> str:
    """"A, B or C", in the person's language."""
    words = list(words)
    if len(words) < 2:
        return "".join(words)
    return _("{items} or {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


def text_exports() -> list[str]:
    """The text exports read, an app at a time: "a FibroMap JSON or CSV export"."""
    formats = text_formats()
    return [_("a {app} {kinds} export").format(
                app=app, kinds=or_list(_(f.kind) if f.kind else "" for f in formats if f.app == app))
            for app in _unique(f.app for f in formats)]


def import_help() -> str:
    """`fibromap import`'s line in the command's help."""
    return _("add records from {exports}, or sleep and steps from {apps}").format(
        exports=", ".join(text_exports()), apps=or_list(f.app for f in device_formats()))


def not_recognised() -> str:
    """Why a text file that is none of the formats read is refused."""
    exports = text_exports()
    said = exports[0]
    for other in exports[1:]:
        said = _("{exports}, nor {other}").format(exports=said, other=other)
    return _("not {exports}").format(exports=said)


def choose_export() -> str:
    """"json, csv or fhir"."""
    return or_list(export_keys())


def import_filters() -> str:
    """The file dialog's filters of the import, ";;" between them: all the exports FibroMap
    reads, then other apps' text exports, then devices' exports, then any file."""
    def patterns(formats: Iterable[Format]) -> str:
        return " ".join(_unique(p for f in formats for p in f.patterns))

    texts, devices = text_formats(), device_formats()
    apps = or_list(_unique(f.shown_as or f.app for f in texts))
    makers = or_list(_unique(f.shown_as or f.app for f in devices))
    return ";;".join((_("Exports FibroMap can read ({patterns})").format(
                          patterns=patterns(texts + devices)),
                      _("{apps} exports ({patterns})").format(apps=apps, patterns=patterns(texts)),
                      f"{makers} ({patterns(devices)})",
                      _("All files (*)")))
