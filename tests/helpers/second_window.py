"""A second FibroMap window in its own process, driven line by line on stdin.

Used by tests/ui/test_two_windows.py: each command is carried out through the window's
own widgets, then one line is printed (the window's feedback, or "ready").
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402 - Qt is told to draw offscreen first
from PySide6.QtTest import QTest  # noqa: E402 - Qt is told to draw offscreen first

from fibromap.config import Paths, database_url  # noqa: E402 - Qt is told to draw offscreen first
from fibromap.store.store import Store  # noqa: E402 - Qt is told to draw offscreen first
from fibromap.ui.app import create_application  # noqa: E402 - Qt is told to draw offscreen first
from fibromap.ui.main_window import MainWindow  # noqa: E402 - Qt is told to draw offscreen first
from fibromap.ui.settings import Settings  # noqa: E402 - Qt is told to draw offscreen first


def main() -> None:
    app = create_application()
    paths = Paths.from_environment()
    window = MainWindow(Store.open(database_url(paths), paths), Settings(paths.settings_file),
                        paths)
    window.show()
    app.processEvents()
    print("ready", flush=True)
    for line in sys.stdin:
        command, *rest = line.split(maxsplit=1)
        argument = rest[0].strip() if rest else ""
        if command == "new":  # mark one region and save a new flare
            window.log.new()
            window.log.marks.mark(argument, 6)
            QTest.mouseClick(window.log.save_button, Qt.MouseButton.LeftButton)
            print(window.log.feedback.text(), flush=True)
        elif command == "edit":  # open a saved flare for correction
            window.edit_flare(window.store.flares.get(int(argument)))
            print(window.log.title.text(), flush=True)
        elif command == "notes":
            window.log.form.notes.setPlainText(argument)
            print("typed", flush=True)
        elif command == "save":
            QTest.mouseClick(window.log.save_button, Qt.MouseButton.LeftButton)
            print(window.log.feedback.text(), flush=True)
        elif command == "sleep":  # today's check-in: hours of sleep, then save
            window.page("checkin").sleep_hours.setValue(float(argument))
            QTest.mouseClick(window.page("checkin").save_button, Qt.MouseButton.LeftButton)
            print(window.page("checkin").feedback.text(), flush=True)
        elif command == "quit":
            break
        app.processEvents()
    window.close()


if __name__ == "__main__":
    main()
