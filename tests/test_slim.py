"""packaging/slim.py, each step on real libraries: ICU's data trimmed (and still sorting as
the whole), stripping that puts back what it would break, Python's ssl sharing psycopg's
OpenSSL, and the libraries nothing needs dropped."""

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.helpers.packaging_scripts import packaging_module

slim = packaging_module("slim")

SITE = Path(importlib.util.find_spec("numpy").origin).parent.parent
ICU = SITE / "PySide6" / "Qt" / "lib"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not (ICU / "libicudata.so.73").exists(),
    reason="the Linux wheels' ICU and OpenSSL")
binutils = pytest.mark.skipif(None in (shutil.which("strip"), shutil.which("as"), shutil.which("ld")),
                              reason="needs binutils (strip, as, ld)")


def icu_blob(library: Path) -> bytes:
    elf = slim.read_elf(library)
    _name, offset, size = elf.dynamic_symbol(r"icudt\d+_dat")
    return elf.data[offset:offset + size]


@linux_only
def test_icus_data_package_is_read_and_written_back_byte_for_byte():
    blob = icu_blob(ICU / "libicudata.so.73")
    header, items = slim.read_common_data(blob)
    assert len(items) > 3000 and items[0][0].startswith("icudt73l/")
    assert slim.write_common_data(header, items) == blob


SORTING = r"""
import ctypes, functools, sys
i18n = ctypes.CDLL(sys.argv[1] + "/libicui18n.so.73")
uc = ctypes.CDLL(sys.argv[1] + "/libicuuc.so.73")
i18n.ucol_open_73.restype = ctypes.c_void_p
i18n.ucol_open_73.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
text = [ctypes.c_char_p, ctypes.c_int32]
i18n.ucol_strcoll_73.argtypes = [ctypes.c_void_p, *text, *text]
uc.ucnv_open_73.restype = ctypes.c_void_p
words = ["z", "ä", "ö", "å", "ch", "c", "h", "ł", "l", "ı", "i", "ñ", "n", "ß", "ss", "日本", "中文", "한국"]
def compare(collator, a, b):
    a, b = a.encode("utf-16-le"), b.encode("utf-16-le")
    return i18n.ucol_strcoll_73(collator, a, len(a) // 2, b, len(b) // 2)
for locale in ["", "de", "sv", "es", "pl", "tr", "fi", "cs", "ja", "zh", "ko", "fr_CA", "xx"]:
    status = ctypes.c_int(0)
    collator = i18n.ucol_open_73(locale.encode(), ctypes.byref(status))
    order = sorted(words, key=functools.cmp_to_key(lambda a, b: compare(collator, a, b)))
    print(locale, status.value, " ".join(order))
for name in ["windows-1252", "ISO-8859-2", "KOI8-R", "UTF-16"]:
    status = ctypes.c_int(0)
    uc.ucnv_open_73(name.encode(), ctypes.byref(status))
    print(name, status.value)
"""


@linux_only
@binutils
def test_the_trimmed_icu_sorts_and_converts_as_the_whole_one(tmp_path):
    """What Qt asks of ICU (collation in many languages, the single-byte code pages) comes
    out the same from the trimmed data as from the whole."""
    import subprocess

    trimmed = tmp_path / "lib"
    trimmed.mkdir()
    for name in ("libicudata.so.73", "libicuuc.so.73", "libicui18n.so.73"):
        shutil.copy(ICU / name, trimmed / name)
    before, after = slim.shrink_icu(trimmed / "libicudata.so.73")
    assert after < before / 4
    kept = {name for name, _data in slim.read_common_data(icu_blob(trimmed / "libicudata.so.73"))[1]}
    assert "icudt73l/coll/sv.res" in kept and "icudt73l/lang/de.res" not in kept

    def sorted_by(folder: Path) -> str:
        run = subprocess.run([sys.executable, "-c", SORTING, str(folder)], capture_output=True, text=True,
                             timeout=60, check=True)
        return run.stdout

    whole = sorted_by(ICU)
    assert sorted_by(trimmed) == whole
    assert "sv 0 c ch h i ı l ł n ñ ss ß z å ä ö" in whole  # Swedish: å ä ö after z


@pytest.mark.parametrize(("name", "size", "kept"), [
    ("icudt73l/coll/de.res", 100, True), ("icudt73l/coll/ucadata.icu", 600_000, True),
    ("icudt73l/res_index.res", 100, True), ("icudt73l/supplementalData.res", 250_000, True),
    ("icudt73l/cnvalias.icu", 64_000, True), ("icudt73l/ibm-5348_P100-1997.cnv", 3_000, True),
    ("icudt73l/euc-tw-2014.cnv", 550_000, False), ("icudt73l/de_CH.res", 100, False),
    ("icudt73l/lang/de.res", 100, False), ("icudt73l/brkitr/cjdict.dict", 2_000_000, False),
    ("icudt73l/zone/de.res", 100, False), ("icudt73l/unames.icu", 300_000, False),
])
def test_the_icu_data_kept(name, size, kept):
    assert slim.icu_item_kept(name, size) is kept


@linux_only
@pytest.mark.skipif(shutil.which("strip") is None, reason="needs binutils' strip")
def test_stripping_puts_back_a_library_it_would_misalign(tmp_path):
    blas = next((SITE / "numpy.libs").glob("libscipy_openblas*.so"))
    cython = next((SITE / "sqlalchemy").rglob("_collections_cy.*.so"))
    for source in (blas, cython):
        shutil.copy(source, tmp_path / source.name)
    stripped = slim.strip_symbols(tmp_path)
    assert stripped == [tmp_path / cython.name]
    assert (tmp_path / blas.name).read_bytes() == blas.read_bytes()
    small = slim.read_elf(tmp_path / cython.name)
    assert small.loadable() and not small.has_symbol_table()
    assert (tmp_path / cython.name).stat().st_size < cython.stat().st_size / 2


def system_library(name: str) -> Path:
    found = [path for folder in ("/usr/lib", "/lib", "/usr/lib64") for path in Path(folder).glob(f"*/{name}")]
    found += [Path(folder) / name for folder in ("/usr/lib64", "/lib64") if (Path(folder) / name).exists()]
    if not found:
        pytest.skip(f"no {name} on this machine")
    return found[0]


@linux_only
def test_pythons_ssl_shares_psycopgs_openssl_and_what_nothing_needs_goes(tmp_path):
    import _ssl
    import subprocess

    internal = tmp_path / "_internal"
    dynload = internal / "python3.11" / "lib-dynload"
    plugins = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    wheel = internal / "psycopg_binary.libs"
    for folder in (dynload, plugins, wheel):
        folder.mkdir(parents=True)
    shutil.copy(_ssl.__file__, dynload)
    for name in ("libssl.so.3", "libcrypto.so.3", "libz.so.1"):
        shutil.copy(system_library(name), internal / name)
    shutil.copy(system_library("libz.so.1"), internal / "libnobody.so.1")
    shutil.copy(system_library("libz.so.1"), plugins / "libqplugin.so")
    for library in (SITE / "psycopg_binary.libs").glob("lib*"):
        shutil.copy(library, wheel)

    assert slim.share_openssl(internal) == ["libcrypto.so.3", "libssl.so.3"]
    assert (internal / "libssl.so.3").resolve().parent == wheel
    dropped = slim.drop_unneeded_libraries(internal)
    # libpq and its own libraries go (no psycopg module here needs them), and what only a
    # link names stays (the wheel's OpenSSL, needed as libssl.so.3).
    assert "libnobody.so.1" in dropped and any(name.startswith("libpq-") for name in dropped)
    assert {"libssl.so.3", "libz.so.1"}.isdisjoint(dropped) and (internal / "libssl.so.3").exists()
    assert (plugins / "libqplugin.so").exists()  # loaded by Qt, needed by no file
    # Python's ssl loads with psycopg's OpenSSL (as the bundle's loader path sets it up).
    code = ("import importlib.util, sys\n"
            "spec = importlib.util.spec_from_file_location('_ssl', sys.argv[1])\n"
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
            "print(module.OPENSSL_VERSION, [line.split()[-1] for line in open('/proc/self/maps')\n"
            "       if 'libcrypto' in line][0])")
    run = subprocess.run([sys.executable, "-c", code, str(next(dynload.glob("_ssl*")))], capture_output=True,
                         text=True, timeout=60, env={"LD_LIBRARY_PATH": str(internal)})
    assert run.returncode == 0, run.stderr
    assert str(wheel) in run.stdout


@linux_only
def test_a_wheels_openssl_lacking_a_version_asked_for_is_not_shared(tmp_path):
    import _ssl

    (tmp_path / "other.libs").mkdir()
    shutil.copy(_ssl.__file__, tmp_path)
    shutil.copy(system_library("libcrypto.so.3"), tmp_path / "libcrypto.so.3")
    shutil.copy(system_library("libz.so.1"), tmp_path / "other.libs" / "libcrypto-0000.so.3")
    assert slim.share_openssl(tmp_path) == []
    assert not (tmp_path / "libcrypto.so.3").is_symlink()


def test_the_parts_add_up_to_the_whole_bundle(tmp_path):
    bundle = tmp_path / "FibroMap"
    for name, size in (("fibromap", 10), ("_internal/PySide6/Qt/lib/libicuuc.so.73", 20),
                       ("_internal/PySide6/Qt/lib/libQt6Core.so.6", 30), ("_internal/numpy.libs/x.so", 40),
                       ("_internal/libz.so.1", 50), ("_internal/base_library.zip", 60)):
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(b"x" * size)
    assert slim.components(bundle) == {
        "Python code (in the executable)": 10, "Qt: ICU (Unicode data)": 20, "Qt: libraries": 30,
        "numpy: OpenBLAS and Fortran": 40, "system libraries": 50, "Python runtime": 60}
