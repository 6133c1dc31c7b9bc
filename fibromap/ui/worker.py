"""Work that can take longer than a frame runs on the thread pool and reports back.

Each task runs a plain function (which opens its own database session); only the
result of the newest request is delivered, so a quick change of range never shows
stale figures.

Python's cycle collector runs only on the GUI thread (CollectOnGuiThread): left automatic,
a collection starts in whichever thread happens to allocate, so a task reading the records
could destroy widgets that died in a reference cycle on the GUI thread, which Qt does not
allow (the process crashes).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from fibromap.errors import FibroMapError

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Task(QRunnable):
    def __init__(self, job: Callable[[], Any], generation: int, relay: _Relay):
        super().__init__()
        self._job = job
        self._generation = generation
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._job()
        except FibroMapError as exc:
            self._relay.failed.emit(self._generation, str(exc))
        except Exception as exc:  # noqa: BLE001 - reported on the UI thread, never lost
            log.exception("background task failed")
            self._relay.failed.emit(self._generation, f"{type(exc).__name__}: {exc}")
        else:
            self._relay.done.emit(self._generation, result)


class Worker(QObject):
    """Runs one kind of job at a time for its owner; newer requests supersede older ones."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None):
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)
        self._generation = 0
        self.busy = False

    def run(self, job: Callable[[], Any]) -> None:
        self._generation += 1
        self.busy = True
        self._pool.start(_Task(job, self._generation, self._relay))

    def _done(self, generation: int, result: Any) -> None:
        if generation == self._generation:
            self.busy = False
            self.finished.emit(result)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.failed.emit(message)


class CollectOnGuiThread(QObject):
    """Turns the automatic cycle collector off and collects on the GUI thread instead:
    the young generations every second, everything every minute."""

    EVERY_MS = 1_000
    FULL_EVERY = 60   # ticks

    def __init__(self, parent: QObject):
        super().__init__(parent)
        gc.disable()
        self.ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(self.EVERY_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        self.ticks += 1
        gc.collect(2 if self.ticks % self.FULL_EVERY == 0 else 1)
