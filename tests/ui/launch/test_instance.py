"""One FibroMap per database: a second start hands its request to the running one, which
comes to the front; a start after the running one was killed takes its place."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from fibromap.config import instance_address
from fibromap.ui.app import open_main_window
from fibromap.ui.launch.instance import InstanceServer, hand_over
from fibromap.ui.settings import Settings
from tests.helpers.starting import run_python


def start(home: Path, *args: str) -> subprocess.Popen:
    """`fibromap ARGS` as a person starts it, with its data in ``home``, offscreen."""
    env = {**os.environ, "FIBROMAP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("FIBROMAP_DATABASE_URL", None)
    return subprocess.Popen([sys.executable, "-m", "fibromap", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(qtbot, program: subprocess.Popen) -> tuple[int, str]:
    """Wait (answering its requests meanwhile) until ``program`` ends; its exit status and
    all it wrote."""
    qtbot.waitUntil(lambda: program.poll() is not None, timeout=60_000)
    out, err = program.communicate()
    return program.returncode, out + err


def test_a_second_start_brings_the_running_window_forward_on_the_log(qtbot, sqlite_url, paths):
    address = instance_address(sqlite_url)
    window = open_main_window(sqlite_url, paths, listen=address)
    qtbot.addWidget(window)
    window.show_view("history")
    window.showMinimized()
    second = start(paths.data_dir, "log")
    assert finished(qtbot, second) == (0, "")
    assert not window.isMinimized() and window.isVisible()
    assert window.current_view() == "log"
    qtbot.waitUntil(window.log.map.hasFocus)  # typing a muscle's name finds it


def test_a_start_after_the_running_one_was_killed_takes_its_place(qtbot, sqlite_url, paths):
    address = instance_address(sqlite_url)
    first = start(paths.data_dir)
    try:
        # Listening, it has drawn its window: the moment a second start would find it.
        qtbot.waitUntil(lambda: Path(address).exists() or first.poll() is not None,
                        timeout=60_000)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.communicate()
    assert Path(address).exists()  # its socket is left behind, with nobody listening
    assert not hand_over(address, "log")  # a second start sees that at once: no one to ask
    window = open_main_window(sqlite_url, paths, listen=address)
    qtbot.addWidget(window)
    assert window.findChild(InstanceServer) is not None  # it took the address over
    later = start(paths.data_dir, "checkin")
    assert finished(qtbot, later) == (0, "")
    assert window.current_view() == "checkin"


def test_fibromap_log_opens_on_the_log_ready_to_find_a_muscle(qtbot, sqlite_url, paths):
    Settings(paths.settings_file).last_view = "history"  # where FibroMap closed last time
    window = open_main_window(sqlite_url, paths, request="log")
    qtbot.addWidget(window)
    assert window.current_view() == "log"
    qtbot.waitUntil(window.log.map.hasFocus)
    again = open_main_window(sqlite_url, paths)  # a plain start opens where it closed
    qtbot.addWidget(again)
    assert again.current_view() == "history"


def test_asking_for_a_running_fibromap_costs_a_first_start_nothing(paths):
    """With no FibroMap running, a start learns so without loading the window's modules or
    Qt's network module (which a first start loads to listen)."""
    code = ("import sys\n"
            "from fibromap.config import Paths, database_url, instance_address\n"
            "from fibromap.ui.app import create_application\n"
            "from fibromap.ui.launch.instance import hand_over\n"
            "app = create_application(); p = Paths.from_environment()\n"
            "print(hand_over(instance_address(database_url(p)), 'log'),\n"
            "      'fibromap.ui.main_window' in sys.modules, 'PySide6.QtNetwork' in sys.modules)\n")
    started = run_python(paths.data_dir, code)
    assert started.stdout.strip().splitlines()[-1] == "False False False", started.stderr


def test_a_socket_in_a_folder_others_can_reach_is_neither_used_nor_trusted(qtbot, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    address = str(shared / "fibromap-test.socket")
    server = InstanceServer(address)
    assert not server.listen() and not Path(address).exists()
    private = tmp_path / "private"
    listening = InstanceServer(str(private / "fibromap-test.socket"))
    assert listening.listen()  # its folder made, the person's alone
    assert oct(private.stat().st_mode & 0o777) == "0o700"
    private.chmod(0o777)  # opened to others while it listens: a start no longer trusts it
    assert not hand_over(listening.address, "log")  # at once, without connecting
    listening.close()
