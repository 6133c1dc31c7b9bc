"""The Debian package's parts that are made, not copied (packaging/): the manual page from
the command's parser, the Depends from the bundle's libraries, the changelog's version.
CI builds the package itself, installs it, runs it and purges it (.ci/run)."""

import contextlib
import io
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path
from unittest.mock import patch

import pytest

from fibromap import __version__
from fibromap.cli import build_parser
from fibromap.display_check import plugin_files

ROOT = Path(__file__).resolve().parent.parent


def help_of(*command: str) -> str:
    """What `fibromap COMMAND --help` prints, on a terminal wide enough that no option's
    name is broken across lines (argparse breaks them at hyphens)."""
    out = io.StringIO()
    with (patch.dict(os.environ, {"COLUMNS": "1000"}), contextlib.redirect_stdout(out),
          pytest.raises(SystemExit)):
        build_parser().parse_args([*command, "--help"])
    return out.getvalue()


@pytest.fixture(scope="module")
def manpage() -> str:
    script = runpy.run_path(str(ROOT / "packaging" / "make_manpage.py"))
    return script["manpage"]()


def test_the_manual_page_names_every_command_and_every_option_of_each(manpage):
    text = manpage.replace("\\-", "-")
    # --help lists the commands under COMMAND, four spaces in, each with its help.
    listing = help_of().split("\n  COMMAND\n", 1)[1]
    commands = re.findall(r"^ {4}([a-z][\w-]*)(?: {2,}|$)", listing, re.MULTILINE)
    assert len(commands) >= 15 and {"demo", "report", "change-passphrase", "screenshot"} <= set(commands)
    sections = re.findall(r"^\.SS fibromap (\S+)$", text, re.MULTILINE)
    assert sections == commands
    for command in [None, *commands]:
        options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_of(*filter(None, [command]))))
        assert options - {"--help"}, command
        missing = {option for option in options - {"--help"} if f"\\fB{option}\\fR" not in text}
        assert missing == set(), f"fibromap {command or ''}: {sorted(missing)} not on the page"


@pytest.mark.skipif(shutil.which("man") is None, reason="no man here to read the page")
def test_man_reads_the_page_without_a_warning(manpage, tmp_path):
    page = tmp_path / "fibromap.1"
    page.write_text(manpage, encoding="utf-8")
    result = subprocess.run(["man", "--warnings", "-l", str(page)], capture_output=True, text=True,
                            timeout=60, env={"MANWIDTH": "80", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"})
    assert (result.returncode, result.stderr) == (0, "")
    assert "fibromap change-passphrase" in result.stdout and "FIBROMAP_HOME" in result.stdout


def test_the_changelog_names_the_version_being_packaged():
    """packaging/build-deb.sh refuses a bundle whose version has no changelog entry."""
    first = (ROOT / "packaging" / "debian" / "changelog").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"fibromap ({__version__}) ")


@pytest.mark.skipif(shutil.which("objdump") is None or shutil.which("dpkg-query") is None,
                    reason="needs objdump (binutils) and dpkg-query")
def test_depends_names_what_the_bundle_needs_and_not_what_it_carries(tmp_path):
    """Qt's X11 plugin alone needs libxcb-cursor0 and the rest from the system; with a copy
    of libxcb-cursor beside it (as PyInstaller copies it), that one is the bundle's own."""
    script = runpy.run_path(str(ROOT / "packaging" / "deb_depends.py"))
    plugin = plugin_files("xcb")[0]
    shutil.copy(plugin, tmp_path / plugin.name)
    alone, _ = script["depends"](tmp_path)
    names = {entry.split()[0] for entry in alone}
    assert {"libc6", "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= names
    assert any(entry.startswith("libc6 (>= 2.") for entry in alone)
    cursor = script["system_file"]("libxcb-cursor.so.0")
    if cursor is not None:
        shutil.copy(cursor, tmp_path / "libxcb-cursor.so.0")
        carried, _ = script["depends"](tmp_path)
        assert {entry.split()[0] for entry in carried} == names - {"libxcb-cursor0"}
