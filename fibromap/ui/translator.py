"""Qt's translation, from FibroMap's catalogues: ``tr`` in the interface (and Qt's own
words: the buttons of its dialogs, its context menus) in the language of the process
(fibromap/i18n), and the interface's dates and numbers by QLocale in that language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fibromap.i18n import current
from fibromap.i18n.catalogue import translations


class CatalogueTranslator(QTranslator):
    """Answers Qt's ``translate`` from the gettext catalogues: one set of words for the
    whole app, a ``tr`` and a ``_`` of the same English giving the same translation."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: N802
                  n: int = -1) -> str | None:
        # None is Qt's null string: "no translation here", so Qt keeps the English (an
        # empty string would be taken as the translation).
        if not source:
            return None
        words = translations(current())
        text = (words.pgettext(disambiguation, source) if disambiguation
                else words.gettext(source))
        return None if text == source else text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install(app: QCoreApplication) -> None:
    """The language of the process for the interface: its catalogues, Qt's own words in
    it (where Qt ships them), and its locale for dates and numbers. Once per process."""
    if getattr(app, "_fibromap_translators", None) is not None:
        return
    language = current()
    qt_words = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not qt_words.load(f"qtbase_{language}", folder):
        qt_words.load(f"qtbase_{language.split('_')[0]}", folder)
    ours = CatalogueTranslator(app)
    app.installTranslator(qt_words)
    app.installTranslator(ours)  # the last installed is asked first
    app._fibromap_translators = (qt_words, ours)  # type: ignore[attr-defined]
    QLocale.setDefault(QLocale(language))
