"""Dialogs the main window's menus open that need nothing of the window but its records:
MainWindow takes these functions as its methods (its file stays short)."""

from __future__ import annotations

from typing import Any


def show_devices(window: Any) -> None:
    from fibromap.ui.dialogs.devices_dialog import DevicesDialog

    dialog = DevicesDialog(window.opened_store(), window)
    dialog.exec()
    if dialog.removed:
        window.refresh()


def show_export(window: Any) -> None:
    from fibromap.ui.dialogs.exchange_dialogs import ExportDialog

    ExportDialog(window.opened_store(), window).exec()
