"""`fibromap --install-desktop-entry`: put FibroMap in the application menu of a pip install."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from fibromap import atomic
from fibromap.config import resource
from fibromap.errors import FibroMapError
from fibromap.i18n import _

APP_ID = "org.fibromap.FibroMap"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The Desktop Entry Specification's reserved characters (its section "The Exec key"): an
# argument holding any of them is quoted, or the menu takes it apart.
RESERVED = frozenset(' \t\n"\'\\><~|&;$*?#()`')
# Inside double quotes these four take a backslash before them.
ESCAPED_IN_QUOTES = frozenset('"`$\\')
# Then the general escapes of every string value of a .desktop file.
STRING_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> list[str]:
    """The command that starts the app without a terminal, as its arguments."""
    here = Path(sys.executable).parent
    command = [sys.executable, "-m", "fibromap"]
    for name in ("fibromap-gui", "fibromap"):
        candidate = here / name
        found = str(candidate) if candidate.exists() else shutil.which(name)
        if found:
            command = [found]
            break
    # A % in the program's own path is written %%, as the specification says, but GLib
    # (GNOME's menus and most others) looks for a program of that name before reading
    # %% as % and drops the entry: env, found as it is, runs the program instead.
    if "%" in command[0]:
        command.insert(0, shutil.which("env") or "/usr/bin/env")
    return command


def exec_argument(argument: str) -> str:
    """One argument of an Exec key, written so the menu reads back exactly ``argument``: a
    literal % doubled (field codes come last), the argument in double quotes when it holds
    a reserved character (with ", `, $ and \\ escaped inside), then the string escapes."""
    argument = argument.replace("%", "%%")
    if RESERVED.intersection(argument):
        argument = '"' + "".join("\\" + char if char in ESCAPED_IN_QUOTES else char
                                 for char in argument) + '"'
    return "".join(STRING_ESCAPES.get(char, char) for char in argument)


def exec_line(arguments: list[str]) -> str:
    """The value of an Exec key that starts ``arguments`` (a program and what it is given)."""
    return " ".join(exec_argument(argument) for argument in arguments)


def install_desktop_entry(data_home: Path | None = None) -> str:
    """Write the .desktop file and the icons for this user; returns what was done."""
    if sys.platform != "linux":
        raise FibroMapError(_("--install-desktop-entry is for Linux desktops; on Windows and "
                              "macOS install the FibroMap bundle instead"))
    home = data_home or _data_home()
    failure = _("cannot write the menu entry under {folder}").format(folder=home)
    template = resource("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    command = launcher()
    # The template's Exec lines: the app, and its actions (`fibromap-gui log`).
    entry = "".join(f"Exec={exec_line(command + line.split()[1:])}\n" if line.startswith("Exec=")
                    else line for line in template.splitlines(keepends=True))
    try:
        data = entry.encode("utf-8")
    except UnicodeEncodeError:
        raise FibroMapError(_("cannot add FibroMap to the menu from {folder}: a menu entry needs a "
                              "folder name in UTF-8; move FibroMap to another folder").format(
            folder=repr(command[0]))) from None
    target = home / "applications" / f"{APP_ID}.desktop"
    files = [(target, data)]
    files += [(home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
               resource("icons", f"fibromap-{size}.png").read_bytes()) for size in ICON_SIZES]
    files.append((home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
                  resource("icons", "fibromap.svg").read_bytes()))
    for path, data in files:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FibroMapError(f"{failure}: {atomic.reason(exc)}") from exc
        # A menu entry half written would start nothing: each file is whole or not there.
        atomic.write_bytes(path, data, failure=failure)
    return _("Added FibroMap to the application menu ({file}).").format(file=target)
