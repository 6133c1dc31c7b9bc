"""The cycle collector runs on the GUI thread only: a task that makes a lot of garbage on
the thread pool never starts a collection there (one could destroy the GUI thread's
widgets from another thread, which crashes the process)."""

import gc
import threading

from PySide6.QtCore import QObject

from fibromap.ui.worker import CollectOnGuiThread, Worker


class Cycle:
    def __init__(self):
        self.me = self


def test_collections_happen_on_the_gui_thread_only(qtbot, qapp):
    was_enabled = gc.isenabled()
    gc.enable()  # as in a program: automatic until the app turns it off
    threads = []

    def heard(phase, _info):
        if phase == "start":
            threads.append(threading.current_thread() is threading.main_thread())

    owner = QObject()
    collector = CollectOnGuiThread(owner)
    gc.callbacks.append(heard)
    try:
        worker = Worker(owner)

        def garbage():  # far more than one generation's threshold of cyclic garbage
            for _ in range(200_000):
                Cycle()
            return "done"

        with qtbot.waitSignal(worker.finished, timeout=60_000) as done:
            worker.run(garbage)
        assert done.args == ["done"]
        assert not gc.isenabled()
        with qtbot.waitSignal(collector._timer.timeout, timeout=5_000):
            pass  # the timer's collection, on this thread
        assert threads and all(threads), threads
    finally:
        gc.callbacks.remove(heard)
        if was_enabled:
            gc.enable()
