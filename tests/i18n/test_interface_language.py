"""The window in the language of the process (its menus and tabs), Qt's ``tr`` answered
from the same catalogues, and Settings › Language keeping a choice for the next start."""

from PySide6.QtCore import QCoreApplication

from fibromap.i18n import activate
from fibromap.i18n.languages import setting_in
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_window_speaks_the_language_of_the_process(qtbot, qapp, sqlite_url, paths):
    from fibromap.ui.translator import install

    install(qapp)  # as create_application does
    store = Store.open(sqlite_url, paths)
    activate("de")
    try:
        window = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(window)
        assert menu_titles(window) == ["&Datei", "&Bearbeiten", "&Ansicht", "&Einstellungen",
                                       "&Hilfe"]
        tabs = window.tabs
        assert [tabs.tabText(i) for i in range(3)] == ["Erfassen", "Verlauf", "Tagesprotokoll"]
        # Qt's tr reaches the same catalogue (any class's context).
        assert QCoreApplication.translate("SomeWidget", "&Save flare") == "Schub &speichern"
    finally:
        activate("en")
        store.close()
    assert QCoreApplication.translate("SomeWidget", "&Save flare") == "&Save flare"


def test_settings_language_keeps_the_choice_for_the_next_start(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    try:
        window = MainWindow(store, Settings(paths.settings_file), paths)
        qtbot.addWidget(window)
        group = window.menu_actions.languages
        texts = [action.text() for action in group.actions()]
        assert texts[0].startswith("As the system (") and texts[1:] == [
            "English", "Español", "Deutsch", "Français", "Português (Brasil)"]
        assert group.actions()[0].isChecked()  # nothing chosen yet: the system's
        group.actions()[3].trigger()
        assert window.settings.language == "de" and setting_in(paths.settings_file) == "de"
        # Said in the language chosen, which the person can read; the window stays as it is.
        assert window.statusBar().currentMessage() == (
            "FibroMap ist ab dem nächsten Start auf Deutsch.")
        assert menu_titles(window)[0] == "&File"
        group.actions()[0].trigger()
        assert window.settings.language is None and setting_in(paths.settings_file) is None
    finally:
        store.close()
