"""What goes into the bundle on each system, for packaging/fibromap.spec (and its tests).

Plain Python: the spec imports it while PyInstaller runs, the tests import it by path.
"""

from __future__ import annotations

import re
from pathlib import PurePath

BUNDLE_ID = "org.fibromap.FibroMap"

# The Qt plugins FibroMap needs, by folder: a set names the plugins kept (without "lib"
# and the file's ending), None keeps the whole folder. Every other folder is left out:
# evdev and tuio input and the EGL device integrations serve eglfs and linuxfb (no
# desktop), tls and networkinformation the network (FibroMap opens none).
QT_PLUGINS: dict[str, set[str] | None] = {
    # X11, Wayland, Windows, macOS, and offscreen for the self-test and headless reports.
    "platforms": {"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"},
    # PNG is built into QtGui; SVG is the only other kind of picture FibroMap reads.
    "imageformats": {"qsvg"},
    "iconengines": None,
    # Compose keys and input methods (ibus) for typing notes.
    "platforminputcontexts": None,
    # The desktop portal (light or dark, the file dialogs); the GTK theme is left out in
    # the spec, with the GTK it drags in.
    "platformthemes": None,
    # The printers, for printing the report (CUPS on Linux).
    "printsupport": None,
    "styles": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
}


def qt_plugin_wanted(destination: str) -> bool:
    """Whether the bundle keeps the file it would put at ``destination`` (a path inside the
    bundle): True for everything but the Qt plugins QT_PLUGINS leaves out."""
    parts = PurePath(destination.replace("\\", "/")).parts
    if "plugins" not in parts[:-2] or not parts[0].startswith("PySide6"):
        return True
    at = len(parts) - 1 - parts[::-1].index("plugins")
    if at + 2 != len(parts) - 1:
        return True  # not a plugin file (a folder deeper down)
    folder, name = parts[at + 1], parts[-1]
    if folder not in QT_PLUGINS:
        return False
    kept = QT_PLUGINS[folder]
    stem = re.sub(r"^lib", "", name.split(".")[0])
    return kept is None or stem in kept


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows keeps of a version ("0.1.0" is 0.1.0.0; "1.2.0rc1" is 1.2.0.0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(part) for part in release.group().split(".")] + [0, 0, 0]
    return numbers[0], numbers[1], numbers[2], numbers[3]


def windows_version_text(version: str, description: str, filename: str) -> str:
    """The version resource of a Windows executable (what Explorer's Properties shows), in
    the text form PyInstaller reads from a file (its VSVersionInfo written out; PyInstaller
    reads it with pefile, which only Windows installs)."""
    numbers = version_numbers(version)
    strings = ",\n".join(f"          StringStruct({key!r}, {value!r})" for key, value in (
        ("CompanyName", "The FibroMap team"), ("FileDescription", description),
        ("FileVersion", version), ("InternalName", "fibromap"),
        ("LegalCopyright", "GPL-3.0-or-later"), ("OriginalFilename", filename),
        ("ProductName", "FibroMap"), ("ProductVersion", version)))
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
{strings}])]),
    VarFileInfo([VarStruct('Translation', [0x0409, 1200])])  # US English, in UTF-16
  ]
)
"""


def info_plist(version: str) -> dict[str, object]:
    """The macOS application's Info.plist entries beyond PyInstaller's own. FibroMap owns no
    kind of document (it imports and exports files it does not claim), so it declares none."""
    return {
        "CFBundleName": "FibroMap",
        "CFBundleDisplayName": "FibroMap",
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": ".".join(map(str, version_numbers(version)[:3])),
        "CFBundleVersion": version,
        "CFBundlePackageType": "APPL",
        "LSApplicationCategoryType": "public.app-category.medical",
        "LSMinimumSystemVersion": "12.0",  # the oldest Qt 6.8 runs on
        "NSHighResolutionCapable": True,
        "LSBackgroundOnly": False,  # a window and a Dock icon
        # Light and dark follow the system's appearance.
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "GPL-3.0-or-later",
    }
