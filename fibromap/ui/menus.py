"""The main window's menu bar: File, Edit, View, Settings and Help, with their shortcuts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox

from fibromap import APP_NAME, __version__
from fibromap.domain.builds import Build
from fibromap.i18n import N_, SHIPPED, _, from_environment, using

if TYPE_CHECKING:
    from fibromap.ui.views import PageEntry

FIGURE_SHOWN = {Build.FEMALE: N_("The body map now shows the female figure."),
                Build.MALE: N_("The body map now shows the male figure."),
                Build.NEUTRAL: N_("The body map now shows the neutral figure (between the two).")}


@dataclass(frozen=True)
class WindowActions:
    """The actions of the main window's menus (MainWindow.menu_actions)."""

    new: QAction
    save: QAction
    repeat: QAction
    report: QAction
    export: QAction
    import_: QAction
    devices: QAction
    referral: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    views: dict[str, QAction]  # by page name (fibromap/ui/views.py), in tab order
    figures: QActionGroup  # the body figure drawn, one checked at a time
    refresh: QAction
    lock: QAction
    privacy: QAction
    backups: QAction
    about: QAction
    languages: QActionGroup  # Settings › Language, one checked at a time (None: the system's)
    # Off until the database is open (a moment at start-up): only the map and Save can be used.
    needs_the_store: tuple[QAction, ...]


def _action(window, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


def build_menus(window, pages: Sequence[PageEntry]) -> WindowActions:
    """The menus of the main window, a View menu line for each of ``pages`` (its tabs);
    those that need the database stay off until it is open."""
    flare_menu = window.menuBar().addMenu(_("&File"))
    new = _action(window, _("&New flare"), window.new_flare, QKeySequence.StandardKey.New)
    save = _action(window, _("&Save flare"), lambda: window.log.save(), QKeySequence.StandardKey.Save)
    repeat = _action(window, _("&Repeat last flare"), window.repeat_last, "Ctrl+R")
    referral = _action(
        window, _("Pain &spreads from the current region"),
        lambda: window.log.map.set_referral_mode(not window.log.map.referral_mode), "Ctrl+L")
    quit_ = _action(window, _("&Quit"), window.quit, QKeySequence.StandardKey.Quit)
    report = _action(window, _("Appointment &report…"), window.show_report, "Ctrl+P")
    for action in (new, save, repeat):
        flare_menu.addAction(action)
    export = _action(window, _("&Export…"), window.show_export)
    import_ = _action(window, _("&Import…"), window.show_import)
    devices = _action(window, _("&Devices…"), window.show_devices)
    flare_menu.addSeparator()
    for action in (report, export, import_, devices):
        flare_menu.addAction(action)
    flare_menu.addSeparator()
    flare_menu.addAction(referral)
    flare_menu.addSeparator()
    flare_menu.addAction(quit_)

    edit_menu = window.menuBar().addMenu(_("&Edit"))
    undo = window.undo_group.createUndoAction(window, _("&Undo"))
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo_group.createRedoAction(window, _("&Redo"))
    # Ctrl+Shift+Z everywhere (the platform's own, Ctrl+Y on some, as well).
    redo.setShortcuts(list(dict.fromkeys([QKeySequence("Ctrl+Shift+Z"),
                                          *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)])))
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)

    view_menu = window.menuBar().addMenu(_("&View"))
    views = {page.name: _action(window, "&" + _(page.title),
                                lambda _=False, name=page.name: window.show_view(name),
                                page.shortcut)
             for page in pages}
    view_menu.addActions(list(views.values()))
    view_menu.addSeparator()
    # The same regions drawn as a woman's, a man's or a figure between the two.
    figure_menu = view_menu.addMenu(_("Body &figure"))
    figures = QActionGroup(window)  # one checked at a time
    for build in Build:
        action = _action(window, "&" + _(build.label), lambda _=False, b=build: window.set_build(b))
        action.setCheckable(True)
        action.setChecked(build is window.settings.build)
        action.setData(build)
        figures.addAction(action)
        figure_menu.addAction(action)
    refresh = _action(window, _("Re&fresh"), window.refresh, QKeySequence.StandardKey.Refresh)
    view_menu.addAction(refresh)
    # Hides every view until the passphrase is given (only while the records are protected).
    lock = _action(window, _("&Lock now"), window.lock_now, "Ctrl+Shift+L")
    lock.setEnabled(False)
    view_menu.addAction(lock)

    settings_menu = window.menuBar().addMenu(_("&Settings"))
    privacy = _action(window, _("&Privacy…"), window.show_privacy)
    settings_menu.addAction(privacy)
    languages = _language_menu(window, settings_menu.addMenu(_("&Language")))

    help_menu = window.menuBar().addMenu(_("&Help"))
    backups = _action(window, _("&Backups…"), window.show_backups)
    help_menu.addAction(backups)
    about = _action(window, _("&About {app}").format(app=APP_NAME), lambda: show_about(window))
    help_menu.addAction(about)
    # Save works already: a flare saved before the records are open is kept until they are.
    needs_the_store = (new, repeat, report, export, import_, devices, refresh, backups,
                       privacy, *(views[page.name] for page in pages if page.factory is not None))
    for action in needs_the_store:
        action.setEnabled(False)
    return WindowActions(
        new=new, save=save, repeat=repeat, report=report, export=export, import_=import_,
        devices=devices, referral=referral, quit=quit_, undo=undo, redo=redo, views=views,
        figures=figures, refresh=refresh, lock=lock, privacy=privacy, backups=backups,
        about=about, languages=languages, needs_the_store=needs_the_store)


def _language_menu(window, menu) -> QActionGroup:
    """Settings › Language: the system's (named, with the one it gives), then each language
    FibroMap ships, by its own name; the choice counts from the next start, as it says."""
    group = QActionGroup(window)
    system = from_environment()
    chosen = window.settings.language
    entries: list[tuple[str | None, str]] = [
        (None, _("As the system ({language})").format(language=SHIPPED[system]))]
    entries += [(tag, name) for tag, name in SHIPPED.items()]
    for tag, text in entries:
        action = QAction(text, window)
        action.setCheckable(True)
        action.setChecked(tag == chosen)
        action.setData(tag)
        action.triggered.connect(lambda _=False, t=tag: _choose_language(window, t))
        group.addAction(action)
        menu.addAction(action)
    return group


def _choose_language(window, tag: str | None) -> None:
    window.settings.language = tag
    language = tag or from_environment()
    with using(language):  # said in the language chosen, which the person can read
        message = _("FibroMap will be in {language} from its next start.").format(
            language=SHIPPED[language])
    window.statusBar().showMessage(message, 8000)


def show_about(window) -> None:
    # Help › About works while the database is still opening (a moment at start-up).
    QMessageBox.about(window, _("About {app}").format(app=APP_NAME), _(
        "<b>{app} {version}</b><br>A private spasm and pain logger.<br><br>"
        "Your data stays on this computer; FibroMap opens no network connection.<br>"
        "Database: {database}<br>Data folder: {data}<br>Backups: {backups}<br>Logs: {logs}"
    ).format(app=APP_NAME, version=__version__, data=window.paths.data_dir,
             database=window.store.display_name if window.store else _("still opening"),
             backups=window.paths.backups_dir, logs=window.paths.logs_dir))

