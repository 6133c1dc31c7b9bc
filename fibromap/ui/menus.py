"""The main window's menu bar: File, Edit, View, Settings and Help, with their shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from fibromap import APP_NAME
from fibromap.domain.geometry import Build


def _action(window, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window, triggered=slot)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_menus(window) -> None:
    """The menus of the main window, their actions kept on ``window`` (window.new_action …); those that need
    the database stay off until it is open."""
    flare_menu = window.menuBar().addMenu("&File")
    window.new_action = _action(window, "&New flare", window.new_flare,
                                QKeySequence.StandardKey.New)
    window.save_action = _action(window, "&Save flare", window.log.save,
                                 QKeySequence.StandardKey.Save)
    window.repeat_action = _action(window, "&Repeat last flare", window.repeat_last, "Ctrl+R")
    window.referral_action = _action(
        window, "Pain &spreads from the current region",
        lambda: window.log.map.set_referral_mode(not window.log.map.referral_mode), "Ctrl+L")
    window.quit_action = _action(window, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    window.report_action = _action(window, "Appointment &report…", window.show_report, "Ctrl+P")
    for action in (window.new_action, window.save_action, window.repeat_action):
        flare_menu.addAction(action)
    window.export_action = _action(window, "&Export…", window.show_export)
    window.import_action = _action(window, "&Import…", window.show_import)
    window.devices_action = _action(window, "&Devices…", window.show_devices)
    flare_menu.addSeparator()
    for action in (window.report_action, window.export_action, window.import_action,
                   window.devices_action):
        flare_menu.addAction(action)
    flare_menu.addSeparator()
    flare_menu.addAction(window.referral_action)
    flare_menu.addSeparator()
    flare_menu.addAction(window.quit_action)

    edit_menu = window.menuBar().addMenu("&Edit")
    window.undo_action = window.undo_stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    window.redo_action = window.undo_stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)

    view_menu = window.menuBar().addMenu("&View")
    for index in range(window.tabs.count()):
        view_menu.addAction(_action(
            window, "&" + window.tabs.tabText(index),
            lambda _=False, i=index: window.tabs.setCurrentIndex(i),
            f"Ctrl+{(index + 1) % 10}" if index < 10 else None))
    view_menu.addSeparator()
    # The same regions drawn as a woman's, a man's or a figure between the two.
    figure_menu = view_menu.addMenu("Body &figure")
    window.figure_actions = QActionGroup(window)  # one checked at a time
    for build in Build:
        action = _action(window, "&" + build.label, lambda _=False, b=build: window.set_build(b))
        action.setCheckable(True)
        action.setChecked(build is window.settings.build)
        action.setData(build)
        window.figure_actions.addAction(action)
        figure_menu.addAction(action)
    window.refresh_action = _action(window, "Re&fresh", window.refresh,
                                    QKeySequence.StandardKey.Refresh)
    view_menu.addAction(window.refresh_action)
    # Hides every view until the passphrase is given (only while the records are protected).
    window.lock_action = _action(window, "&Lock now", window.lock_now, "Ctrl+Shift+L")
    window.lock_action.setEnabled(False)
    view_menu.addAction(window.lock_action)

    settings_menu = window.menuBar().addMenu("&Settings")
    window.privacy_action = _action(window, "&Privacy…", window.show_privacy)
    settings_menu.addAction(window.privacy_action)

    help_menu = window.menuBar().addMenu("&Help")
    window.backups_action = _action(window, "&Backups…", window.show_backups)
    help_menu.addAction(window.backups_action)
    window.about_action = _action(window, f"&About {APP_NAME}", window.show_about)
    help_menu.addAction(window.about_action)
    # Until the database is open (a moment at start-up) only the map can be used.
    window.needs_the_store = [
        window.new_action, window.save_action, window.repeat_action, window.report_action,
        window.export_action, window.import_action, window.devices_action, window.refresh_action,
        window.backups_action, window.privacy_action,
        *view_menu.actions()[1:window.tabs.count()]]
    for action in window.needs_the_store:
        action.setEnabled(False)
