"""The Depends line of FibroMap's Debian package: the system libraries the bundle needs
and does not carry, each named by the Debian package that ships it.

    python3 packaging/deb_depends.py dist/FibroMap

Every ELF file of the bundle names the libraries it needs (its NEEDED entries, read with
objdump). Those the bundle carries itself (PyInstaller copies most of them) need nothing;
the rest (the C library, OpenGL, libxcb, Wayland: the ones tied to the system's drivers and
display server, which PyInstaller leaves out on purpose) are looked up on this machine:
the file the dynamic linker would load, the package dpkg says it came from, and the minimum
version that package's shlibs file asks for, as dpkg-shlibdeps does (which takes over a
minute on this bundle and stumbles over its private libraries). A library this machine
lacks is named by fibromap.display_check's rule instead, and said.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fibromap.display_check import debian_package  # noqa: E402 - needs the checkout on the path

# The bundle's own fontconfig reads the system's configuration, which brings a font.
DATA_NEEDED = {"libfontconfig.so.1": "fontconfig-config"}


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed(files: list[Path]) -> set[str]:
    """The sonames ``files`` ask the dynamic linker for."""
    names: set[str] = set()
    for start in range(0, len(files), 200):
        result = subprocess.run(["objdump", "-p", *map(str, files[start:start + 200])],
                                capture_output=True, text=True, check=True)
        names.update(re.findall(r"^\s+NEEDED\s+(\S+)$", result.stdout, re.MULTILINE))
    return names


def carried(bundle: Path) -> set[str]:
    return {path.name for path in bundle.rglob("*")}


def system_file(soname: str) -> Path | None:
    """The file of ``soname`` the dynamic linker would load, from the directories of this
    machine's architecture."""
    multiarch = sysconfig.get_config_var("MULTIARCH") or ""
    for folder in (f"/lib/{multiarch}", f"/usr/lib/{multiarch}", "/lib64", "/usr/lib64", "/lib", "/usr/lib"):
        candidate = Path(folder) / soname
        if candidate.exists():
            return candidate
    return None


def owners(paths: list[Path]) -> dict[Path, str]:
    """The package dpkg installed each of ``paths`` from, asked once for all of them (under
    /lib or /usr/lib alike: Debian merged the two, and dpkg knows each file by one)."""
    spellings: dict[str, Path] = {}
    for path in paths:
        for one in {str(path), str(path.resolve())}:
            spellings[one] = path
            spellings[one.removeprefix("/usr") if one.startswith("/usr/lib") else "/usr" + one] = path
    # dpkg-query fails when any spelling is unknown, and still names the others' packages.
    result = subprocess.run(["dpkg-query", "-S", *sorted(spellings)], capture_output=True, text=True)
    found: dict[Path, str] = {}
    for line in result.stdout.splitlines():
        packages, _, where = line.partition(": ")
        if where in spellings:
            found.setdefault(spellings[where], packages.split(",")[0].split(":")[0].strip())
    return found


def shlibs_dependency(package: str, soname: str) -> str:
    """What the package's shlibs file asks of a program linked with ``soname``
    ("libc6 (>= 2.36)"), or the package alone."""
    name, _, version = soname.partition(".so.")
    info = Path("/var/lib/dpkg/info")
    for shlibs in (info / f"{package}.shlibs", *info.glob(f"{package}:*.shlibs")):
        if shlibs.exists():
            for line in shlibs.read_text().splitlines():
                fields = line.split(None, 2)
                if len(fields) == 3 and fields[:2] == [name, version.split(".")[0]]:
                    return fields[2]
    return package


def depends(bundle: Path) -> tuple[list[str], list[str]]:
    """The Depends entries, and the libraries named by rule because this machine lacks them."""
    have = carried(bundle)
    missing = sorted(needed(elf_files(bundle)) - have)
    files = {soname: system_file(soname) for soname in missing}
    packages = owners([path for path in files.values() if path is not None])
    entries: dict[str, str] = {}
    guessed = []
    for soname in missing:
        path = files[soname]
        package = packages.get(path) if path is not None else None
        if package is None:
            package = debian_package(soname)
            guessed.append(soname)
            entries.setdefault(package, package)
        elif "(" not in entries.get(package, ""):  # a version asked by one soname stays
            entries[package] = shlibs_dependency(package, soname)
    for soname, package in DATA_NEEDED.items():
        if soname in have:
            entries.setdefault(package, package)
    return [entries[package] for package in sorted(entries)], guessed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: deb_depends.py BUNDLE", file=sys.stderr)
        return 2
    entries, guessed = depends(Path(argv[1]))
    if guessed:
        print(f"deb_depends: not on this machine, named by rule: {', '.join(guessed)}", file=sys.stderr)
    print(", ".join(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
