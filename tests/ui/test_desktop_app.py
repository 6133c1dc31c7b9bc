"""The desktop app around the views: self-test, menu entry, remembered window, theme."""

import os
import subprocess
import sys

from PySide6.QtGui import QColor, QPalette

from fibromap import __version__
from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.dialogs import answer_next_box


def test_self_test_passes_offscreen():
    result = subprocess.run([sys.executable, "-m", "fibromap", "--self-test"], capture_output=True,
                            text=True, timeout=180, env=os.environ)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _("body map rendered") in result.stdout and _("trends plot rendered (pyqtgraph)") in result.stdout
    assert result.stdout.strip().endswith(_("Self-test passed."))


def test_install_desktop_entry_for_a_pip_install(tmp_path, monkeypatch, capsys):
    from fibromap.cli import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert main(["--install-desktop-entry"]) == 0
    entry = tmp_path / "share" / "applications" / "org.fibromap.FibroMap.desktop"
    text = entry.read_text()
    assert "Name=FibroMap" in text and "Icon=org.fibromap.FibroMap" in text
    launcher = next(line for line in text.splitlines() if line.startswith("Exec=")).split("=", 1)[1]
    assert os.path.exists(launcher.split()[0])
    # The launcher's own menu (right-click in a dock): a flare, or today's check-in.
    assert f"Exec={launcher} log\n" in text and f"Exec={launcher} checkin\n" in text
    for size in (16, 48, 256, 512):
        assert (tmp_path / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
                / "org.fibromap.FibroMap.png").stat().st_size > 100
    assert "Added FibroMap to the application menu" in capsys.readouterr().out


def test_a_menu_entry_that_cannot_be_written_says_so_and_leaves_nothing_half_written(
        tmp_path, monkeypatch, capsys):
    from fibromap.cli import main

    share = tmp_path / "share"
    (share / "applications").mkdir(parents=True)
    (share / "icons").write_text("a file where the icons' folder would go")
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    assert main(["--install-desktop-entry"]) != 0
    said = capsys.readouterr().err.strip()
    assert said.count("\n") == 0
    assert _("cannot write the menu entry under {folder}").format(folder=share) in said
    # The entry itself went in whole before the icons failed; no temporary file is left.
    assert "Name=FibroMap" in (share / "applications" / "org.fibromap.FibroMap.desktop").read_text()
    assert [path.name for path in share.rglob("*.partial")] == []


def test_window_size_position_and_last_view_are_remembered(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    screen = window.screen().availableGeometry()
    # A size the (small) offscreen screen can hold, which restoreGeometry respects.
    window.resize(max(window.minimumSizeHint().width(), screen.width() - 3),
                  max(window.minimumSizeHint().height(), screen.height() - 60))
    window.move(1, 2)
    qtbot.wait(10)
    before = (window.width(), window.height())
    window.show_view("history")
    window.close()
    again = MainWindow(Store.open(sqlite_url, paths), Settings(paths.settings_file), paths)
    qtbot.addWidget(again)
    again.show()
    qtbot.wait(10)
    assert (again.width(), again.height()) == before != (1280, 820)
    assert again.tabs.currentWidget() is again.page("history")
    assert again.current_view() == "history"


def test_about_gives_version_and_data_location(qtbot, window):
    seen = []
    answer_next_box(seen)
    window.menu_actions.about.trigger()
    assert f"FibroMap {__version__}" in seen[0].text
    assert str(window.paths.data_dir) in seen[0].text and str(window.paths.backups_dir) in seen[0].text


def test_the_map_follows_a_dark_theme(qtbot, window):
    dark = QPalette(window.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2c30"))
    window.log.map.setPalette(dark)
    assert window.log.map.backgroundBrush().color().name() == "#202124"
