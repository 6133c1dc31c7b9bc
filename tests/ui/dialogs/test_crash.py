"""Crash reports: logged from every thread, shown with a copyable report."""

import sys
import threading

from fibromap import __version__
from fibromap.ui.dialogs.crash import CrashHandler
from tests.helpers.dialogs import answer_next_box
from tests.helpers.refusals import fits


def test_crashes_are_logged_from_the_main_thread_and_worker_threads(paths, capsys):
    handler = CrashHandler(paths, show_dialog=True).install()
    try:
        assert not handler.show_dialog  # tests never show the dialog
        try:
            raise RuntimeError("boom on the main thread")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
    finally:
        handler.uninstall()
    assert len(handler.reports) == 2
    texts = [report.read_text() for report in handler.reports]
    assert "RuntimeError: boom on the main thread" in texts[0]
    assert "ZeroDivisionError" in texts[1] and f"FibroMap {__version__}" in texts[1]
    assert all(report.parent == paths.logs_dir for report in handler.reports)
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError: boom on the main thread (details in" in err


def test_the_crash_dialog_has_a_copyable_report(qtbot, paths):
    seen = []
    answer_next_box(seen)
    CrashHandler._dialog(ValueError, ValueError("bad"), "Traceback (most recent call last): ...",
                         paths.logs_dir / "crash.log")
    fits(seen[0].text, "Something unexpected went wrong: {error}\n\nWhat you saved is safe. The "
         "details below can be copied into a bug report; they are also in {where}.",
         error="ValueError: bad", where=paths.logs_dir / "crash.log")
    assert seen[0].details.startswith("Traceback")
    assert seen[0].selectable
