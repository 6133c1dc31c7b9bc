"""Make the Linux bundle smaller after PyInstaller has put it together, and say what each part weighs.

    python packaging/slim.py dist/FibroMap

Four things, each safe on its own (build.sh runs the bundle's self-test after them, which
loads every compiled module):
- strip the symbols from the libraries that still carry them, but put back any that comes
  out with misaligned load segments (one a wheel's repair rewrote with patchelf, as numpy's
  OpenBLAS: the loader refuses it);
- let Python's ssl and hashlib use the OpenSSL 3 psycopg's wheel brings, not a second one;
- drop the libraries nothing in the bundle needs any more (those the GTK theme, left out
  in the spec, had brought);
- rebuild Qt's ICU data library with only what Qt asks ICU for (collation, for the file
  dialogs' order; the converters; time zone ids); the names of languages, currencies,
  units and time zones, and the word-break dictionaries, go.
On Windows and macOS there is nothing to do: Qt uses the system's ICU there.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

# ---------------------------------------------------------------- ELF, as much as needed

DT_NEEDED, DT_STRTAB = 1, 5
SHT_SYMTAB, SHT_DYNSYM, SHT_VERDEF, SHT_VERNEED = 2, 11, 0x6FFFFFFD, 0x6FFFFFFE
PT_LOAD, PT_DYNAMIC = 1, 2


class Elf:
    """A 64-bit little-endian ELF file's dynamic entries, sections and symbols."""

    def __init__(self, data: bytes):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError("not a 64-bit little-endian ELF file")
        self.data = data
        (phoff, shoff) = struct.unpack_from("<QQ", data, 0x20)
        phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", data, 0x36)
        self.segments = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
        self.sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                         for i in range(shnum)] if shoff else []

    def file_offset(self, address: int) -> int:
        for kind, _flags, offset, vaddr, _paddr, filesz, _memsz, _align in self.segments:
            if kind == PT_LOAD and vaddr <= address < vaddr + filesz:
                return address - vaddr + offset
        raise ValueError(f"address {address:#x} is in no loaded segment")

    def dynamic(self) -> list[tuple[int, int]]:
        for kind, _flags, offset, _vaddr, _paddr, filesz, _memsz, _align in self.segments:
            if kind == PT_DYNAMIC:
                entries = [struct.unpack_from("<qQ", self.data, offset + i)
                           for i in range(0, filesz, 16)]
                return [(tag, value) for tag, value in entries if tag != 0]
        return []

    def _string(self, offset: int) -> str:
        return self.data[offset:self.data.index(b"\0", offset)].decode()

    def needed(self) -> list[str]:
        """The libraries it names to be loaded with it (DT_NEEDED)."""
        entries = self.dynamic()
        strtab = next((self.file_offset(value) for tag, value in entries if tag == DT_STRTAB), None)
        return [] if strtab is None else [self._string(strtab + value)
                                          for tag, value in entries if tag == DT_NEEDED]

    def loadable(self) -> bool:
        """Each loaded segment's address and place in the file agree modulo its alignment,
        as the loader demands."""
        return all((vaddr - offset) % align == 0
                   for kind, _flags, offset, vaddr, _paddr, _filesz, _memsz, align in self.segments
                   if kind == PT_LOAD and align > 1)

    def has_symbol_table(self) -> bool:
        return any(section[1] == SHT_SYMTAB for section in self.sections)

    def _version_sections(self, kind: int):
        for section in self.sections:
            if section[1] == kind:
                yield section[4], self.sections[section[6]][4]  # its place, its strings' place

    def versions_defined(self) -> set[str]:
        """The symbol versions it defines (OPENSSL_3.0.0, ...)."""
        names = set()
        for at, strings in self._version_sections(SHT_VERDEF):
            while True:
                _version, _flags, _index, count, _hash, aux, following = struct.unpack_from(
                    "<HHHHIII", self.data, at)
                if count:
                    names.add(self._string(strings + struct.unpack_from("<I", self.data, at + aux)[0]))
                if not following:
                    break
                at += following
        return names

    def versions_needed(self) -> dict[str, set[str]]:
        """The symbol versions it asks of each library it needs."""
        wanted: dict[str, set[str]] = {}
        for at, strings in self._version_sections(SHT_VERNEED):
            while True:
                _version, count, file, aux, following = struct.unpack_from("<HHIII", self.data, at)
                names = wanted.setdefault(self._string(strings + file), set())
                entry = at + aux
                for _ in range(count):
                    _hash, _flags, _other, name, step = struct.unpack_from("<IHHII", self.data, entry)
                    names.add(self._string(strings + name))
                    entry += step
                if not following:
                    break
                at += following
        return wanted

    def dynamic_symbol(self, pattern: str) -> tuple[str, int, int]:
        """(name, file offset, size) of the first exported symbol whose name matches ``pattern``."""
        for section in self.sections:
            if section[1] != SHT_DYNSYM:
                continue
            strings = self.sections[section[6]][4]  # the linked string table's file offset
            for at in range(section[4], section[4] + section[5], section[9]):
                name_at, _info, _other, index, value, size = struct.unpack_from("<IBBHQQ", self.data, at)
                name = self._string(strings + name_at)
                if index and re.fullmatch(pattern, name):
                    return name, self.file_offset(value), size
        raise ValueError(f"no exported symbol matches {pattern}")


def read_elf(path: Path) -> Elf | None:
    with path.open("rb") as file:
        if file.read(4) != b"\x7fELF":
            return None
    try:
        return Elf(path.read_bytes())
    except (ValueError, struct.error):
        return None


# ---------------------------------------------------------------- ICU's common data

def read_common_data(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """An ICU common data package ("CmnD"): its header, and each item's name and bytes in
    the package's (sorted) order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or blob[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    starts = sorted(offset for _name, offset in entries) + [len(toc)]
    ends = {start: end for start, end in zip(starts, starts[1:], strict=False)}
    items = [(toc[name:toc.index(b"\0", name)].decode("ascii"), toc[offset:ends[offset]])
             for name, offset in entries]
    return blob[:header_size], items


PADDING = b"\xaa"  # what ICU's own packager fills gaps with


def write_common_data(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package of ``items`` (kept in their sorted order: ICU looks them up by halves)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    table = 4 + 8 * len(items)
    offset = (table + len(names) + 15) // 16 * 16
    entries, name_at, body = [], table, bytearray()
    for name, data in items:
        entries.append(struct.pack("<II", name_at, offset + len(body)))
        name_at += len(name) + 1
        body += data + PADDING * (-len(data) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + PADDING * (offset - len(toc)) + bytes(body)


LOCALE_BUNDLE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]+)*\.res")
SMALL_CONVERTER = 64_000  # the single-byte code pages; the large East Asian ones go


def icu_item_kept(name: str, size: int) -> bool:
    """Whether Qt can need the ICU data item ``name`` ("icudt73l/coll/de.res"). Qt calls
    ICU for collation (ucol), the code-page converters (ucnv), case mapping and the time
    zone's id (ucal), and nothing else (the ICU functions libQt6Core imports): the coll
    tree, the small converters, normalisation and the package-wide tables stay; the trees
    of display names (lang, region, curr, unit, zone), transliteration, spelled-out
    numbers, the word-break dictionaries, each language's date and number formats, and the
    data of ICU services Qt never calls go."""
    inner = name.split("/", 1)[1]
    if "/" in inner:
        return inner.startswith("coll/")
    if inner.endswith(".cnv"):
        return size < SMALL_CONVERTER
    if inner.endswith(".res"):
        return inner == "res_index.res" or not LOCALE_BUNDLE.fullmatch(inner)
    # Character names, StringPrep, spoof checks and IDNA: APIs Qt does not call.
    return not (inner.endswith((".spp", ".cfu")) or inner in ("unames.icu", "uts46.nrm"))


def shrink_icu(library: Path) -> tuple[int, int]:
    """Rebuild ``library`` (libicudata) with the items Qt can need, with binutils' as and ld.
    (size before, size after); the library is left as it was when they are missing."""
    before = library.stat().st_size
    elf = read_elf(library)
    tools = shutil.which("as"), shutil.which("ld")
    if elf is None or None in tools:
        print(f"slim: left {library.name} whole (no ELF reader or no binutils)")
        return before, before
    symbol, offset, size = elf.dynamic_symbol(r"icudt\d+_dat")
    header, items = read_common_data(elf.data[offset:offset + size])
    kept = [(name, data) for name, data in items if icu_item_kept(name, len(data))]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "data.dat").write_bytes(write_common_data(header, kept))
        (work / "data.s").write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "data.dat"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        subprocess.run([tools[0], "-o", "data.o", "data.s"], cwd=work, check=True)
        subprocess.run([tools[1], "-shared", "-soname", library.name, "-o", "lib.so", "data.o"],
                       cwd=work, check=True)
        shutil.copyfile(work / "lib.so", library)
    return before, library.stat().st_size


# ---------------------------------------------------------------- the bundle

def is_extension(path: Path) -> bool:
    return ".cpython-" in path.name or ".abi3." in path.name


def strip_symbols(internal: Path) -> list[Path]:
    """Strip what still carries a symbol table; a library whose load segments come out
    misaligned (one a wheel's repair rewrote with patchelf, as numpy's OpenBLAS) is put
    back as it was: the loader would refuse it."""
    stripped: list[Path] = []
    tool = shutil.which("strip")
    if tool is None:
        return stripped
    for path in sorted(internal.rglob("*.so*")):
        elf = read_elf(path) if path.is_file() and not path.is_symlink() else None
        if elf is None or not elf.has_symbol_table():
            continue
        subprocess.run([tool, "--strip-unneeded", str(path)], check=True)
        after = read_elf(path)
        if after is None or not after.loadable():
            path.write_bytes(elf.data)
        else:
            stripped.append(path)
    return stripped


def elf_files(internal: Path):
    for path in internal.rglob("*.so*"):
        elf = read_elf(path) if path.is_file() and not path.is_symlink() else None
        if elf is not None:
            yield path, elf


def share_openssl(internal: Path) -> list[str]:
    """Python's ssl and hashlib load the system's OpenSSL 3 that PyInstaller copied
    (libssl.so.3, libcrypto.so.3), while psycopg's wheel carries a newer OpenSSL 3 of its own
    (for libpq). Where the wheel's defines every symbol version asked of the system's, the
    system's copy becomes a link to it: one OpenSSL in the process, 5 MB less."""
    shared = []
    asked: dict[str, set[str]] = {}
    for _path, elf in elf_files(internal):
        for library, versions in elf.versions_needed().items():
            asked.setdefault(library, set()).update(versions)
    for name in ("libcrypto.so.3", "libssl.so.3"):
        own = internal / name
        theirs = sorted(internal.glob(f"*.libs/{name.split('.so')[0]}-*.so.3"))
        if not own.is_file() or own.is_symlink() or not theirs:
            continue
        wheel = read_elf(theirs[0])
        if wheel is None or not asked.get(name, set()) <= wheel.versions_defined():
            continue
        own.unlink()
        own.symlink_to(theirs[0].relative_to(internal))
        shared.append(name)
    return shared


def drop_unneeded_libraries(internal: Path) -> list[str]:
    """Remove the shared libraries that no file in the bundle needs (until none is left),
    and the links to them. Qt's plugins are loaded by Qt, and Python's own library by the
    executable, not by a name in a file: they stay."""
    dropped: list[str] = []
    while True:
        libraries = [path for path in internal.rglob("*.so*")
                     if not is_extension(path) and not path.name.startswith("libpython")
                     and "plugins" not in path.relative_to(internal).parts]
        needed: set[str] = set()
        for _path, elf in elf_files(internal):
            needed.update(elf.needed())
        # A library is needed by its own name or by the name of a link to it.
        names: dict[Path, set[str]] = {}
        for path in libraries:
            names.setdefault(path.resolve(), set()).add(path.name)
        orphans = [path for path in libraries if (path.is_symlink() and not path.exists())
                   or not (names[path.resolve()] if path.exists() else {path.name}) & needed]
        if not orphans:
            return dropped
        for path in orphans:
            path.unlink()
            dropped.append(path.name)


COMPONENTS = (  # (name, how a path inside _internal starts), the first that matches
    ("Qt: ICU (Unicode data)", "PySide6/Qt/lib/libicu"),
    ("Qt: libraries", "PySide6/Qt/lib/"),
    ("Qt: plugins", "PySide6/Qt/plugins/"),
    ("Qt: translations", "PySide6/Qt/translations/"),
    ("PySide6 bindings", "PySide6/"),
    ("PySide6 bindings", "shiboken6"),
    ("numpy: OpenBLAS and Fortran", "numpy.libs/"),
    ("numpy", "numpy"),
    ("Pillow (unused)", "PIL"),
    ("Pillow (unused)", "pillow"),
    ("SQLCipher (sqlcipher3)", "sqlcipher3"),
    ("cryptography", "cryptography"),
    ("PostgreSQL (psycopg)", "psycopg"),
    ("SQLAlchemy", "sqlalchemy"),
    ("Python runtime", "libpython"),
    ("Python runtime", "python3"),
    ("Python runtime", "base_library.zip"),
    ("FibroMap's resources", "resources/"),
)


def components(bundle: Path) -> Counter[str]:
    """Bytes on disk of each part of the one-folder ``bundle``."""
    sizes: Counter[str] = Counter()
    internal = bundle / "_internal"
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        size = path.stat().st_size
        if path.parent == bundle:
            sizes["Python code (in the executable)"] += size
            continue
        inside = path.relative_to(internal).as_posix()
        part = next((name for name, start in COMPONENTS if inside.startswith(start)), None)
        if part is None:
            part = "system libraries" if path.parent == internal and ".so" in path.name else "other"
        sizes[part] += size
    return sizes


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else "dist/FibroMap")
    internal = bundle / "_internal"
    if not sys.platform.startswith("linux"):
        return 0
    before = sum(components(bundle).values())
    for library in internal.glob("PySide6/Qt/lib/libicudata.so.*"):
        old, new = shrink_icu(library)
        print(f"slim: {library.name} {old / 2**20:.1f} MB -> {new / 2**20:.1f} MB")
    stripped = strip_symbols(internal)
    shared = share_openssl(internal)
    dropped = drop_unneeded_libraries(internal)
    print(f"slim: {', '.join(shared) or 'no library'} shared with psycopg's wheel")
    print(f"slim: stripped {len(stripped)} libraries; dropped {len(set(dropped))} nothing needed: "
          f"{', '.join(sorted(set(dropped))) or 'none'}")
    sizes = components(bundle)
    for name, size in sizes.most_common():
        print(f"  {size / 2**20:7.1f} MB  {name}")
    print(f"slim: {before / 2**20:.0f} MB -> {sum(sizes.values()) / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
