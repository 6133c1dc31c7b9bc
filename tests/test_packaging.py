"""The bundle's making: the spec's branch for each system, the Windows and macOS workflow,
the icons of the executables, and what packaging/slim.py takes out of the Linux bundle."""

import ast
import importlib.util
import plistlib
import shutil
import sys
from pathlib import Path

import pytest

import fibromap
from fibromap.ui.views import PAGES  # noqa: F401 - imported before sys.platform is changed below

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def packaging_module(name: str):
    """A script of packaging/, imported by its path (the folder is no package)."""
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bundle_parts = packaging_module("bundle_parts")
slim = packaging_module("slim")
make_icons = packaging_module("make_icons")


# ---------------------------------------------------------------- the spec on each system

# What PyInstaller's analysis would hand the spec on Linux (destination, source, kind).
PLUGINS = "PySide6/Qt/plugins/"
KEPT = [f"{PLUGINS}platforms/libqxcb.so", f"{PLUGINS}platforms/libqwayland.so",
        f"{PLUGINS}platforms/libqoffscreen.so", f"{PLUGINS}imageformats/libqsvg.so",
        f"{PLUGINS}printsupport/libcupsprintersupport.so", "PySide6/Qt/lib/libQt6Gui.so.6", "libssl.so.3"]
BINARIES = [*KEPT, f"{PLUGINS}platforms/libqeglfs.so", f"{PLUGINS}imageformats/libqjpeg.so",
            f"{PLUGINS}generic/libqevdevmouseplugin.so", f"{PLUGINS}tls/libqopensslbackend.so",
            f"{PLUGINS}platformthemes/libqgtk3.so", "libcups.so.2", "libgtk-3.so.0"]
DATAS = ["resources/icons/fibromap.ico", "resources/icons/fibromap.icns", "resources/icons/fibromap-16.png",
         "pyqtgraph/icons/peegee/peegee_512px.png", "pyqtgraph/colors/maps/viridis.csv",
         "pyqtgraph/icons/auto.png"]


def run_spec(platform: str, monkeypatch, tmp_path) -> dict:
    """packaging/fibromap.spec run as PyInstaller runs it on ``platform``, with PyInstaller's
    building blocks recording what they are given."""
    made: dict = {"EXE": [], "COLLECT": [], "BUNDLE": []}

    class Analysis:
        def __init__(self, scripts, **options):
            made["Analysis"] = options
            self.pure, self.scripts = [], []
            self.binaries = [(name, f"/site/{name}", "BINARY") for name in BINARIES]
            self.datas = [(name, f"/site/{name}", "DATA") for name in DATAS]

    def exe(*_parts, **options):
        made["EXE"].append(options)
        return options["name"]

    def collect(*parts, **options):
        made["COLLECT"].append((parts, options))
        return "collected"

    namespace = {"SPECPATH": str(PACKAGING), "workpath": str(tmp_path), "Analysis": Analysis,
                 "PYZ": lambda pure: "pyz", "EXE": exe, "COLLECT": collect,
                 "BUNDLE": lambda *parts, **options: made["BUNDLE"].append(options)}
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    spec = PACKAGING / "fibromap.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    made["analysis"] = namespace["a"]
    return made


def test_on_linux_one_command_and_only_the_parts_fibromap_uses(monkeypatch, tmp_path):
    made = run_spec("linux", monkeypatch, tmp_path)
    assert [options["name"] for options in made["EXE"]] == ["fibromap"]
    assert made["EXE"][0]["console"] and made["EXE"][0]["version"] is None
    assert made["BUNDLE"] == []
    kept = {name for name, _source, _kind in made["analysis"].binaries}
    assert kept == set(KEPT)
    assert {name for name, _source, _kind in made["analysis"].datas} == {
        "resources/icons/fibromap-16.png", "pyqtgraph/icons/auto.png"}
    excluded = made["Analysis"]["excludes"]
    # The single-instance socket, PostgreSQL's OpenSSL set-up and print support stay in.
    assert {"PySide6.QtNetwork", "ssl", "_ssl", "PySide6.QtPrintSupport"}.isdisjoint(excluded)
    assert {"PIL", "pygments", "scipy", "numpy.random"} <= set(excluded)


def test_on_windows_a_version_resource_an_icon_and_a_command_without_a_console(monkeypatch, tmp_path):
    made = run_spec("win32", monkeypatch, tmp_path)
    assert {options["name"]: options["console"] for options in made["EXE"]} == {
        "fibromap": True, "fibromap-gui": False}
    for options in made["EXE"]:
        assert options["icon"] == str(ROOT / "resources" / "icons" / "fibromap.ico")
        text = Path(options["version"]).read_text(encoding="utf-8")
        assert f"'OriginalFilename', '{options['name']}.exe'" in text
        assert f"'ProductVersion', '{fibromap.__version__}'" in text
    assert made["BUNDLE"] == []


def test_on_macos_an_application_with_its_info_plist_and_icns(monkeypatch, tmp_path):
    made = run_spec("darwin", monkeypatch, tmp_path)
    (bundle,) = made["BUNDLE"]
    assert bundle["name"] == "FibroMap.app"
    assert bundle["icon"] == str(ROOT / "resources" / "icons" / "fibromap.icns")
    assert bundle["bundle_identifier"] == "org.fibromap.FibroMap"
    assert bundle["info_plist"]["CFBundleVersion"] == fibromap.__version__
    # The application starts the windowed command: the first one collected.
    parts, _options = made["COLLECT"][0]
    assert parts[:2] == ("fibromap-gui", "fibromap")


def test_the_info_plist_is_one_macos_reads():
    entries = plistlib.loads(plistlib.dumps(bundle_parts.info_plist("1.2.0rc1")))
    assert entries["CFBundleIdentifier"] == "org.fibromap.FibroMap"
    assert entries["CFBundleShortVersionString"] == "1.2.0"
    assert entries["CFBundleVersion"] == "1.2.0rc1"
    assert entries["NSHighResolutionCapable"] is True
    assert entries["LSBackgroundOnly"] is False
    assert "CFBundleDocumentTypes" not in entries  # FibroMap claims no kind of file


def test_the_windows_version_resource_carries_the_package_version():
    """Read as PyInstaller reads it (an expression of its VSVersionInfo classes)."""
    calls = []

    def record(kind):
        return lambda *args, **kwargs: calls.append((kind, args, kwargs)) or (kind, args, kwargs)

    names = {kind: record(kind) for kind in ("VSVersionInfo", "FixedFileInfo", "StringFileInfo",
                                             "StringTable", "StringStruct", "VarFileInfo", "VarStruct")}
    text = bundle_parts.windows_version_text("2.3.1", "FibroMap", "fibromap.exe")
    ast.parse(text, mode="eval")
    eval(text, names)  # noqa: S307 - our own text, as PyInstaller evaluates it
    (fixed,) = [kwargs for kind, _args, kwargs in calls if kind == "FixedFileInfo"]
    assert fixed["filevers"] == fixed["prodvers"] == (2, 3, 1, 0)
    strings = dict(args for kind, args, _kwargs in calls if kind == "StringStruct")
    assert strings["FileVersion"] == strings["ProductVersion"] == "2.3.1"
    assert bundle_parts.version_numbers("0.1.0") == (0, 1, 0, 0)
    assert bundle_parts.version_numbers("1.2.3.4.5") == (1, 2, 3, 4)


@pytest.mark.parametrize(("destination", "kept"), [
    ("PySide6/plugins/platforms/qwindows.dll", True),  # Windows' layout
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),  # macOS's
    ("PySide6/Qt/plugins/imageformats/libqsvg.dylib", True),
    ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-x11-integration.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
    ("PySide6/QtCore.abi3.so", True),
    ("numpy/plugins/whatever.so", True),  # not Qt's
])
def test_the_qt_plugins_kept_on_each_system(destination, kept):
    assert bundle_parts.qt_plugin_wanted(destination) is kept


# ---------------------------------------------------------------- the executables' icons

ICONS = ROOT / "resources" / "icons"


def decoded_size(png: bytes) -> tuple[int, int]:
    from PySide6.QtGui import QImage

    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return image.width(), image.height()


def test_the_windows_icon_holds_each_size_as_a_picture_qt_reads():
    pictures = make_icons.read_ico((ICONS / "fibromap.ico").read_bytes())
    assert sorted(pictures) == list(make_icons.ICO_SIZES)
    assert all(decoded_size(png) == (size, size) for size, png in pictures.items())
    assert make_icons.ico(pictures) == (ICONS / "fibromap.ico").read_bytes()


def test_the_macos_icon_parses_back_with_every_type_at_its_size():
    data = (ICONS / "fibromap.icns").read_bytes()
    pictures = make_icons.read_icns(data)
    assert set(pictures) == {kind for kind, _size in make_icons.ICNS_TYPES}
    assert all(decoded_size(pictures[kind]) == (size, size) for kind, size in make_icons.ICNS_TYPES)
    assert make_icons.icns({size: pictures[kind] for kind, size in make_icons.ICNS_TYPES}) == data
    # The 512-pixel picture is the Linux desktop's own, so all three systems show one icon.
    assert pictures["ic09"] == (ICONS / "fibromap-512.png").read_bytes()


def test_a_damaged_icon_file_is_refused():
    data = (ICONS / "fibromap.icns").read_bytes()
    with pytest.raises(ValueError, match="not whole"):
        make_icons.read_icns(data[:-10])
    wrong = bytearray(data)
    wrong[8:12] = b"ic10"  # a 16-pixel picture under the 1024-pixel type
    with pytest.raises(ValueError, match="1024"):
        make_icons.read_icns(bytes(wrong))
    ico = bytearray((ICONS / "fibromap.ico").read_bytes())
    ico[6] = 48  # the 16-pixel entry says 48
    with pytest.raises(ValueError, match="size"):
        make_icons.read_ico(bytes(ico))


# ---------------------------------------------------------------- the Windows and macOS workflow

def test_the_workflow_builds_self_tests_and_keeps_each_bundle():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "desktop-builds.yml").read_text())
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML 1.1 reads `on` as true
    (job,) = workflow["jobs"].values()
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest"}
    assert job["runs-on"] == "${{ matrix.os }}"
    steps = job["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    runs = [step.get("run", "") for step in steps]
    installed = next(index for index, run in enumerate(runs) if "pip install" in run)
    built = next(index for index, run in enumerate(runs) if "packaging/fibromap.spec" in run)
    tests = [(index, step) for index, step in enumerate(steps) if "--self-test" in step.get("run", "")]
    uploaded = uses.index("actions/upload-artifact")
    assert installed < built < min(index for index, _step in tests) and uploaded == len(steps) - 1
    assert {step["if"] for _index, step in tests} == {"runner.os == 'Windows'", "runner.os == 'macOS'"}
    assert all(step["env"]["QT_QPA_PLATFORM"] == "offscreen" for _index, step in tests)
    assert any("FibroMap.app/Contents/MacOS/fibromap --self-test" in step["run"] for _index, step in tests)
    assert steps[uploaded]["with"]["if-no-files-found"] == "error"


# ---------------------------------------------------------------- making the Linux bundle smaller

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
