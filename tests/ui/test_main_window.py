import dataclasses
import sqlite3

from fibromap.demo import generate
from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.app import open_main_window
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from fibromap.ui.views import PAGES
from tests.helpers.dialogs import answer_next_box
from tests.helpers.refusals import fits
from tests.helpers.starting import run_python


def test_window_opens_on_the_database_with_title_menus_and_status(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.windowTitle() == "FibroMap"
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == [_(menu).replace("&", "") for menu in ("&File", "&Edit", "&View", "&Settings", "&Help")]
    assert window.database_label.text() == _("Database: {name}").format(name=paths.database_file)
    assert window.page("overview")._headline.text() == _("No flares recorded yet")
    assert paths.database_file.exists()


def test_demo_records_say_so_in_the_title_and_status_bar(qtbot, paths):
    from fibromap.config import database_url

    demo = paths.for_demo()
    window = open_main_window(database_url(demo, environ={}), demo)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.store is not None)
    assert window.windowTitle() == "FibroMap — demo records"
    assert window.database_label.text() == f"Demo records: {demo.database_file}"
    assert demo.database_file.exists() and not paths.database_file.exists()


def test_a_first_start_on_records_shows_the_overview_and_ctrl_0_returns_to_it(qtbot,
                                                                              sqlite_url, paths):
    from PySide6.QtCore import Qt

    window, _store, _history = window_with_history(qtbot, sqlite_url, paths)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.current_view() == "overview"
    window.show_view("log")
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_view() == "overview"
    # Once FibroMap has closed on a view, that view opens next time.
    window.close()
    again = MainWindow(_store, Settings(paths.settings_file), paths)
    qtbot.addWidget(again)
    assert again.current_view() == "overview"


def test_a_first_start_with_nothing_recorded_opens_on_the_log(qtbot, window):
    assert window.current_view() == "log"


def window_with_history(qtbot, sqlite_url, paths):
    """A main window on two weeks of demo flares."""
    store = Store.open(sqlite_url, paths)
    history = generate(days=14, seed=3)
    store.flares.add_many(history.flares)
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    return window, store, history


def test_overview_shows_what_was_recorded(qtbot, sqlite_url, paths):
    window, store, history = window_with_history(qtbot, sqlite_url, paths)
    assert window.page("overview")._headline.text() == f"{len(history.flares)} flares recorded"
    latest = history.flares[-1].onset
    assert f"Most recent: {latest:%a %d %b %Y, %H:%M}" in window.page("overview")._details.text()
    store.flares.add(dataclasses.replace(history.flares[0], notes="one more"))
    window.menu_actions.refresh.trigger()
    assert window.page("overview")._headline.text() == f"{len(history.flares) + 1} flares recorded"


def test_body_map_view_shows_the_most_recent_flare(qtbot, sqlite_url, paths):
    window, _, history = window_with_history(qtbot, sqlite_url, paths)
    window.show_view("bodymap")
    assert window.tabs.currentWidget() is window.log
    latest = history.flares[-1]
    assert sorted(window.log.marks.sites(), key=lambda s: s.region) == sorted(
        latest.sites, key=lambda s: s.region)
    fits(window.log.body.caption.text(), "Most recent flare: {onset}")


def test_quit_closes_the_window(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    window.menu_actions.quit.trigger()
    assert not window.isVisible()


def test_a_foreign_database_is_refused_with_a_dialog_and_left_untouched(qtbot, paths, tmp_path):
    foreign = tmp_path / "mail.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE message (body TEXT)")
    db.close()
    before = foreign.read_bytes()
    seen: list[str] = []
    answer_next_box(seen)
    assert open_main_window(f"sqlite:///{foreign}", paths) is None
    assert len(seen) == 1
    fits(seen[0].text, "{where} is not a FibroMap database (it holds other tables: {shown}); it was "
         "left untouched", whole=False, shown="message")
    assert seen[0].selectable  # to copy into a search or a message
    assert foreign.read_bytes() == before


def test_about_names_version_and_database(qtbot, sqlite_url, paths):
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    seen: list[str] = []
    answer_next_box(seen)
    window.menu_actions.about.trigger()
    assert "FibroMap 0.1.0" in seen[0].text and str(paths.database_file) in seen[0].text


def test_a_start_builds_only_the_view_it_shows(qtbot, sqlite_url, paths):
    """Each other view is built (and its code loaded) when first opened, and then is the
    tab's own page; so are the records the Log does not show (devices, medications,
    visits, notes, symptoms, the period summary) and the records' check."""
    later = ("devices", "medications", "visits", "notes", "symptoms", "stats", "check")
    code = ("import sys\n"
            "from fibromap.config import Paths, database_url\n"
            "from fibromap.ui.app import create_application, open_main_window\n"
            "app = create_application(); p = Paths.from_environment()\n"
            "w = open_main_window(database_url(p), p); app.processEvents()\n"
            "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith("
            "('fibromap.ui.review.', 'fibromap.ui.daily.', 'fibromap.ui.log.history'))),\n"
            f"      sorted(name for name in {later!r} if 'fibromap.store.' + name in sys.modules),\n"
            "      w.opened_store().devices.count(), w.opened_store().medications.count())\n")
    started = run_python(paths.data_dir, code)
    assert started.stdout.strip().splitlines()[-1] == "['reminder'] [] 0 0", started.stderr
    window = open_main_window(sqlite_url, paths)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [page.title for page in PAGES]  # tests/ui/test_pages.py keeps them
    window.tabs.setCurrentIndex(titles.index("Heat-map"))  # as a click on the tab does
    assert window.tabs.currentWidget() is window.page("heatmap")
    assert window.current_view() == "heatmap"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Heat-map"


def test_the_frame_then_the_map_are_drawn_before_the_database_library_is_loaded(paths):
    """Start-up draws the window's frame first (menus, tabs, an empty Log) before the Log's
    code is even loaded, then the Log and its body map; SQLAlchemy (the slowest thing to
    load) comes after, on a worker thread, and then the form can save."""
    code = ("import sys, time\n"
            "import fibromap.ui.app as app_module\n"
            "from fibromap.config import Paths, database_url\n"
            "from fibromap.ui.main_window import MainWindow\n"
            "seen = {}\n"
            "loading = app_module._load_store_code\n"
            "def watched():\n"
            "    seen['at'] = time.time()\n"
            "    seen['sqlalchemy'] = 'sqlalchemy' in sys.modules\n"
            "    loading()\n"
            "app_module._load_store_code = watched\n"
            "adding = MainWindow.add_log\n"
            "def add_log(window):\n"
            "    seen['frame'] = (window.first_painted is not None, window.log_made,\n"
            "                     'fibromap.ui.log.log_page' in sys.modules,\n"
            "                     window.menu_actions.save.isEnabled())\n"
            "    adding(window)\n"
            "MainWindow.add_log = add_log\n"
            "app = app_module.create_application(); p = Paths.from_environment()\n"
            "w = app_module.open_main_window(database_url(p), p)\n"
            "print(seen['frame'], w.first_painted <= w.map_drawn <= seen['at'], seen['sqlalchemy'],\n"
            "      w.ready_to_save(), w.log.form.isEnabled(), w.log.save_button.isEnabled(),\n"
            "      w.menu_actions.save.isEnabled(), w.tabs.widget(0) is w.log)\n")
    started = run_python(paths.data_dir, code)
    assert started.stdout.strip().splitlines()[-1] == (
        "(True, False, False, False) True False True True True True True"), started.stderr


def test_the_fibromap_command_draws_the_map_before_loading_the_database_library(paths):
    """As `fibromap` starts: what it does before the window (finishing a stopped change of
    the records) loads no SQLAlchemy either."""
    code = ("import os, sys\n"
            "import fibromap.ui.app as app_module\n"
            "seen = {}\n"
            "loading = app_module._load_store_code\n"
            "def load():\n"
            "    seen['sqlalchemy'] = 'sqlalchemy' in sys.modules\n"
            "    loading()\n"
            "def opened(url, paths, window):\n"
            "    print(window.first_painted is not None, seen['sqlalchemy'])\n"
            "    sys.stdout.flush(); os._exit(0)\n"
            "app_module._load_store_code = load\n"
            "app_module._open_store = opened\n"
            "from fibromap.cli import main\n"
            "main([])\n")
    started = run_python(paths.data_dir, code)
    assert started.stdout.strip().splitlines()[-1] == "True False", started.stderr


def test_before_the_database_opens_only_the_map_and_save_work_and_no_draft_is_overwritten(
        qtbot, sqlite_url, paths):
    from fibromap.domain.draft import DraftSite, FlareDraft
    from fibromap.store.drafts import DraftFile
    from fibromap.ui.log.flare_form import local_now

    drafts = DraftFile(paths)
    drafts.save(FlareDraft(onset=local_now(), sites=[DraftSite("soleus.left", 6)]))
    before = drafts.path.read_bytes()
    window = MainWindow(None, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    assert not window.ready_to_save()
    assert window.database_label.text() == _("Opening the database…")
    assert not window.log.form.isEnabled() and window.log.save_button.isEnabled()
    assert window.menu_actions.save.isEnabled() and not window.menu_actions.report.isEnabled()
    assert not window.log.new_button.isEnabled()  # it would throw away last time's draft
    assert [window.tabs.isTabEnabled(i) for i in range(window.tabs.count())] == [
        page.factory is None for page in PAGES]  # the Log alone
    window.log.marks.mark("biceps.right", 4)  # a click on the map while it opens
    qtbot.wait(300)  # longer than the draft delay
    assert drafts.path.read_bytes() == before  # last time's flare is still there to offer
    window.attach(Store.open(sqlite_url, paths))
    assert window.ready_to_save() and window.log.form.isEnabled()
    assert window.menu_actions.save.isEnabled() and all(
        window.tabs.isTabEnabled(i) for i in range(window.tabs.count()))
    assert window.database_label.text() == f"Database: {paths.database_file}"
    assert "stress" in window.log.form.triggers.buttons  # the words came with the database


def test_a_first_window_fits_the_screen_with_room_for_a_title_bar(qtbot, store, paths):
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    free = window.screen().availableGeometry()
    # Shown, it leaves room for a title bar above it on this 800-pixel-high screen, so its
    # bottom edge and the status bar there are on the screen.
    assert window.height() + 32 <= free.height()
    assert window.statusBar().isVisible()
    assert window.statusBar().geometry().bottom() < window.height()


def test_a_window_drawn_frame_first_takes_its_log_and_a_request_made_meanwhile(qtbot, paths):
    """Start-up's window (ui/app.py): its frame alone, with an empty stand-in in the Log's
    tab and Save off; then the Log in that tab, Save on, and a `fibromap log` asked of it
    in between carried out."""
    window = MainWindow(None, Settings(paths.settings_file), paths, log_later=True)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    stand_in = window.tabs.currentWidget()
    assert not window.log_made and not window.ready_to_save()
    assert not window.menu_actions.save.isEnabled()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [p.title for p in PAGES]
    window.requests.answer("log")  # a later start asks for the Log before it is made
    window.add_log()
    assert window.log_made and window.tabs.currentWidget() is window.log is not stand_in
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [p.title for p in PAGES]
    assert window.tabs.indexOf(window.log) == 0 and window.current_view() == "log"
    assert window.menu_actions.save.isEnabled()
    assert window.undo_group.activeStack() is window.log.undo_stack
    qtbot.waitUntil(window.log.map.hasFocus)  # the request, carried out once it could be
    at_once = MainWindow(None, Settings(paths.settings_file), paths)  # as it was made before
    qtbot.addWidget(at_once)
    at_once.resize(window.size())
    at_once.show()
    qtbot.waitExposed(at_once)
    assert window.log.columns.sizes() == at_once.log.columns.sizes()  # the map as wide
