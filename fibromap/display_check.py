"""Can Qt open a window here? `make run` asks before starting the app.

On a fresh Debian or Ubuntu machine, Qt's X11 platform plugin needs system libraries
that are often missing (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, …); Qt then
aborts with a message that names only the first. This asks the dynamic linker (ldd) for
every library the plugin would lack and prints the one apt-get line that installs them.
No Qt is imported: the check must work where Qt cannot start.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

# Debian names a library's package after its soname (libfoo.so.4 → libfoo4, and
# libfoo-1.so.3 → libfoo-1-3); these do not follow the rule.
PACKAGE_EXCEPTIONS = {"libglib-2.0.so.0": "libglib2.0-0",
                      "libgthread-2.0.so.0": "libglib2.0-0",
                      "libgobject-2.0.so.0": "libglib2.0-0"}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships the library ``soname``."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    name, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    joint = "-" if name[-1:].isdigit() and version else ""
    return (name + joint + version).lower()


def missing_in(ldd_output: str) -> list[str]:
    """The libraries ldd reports as not found, each once, in the order it names them."""
    found = (_NOT_FOUND.match(line) for line in ldd_output.splitlines())
    return list(dict.fromkeys(match.group(1) for match in found if match))


def platform_plugin() -> str:
    """The platform plugin Qt will load, as Qt chooses it on Linux."""
    asked = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if asked:
        return asked
    if os.environ.get("WAYLAND_DISPLAY") and os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def plugin_files(plugin: str) -> list[Path]:
    """The plugin's library and, for xcb, Qt's own X11 library beside it."""
    spec = find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    files = [qt / "plugins" / "platforms" / f"libq{plugin}.so"]
    if plugin == "xcb":
        files.append(qt / "lib" / "libQt6XcbQpa.so.6")
    return [file for file in files if file.is_file()]


def missing_libraries(plugin: str) -> list[str]:
    """What the dynamic linker cannot find for ``plugin`` (empty when it can't tell)."""
    ldd = shutil.which("ldd")
    if ldd is None or not sys.platform.startswith("linux"):
        return []
    missing: list[str] = []
    for file in plugin_files(plugin):
        result = subprocess.run([ldd, str(file)], capture_output=True, text=True, timeout=30)
        missing += missing_in(result.stdout)
    return list(dict.fromkeys(missing))


def install_line(packages: list[str], as_root: bool) -> str:
    """The apt-get line that installs ``packages``: with sudo for a person, without it for
    root (a bare Debian system or a container has no sudo, and root needs none)."""
    return ("" if as_root else "sudo ") + "apt-get install " + " ".join(packages)


def main() -> int:
    plugin = platform_plugin()
    if plugin in ("offscreen", "minimal", "vnc"):
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages = list(dict.fromkeys(debian_package(name) for name in missing))
    print(f"FibroMap cannot open a window yet: Qt's {plugin} platform plugin needs "
          f"{', '.join(missing)}, missing on this system. Install them with:\n"
          f"    {install_line(packages, os.geteuid() == 0)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
