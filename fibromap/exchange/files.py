"""Export to a file and import from one: the formats, the checks, and one transaction."""

from __future__ import annotations

import gc
import io
import stat
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from fibromap import atomic
from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import Flare
from fibromap.domain.records import Records
from fibromap.domain.sealing import is_sealed, seal_with_passphrase, unseal_with_passphrase
from fibromap.domain.vocabulary import LABEL_MAX, Term, TermKind
from fibromap.errors import FibroMapError
from fibromap.exchange.file_text import read_text, text_chunks, text_sample, text_size
from fibromap.exchange.formats import (
    Format,
    ReadChoices,
    Whose,
    choose_export,
    export_format,
    export_keys,
    not_recognised,
    sealable_format,
    text_formats,
)
from fibromap.exchange.problems import ImportRefused, Problem, at_line
from fibromap.exchange.record_kinds import TOO_LONG, counted_kind
from fibromap.i18n import N_, _, formats, ngettext
from fibromap.store.bulk import ImportResult, write_new
from fibromap.store.store import Store

FORMATS = export_keys()
# Translated where shown (the export dialog, the command line).
HEALTH_DATA_WARNING = N_("An export holds your health records in plain text: keep it somewhere "
                         "private and delete copies you no longer need.")
SEALED_NOTE = N_("The export is sealed with the passphrase: FibroMap opens it again on import, "
                 "asking for the passphrase; without it, it cannot be read.")
PROTECTED_PLAIN_WARNING = N_("Your records are protected, but this file is not: anyone who can "
                             "read it can read your records.")
SEALED_CONTENT = "fibromap-export-json"


class SealedExport(FibroMapError):
    """The file is a sealed FibroMap export and no passphrase was given for it."""


class _CycleCollectorPause:
    """While an import or export makes hundreds of thousands of records, Python's cycle
    collector would walk every living object again and again: half the time of reading
    100,000 flares. Records hold no reference cycles, so it is paused meanwhile (and
    resumed when the last of overlapping imports and exports ends, if it was running)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._holders = 0
        self._resume = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._holders == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0 and self._resume:
                    gc.enable()


_cycle_collector_paused = _CycleCollectorPause()


def _check_format(fmt: str) -> Format:
    found = export_format(fmt)
    if found is None:
        raise FibroMapError(_("unknown export format {format} (choose {choices})").format(
            format=repr(fmt), choices=choose_export()))
    return found


def _write_export(store: Store, fmt: str, handle: TextIO) -> None:
    """The export, written to ``handle`` as the flares are read, a few thousand at a time."""
    writer = _check_format(fmt).code()
    with _cycle_collector_paused():
        writer.write_export(store, handle)


def export_text(store: Store, fmt: str) -> str:
    out = io.StringIO()
    _write_export(store, fmt, out)
    return out.getvalue()


def export_file(store: Store, fmt: str, target: Path, *, passphrase: str | None = None) -> int:
    """Write the export (a whole file or none); returns its size in bytes. With
    ``passphrase`` a FibroMap JSON export is sealed with it (domain/sealing.py): nothing
    of it is written in plain text, not even for a moment."""
    chosen = _check_format(fmt)  # before any file is begun
    if passphrase is not None and not chosen.sealable:
        raise FibroMapError(_("only the {format} export can be sealed with a passphrase").format(
            format=_(sealable_format().name)))
    if not target.parent.is_dir():
        raise FibroMapError(_("the folder {folder} does not exist").format(folder=target.parent))
    with atomic.replacing(target, failure=_("cannot write {file}").format(file=target)) as temporary:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            if passphrase is not None:
                handle.write(seal_with_passphrase(export_text(store, fmt).encode("utf-8"),
                                                  passphrase, SEALED_CONTENT).decode("ascii"))
            else:
                _write_export(store, fmt, handle)
    return target.stat().st_size


@dataclass
class ImportReport:
    format: str
    result: ImportResult
    details: list[str] = field(default_factory=list)   # how another app's file was read
    symptoms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Flaredown: placed

    def outcome(self) -> str:
        """"added 2 flares, 1 check-in; 9 already in the database"."""
        return _("added {things}").format(things=self.would_add())

    def would_add(self) -> str:
        """What the import adds, without "added": "2 flares, 1 check-in; 9 already in the
        database" (the import dialog's "Importing would add …")."""
        added = ", ".join(counted_kind(n, what) for what, n in self.result.added.items() if n) \
            or _("nothing new")
        known = sum(self.result.already_there.values())
        if not known:
            return added
        return ngettext("{added}; {n} already in the database",
                        "{added}; {n} already in the database", known).format(
            added=added, n=known)

    def summary(self) -> str:
        return _("{format}: {outcome}").format(format=self.format, outcome=self.outcome())

    def adds_anything(self) -> bool:
        return sum(self.result.added.values()) > 0


# (what is being done, how much of it is done, how much there is); it may raise Cancelled
# to stop, and then nothing is written. "Reading" counts the characters of the file read,
# "Writing" the flares written.
Progress = Callable[[str, int, int], None]


def progress_text(stage: str, done: int, total: int) -> str:
    """"Reading: 40%", "Writing: 40,000 of 100,000 flares (40%)", or "Reading…" when
    how much there is is not known yet."""
    said = _(stage) if stage in (READING, WRITING) else stage
    if not total:
        return _("{stage}…").format(stage=said)
    share = formats.percent(done / total)
    if stage == READING:
        return _("{stage}: {share}").format(stage=said, share=share)
    return ngettext("{stage}: {done} of {total} flares ({share})",
                    "{stage}: {done} of {total} flares ({share})", total).format(
        stage=said, done=formats.whole(done), total=formats.whole(total), share=share)


READING, WRITING = N_("Reading"), N_("Writing")  # the stages, translated where shown


def import_text(store: Store, text: str, source: str, *, dry_run: bool = False,
                person: str | None = None, regions: dict[str, tuple[str, ...]] | None = None,
                progress: Progress | None = None) -> ImportReport:
    """Add what ``text`` holds that the database does not. For a Flaredown file of several
    people, ``person`` says whose records; ``regions`` changes where a symptom is placed."""
    with _cycle_collector_paused():
        return _import(store, text, source, dry_run=dry_run, person=person, regions=regions,
                       progress=progress)


def _import(store: Store, text: str, source: str, *, dry_run: bool, person: str | None,
            regions: dict[str, tuple[str, ...]] | None,
            progress: Progress | None) -> ImportReport:
    def stage(name: str):
        if progress is None:
            return None
        progress(name, 0, 0)
        return lambda done, total: progress(name, done, total)

    fmt = _text_format(text, source)
    if hasattr(fmt.code(), "import_into"):
        return _streamed(store, fmt, text, source, ReadChoices(person, regions),
                         dry_run=dry_run, progress=progress)
    parsed = fmt.code().read_records(text, source, ReadChoices(person, regions, stage("Reading")))
    records = parsed.records
    # Words the flares use that the file does not define (a CSV defines none) are added.
    words = _new_words(store, records, source)
    records.terms += words
    result = write_new(store, records, dry_run=dry_run, progress=stage("Writing"))
    name = _(fmt.name) if not parsed.person else _("{format} (person {person})").format(
        format=_(fmt.name), person=parsed.person)
    # Only what the database did not have: an import of the same file again says nothing.
    details = parsed.details + ([new_words_text(words, dry_run)] if words else [])
    return ImportReport(name, result, details, parsed.symptoms)


def _streamed(store: Store, fmt: Format, text: str | Callable[[], Iterable[str]], source: str,
              choices: ReadChoices, *, dry_run: bool, progress: Progress | None,
              total: int | None = None) -> ImportReport:
    """An export read straight into the database as a stream (its format's import_into),
    from its whole text or from a function giving its chunks."""
    if progress is not None:
        progress("Reading", 0, 0)
    imported = fmt.code().import_into(store, text, source, choices, dry_run=dry_run,
                                      total=total, progress=progress)
    return ImportReport(_(fmt.name), imported.result, imported.details)


def _recognised(text: str) -> Format | None:
    return next((f for f in text_formats() if f.code().recognises(text)), None)


def _text_format(text: str, source: str) -> Format:
    """The format of a text export (exchange/formats.py), or ImportRefused."""
    found = _recognised(text)
    if found is None:
        raise ImportRefused(source, [Problem(at_line(1), not_recognised())])
    return found


def people_in(text: str, source: str) -> list[Whose]:
    """Whose records a text export holds, when its format can hold several people's (a
    Flaredown research file); [] for any other file, even one not recognised."""
    found = _recognised(text)
    if found is None:
        return []
    reader = found.code()
    return reader.people(text, source) if hasattr(reader, "people") else []


def import_file(store: Store, path: Path, *, dry_run: bool = False, person: str | None = None,
                regions: dict[str, tuple[str, ...]] | None = None,
                progress: Progress | None = None, passphrase: str | None = None) -> ImportReport:
    """Import the export at ``path``: a FibroMap or Flaredown export (a sealed one opened
    with ``passphrase``), or a device app's export of sleep and steps
    (exchange/devices/), which is read as a stream."""
    if progress is not None:
        progress("Reading", 0, 0)
    device = device_export(path)
    if device is not None:
        return import_device(store, path, device, dry_run=dry_run, progress=progress)
    regular = _is_regular(path)  # a device or a pipe is never opened here (read_text says)
    if regular and zipfile.is_zipfile(path):
        raise FibroMapError(_("{path} is a zip archive, but not an export FibroMap can read "
                              "(an Apple Health export.zip, or a Google Takeout with Fitbit "
                              "data)").format(path=path))
    if regular and _starts_with(path, b"SQLite format 3\x00"):
        raise FibroMapError(_("{path} is an SQLite database, but not one FibroMap can import "
                              "(a Gadgetbridge export); to open a FibroMap database, use "
                              "--database or restore it as a backup").format(path=path))
    streamed = streamed_format(path)
    if streamed is not None:  # never read whole
        with _cycle_collector_paused():
            return _streamed(store, streamed, lambda: text_chunks(path), str(path),
                             ReadChoices(person, regions), dry_run=dry_run,
                             progress=progress, total=text_size(path))
    text = read_text(path)
    if is_sealed(text[:200].encode("utf-8")):
        if passphrase is None:
            raise SealedExport(_("{path} is a sealed FibroMap export: give its passphrase "
                                 "(--file-passphrase-file FILE on the command line)").format(
                path=path))
        text = unsealed_text(text, passphrase)
    return import_text(store, text, str(path), dry_run=dry_run, person=person,
                       regions=regions, progress=progress)


def streamed_format(path: Path) -> Format | None:
    """The format of the text export at ``path`` when it is read from the file as a stream
    (a FibroMap JSON export, not sealed), or None: then it is read whole."""
    if not _is_regular(path) or is_sealed_file(path):
        return None
    try:
        found = _recognised(text_sample(path))
    except FibroMapError:
        return None  # reading it whole says why it cannot be read
    return found if found is not None and hasattr(found.code(), "import_into") else None


def device_export(path: Path) -> Format | None:
    """The device app whose export ``path`` is (read as a stream), or None."""
    from fibromap.exchange.devices.importing import device_format

    return device_format(path)


def import_device(store: Store, path: Path, device: Format, *, dry_run: bool = False,
                  progress: Progress | None = None):
    """Add the sleep and steps of a device app's export (a DeviceImportReport)."""
    from fibromap.exchange.devices.importing import import_device_file

    with _cycle_collector_paused():
        return import_device_file(store, path, device.code().read, dry_run=dry_run,
                                  progress=progress)


def is_sealed_file(path: Path) -> bool:
    """Whether ``path`` is a sealed FibroMap export (its passphrase needed to import it)."""
    try:
        with open(path, "rb") as handle:
            return is_sealed(handle.read(200))
    except OSError:
        return False


def unsealed_text(text: str, passphrase: str) -> str:
    """The export inside a sealed one (CannotUnseal for a wrong passphrase)."""
    try:
        return unseal_with_passphrase(text.encode("utf-8"), passphrase).decode("utf-8")
    except UnicodeDecodeError:
        raise FibroMapError(_("the sealed export does not hold UTF-8 text")) from None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def _new_words(store: Store, records: Records, source: str) -> list[Term]:
    """The words the flares use that neither the database nor the file defines (a CSV
    carries only their ids), made the person's own words with a label from the id
    ("cold_office": "Cold office"); an unknown body region is refused."""
    atlas = load_atlas()
    known = {(t.kind, t.key) for kind in TermKind
             for t in store.vocabulary.terms(kind, include_hidden=True)}
    known |= {(t.kind, t.key) for t in records.terms + records.hidden_terms}
    new: dict[tuple[TermKind, str], Term] = {}
    problems = []
    for index, flare in enumerate(records.flares):
        for kind, key in _words_used(flare):
            if (kind, key) in known or (kind, key) in new:
                continue
            if len(key) > LABEL_MAX:  # (a flare takes any key of letters, digits and _)
                problems.append(Problem(f"flares[{index}]", _(TOO_LONG[kind]).format(
                    key=key[:20], n=LABEL_MAX)))
            else:
                new[kind, key] = Term(kind, key, key.replace("_", " ").capitalize())
        problems += [Problem(f"flares[{index}]", _("unknown body region {region}").format(
                                 region=repr(region)))
                     for region in flare.regions if region not in atlas]
    if problems:
        raise ImportRefused(source, problems)
    return sorted(new.values(), key=lambda t: t.key)


def _words_used(flare: Flare) -> list[tuple[TermKind, str]]:
    return ([(TermKind.CONTEXT, flare.context)] if flare.context else []) + \
        [(TermKind.QUALITY, k) for k in flare.qualities] + \
        [(TermKind.TRIGGER, k) for k in flare.triggers] + \
        [(TermKind.TREATMENT, t.treatment) for t in flare.treatments]


def new_words_text(words: list[Term], dry_run: bool) -> str:
    """"2 new words were added: cold office, heating pad." (would be, in a dry run)."""
    names = ", ".join(t.key.replace("_", " ") for t in words)
    n = len(words)
    if dry_run:
        return ngettext("{n} new word would be added: {names}.",
                        "{n} new words would be added: {names}.", n).format(
            n=formats.whole(n), names=names)
    return ngettext("{n} new word was added: {names}.", "{n} new words were added: {names}.",
                    n).format(n=formats.whole(n), names=names)
