"""Wrong passphrases in a row: after five, each further try waits, longer each time, so
that guessing is slow. The count is kept in a small file beside the records (it holds no
health data), so that starting the program again does not reset it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from fibromap import atomic
from fibromap.config import Paths
from fibromap.errors import FibroMapError

FREE_TRIES = 5
FIRST_DELAY = 10.0  # seconds, doubling with each further wrong try
LONGEST_DELAY = 300.0
ATTEMPTS_FILE = "unlock-attempts.json"


class UnlockAttempts:
    def __init__(self, paths: Paths, clock: Callable[[], float] = time.time):
        self._file: Path = paths.data_dir / ATTEMPTS_FILE
        self._paths = paths
        self._clock = clock

    def _read(self) -> tuple[int, float]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
            return int(data["failures"]), float(data["last"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0, 0.0

    @property
    def failures(self) -> int:
        return self._read()[0]

    def wait(self) -> float:
        """Seconds still to wait before the next try is allowed: none for the first five
        wrong ones, then FIRST_DELAY after the last, doubling, at most LONGEST_DELAY."""
        failures, last = self._read()
        if failures < FREE_TRIES:
            return 0.0
        delay = min(LONGEST_DELAY, FIRST_DELAY * 2 ** (failures - FREE_TRIES))
        return max(0.0, last + delay - self._clock())

    def failed(self) -> None:
        failures, _last = self._read()
        self._write({"failures": failures + 1, "last": self._clock()})

    def succeeded(self) -> None:
        try:
            self._file.unlink(missing_ok=True)
        except OSError:  # a read-only place (EROFS even with no file): nothing to clear
            pass

    def _write(self, data: dict) -> None:
        try:
            self._paths.ensure(self._file.parent)
            atomic.write_bytes(self._file, json.dumps(data).encode("utf-8"),
                               failure=f"cannot keep the count of tries in {self._file}")
        except (OSError, FibroMapError):  # a count not kept must not stop a try
            pass
