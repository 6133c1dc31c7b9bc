"""The main window: menus, the current page and a status bar naming the database."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from fibromap import APP_NAME, __version__
from fibromap.store.store import Store
from fibromap.ui.body_map_page import BodyMapPage
from fibromap.ui.overview import OverviewPage
from fibromap.ui.settings import Settings
from fibromap.ui.views import VIEWS


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.setWindowTitle(APP_NAME)
        self.resize(1180, 800)
        self.overview = OverviewPage(store)
        self.body_map = BodyMapPage(settings)
        self.body_map.show_flare(store.flares.latest())
        self.body_map.orientationChanged.connect(lambda _o: self.statusBar().showMessage(
            "The front of the body is now shown " + (
                "as in a mirror" if _o == "patient" else "facing the person"), 4000))
        self.tabs = QTabWidget(documentMode=True)
        self.tabs.addTab(self.overview, "Overview")
        self.tabs.addTab(self.body_map, "Body map")
        self.setCentralWidget(self.tabs)
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
        for index, title in enumerate(("&Overview", "&Body map")):
            view_menu.addAction(QAction(title, self, shortcut=QKeySequence(f"Ctrl+{index + 1}"),
                                        triggered=lambda _=False, i=index: self.tabs.setCurrentIndex(i)))
        view_menu.addSeparator()
        self.refresh_action = QAction("&Refresh", self, shortcut=QKeySequence.StandardKey.Refresh,
                                      triggered=self.refresh)
        view_menu.addAction(self.refresh_action)

        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = QAction(f"&About {APP_NAME}", self, triggered=self.show_about)
        help_menu.addAction(self.about_action)

    def refresh(self) -> None:
        """Show what the database holds now."""
        self.overview.refresh()
        self.body_map.show_flare(self._store.flares.latest())

    def show_view(self, name: str) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(name))

    def show_about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>A private spasm and pain logger.<br><br>"
            f"Your data stays on this computer.<br>Database: {self._store.display_name}")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._store.close()
        super().closeEvent(event)
