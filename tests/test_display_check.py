"""`make run` on a fresh Debian machine: the libraries Qt's window plugin lacks are named
in one apt-get line, before Qt would abort naming only the first."""

import os
import stat
import subprocess
import sys

import pytest

from fibromap.display_check import debian_package, install_line, missing_in

# What ldd printed for PySide6's libqxcb.so on a Debian 12 machine without the two
# packages (lines cut to the ones that matter, in their order).
LDD_DEBIAN_12 = """\
\tlinux-vdso.so.1 (0x00007f2ef0a08000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f2ef093a000)
\tlibGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x00007f2eefd79000)
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f2ef0924000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f2ef091d000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f2ef0915000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


@pytest.mark.parametrize("soname, package", [
    # The four the testers met one by one, and others the plugin links.
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-xinerama.so.0", "libxcb-xinerama0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libEGL.so.1", "libegl1"),
])
def test_each_library_is_named_by_its_debian_package(soname, package):
    assert debian_package(soname) == package


def test_every_missing_library_is_found_once_in_order():
    assert missing_in(LDD_DEBIAN_12) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert missing_in("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n") == []


def run_check(tmp_path, ldd_output: str, **environ):
    """`python -m fibromap.display_check` with an ldd that prints ``ldd_output``."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    (folder / "output.txt").write_text(ldd_output)
    ldd = folder / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat {folder / 'output.txt'}\n")
    ldd.chmod(ldd.stat().st_mode | stat.S_IEXEC)
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(PATH=f"{folder}{os.pathsep}{env['PATH']}", **environ)
    return subprocess.run([sys.executable, "-m", "fibromap.display_check"], env=env,
                          capture_output=True, text=True, timeout=60)


def test_missing_libraries_give_one_apt_get_line_and_stop_make_run(tmp_path):
    result = run_check(tmp_path, LDD_DEBIAN_12)
    assert result.returncode == 1 and result.stdout == ""
    explanation, command = result.stderr.strip().splitlines()
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in explanation
    # CI runs as root, a person's machine as themselves: the line fits whoever runs it.
    sudo = "" if os.geteuid() == 0 else "sudo "
    assert command.strip() == f"{sudo}apt-get install libxcb-icccm4 libxcb-keysyms1"


def test_root_is_told_to_run_apt_get_without_sudo_and_a_person_with_it():
    """A bare Debian system or a container, where root works, has no sudo."""
    packages = ["libxcb-icccm4", "libxcb-keysyms1"]
    assert install_line(packages, as_root=True) == "apt-get install libxcb-icccm4 libxcb-keysyms1"
    assert install_line(packages, as_root=False) == "sudo apt-get install libxcb-icccm4 libxcb-keysyms1"


def test_a_machine_with_everything_starts_without_a_word(tmp_path):
    result = run_check(tmp_path, LDD_DEBIAN_12.replace("not found", "/lib/found.so (0x1)"))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_drawing_offscreen_needs_no_window_libraries(tmp_path):
    result = run_check(tmp_path, LDD_DEBIAN_12, QT_QPA_PLATFORM="offscreen")
    assert (result.returncode, result.stderr) == (0, "")


def test_make_run_checks_before_it_starts_the_app():
    makefile = (os.path.dirname(__file__) + "/../Makefile")
    with open(makefile, encoding="utf-8") as file:
        recipe = file.read().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    lines = [line.strip() for line in recipe.splitlines()[1:]]
    assert lines == ["$(BIN)/python -m fibromap.display_check", "$(BIN)/fibromap"]
