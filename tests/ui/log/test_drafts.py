"""Nothing typed is lost: closing the window or killing the process keeps the draft."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from fibromap.store.drafts import DraftFile
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.dialogs import answer_next_box
from tests.helpers.refusals import fits


def open_window(qtbot, sqlite_url, paths):
    window = MainWindow(Store.open(sqlite_url, paths), Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_draft_survives_the_process_being_killed(qtbot, sqlite_url, paths):
    script = textwrap.dedent(f"""
        import os, sys, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from fibromap.config import Paths, database_url
        from fibromap.store.store import Store
        from fibromap.ui.app import create_application
        from fibromap.ui.main_window import MainWindow
        from fibromap.ui.settings import Settings
        app = create_application()
        paths = Paths.from_environment()
        window = MainWindow(Store.open(database_url(paths), paths), Settings(paths.settings_file), paths)
        window.show()
        window.log.marks.mark("upper_trapezius.left", 8)
        window.log.marks.mark("rhomboid.left")
        window.log.form.triggers.buttons["cold"].setChecked(True)
        window.log.form.notes.setPlainText("typed before the crash")
        draft = {str(paths.data_dir / "unsaved-flare.json")!r}
        deadline = time.time() + 120  # a busy machine may be slow to write it; the test waits
        while not os.path.exists(draft) and time.time() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print("ready" if os.path.exists(draft) else "no draft after 120 s", flush=True)
        time.sleep(60)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               env=os.environ)
    try:
        assert process.stdout.readline().strip() == "ready"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=20)
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    window = open_window(qtbot, sqlite_url, paths)
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.Yes)
    assert window.offer_unsaved_draft()
    fits(seen[0].text, "A flare from {onset} with {n} regions was not saved when FibroMap last "
         "closed.\n\nRestore it?", n=2)
    log = window.log
    assert [s.region for s in log.marks.sites()] == ["upper_trapezius.left"]
    assert log.marks.unrated_regions() == ["rhomboid.left"]
    assert log.form.triggers.checked() == ["cold"]
    assert log.form.notes.toPlainText() == "typed before the crash"
    assert window.store.flares.count() == 0


def test_closing_the_window_keeps_the_draft_and_declining_forgets_it(qtbot, sqlite_url, paths):
    window = open_window(qtbot, sqlite_url, paths)
    window.log.marks.mark("gastrocnemius.right", 9)
    window.close()
    assert DraftFile(paths).load() is not None
    again = open_window(qtbot, sqlite_url, paths)
    seen = []
    answer_next_box(seen, QMessageBox.StandardButton.No)
    assert not again.offer_unsaved_draft()
    assert DraftFile(paths).load() is None and again.log.marks.sites() == []


def test_saving_or_starting_anew_clears_the_draft(qtbot, sqlite_url, paths):
    window = open_window(qtbot, sqlite_url, paths)
    window.log.marks.mark("soleus.left", 4)
    window.log.keep_draft()
    assert DraftFile(paths).load() is not None
    window.log.save()
    assert DraftFile(paths).load() is None
    window.log.marks.mark("soleus.left", 4)
    window.log.keep_draft()
    window.new_flare()
    assert DraftFile(paths).load() is None


def test_a_damaged_draft_file_is_set_aside_not_fatal(qtbot, sqlite_url, paths):
    drafts = DraftFile(paths)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    drafts.path.write_text("{ half a draft", encoding="utf-8")
    window = open_window(qtbot, sqlite_url, paths)
    assert not window.offer_unsaved_draft()
    assert drafts.path.with_suffix(".damaged").read_text(encoding="utf-8") == "{ half a draft"


def _draft_json(**changes) -> str:
    import json

    from fibromap.domain.draft import DRAFT_FORMAT

    draft = {"onset": "2026-04-01T03:10:00+02:00", "duration_seconds": None,
             "still_going": False, "sites": [{"region": "soleus.left", "intensity": 6,
                                               "role": "spasm"}],
             "links": [], "context": None, "qualities": [], "triggers": [], "treatments": [],
             "impacts": {}, "notes": "", "editing_id": None}
    draft.update(changes)
    return json.dumps({"format": DRAFT_FORMAT, "draft": draft})



@pytest.mark.parametrize("content, reason", [
    (b"\xff\xfe not text at all", "it is not UTF-8 text"),
    (_draft_json(sites=[{"region": "wing.left", "intensity": 6, "role": "spasm"}]).encode(),
     "unknown body region 'wing.left'"),
    (_draft_json(sites=[{"region": "soleus.left", "intensity": 6, "role": "wobble"}]).encode(),
     "unknown kind of mark 'wobble'"),
    (_draft_json(sites=[{"region": "soleus.left", "intensity": "6", "role": "spasm"}]).encode(),
     "not '6'"),
    (_draft_json(sites=[{"region": "soleus.left", "intensity": 99, "role": "spasm"}]).encode(),
     "not 99"),
])
def test_a_draft_the_form_could_never_hold_is_set_aside_with_a_message(
        qtbot, sqlite_url, paths, content, reason):
    drafts = DraftFile(paths)
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    drafts.path.write_bytes(content)
    window = open_window(qtbot, sqlite_url, paths)
    asked = []
    assert not window.offer_unsaved_draft(ask=lambda draft: asked.append(draft) or True)
    assert asked == []  # never offered, so it cannot crash the window after a Yes
    assert reason in window.statusBar().currentMessage()
    assert drafts.path.with_suffix(".damaged").read_bytes() == content
    assert not drafts.path.exists()
    # The next start is clean.
    assert not open_window(qtbot, sqlite_url, paths).offer_unsaved_draft()


def test_a_draft_with_five_megabytes_of_notes_comes_back_whole(qtbot, sqlite_url, paths):
    notes = ("Woke with the calf locked. " * 200_000)[:5_000_000]
    DraftFile(paths).path.parent.mkdir(parents=True, exist_ok=True)
    DraftFile(paths).path.write_text(_draft_json(notes=notes), encoding="utf-8")
    window = open_window(qtbot, sqlite_url, paths)
    assert window.offer_unsaved_draft(ask=lambda draft: True)
    assert window.log.form.notes.toPlainText() == notes
