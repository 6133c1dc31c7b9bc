"""The main window: menus, the current page and a status bar naming the database."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from fibromap import APP_NAME, __version__
from fibromap.store.store import Store
from fibromap.ui.overview import OverviewPage


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 760)
        self.overview = OverviewPage(store)
        self.setCentralWidget(self.overview)
        self._build_menus()
        self.database_label = QLabel(f"Database: {store.display_name}")
        self.database_label.setToolTip(store.display_name)
        self.statusBar().addPermanentWidget(self.database_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit,
                                   triggered=self.close)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu("&View")
        self.refresh_action = QAction("&Refresh", self, shortcut=QKeySequence.StandardKey.Refresh,
                                      triggered=self.overview.refresh)
        view_menu.addAction(self.refresh_action)

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction(f"&About {APP_NAME}", self, triggered=self.show_about)
        help_menu.addAction(self.about_action)

    def show_about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>A private spasm and pain logger.<br><br>"
            f"Your data stays on this computer.<br>Database: {self._store.display_name}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._store.close()
        super().closeEvent(event)
