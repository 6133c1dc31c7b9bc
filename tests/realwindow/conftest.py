"""A real X server (Xvfb) for the tests in this folder, and FibroMap in a window on it.

Skipped where Xvfb or xdotool is missing, unless FIBROMAP_REQUIRE_XVFB is set (CI sets it).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REQUIRED = os.environ.get("FIBROMAP_REQUIRE_XVFB") == "1"


@pytest.fixture
def x_display(request):
    """Start Xvfb at the size asked (``request.param``: width, height) and give ":N"."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        if REQUIRED:
            pytest.fail("Xvfb and xdotool are needed (apt-get install xvfb xdotool)")
        pytest.skip("Xvfb or xdotool is not installed")
    width, height = request.param
    # Xvfb picks a free display number itself and writes it to the pipe once it accepts
    # connections: no race with another test process (pytest -n) choosing the same one.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               f"{width}x{height}x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        ready, _, _ = select.select([pipe], [], [], 10)
        number = pipe.readline().strip() if ready else ""
    if not number.isdigit():
        server.kill()
        server.wait(10)
        pytest.fail("Xvfb did not start")
    yield f":{number}", (width, height)
    server.terminate()
    server.wait(10)


class RealWindow:
    """FibroMap on the X server, and a person's hand on it: each click and key press is
    counted (a pointer resting over the map is not: it is how one looks)."""

    def __init__(self, display: str, size: tuple[int, int], home: Path):
        self.display = display
        self.where = home / "where.json"
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", FIBROMAP_HOME=str(home),
                   FIBROMAP_NO_CRASH_DIALOG="1")
        env.pop("FIBROMAP_DATABASE_URL", None)
        self.env = env
        self.app = subprocess.Popen([sys.executable, "-m", "tests.realwindow.app_under_test",
                                     str(size[0]), str(size[1]), str(self.where)], env=env,
                                    cwd=Path(__file__).parents[2], stderr=subprocess.PIPE)
        self.interactions = 0
        self.log: list[str] = []
        self.seen = self.wait_for(lambda s: "save" in s["widgets"], "the window")

    def snapshot(self) -> dict:
        try:
            return json.loads(self.where.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {"regions": {}, "widgets": {}}

    def wait_for(self, condition, what: str, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.app.poll() is not None:
                raise AssertionError(f"FibroMap stopped: {self.app.stderr.read().decode()[-2000:]}")
            seen = self.snapshot()
            if seen.get("widgets") and condition(seen):
                return seen
            time.sleep(0.05)
        seen = self.snapshot()
        raise AssertionError(f"waited {timeout} s for {what}; marks {seen.get('marks')}, "
                             f"current {seen.get('current')}, {len(seen['regions'])} regions "
                             f"in sight")

    def _xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)

    def settle(self) -> dict:
        """The window's report once it has dealt with what was just done: two reports on
        (the events sent are handled before the second)."""
        after = self.snapshot().get("report", 0) + 2
        return self.wait_for(lambda s: s.get("report", 0) >= after, "the window to report")

    def move(self, point) -> None:
        self._xdotool("mousemove", str(point[0]), str(point[1]))

    def click_at(self, point, *, modifier: str | None = None) -> None:
        self.move(point)
        if modifier:
            self._xdotool("keydown", modifier, "click", "1", "keyup", modifier)
        else:
            self._xdotool("click", "1")
        self.interactions += 1
        self.settle()

    def click(self, widget: str) -> None:
        self.click_at(self.snapshot()["widgets"][widget])

    def key(self, *keys: str) -> None:
        self._xdotool("key", "--clearmodifiers", *keys)
        self.interactions += len(keys)
        self.settle()

    def close(self) -> str:
        self.app.terminate()
        try:
            _out, err = self.app.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            self.app.kill()
            _out, err = self.app.communicate()
        return err.decode(errors="replace")


@pytest.fixture
def real_window(x_display, tmp_path):
    display, size = x_display
    window = RealWindow(display, size, tmp_path)
    yield window
    window.close()
