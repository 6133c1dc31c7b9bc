"""The bundle's making: the spec's branch for each system, the Windows and macOS workflow,
and the icons of the executables (tests/test_slim.py: what is taken out on Linux)."""

import ast
import plistlib
import sys
from pathlib import Path

import pytest

import fibromap
from fibromap.ui.views import PAGES  # noqa: F401 - imported before sys.platform is changed below
from tests.helpers.packaging_scripts import PACKAGING, packaging_module

ROOT = PACKAGING.parent
bundle_parts = packaging_module("bundle_parts")
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
    assert {"PIL", "pygments", "scipy", "numpy.random", "yaml"} <= set(excluded)


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
