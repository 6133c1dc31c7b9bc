"""Health data is the person's alone: every file FibroMap creates is 0600 in 0700 folders,
and an older install is tightened on the next start."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
FIBROMAP = Path(sys.executable).with_name("fibromap")


def fibromap(home: Path, *args: str) -> None:
    """The installed command, started the way a desktop starts it (umask 022)."""
    env = {**os.environ, "FIBROMAP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([str(FIBROMAP), *args], env=env, capture_output=True, text=True,
                            timeout=120, preexec_fn=lambda: os.umask(0o022))
    assert result.returncode == 0, result.stderr


def modes(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)) or ".": oct(stat.S_IMODE(path.stat().st_mode))
            for path in [root, *root.rglob("*")]}


def test_everything_the_commands_write_is_private(tmp_path):
    home = tmp_path / "home"
    out = tmp_path / "shared-folder"
    out.mkdir()
    fibromap(home, "demo", "--into-records", "--days", "30")
    fibromap(home, "stats")
    fibromap(home, "export", "--format", "json", "-o", str(out / "all.json"))
    fibromap(home, "export", "--format", "csv", "-o", str(out / "all.csv"))
    fibromap(home, "report", "-o", str(out / "report.pdf"))
    fibromap(home, "screenshot", "overview", "-o", str(out / "shot.png"))
    found = modes(home)
    assert found["."] == "0o700" and "fibromap.sqlite3" in found
    wrong = {name: mode for name, mode in found.items()
             if mode != ("0o700" if (home / name).is_dir() else "0o600")}
    assert wrong == {}
    assert {name: oct(stat.S_IMODE((out / name).stat().st_mode)) for name in
            ("all.json", "all.csv", "report.pdf", "shot.png")} == dict.fromkeys(
        ("all.json", "all.csv", "report.pdf", "shot.png"), "0o600")


def test_an_older_install_is_tightened_on_the_next_start(tmp_path):
    home = tmp_path / "home"
    fibromap(home, "demo", "--into-records", "--days", "10")
    (home / "settings.ini").write_text("[bodymap]\norientation=patient\n")
    (home / "logs").mkdir(exist_ok=True)
    (home / "logs" / "crash-old.log").write_text("old")
    for path in [home, *home.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    fibromap(home, "stats")
    wrong = {name: mode for name, mode in modes(home).items()
             if mode != ("0o700" if (home / name).is_dir() else "0o600")}
    assert wrong == {}


def test_the_window_writes_private_files_too(qtbot, tmp_path, monkeypatch, paths, sqlite_url):
    from fibromap.config import keep_private
    from fibromap.ui.app import open_main_window

    from fibromap.domain.flare import Flare, SpasmSite
    from fibromap.store.store import Store
    from tests.helpers.records import at

    previous = os.umask(0o022)
    try:
        keep_private()
        store = Store.open(sqlite_url, paths)
        store.flares.add(Flare(onset=at(2026, 4, 1, 9), sites=(SpasmSite("soleus.right", 3),)))
        store.close()
        window = open_main_window(sqlite_url, paths)  # takes the daily backup
        qtbot.addWidget(window)
        window.log.marks.mark("soleus.left", 4)
        window.log.keep_draft()
        window.settings.orientation = window.settings.orientation  # writes settings.ini
        window.log.save()
        window.close()
    finally:
        os.umask(previous)
    home = paths.data_dir
    wrong = {name: mode for name, mode in modes(home).items()
             if mode != ("0o700" if (home / name).is_dir() else "0o600")}
    assert wrong == {} and any("backups" in name for name in modes(home))
