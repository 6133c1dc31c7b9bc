"""`fibromap export` and `fibromap import`."""

from __future__ import annotations

import sys
import time

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.i18n.formats import whole


def _export_passphrase(args, protected: bool) -> str | None:
    """The passphrase to seal the export with: asked for (--seal), or by default while the
    database is protected; None for a plain export (--plain, or a plain database)."""
    from fibromap.commands.protection import given_passphrase
    from fibromap.exchange.formats import export_format, sealable_format

    if args.seal and args.plain:
        raise FibroMapError(_("choose --seal or --plain, not both"))
    if args.plain or not (args.seal or protected):
        return None
    chosen = export_format(args.format)
    assert chosen is not None, "--format's choices are the export formats' keys"
    if not chosen.sealable:
        sealable = sealable_format().key
        raise FibroMapError(
            _("your records are protected, and a {format} export would hold them in plain text: "
              "add --plain to write it all the same, or export --format {sealable}, which is "
              "sealed with your passphrase").format(format=args.format, sealable=sealable)
            if protected else _("only the {sealable} export can be sealed with a passphrase")
            .format(sealable=sealable))
    passphrase = given_passphrase(args)
    if passphrase is None:
        raise FibroMapError(_("a sealed export needs the passphrase: --passphrase-file FILE"))
    return passphrase


def export(args, url: str, paths: Paths) -> int:
    from fibromap.exchange.files import HEALTH_DATA_WARNING, PROTECTED_PLAIN_WARNING, SEALED_NOTE, export_file
    from fibromap.store.store import Store

    target = args.output.expanduser().absolute()
    store = Store.open_read_only(url, paths)
    try:
        protected = store.database.key is not None
        passphrase = _export_passphrase(args, protected)
        size = export_file(store, args.format, target, passphrase=passphrase)
    finally:
        store.close()
    if passphrase is not None:
        print(_("Exported to {file} ({size} bytes, {format}, sealed).").format(
            file=target, size=whole(size), format=args.format) + " " + _(SEALED_NOTE))
        return 0
    print(_("Exported to {file} ({size} bytes, {format}).").format(
        file=target, size=whole(size), format=args.format) + " " + _(HEALTH_DATA_WARNING))
    if protected:
        print(_("fibromap: warning: {warning}").format(warning=_(PROTECTED_PLAIN_WARNING)),
              file=sys.stderr)
    return 0


def symptom_map(pairs: list[str]) -> dict[str, tuple[str, ...]]:
    """``--map "Back pain=erector_mid.left,erector_mid.right"`` (empty: a daily rating)."""
    from fibromap.domain.atlas import load_atlas

    atlas, mapping = load_atlas(), {}
    for pair in pairs:
        name, sep, regions = pair.partition("=")
        if not sep or not name.strip():
            raise FibroMapError(_("--map {pair} should be SYMPTOM=REGION,REGION (or SYMPTOM= "
                                  "for a daily rating only)").format(pair=repr(pair)))
        ids = tuple(r.strip() for r in regions.split(",") if r.strip())
        for region in ids:
            if region not in atlas:
                raise FibroMapError(_("--map {pair}: unknown body region {region} (`fibromap "
                                      "atlas` lists them)").format(pair=repr(pair), region=repr(region)))
        mapping[" ".join(name.split())] = ids
    return mapping


def terminal_progress(stream=None):
    """A progress line on the terminal (exchange.files.progress_text), redrawn in place at
    most ten times a second; None when the stream is not a terminal (a log, a pipe)."""
    from fibromap.exchange.files import progress_text

    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    shown = {"at": 0.0, "width": 0}

    def show(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if total and 0 < done < total and now - shown["at"] < 0.1:
            return
        shown["at"] = now
        text = progress_text(stage, done, total)
        stream.write("\r" + text.ljust(shown["width"]))
        shown["width"] = len(text)
        stream.flush()

    def clear() -> None:
        if shown["width"]:
            stream.write("\r" + " " * shown["width"] + "\r")
            stream.flush()

    show.clear = clear
    return show


def _file_passphrase(args) -> str | None:
    """A sealed export's passphrase: its own file, or else the database's."""
    from fibromap.commands.protection import given_passphrase, read_passphrase

    if args.file_passphrase_file is not None:
        return read_passphrase(args.file_passphrase_file)
    return given_passphrase(args)


def import_(args, url: str, paths: Paths) -> int:
    from fibromap.exchange.files import import_file
    from fibromap.store.store import Store

    regions = symptom_map(args.map) if args.map else None
    # Writing commands take the day's first backup, as the app does.
    store = Store.open(url, paths, routine_backup=not args.dry_run)
    progress = terminal_progress()
    try:
        report = import_file(store, args.file.expanduser().absolute(), dry_run=args.dry_run,
                             person=args.person, regions=regions, progress=progress,
                             passphrase=_file_passphrase(args))
    finally:
        if progress is not None:
            progress.clear()
        store.close()
    print(_("Dry run, nothing written. Would have {outcome}").format(outcome=report.outcome())
          if args.dry_run else report.summary())
    for line in report.details:
        print(f"  {line}")
    sys.stdout.flush()
    return 0
