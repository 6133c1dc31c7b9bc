"""The main window: the views as tabs, menus for everything, a status bar naming the database."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QSystemTrayIcon, QWidget

from fibromap import APP_NAME
from fibromap.config import Paths
from fibromap.domain.builds import Build
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.ui.dialogs import window_dialogs
from fibromap.ui.launch.requests import Requests
from fibromap.ui.menus import FIGURE_SHOWN, WindowActions, build_menus
from fibromap.ui.pages import PageTabs
from fibromap.ui.settings import Settings
from fibromap.ui.views import PAGES, VIEWS, Page, PageContext, ReviewView

FRAME_ALLOWANCE = 32  # pixels a window manager's title bar may take
if TYPE_CHECKING:
    from fibromap.domain.flare import Flare
    from fibromap.store.store import Store
    from fibromap.ui.change_watcher import ChangeWatcher
    from fibromap.ui.daily.reminder import CheckInReminder
    from fibromap.ui.dialogs.start_check import StartCheck
    from fibromap.ui.launch.tray import Tray
    from fibromap.ui.log.log_page import LogPage
    from fibromap.ui.widgets.app_lock import AppLock


class MainWindow(QMainWindow):
    figureChanged = Signal(object)  # the BodyGeometry of the build chosen (View › Body figure)
    orientationChanged = Signal(object)  # the Log's map turned (its Orientation), for the others

    def __init__(self, store: Store | None, settings: Settings, paths: Paths,
                 parent: QWidget | None = None, *, log_later: bool = False):
        """The window; without ``store`` it can be shown, the body map drawn, before the
        database is open, and attach() brings the rest to life. ``log_later``: the frame
        alone (menus, tabs, an empty Log), drawn first at start-up; then add_log."""
        super().__init__(parent)
        self.store: Store | None = None
        self.watcher: ChangeWatcher | None = None
        self.start_check: StartCheck | None = None  # the records checked after opening (app.py)
        self.reminder: CheckInReminder | None = None
        self.first_painted: float | None = None  # time.time() of the first paint (app.py)
        self.map_drawn: float | None = None  # time.time() of the Log's body map drawn (app.py)
        self.settings = settings
        self.paths = paths
        # Demo records say so everywhere they show, never to be taken for one's own.
        self.setWindowTitle(_("{app} — demo records").format(app=APP_NAME) if paths.demo else APP_NAME)
        free = self.screen().availableGeometry()  # 1280x820, less on a smaller screen
        self.resize(min(1280, free.width()), min(820, free.height() - FRAME_ALLOWANCE))
        self.app_lock: AppLock | None = None  # the idle lock, while the records are protected
        self.undo_stack = QUndoStack(self)
        self._log: LogPage | None = None
        self.tabs = PageTabs(None, lambda: PageContext(
            self.opened_store(), self.settings, self.log.map.atlas,
            # BodyMapWidget.geometry (ui/bodymap) is its BodyGeometry, shadowing QWidget.geometry().
            self.log.map.body_geometry,
            self.orientationChanged, self.figureChanged, self))
        self.setCentralWidget(self.tabs)
        # Edit › Undo undoes the steps of the flare being written while the Log is shown,
        # and the deletions made elsewhere (History) on the other pages.
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(self.undo_stack)
        self.tabs.currentChanged.connect(self._choose_undo)
        self.menu_actions: WindowActions = build_menus(self, PAGES)
        self.menu_actions.save.setEnabled(False)  # until the Log is there (add_log)
        self.database_label = QLabel(_("Opening the database…"))
        self.statusBar().addPermanentWidget(self.database_label)
        self.tray: Tray | None = None  # where the desktop has a tray (add_tray)
        self.requests = Requests(self, self)  # of a later start, or the tray
        self._quitting = False
        geometry = self.settings.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not log_later:
            self.add_log()
        if store is not None:
            self.attach(store)

    @property
    def log(self) -> LogPage:  # made by add_log: at once, or just after the frame is drawn
        assert self._log is not None, "the Log is used before add_log made it"
        return self._log

    @property
    def log_made(self) -> bool:
        return self._log is not None

    def add_log(self) -> None:
        """Make the Log, its body map and form, and put it in its tab."""
        from fibromap.store.drafts import DraftFile  # these after the frame is drawn, at start-up
        from fibromap.ui.log.log_page import LogPage
        self.drafts = DraftFile(self.paths, lambda: self.store.database.key if self.store else None)
        self._log = log = LogPage(None, self.settings, self.drafts)
        self.tabs.set_log(log)
        self.undo_group.addStack(log.undo_stack)
        self._choose_undo()
        self.menu_actions.save.setEnabled(True)
        log.saved.connect(lambda _flare: self.refresh())
        log.body.orientationChanged.connect(self.orientationChanged)
        log.body.orientationChanged.connect(lambda o: self.statusBar().showMessage(
            _("The front of the body is now shown as in a mirror") if o == "patient"
            else _("The front of the body is now shown facing the person"), 4000))
        self.requests.carry_out()  # one made while the frame alone was there

    def attach(self, store: Store) -> None:
        """Take the open database: the form's words, saving, the other views, the
        reminder, and the view that was open when FibroMap last closed."""
        from fibromap.ui.change_watcher import ChangeWatcher  # both loaded after the first paint
        from fibromap.ui.daily.reminder import CheckInReminder

        self.store = store
        self.watcher = ChangeWatcher(store, parent=self)
        self.watcher.changed.connect(self._changed_elsewhere)
        view = self._first_view(store)
        self.log.attach(store)  # saves a flare whose Save was pressed while it opened
        for action in self.menu_actions.needs_the_store:
            action.setEnabled(True)
        for index in range(self.tabs.count()):
            self.tabs.setTabEnabled(index, True)
        if store.database.warning:
            self.statusBar().showMessage(store.database.warning)
        self.database_label.setText((_("Demo records: {name}") if self.paths.demo
                                     else _("Database: {name}")).format(name=store.display_name))
        self.database_label.setToolTip(store.display_name)
        if store.read_only:
            self._show_read_only()
        if QSystemTrayIcon.isSystemTrayAvailable():
            # Where the desktop has a tray: a flare in a click, and the check-in reminder.
            self.add_tray().show()
        self.update_lock()
        self.reminder = CheckInReminder(store, self.settings, self.tray, parent=self)
        self.reminder.due.connect(lambda text: self.statusBar().showMessage(text, 60_000))
        if view is not None:
            self.show_view(view)
        self.requests.carry_out()

    def _first_view(self, store: Store) -> str | None:
        """The view open when FibroMap last closed (None: the Log), unless the person began
        a flare on the Log while the records opened."""
        if self.log.saving_when_open or not self.log.draft().is_empty:
            return None
        name = self.settings.last_view
        if name is None and store.flares.count():
            name = "overview"  # a first start on records already there (imported, demo)
        return name if name in VIEWS and name != "bodymap" else None

    def _show_read_only(self) -> None:
        """A database in a read-only place: everything can be seen, reported and exported;
        the buttons that would save say why they cannot."""
        why = _("The database is in a place FibroMap may not write (a read-only file, folder "
                "or disk), so nothing can be saved to it. Everything can still be viewed, "
                "put in a report and exported.")
        self.read_only_label = QLabel(_("<b>Read-only</b>: nothing can be saved"))
        self.read_only_label.setToolTip(why)
        self.statusBar().addPermanentWidget(self.read_only_label)
        self._read_only_why = why
        self.refuse_saving(self.log.save_button)

    def refuse_saving(self, button: QAbstractButton) -> None:
        button.setEnabled(False)
        button.setToolTip(self._read_only_why)

    def _choose_undo(self) -> None:
        on_log = self._log is not None and self.tabs.currentWidget() is self._log
        self.undo_group.setActiveStack(self.log.undo_stack if on_log else self.undo_stack)

    def current_view(self) -> str:
        return self.tabs.current_view()

    def page(self, name: str) -> QWidget:
        """The page ``name`` (fibromap/ui/views.py), built and put in its tab if need be."""
        return self.tabs.page(name)

    def opened_store(self) -> Store:
        """The database, for what is done only once it is open: the menus and tabs that
        lead there are off until attach()."""
        assert self.store is not None, "the menus and tabs that need the database are off until attach()"
        return self.store

    # -- reached from outside: a second start, the tray ----------------------------------
    def add_tray(self) -> Tray:
        """The tray icon and its menu (attach() adds and shows it where the desktop has a
        tray); from then on closing the window leaves FibroMap in the tray."""
        from fibromap.ui.launch.tray import Tray
        self.tray = Tray(self, self.requests.answer, self.quit, self._session_ending)
        return self.tray

    def quit(self) -> bool:
        """End FibroMap (File › Quit, the tray's Quit), as closing the window does unless it
        goes to the tray; whether the window closed."""
        self._quitting = True
        self._quitting = self.close()  # False if the close was refused
        return self._quitting

    def _session_ending(self) -> None:
        self._quitting = True  # logging out: a close is a quit, never a refusal

    # -- flares -------------------------------------------------------------------------
    def new_flare(self) -> None:
        self.tabs.setCurrentWidget(self.log)
        self.log.new()
        self.log.map.setFocus()

    def repeat_last(self) -> None:
        self.tabs.setCurrentWidget(self.log)
        self.log.repeat_last()

    def edit_flare(self, flare: Flare) -> None:
        self.tabs.setCurrentWidget(self.log)
        self.log.edit(flare)

    def flare_deleted(self, flare: Flare) -> None:
        from fibromap.figure.formatting import onset_text
        from fibromap.ui.log.delete_flare import DeleteFlare
        self.undo_stack.push(DeleteFlare(self, flare))
        self.refresh()
        self.statusBar().showMessage(
            _("Deleted the flare of {onset}. Ctrl+Z brings it back.").format(
                onset=onset_text(flare, year=False)), 10_000)

    def offer_unsaved_draft(self, ask=None) -> bool:
        """Offer back the flare that was being written when FibroMap last closed or died."""
        draft = self.drafts.load()
        if draft is None:
            if self.drafts.problem:
                text = (_("The unsaved flare from last time could not be read back ({problem}); "
                          "it was kept as {path}.") if self.drafts.set_aside else
                        _("The unsaved flare from last time could not be read back ({problem})."))
                self.statusBar().showMessage(text.format(problem=self.drafts.problem,
                                                         path=self.drafts.set_aside))
            return False
        if ask is None:
            from fibromap.ui.dialogs.restore_offer import ask_to_restore_draft
            ask = partial(ask_to_restore_draft, self)
        if ask(draft):
            self.tabs.setCurrentWidget(self.log)
            if draft.editing_id is not None:
                try:
                    flare = self.opened_store().flares.get(draft.editing_id)
                    # The correction was begun on the version it had then: a change made
                    # since, elsewhere, is not overwritten without a word.
                    self.log.edit(replace(flare, modified=draft.editing_modified or flare.modified))
                except FibroMapError:
                    draft.editing_id = None
            self.log.load_draft(draft)
            return True
        self.drafts.discard()
        return False

    # -- views ----------------------------------------------------------------------------
    def set_build(self, build: Build) -> None:
        """Draw the body as the female, male or neutral figure on every map and in the
        report (View › Body figure); the marks and the flare being typed stay."""
        self.settings.build = build
        from fibromap.domain.geometry import load_geometry
        geometry = load_geometry(build)
        self.log.map.set_geometry(geometry)
        self.figureChanged.emit(geometry)
        self.statusBar().showMessage(_(FIGURE_SHOWN[build]), 4000)

    def refresh(self) -> None:
        """Show what the database holds now (the review views reload when next shown)."""
        if self.watcher is None:
            return
        self.watcher.up_to_date()
        for entry, page in self.tabs.built():
            # A review view loads again when next shown: those nobody opens cost nothing.
            # (A page of PAGES is a QWidget and a Page, a review one a ReviewView: views.py.)
            if entry.review:
                cast(ReviewView, page).mark_stale()
            else:
                cast(Page, page).reload()

    def _changed_elsewhere(self) -> None:
        self.refresh()
        self.statusBar().showMessage(_("Showing changes saved in another window or program."), 6000)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Coming back to the window: show at once what was saved elsewhere meanwhile.
        if (event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
                and self.watcher is not None):
            self.watcher.look()
        super().changeEvent(event)

    def reload_if_built(self, name: str) -> None:
        """Show the database anew on the page ``name``; a page not built yet will when it is."""
        page = self.tabs.built_page(name)
        if page is not None:
            cast(Page, page).reload()  # a QWidget and a Page, as every page of PAGES

    def ready_to_save(self) -> bool:
        """Whether a flare marked now could be saved: the Log is there, the database is
        open and the form holds its words (the start-up benchmark asks)."""
        return self.log_made and self.store is not None

    def busy(self) -> bool:
        """Whether a view is still loading figures on a worker thread."""
        return any(cast(ReviewView, page).worker.busy for _entry, page in self.tabs.built(review=True))

    def show_view(self, name: str) -> None:
        if name == "bodymap":  # the Log view showing the most recent flare
            from fibromap.domain.draft import FlareDraft
            from fibromap.figure.formatting import onset_text
            self.tabs.setCurrentWidget(self.log)
            latest = self.opened_store().flares.latest()
            if latest is not None:
                self.log.load_draft(FlareDraft.from_flare(latest, keep_identity=False))
                self.log.body.caption.setText(_("Most recent flare: {onset}").format(
                    onset=onset_text(latest)))
            return
        if name not in VIEWS:
            raise ValueError(f"no view called {name!r}")
        self.tabs.setCurrentWidget(self.page(name))

    def show_backups(self) -> None:
        from fibromap.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.opened_store(), self.paths, self)
        dialog.exec()
        if dialog.restored:
            self.refresh()

    def show_privacy(self) -> None:
        self.privacy_dialog().exec()

    def privacy_dialog(self):
        from fibromap.ui.dialogs.privacy_dialog import PrivacyDialog

        dialog = PrivacyDialog(self.opened_store(), self.settings, self.paths, self)
        dialog.protection_changed.connect(self.update_lock)
        return dialog

    def update_lock(self) -> None:
        """The window lock follows protection: the passphrase unlocks it, after the idle
        minutes of Settings › Privacy; without protection there is nothing to unlock with."""
        key = self.store.database.key if self.store else None
        self.menu_actions.lock.setEnabled(key is not None)
        if key is None:
            if self.app_lock is not None:
                self.app_lock.set_minutes(0)
            return
        if self.app_lock is None:
            from fibromap.store import cipher
            from fibromap.store.attempts import UnlockAttempts
            from fibromap.ui.widgets.app_lock import AppLock

            def opens(passphrase: str) -> bool:  # against the key in memory: no disk read
                now = self.opened_store().database.key
                return now is not None and cipher.derive(passphrase, now.salt) == now
            self.app_lock = AppLock(self, opens, 0, UnlockAttempts(self.paths))
            self.app_lock.unlocked.connect(self.requests.carry_out)
        self.app_lock.set_minutes(self.settings.lock_minutes)

    def lock_now(self) -> None:
        if self.app_lock is not None and self.store and self.store.database.key is not None:
            self.app_lock.lock_now()

    def show_report(self) -> None:
        from fibromap.ui.dialogs.report_dialog import ReportDialog

        ReportDialog(self.opened_store(), self.settings, self.log.map.atlas, parent=self).exec()

    show_devices, show_export = window_dialogs.show_devices, window_dialogs.show_export

    def show_import(self, path=None) -> None:
        from fibromap.ui.dialogs.exchange_dialogs import ask_import, run_import

        store = self.opened_store()
        report = run_import(self, store, path) if path else ask_import(self, store)
        if report is not None:
            self.refresh()
            self.statusBar().showMessage(_("Imported — {summary}.").format(
                summary=report.summary()), 15_000)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.store is not None:
            # Kept as on quitting when the window goes to the tray too: its place and view,
            # and the flare being written (saved on disk, offered back if FibroMap ends).
            self.settings.window_geometry = self.saveGeometry()
            self.settings.last_view = self.current_view()
            self.log.keep_draft()
        if self.tray is not None and not self._quitting:
            event.ignore()  # into the tray: the database stays open, the reminder on
            self.tray.hold(self, self.settings)
            return
        if self.start_check is not None:
            self.start_check.cancel()
        if self.store is not None:  # none when closed before the database opened
            self.store.close()
        super().closeEvent(event)
