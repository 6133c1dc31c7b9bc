"""Starting FibroMap as a person does: the installed command, or the app's window, with
the data in a given home folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIBROMAP = Path(sys.executable).with_name("fibromap")


def run_fibromap(home: Path, *args: str, timeout: int = 120,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The installed command with its data in ``home`` (offscreen, the default database),
    with ``env`` added to the environment."""
    env = {**os.environ, "FIBROMAP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           **(env or {})}
    env.pop("FIBROMAP_DATABASE_URL", None)
    return subprocess.run([str(FIBROMAP), *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def run_python(home: Path, code: str, timeout: int = 120,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``code`` run by a fresh interpreter (nothing imported yet), its data in ``home``,
    offscreen: to see what a start loads, and in which order (``env`` added)."""
    env = {**os.environ, "FIBROMAP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           **(env or {})}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout)


def open_app_window(qtbot, home: Path, monkeypatch):
    """The window as the app opens it (backups, read-only fallback and all) on ``home``."""
    from fibromap.config import Paths
    from fibromap.ui.app import open_main_window

    monkeypatch.setenv("FIBROMAP_HOME", str(home))
    monkeypatch.delenv("FIBROMAP_DATABASE_URL", raising=False)
    paths = Paths.from_environment()
    window = open_main_window(f"sqlite:///{paths.database_file}", paths)
    assert window is not None
    qtbot.addWidget(window)
    return window
