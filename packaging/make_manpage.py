"""Write the manual page of the `fibromap` command from its own argument parser.

    .venv/bin/python packaging/make_manpage.py build/fibromap.1

Every option and every subcommand the parser knows is on the page, in the words of its
--help, so the page cannot fall behind the command. packaging/build-deb.sh puts it,
gzip'd, in the Debian package.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fibromap import APP_NAME, __version__  # noqa: E402 - needs the checkout on the path
from fibromap.cli import build_parser  # noqa: E402
from fibromap.commands.protection import PASSPHRASE_ENV  # noqa: E402
from fibromap.config import DATABASE_ENV, HOME_ENV  # noqa: E402

ENVIRONMENT = {
    HOME_ENV: "Keep everything of FibroMap's (the database, its backups, the logs and the "
              "settings) under this folder instead of the usual places.",
    DATABASE_ENV: "The database to open when --database is not given: an SQLite file, or "
                  "the SQLAlchemy URL of a PostgreSQL database.",
    PASSPHRASE_ENV: "A file holding the passphrase of a protected database, when "
                    "--passphrase-file is not given.",
}


def roff(text: str) -> str:
    """``text`` as roff prints it: backslashes and hyphens escaped, no line read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line
                     for line in text.splitlines())


def metavar(action: argparse.Action) -> str:
    if action.nargs == 0:
        return ""
    if action.metavar is not None:
        return str(action.metavar)
    if action.choices is not None:
        return "{" + ",".join(str(choice) for choice in action.choices) + "}"
    return action.dest.upper()


def helped(action: argparse.Action) -> bool:
    return action.help is not argparse.SUPPRESS and not isinstance(
        action, argparse._SubParsersAction)  # noqa: SLF001 - argparse's own class for commands


def option_entries(parser: argparse.ArgumentParser, shared: list[argparse.Action] = ()) -> list[str]:
    """One tagged paragraph an option or argument: its forms in bold, its value in italics.
    The options in ``shared`` (the ones every command takes, said once above) are left out."""
    lines: list[str] = []
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its options here
        if not helped(action) or action in shared or "-h" in action.option_strings:
            continue
        value = metavar(action)
        if action.option_strings:
            forms = ", ".join(f"\\fB{roff(form)}\\fR" + (f" \\fI{roff(value)}\\fR" if value else "")
                              for form in action.option_strings)
        else:
            forms = f"\\fI{roff(value)}\\fR"
        help_text = (action.help or "") % {"default": action.default, "prog": parser.prog}
        if action.choices is not None and action.option_strings and action.metavar is not None:
            help_text += " (one of: " + ", ".join(str(choice) for choice in action.choices) + ")"
        lines += [".TP", forms, roff(help_text)]
    return lines


def commands_of(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """Each subcommand: its name, its one-line help and its own parser, in --help's order."""
    found = next(action for action in parser._actions  # noqa: SLF001
                 if isinstance(action, argparse._SubParsersAction))  # noqa: SLF001
    helps = {choice.dest: choice.help or "" for choice in found._choices_actions}  # noqa: SLF001
    return [(name, helps.get(name, ""), sub) for name, sub in found.choices.items()]


def manpage(today: date | None = None) -> str:
    parser = build_parser()
    # A reproducible build gives its own date (SOURCE_DATE_EPOCH).
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = today or (datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today())
    when = today.strftime("%Y-%m-%d")
    # --database, --demo and --passphrase-file: the same objects in every command's parser.
    shared = [action for action in parser._actions if action.dest in  # noqa: SLF001
              ("database", "demo", "passphrase_file")]
    lines = [
        f'.TH FIBROMAP 1 "{when}" "{APP_NAME} {__version__}" "User Commands"',
        ".nh",  # no hyphenation: option and variable names stay whole
        ".SH NAME",
        "fibromap \\- a private spasm and pain logger for fibromyalgia and ME/CFS",
        ".SH SYNOPSIS",
        ".B fibromap",
        "[\\fIOPTION\\fR]...",
        ".br",
        ".B fibromap",
        "\\fICOMMAND\\fR [\\fIOPTION\\fR]... [\\fIARGUMENT\\fR]...",
        ".SH DESCRIPTION",
        roff("FibroMap records muscle spasms and pain on a body map and brings a clear report "
             "to appointments. Without a command, fibromap starts the app; the commands below "
             "do the same work without a window. Everything stays on this computer, in one "
             "SQLite file, unless a PostgreSQL database is chosen. Scores are information for "
             "a clinician, never a diagnosis."),
        ".PP",
        roff("Every error ends as one line on standard error and a non-zero exit status."),
        ".SH OPTIONS",
        *option_entries(parser),
        ".SH COMMANDS",
    ]
    lines += [roff("Each command that reads records also takes --database, --demo and "
                   "--passphrase-file, as above."), ".PP"]
    for name, help_text, sub in commands_of(parser):
        lines += [".SS " + roff(f"fibromap {name}"), roff(help_text)]
        own = option_entries(sub, shared)
        if own:
            lines += [".RS", *own, ".RE"]
    lines += [".SH ENVIRONMENT"]
    for name, meaning in ENVIRONMENT.items():
        lines += [".TP", f"\\fB{roff(name)}\\fR", roff(meaning)]
    lines += [
        ".SH EXIT STATUS",
        roff("0 when the command did its work, 1 on a problem it explains, 2 on a command "
             "line it cannot read, 130 when interrupted."),
        ".SH SEE ALSO",
        roff("The README at https://fibromap.org, and fibromap --help, "
             "fibromap COMMAND --help."),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_manpage.py OUTPUT", file=sys.stderr)
        return 2
    Path(argv[1]).write_text(manpage(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
