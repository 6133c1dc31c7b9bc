"""The menu entry starts FibroMap from any folder: its Exec lines are quoted as the Desktop
Entry Specification says, and read back (by a reader written here from the specification,
by desktop-file-validate and by GLib) as the real path of the launcher."""

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from fibromap import __version__
from fibromap.desktop import APP_ID, exec_line

ROOT = Path(__file__).resolve().parent.parent
# The specification's reserved characters, which must not stand outside double quotes.
RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')
# Folder names a person can give: a space (~/my apps), quotes, shell characters, a
# percent sign, a backslash, letters beyond ASCII.
AWKWARD = ['my apps', 'Ça "va" $HOME `id` \\ 100% (new); #1 & <x> | *?~', "d'Artagnan's\tstuff",
           "Ärzte-Übersicht 日本語", "two\nlines"]


def unescape_string(value: str) -> str:
    """The general escapes of a string value: \\s, \\n, \\t, \\r and \\\\."""
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
            out.append(escapes.get(following, char + following))
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def exec_arguments(value: str) -> list[str]:
    """An Exec value as the arguments a menu passes to the program: string escapes undone,
    then quoting, then the field code %% (the only one FibroMap's entries use)."""
    text, arguments, current, quoted, index = unescape_string(value), [], None, False, 0
    while index < len(text):
        char = text[index]
        if quoted and char == "\\":
            assert text[index + 1] in '"`$\\', f"a backslash before {text[index + 1]!r} in quotes"
            current += text[index + 1]
            index += 1
        elif quoted and char == '"':
            quoted = False
        elif quoted:
            current += char
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current = None
        elif char == '"':
            quoted, current = True, current or ""
        else:
            assert char not in RESERVED, f"{char!r} outside quotes in {value!r}"
            current = (current or "") + char
        index += 1
    assert not quoted, f"unclosed quote in {value!r}"
    if current is not None:
        arguments.append(current)
    for argument in arguments:
        assert "%" not in argument.replace("%%", ""), f"a field code in {argument!r}"
    return [argument.replace("%%", "%") for argument in arguments]


@pytest.mark.parametrize("folder", AWKWARD + ["/usr/bin"])
def test_an_exec_line_reads_back_as_the_arguments_it_was_made_from(folder):
    arguments = [f"/home/sam/{folder}/FibroMap/fibromap", "log"]
    value = exec_line(arguments)
    assert "\n" not in value and "\t" not in value  # one line of the file, whatever the path
    assert exec_arguments(value) == arguments


def test_a_plain_path_stays_unquoted_and_the_reader_refuses_what_the_old_entry_wrote():
    assert exec_line(["/usr/bin/fibromap-gui", "log"]) == "/usr/bin/fibromap-gui log"
    # The entry before: a path with a space in plain double quotes, a dollar sign left bare.
    with pytest.raises(AssertionError, match="outside quotes"):
        exec_arguments("/home/sam/my $apps/fibromap")


def real_launcher(folder: Path) -> Path:
    """A Python and a `fibromap-gui` in ``folder``/bin, as a pip install there makes them:
    the launcher starts this checkout's FibroMap with this test's packages."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    launcher = bin_dir / "fibromap-gui"
    launcher.write_text(f"#!/bin/sh\nexec {shlex.quote(str(bin_dir / 'python'))} -m fibromap \"$@\"\n",
                        encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def installed_entry(tmp_path: Path, folder: Path, environ: dict[str, str]) -> str:
    share = tmp_path / "share"
    result = subprocess.run([str(folder / "bin" / "python"), "-m", "fibromap", "--install-desktop-entry"],
                            env=environ | {"XDG_DATA_HOME": str(share)}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return (share / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")


@pytest.mark.parametrize("awkward", [AWKWARD[1], 'my apps/Ärzte "neu"'])
def test_a_menu_entry_installed_in_an_awkward_folder_starts_fibromap(tmp_path, awkward):
    folder = tmp_path / "my apps" / awkward / AWKWARD[3]
    launcher = real_launcher(folder)
    environ = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"]])
    entry = installed_entry(tmp_path, folder, environ)
    execs = [line.removeprefix("Exec=") for line in entry.splitlines() if line.startswith("Exec=")]
    # A % in the path goes through env, which GLib finds (the test of GLib below).
    command = [shutil.which("env"), str(launcher)] if "%" in awkward else [str(launcher)]
    assert [exec_arguments(value) for value in execs] == [command, command + ["log"], command + ["checkin"]]
    # What the menu would run does start FibroMap (asked only for its version here).
    started = subprocess.run(command + ["--version"], env=environ, capture_output=True, text=True,
                             timeout=60)
    assert started.stdout.strip() == f"FibroMap {__version__}", started.stderr
    if shutil.which("desktop-file-validate"):
        validated = subprocess.run(["desktop-file-validate", str(tmp_path / "share" / "applications"
                                                                 / f"{APP_ID}.desktop")],
                                   capture_output=True, text=True, timeout=60)
        # Its hints (another category beside MedicalSoftware) are suggestions, not faults.
        faults = [line for line in validated.stdout.splitlines() if " hint: " not in line]
        assert (validated.returncode, faults) == (0, []), validated.stdout
    if shutil.which("gio"):
        # GLib's own reader (GNOME's menus and most others) starts the entry's command, asked
        # for the version instead of the window.
        probe = tmp_path / "probe.desktop"
        probe.write_text(f"[Desktop Entry]\nType=Application\nName=Probe\n"
                         f"Exec={execs[0]} --version\n", encoding="utf-8")
        launched = subprocess.run(["gio", "launch", str(probe)], env=environ, capture_output=True,
                                  text=True, timeout=60)
        assert launched.stdout.strip() == f"FibroMap {__version__}", launched.stderr
