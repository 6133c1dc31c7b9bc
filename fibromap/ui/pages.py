"""The main window's tabs: a page each of the table in fibromap/ui/views.py, those after
the Log built when first opened, so a start imports and builds only the view it shows."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

from fibromap.i18n import _
from fibromap.ui.views import PAGES, PageContext, PageEntry, page_entry


class PageTabs(QTabWidget):
    """The pages of PAGES in order; ``log`` is the page built at start (its entry has no
    factory), ``context`` says what a page is handed when it is built. Without ``log``, its
    tab holds an empty stand-in until set_log: the window's frame is drawn first."""

    def __init__(self, log: QWidget | None, context: Callable[[], PageContext]):
        super().__init__(documentMode=True)
        self._log = log or QWidget()
        self._context = context
        self._built: dict[str, QWidget] = {}
        # Until built, a page's tab holds an empty stand-in, off until the database is open.
        self._stand_ins: dict[str, QWidget] = {}
        for entry in PAGES:
            if entry.factory is None:
                self.addTab(self._log, _(entry.title))
                continue
            self._stand_ins[entry.name] = QWidget()
            self.addTab(self._stand_ins[entry.name], _(entry.title))
            self.setTabEnabled(self.count() - 1, False)
        self.currentChanged.connect(self._opened)

    def set_log(self, log: QWidget) -> None:
        """The Log in its tab, in place of the stand-in drawn before it was built."""
        stand_in, self._log = self._log, log
        index, shown = self.indexOf(stand_in), self.currentWidget() is stand_in
        title = self.tabText(index)
        self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, log, title)
        if shown:
            self.setCurrentIndex(index)
        self.blockSignals(False)
        stand_in.deleteLater()
        self.currentChanged.emit(self.currentIndex())

    def page(self, name: str) -> QWidget:
        """The page ``name``, built and put in its tab if need be."""
        entry = page_entry(name)
        if entry.factory is None:
            return self._log
        if name not in self._built:
            page = self._build(entry.factory)
            self._built[name] = page
            index = self.indexOf(self._stand_ins[name])
            current = self.currentIndex()
            self.blockSignals(True)
            self.removeTab(index)
            self.insertTab(index, page, _(entry.title))
            self.setCurrentIndex(current)
            self.blockSignals(False)
            self._stand_ins.pop(name).deleteLater()
        return self._built[name]

    def _build(self, factory: str) -> QWidget:
        # The page's module is imported only now: a start pays for the Log alone.
        module, _, path = factory.partition(":")
        made: Any = importlib.import_module(module)
        for attribute in path.split("."):
            made = getattr(made, attribute)
        return made(self._context())

    def built(self, review: bool | None = None) -> Iterator[tuple[PageEntry, QWidget]]:
        """The pages built so far, in tab order, with their entries (only the review views
        or only the others, if ``review`` says so)."""
        for entry in PAGES:
            if entry.name in self._built and review in (None, entry.review):
                yield entry, self._built[entry.name]

    def built_page(self, name: str) -> QWidget | None:
        """The page ``name`` if it has been built."""
        return self._built.get(name)

    def current_view(self) -> str:
        """The name of the page shown."""
        page = self.currentWidget()
        return next((name for name, view in self._built.items() if view is page), "log")

    def _opened(self, index: int) -> None:
        widget = self.widget(index)
        for name, stand_in in list(self._stand_ins.items()):
            if widget is stand_in:
                self.setCurrentWidget(self.page(name))
                return
