"""The interface in another language for one test, as the app starts in it (ui/translator.py):
FibroMap's words, Qt's own (its dialogs' buttons) and the locale's dates and numbers; the
process is left in English whatever happens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from fibromap.i18n import activate
from fibromap.ui.translator import CatalogueTranslator


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Widgets made within the block speak ``language`` (a tag of SHIPPED)."""
    app = QApplication.instance()
    before = QLocale()
    activate(language)
    installed = []
    qt_words = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language != "en" and (qt_words.load(f"qtbase_{language}", folder)
                             or qt_words.load(f"qtbase_{language.split('_')[0]}", folder)):
        installed.append(qt_words)
    installed.append(CatalogueTranslator())
    for translator in installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    try:
        yield
    finally:
        for translator in installed:
            app.removeTranslator(translator)
        QLocale.setDefault(before)
        activate("en")
