"""The `fibromap` command: the GUI by default, headless subcommands for the rest.

Every error ends as one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
import traceback
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from fibromap import APP_NAME, __version__, atomic
from fibromap.commands import atlas as atlas_command
from fibromap.commands import medications, protection
from fibromap.config import Paths, database_url, keep_private, tighten
from fibromap.errors import FibroMapError
from fibromap.exchange import formats
from fibromap.i18n import SHIPPED, _, activate, choose, normalise
from fibromap.i18n.languages import language_argument, setting_in

log = logging.getLogger("fibromap")

EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
# The commands that open the window, and what it is asked to show (ui/launch/instance.py).
WINDOW_COMMANDS = {None: "open", "log": "log", "checkin": "checkin"}


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        # No abbreviations: `--passphrase SECRET` must not be taken as --passphrase-file
        # and the passphrase then printed as a file name.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, _("{prog}: {message} (see {prog} --help)")
            .format(prog=self.prog, message=message) + "\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a date like 2026-03-01, got {value}")
            .format(value=repr(value))) from None


def _positive_days(value: str) -> int:
    from fibromap.demo import MAX_DAYS
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a number of days, got {value}")
            .format(value=repr(value))) from None
    if not 1 <= days <= MAX_DAYS:
        raise argparse.ArgumentTypeError(_("days must be between 1 and {most}, got {days}")
            .format(most=MAX_DAYS, days=days))
    return days


def build_parser() -> argparse.ArgumentParser:
    # A _Parser like the commands it is a parent of (only its options are copied to them).
    database = _Parser(add_help=False)
    database.add_argument(
        "--database", metavar="URL", default=argparse.SUPPRESS,
        help=_("an SQLite file, or the SQLAlchemy URL of a database (default: "
             "FIBROMAP_DATABASE_URL, or the SQLite file in your data folder)"))
    database.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS,
        help=_("use the separate demo records made by `fibromap demo`, never your own"))
    protection.add_option(database)
    parser = _Parser(prog="fibromap", parents=[database],
                     description=_("{app}: a private spasm and pain logger. Without a command, starts the "
                                   "app.").format(app=APP_NAME))
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help=_("check that FibroMap works on this machine (offscreen) and exit"))
    parser.add_argument("--install-desktop-entry", action="store_true",
                        help=_("add FibroMap to your desktop's application menu (for pip installs)"))
    parser.add_argument("--no-crash-dialog", action="store_true",
                        help=_("on an unexpected error, write the log but show no dialog"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", parents=[database],
                               help=_("make demo records: a realistic synthetic history, kept "
                                    "apart from your own (open them with fibromap --demo)"))
    demo.add_argument("--days", type=_positive_days, default=365,
                      help=_("days of history ending yesterday (default 365)"))
    demo.add_argument("--seed", type=int, default=1, help=_("the same seed gives the same data"))
    demo.add_argument("--force", action="store_true",
                      help=_("add the history even though the database already holds entries"))
    demo.add_argument("--into-records", action="store_true",
                      help=_("write into the records in use (your own database) instead of the "
                           "separate demo records; --database URL does the same for that one"))
    demo.add_argument("--remove", action="store_true",
                      help=_("delete the separate demo records (your own are never touched)"))

    commands.add_parser("check", parents=[database],
                        help=_("report schema revision, row counts and integrity; "
                             "exit non-zero on any problem"))

    stats = commands.add_parser("stats", parents=[database], help=_("headline figures for a period"))
    stats.add_argument("--from", dest="start", type=_date, metavar="DATE",
                       help=_("first day (YYYY-MM-DD)"))
    stats.add_argument("--to", dest="end", type=_date, metavar="DATE",
                       help=_("last day (YYYY-MM-DD)"))
    stats.add_argument("--json", action="store_true", help=_("print JSON instead of text"))

    insights = commands.add_parser("insights", parents=[database],
                                   help=_("comparisons in your records (sleep, triggers, foods, "
                                        "medication) with intervals and adjusted p-values"))
    insights.add_argument("--from", dest="start", type=_date, metavar="DATE",
                          help=_("first day (default: a year before --to)"))
    insights.add_argument("--to", dest="end", type=_date, metavar="DATE",
                          help=_("last day (default today)"))
    insights.add_argument("--json", action="store_true", help=_("print JSON instead of text"))

    report = commands.add_parser("report", parents=[database],
                                 help=_("write the appointment report as a PDF"))
    report.add_argument("--from", dest="start", type=_date, metavar="DATE",
                        help=_("first day (default: the last appointment, or 90 days back)"))
    report.add_argument("--to", dest="end", type=_date, metavar="DATE", help=_("last day (default today)"))
    report.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    report.add_argument("--page-size", choices=("a4", "letter"),
                        help=_("paper size (default: the app's setting, A4 at first)"))
    report.add_argument("--front", choices=("clinician", "patient"),
                        help=_("how the front figure faces: clinician (the patient's right on the "
                             "left of the page) or patient (as in a mirror); default: the "
                             "report's setting, clinician at first"))
    report.add_argument("--report-language", type=language_argument, metavar="LANG",
                        help=_("the language of the report alone (a doctor who reads another): "
                               "{languages}; --language sets the messages too; default: the "
                               "language of the messages").format(languages=", ".join(SHIPPED)))

    export = commands.add_parser("export", parents=[database],
                                 help=_("write all your records to a file (it holds health data)"))
    export.add_argument("--format", choices=formats.export_keys(),
                        default=formats.export_keys()[0])
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    export.add_argument("--seal", action="store_true", help=_(
                        "seal a {format} export with the passphrase in --passphrase-file (the "
                        "default for a protected database)").format(format=formats.sealable_format().key))
    export.add_argument("--plain", action="store_true", help=_("write a protected database's "
                        "records in plain text all the same"))

    importer = commands.add_parser("import", parents=[database], help=formats.import_help())
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument("--dry-run", action="store_true",
                          help=_("check the file and say what would be added, writing nothing"))
    for option in formats.import_options():  # the formats' own (a sealed export's, Flaredown's)
        importer.add_argument(option.flag, **option.arguments())

    devices = commands.add_parser("devices", parents=[database],
                                  help=_("list the devices whose sleep and steps were imported, "
                                       "or remove everything from one"))
    devices.add_argument("--remove", metavar="DEVICE",
                         help=_('remove everything that came from DEVICE, as listed ("Apple '
                                'Watch (Apple Health)")'))
    devices.add_argument("--dry-run", action="store_true",
                         help=_("with --remove: say what would be removed, removing nothing"))

    backup = commands.add_parser("backup", parents=[database],
                                 help=_("back up the database now, or list the backups"))
    backup.add_argument("--list", action="store_true",
                        help=_("list the backups with their flares and integrity check"))
    restore = commands.add_parser("restore", parents=[database],
                                  help=_("put a backup in place of the database (the current "
                                       "file is kept beside it)"))
    restore.add_argument("backup", type=Path, metavar="BACKUP",
                         help=_("a backup file, or its name in the backups folder"))
    restore.add_argument("--backup-passphrase-file", metavar="FILE", type=Path,
                         help=_("a file holding the passphrase of a backup protected with "
                              "another (an earlier) passphrase than the database's"))

    for name, where in (("log", _("open the app on the Log, ready to type a muscle's name (a "
                                  "FibroMap already open comes to the front instead)")),
                        ("checkin", _("open the app on today's check-in (a FibroMap already "
                                      "open comes to the front instead)"))):
        commands.add_parser(name, parents=[database], help=where)
    protection.add_parsers(commands, database)
    medications.add_parsers(commands, database)
    atlas = commands.add_parser("atlas", help=_("list the body regions"))
    atlas.add_argument("--json", action="store_true", help=_("print JSON instead of text"))

    from fibromap.ui.views import MAP_VIEWS, VIEWS
    screenshot = commands.add_parser("screenshot", parents=[database],
                                     help=_("render a view of the app offscreen to a PNG file"))
    screenshot.add_argument("view", choices=VIEWS, metavar="VIEW",
                            help=_("one of: {views}").format(views=", ".join(VIEWS)))
    screenshot.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.png")
    screenshot.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH",
                            help=_("window size in pixels (default 1280x800)"))
    screenshot.add_argument("--figure", choices=("female", "male", "neutral"),
                            help=_("the body figure to draw (default: the one chosen in the app)"))
    screenshot.add_argument("--map", choices=MAP_VIEWS, default="whole", metavar="VIEW",
                            help=_("what the Log's map shows: {views}").format(views=", ".join(MAP_VIEWS)))
    screenshot.add_argument("--map-only", action="store_true",
                            help=_("the Log's body map alone, not the whole window"))
    screenshot.add_argument("--deep", action="store_true",
                            help=_("mark every deep muscle on the Log's map (not saved), to "
                                 "picture the deep layer"))
    for command in (parser, *commands.choices.values()):
        command.add_argument("--language", type=language_argument, metavar="LANG",
                             default=None if command is parser else argparse.SUPPRESS,
                             help=_("its words' language: {languages} (default: Settings)").format(
                                 languages=", ".join(SHIPPED)))
    return parser


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a size like 1280x800, got {value}")
            .format(value=repr(value))) from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(_("size must be between 320x240 and 8000x8000, got {value}")
            .format(value=value))
    return width, height


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    paths = Paths.from_environment()
    # The language first: the parser's help texts are in it (`fibromap --language de --help`).
    activate(choose(_language_asked(argv), setting_in(paths.settings_file)))
    parser = build_parser()
    args = parser.parse_args(argv)
    demo_records = _uses_demo_records(args, parser)
    keep_private()
    tighten(paths)
    try:
        if args.self_test:
            from fibromap.selftest import main as self_test
            return self_test()
        if args.install_desktop_entry:
            from fibromap.desktop import install_desktop_entry
            print(install_desktop_entry())
            return 0
        if demo_records:
            paths = paths.for_demo()
            url = database_url(paths, environ={})  # never a database named for real records
        else:
            url = database_url(paths, getattr(args, "database", None))
        notice = protection.finish_interrupted(url, paths) if args.command != "atlas" else ""
        if args.command in WINDOW_COMMANDS:
            # Starting makes many objects and frees few: no cycle collections while the
            # window is made, a tenth less time; from then on the GUI thread collects on a
            # timer (ui/worker.py's CollectOnGuiThread), never automatically.
            gc.disable()
            from fibromap.ui.app import run_gui  # Qt is loaded only for the GUI
            return run_gui(url, paths, crash_dialog=not args.no_crash_dialog, notice=notice,
                           request=WINDOW_COMMANDS[args.command])
        if notice:
            print(f"fibromap: {notice}", file=sys.stderr)
        if args.command not in ("atlas", "protect"):
            protection.unlock_for_command(args, url, paths)
        return COMMANDS[args.command](args, url, paths)
    except FibroMapError as exc:
        _say(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print(_("fibromap: interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        where = _write_crash_log(paths, exc)
        # One line: a library's own second line ("Background on this error at…") stays in
        # the log.
        first = (str(exc).strip().splitlines() or [""])[0]
        error = f"{type(exc).__name__}: {first}"
        print(_("fibromap: unexpected error: {error} (details in {log})").format(error=error, log=where)
              if where else _("fibromap: unexpected error: {error}").format(error=error), file=sys.stderr)
        return EXIT_PROBLEM


def _language_asked(argv: list[str]) -> str | None:
    """--language's value before the parser is made (a bad one is the parser's to refuse)."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--language="):
            return normalise(word.partition("=")[2])
        if word == "--language" and index + 1 < len(argv):
            return normalise(argv[index + 1])
    return None


def _say(exc: FibroMapError) -> None:
    """The problem in one line, always: a driver's own further lines ("This probably means
    the server terminated abnormally…") go to the log."""
    first, *rest = str(exc).strip().splitlines() or [""]
    if rest:
        logging.getLogger(__name__).info("the rest of the message: %s", " ".join(rest))
    print(f"fibromap: {first}", file=sys.stderr)


def _uses_demo_records(args, parser: argparse.ArgumentParser) -> bool:
    """`--demo`, or `fibromap demo` not told to write elsewhere (--into-records, --database)."""
    chosen = getattr(args, "database", None)
    asked = getattr(args, "demo", False)
    into_records = getattr(args, "into_records", False)
    if asked and (chosen or into_records):
        parser.error(_("--demo uses the separate demo records; it cannot be combined with "
                       "{option}").format(option="--database" if chosen else "--into-records"))
    if args.command == "demo" and getattr(args, "remove", False) and (chosen or into_records):
        parser.error(_("--remove deletes only the separate demo records, never a database "
                       "named with --database or --into-records"))
    return asked or (args.command == "demo" and not chosen and not into_records)


def _write_crash_log(paths: Paths, exc: BaseException) -> Path | None:
    try:
        folder = paths.ensure(paths.logs_dir)
        target = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
        # Whole or not at all: never an empty or cut-off log behind (a full disk).
        atomic.write_bytes(target, "".join(traceback.format_exception(exc)).encode("utf-8"),
                           failure="cannot write the crash log")
        return target
    except Exception:  # noqa: BLE001 - a log we cannot write must not hide the error
        return None


# -- commands ------------------------------------------------------------------------
def _later(module: str, function: str):
    """The command ``function`` of ``module``, imported when it runs (a fast start)."""
    def run(args, url: str, paths: Paths) -> int:
        return getattr(importlib.import_module(module), function)(args, url, paths)
    return run


def cmd_check(args, url: str, paths: Paths) -> int:
    from fibromap.commands.check import check
    return check(url, paths)


def cmd_insights(args, url: str, paths: Paths) -> int:
    from fibromap.commands.insights import period_of, run
    from fibromap.store.store import Store

    period = period_of(args.start, args.end, date.today())  # a bad period needs no database
    store = Store.open_read_only(url, paths)
    try:
        print(run(store, period, args.json, date.today()))
    finally:
        store.close()
    return 0


def cmd_backup(args, url: str, paths: Paths) -> int:
    from fibromap.commands.backups import backup

    print(backup(url, paths, args.list))
    return 0


def cmd_restore(args, url: str, paths: Paths) -> int:
    from fibromap.commands.backups import restore

    backup_passphrase = (protection.read_passphrase(args.backup_passphrase_file)
                         if args.backup_passphrase_file else None)
    print(restore(url, paths, args.backup.expanduser(), backup_passphrase))
    return 0


COMMANDS = {
    "demo": _later("fibromap.commands.demo", "demo"), "check": cmd_check,
    "stats": _later("fibromap.commands.stats", "stats"), "atlas": atlas_command.run,
    "screenshot": _later("fibromap.ui.documents", "screenshot"),
    "report": _later("fibromap.ui.documents", "report"),
    "export": _later("fibromap.commands.exchange", "export"),
    "import": _later("fibromap.commands.exchange", "import_"), "insights": cmd_insights,
    "backup": cmd_backup, "restore": cmd_restore,
    "devices": _later("fibromap.commands.devices", "devices"), "protect": protection.protect,
    "medications": medications.medications, "unprotect": protection.unprotect,
    "change-passphrase": protection.change_passphrase}
