"""`fibromap --install-desktop-entry`: put FibroMap in the application menu of a pip install."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from fibromap import atomic
from fibromap.config import resource
from fibromap.errors import FibroMapError

APP_ID = "org.fibromap.FibroMap"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> str:
    """The command that starts the app without a terminal."""
    here = Path(sys.executable).parent
    for name in ("fibromap-gui", "fibromap"):
        candidate = here / name
        if candidate.exists():
            return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return f"{sys.executable} -m fibromap"


def install_desktop_entry(data_home: Path | None = None) -> str:
    """Write the .desktop file and the icons for this user; returns what was done."""
    if sys.platform != "linux":
        raise FibroMapError("--install-desktop-entry is for Linux desktops; on Windows and "
                            "macOS install the FibroMap bundle instead")
    home = data_home or _data_home()
    failure = f"cannot write the menu entry under {home}"
    entry = resource("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    command = launcher()
    if " " in command and not command.startswith(sys.executable):
        command = f'"{command}"'  # the desktop entry spec quotes paths with spaces
    entry = entry.replace("Exec=fibromap-gui", f"Exec={command}")
    target = home / "applications" / f"{APP_ID}.desktop"
    files = [(target, entry.encode("utf-8"))]
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
    return f"Added FibroMap to the application menu ({target})."
