"""What differs on Windows and macOS, checked here on Linux: where the records, settings and
logs go (platformdirs), where a second start finds the running one (a named pipe on Windows,
a socket file elsewhere), and the menu entry that only Linux desktops take."""

import os
import sys
from pathlib import Path

import platformdirs
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from fibromap.cli import main
from fibromap.config import HOME_ENV, Paths, instance_address
from fibromap.desktop import install_desktop_entry
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from tests.helpers.refusals import says

LINUX_ONLY = ("--install-desktop-entry is for Linux desktops; on Windows and macOS install the "
              "FibroMap bundle instead")


@pytest.fixture
def person(tmp_path, monkeypatch) -> Path:
    """A home folder, and no FibroMap or XDG variable of the machine's own."""
    for name in list(os.environ):
        if name.startswith(("XDG_", "FIBROMAP_", "WIN_PD_OVERRIDE_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def paths_on(platform_dirs, monkeypatch) -> Paths:
    # platformdirs picks its class for the system it was imported on; each of its
    # functions asks that class, as FibroMap's config does.
    monkeypatch.setattr(platformdirs, "PlatformDirs", platform_dirs)
    return Paths.from_environment()


def test_on_windows_everything_stays_in_the_local_app_data_folder(person, monkeypatch):
    """Local, not roaming: a database should not travel with a roaming profile to another
    computer at logon, where another FibroMap may have it open too."""
    # What Windows would answer for each known folder (platformdirs' own override).
    local, roaming = "C:\\Users\\ann\\AppData\\Local", "C:\\Users\\ann\\AppData\\Roaming"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", roaming)
    paths = paths_on(Windows, monkeypatch)
    home = Path(os.path.join(local, "FibroMap"))
    assert paths.database_file == home / "fibromap.sqlite3"
    assert paths.settings_file == home / "settings.ini"
    assert paths.backups_dir == home / "backups"
    assert paths.logs_dir == home / "Logs"


def test_on_macos_application_support_and_the_logs_folder(person, monkeypatch):
    paths = paths_on(MacOS, monkeypatch)
    support = person / "Library" / "Application Support" / "FibroMap"
    assert paths.database_file == support / "fibromap.sqlite3"
    assert paths.settings_file == support / "settings.ini"
    assert paths.backups_dir == support / "backups"
    assert paths.logs_dir == person / "Library" / "Logs" / "FibroMap"


def test_on_linux_the_xdg_folders(person, monkeypatch):
    paths = paths_on(Unix, monkeypatch)
    assert paths.database_file == person / ".local" / "share" / "FibroMap" / "fibromap.sqlite3"
    assert paths.settings_file == person / ".config" / "FibroMap" / "settings.ini"
    assert paths.logs_dir == person / ".local" / "state" / "FibroMap" / "log"
    monkeypatch.setenv("XDG_DATA_HOME", str(person / "data"))
    assert paths_on(Unix, monkeypatch).database_file == person / "data" / "FibroMap" / "fibromap.sqlite3"


def test_fibromap_home_wins_on_every_system(person, monkeypatch):
    for platform_dirs in (Windows, MacOS, Unix):
        monkeypatch.setenv(HOME_ENV, str(person / "records"))
        assert paths_on(platform_dirs, monkeypatch).database_file == person / "records" / "fibromap.sqlite3"


def test_on_windows_a_second_start_finds_the_running_one_by_a_pipes_name(monkeypatch):
    """No socket file there: a named pipe, one for each person and database."""
    monkeypatch.setattr(os, "name", "nt")
    monkeypatch.delattr(os, "getuid")
    url = "sqlite:///C:/Users/ann/AppData/Local/FibroMap/fibromap.sqlite3"
    address = instance_address(url, {"USERNAME": "ann", HOME_ENV: "C:/records"})
    assert address.startswith("fibromap-") and "/" not in address and "\\" not in address
    assert instance_address(url, {"USERNAME": "ann"}) == address  # the same for the same records
    assert instance_address(url, {"USERNAME": "bob"}) != address
    assert instance_address(url.replace("fibromap.sqlite3", "other.sqlite3"), {"USERNAME": "ann"}) != address


def test_elsewhere_a_socket_file_in_the_persons_own_runtime_folder(tmp_path):
    url = "sqlite:////home/ann/.local/share/FibroMap/fibromap.sqlite3"
    runtime = "/run/user/1000"  # as a Linux desktop sets it
    address = instance_address(url, {"XDG_RUNTIME_DIR": runtime})
    assert Path(address).parent == Path(runtime) / "FibroMap" and address.endswith(".socket")
    # Without a runtime folder (macOS has none): a folder of the person's own in the
    # temporary one, whose path fits a socket's 104 bytes there too.
    address = instance_address(url, {})
    assert Path(address).parent.name == f"fibromap-{os.getuid()}" and len(address.encode()) < 100
    deep = tmp_path / ("x" * 120)
    assert Path(instance_address(url, {HOME_ENV: str(deep)})).parent.name == f"fibromap-{os.getuid()}"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_menu_entry_is_for_linux_desktops_only(platform, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", platform)
    with pytest.raises(FibroMapError) as told:
        install_desktop_entry(tmp_path / "share")
    says(told.value, LINUX_ONLY)
    assert not (tmp_path / "share").exists()
    assert main(["--install-desktop-entry"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and error.endswith(_(LINUX_ONLY))
