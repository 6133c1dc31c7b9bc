"""Two FibroMap windows, in two processes, on one database: what one saves shows in the
other, and neither overwrites a change the other made without saying so."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from fibromap.i18n import _
from fibromap.store.store import Store
from fibromap.ui.main_window import MainWindow
from fibromap.ui.settings import Settings
from tests.helpers.records import full_flare
from tests.helpers.refusals import fits

ROOT = Path(__file__).resolve().parents[2]
# The message ids the windows answer with (compared through the catalogue, issue 34).
SAVED_FLARE = "Saved the flare of {onset}: {regions}."
SAVED_CHECKIN = "Saved the check-in for {day}."
CORRECTING = "Correcting the flare of {onset}"
NOT_SAVED = "Not saved: {problem}."
FLARE_CHANGED = ("this flare was changed in another window or program at {time} on {day} "
                 "after you opened it, so your correction was not saved over it; save again "
                 "to replace that change with yours, or open the flare again from History to "
                 "see it")
CHECKIN_CHANGED = ("the check-in for {day} was changed in another window or program "
                   "after you opened it, so yours was not saved over it; save again to "
                   "replace it with what you see here")


class SecondWindow:
    """tests/helpers/second_window.py in its own process."""

    def __init__(self, paths):
        env = {**os.environ, "FIBROMAP_HOME": str(paths.data_dir), "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.second_window"], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self._answer() == "ready"

    def _answer(self) -> str:
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"the second window died: {self.process.stderr.read()}")
        return line.strip()

    def do(self, command: str) -> str:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def close(self) -> None:
        try:
            self.process.stdin.write("quit\n")
            self.process.stdin.close()
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.stdout.close()
            self.process.stderr.close()


@pytest.fixture
def first(qtbot, sqlite_url, paths):
    store = Store.open(sqlite_url, paths)
    store.flares.add(full_flare(notes="as first logged"))
    window = MainWindow(store, Settings(paths.settings_file), paths)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    store.close()


@pytest.fixture
def second(paths):
    window = SecondWindow(paths)
    yield window
    window.close()


def test_a_flare_saved_in_one_window_appears_in_the_other_history(qtbot, first, second):
    assert first.page("history").model.total == 1
    said = second.do("new upper_trapezius.left")
    fits(said, SAVED_FLARE)
    # The first window has not saved anything; it notices within a few seconds.
    qtbot.waitUntil(lambda: first.page("history").model.total == 2, timeout=8000)
    assert first.page("history").model.rowCount() == 2
    assert first.statusBar().currentMessage() == _("Showing changes saved in another window or program.")


def test_a_window_never_writes_over_a_correction_made_in_the_other(qtbot, first, second):
    flare = first.store.flares.latest()
    fits(second.do(f"edit {flare.id}"), CORRECTING)
    assert second.do("notes corrected in the second window") == "typed"

    first.edit_flare(flare)
    first.log.form.notes.setPlainText("corrected in the first window")
    assert first.log.save() is not None

    said = second.do("save")
    fits(fits(said, NOT_SAVED)["problem"], FLARE_CHANGED)
    assert first.store.flares.get(flare.id).notes == "corrected in the first window"
    # Saving again, having been told, replaces it knowingly.
    fits(second.do("save"), SAVED_FLARE)
    assert first.store.flares.get(flare.id).notes == "corrected in the second window"
    assert first.store.flares.count() == 1


def test_the_first_window_saving_over_a_change_made_in_the_second_is_refused(
        qtbot, first, second):
    flare = first.store.flares.latest()
    first.edit_flare(flare)
    first.log.form.notes.setPlainText("typed in the first window")
    fits(second.do(f"edit {flare.id}"), CORRECTING)
    assert second.do("notes typed in the second window") == "typed"
    fits(second.do("save"), SAVED_FLARE)

    assert first.log.save() is None
    fits(fits(first.log.feedback.text(), NOT_SAVED)["problem"], FLARE_CHANGED)
    assert first.log.form.notes.toPlainText() == "typed in the first window"  # kept
    assert first.store.flares.get(flare.id).notes == "typed in the second window"


def test_a_check_in_saved_elsewhere_shows_unless_the_form_holds_unsaved_answers(
        qtbot, first, second):
    first.show_view("checkin")
    assert first.page("checkin").selected_day() == date.today()
    fits(second.do("sleep 7.5"), SAVED_CHECKIN)
    qtbot.waitUntil(lambda: first.page("checkin").sleep_hours.value() == 7.5, timeout=8000)

    first.page("checkin").water.setValue(4)  # an answer not yet saved
    with qtbot.waitSignal(first.watcher.changed, timeout=20_000):  # it saw the save, and kept
        fits(second.do("sleep 5"), SAVED_CHECKIN)
    assert first.page("checkin").water.value() == 4 and first.page("checkin").sleep_hours.value() == 7.5
    assert first.page("checkin").save() is None
    problem = fits(first.page("checkin").feedback.text(), "Not saved: {error}.")["error"]
    fits(problem, CHECKIN_CHANGED)
    assert first.store.checkins.get(date.today()).sleep_hours == 5
