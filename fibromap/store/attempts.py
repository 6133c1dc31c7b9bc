"""Wrong passphrases in a row: after five, each further try waits, longer each time, so
that guessing is slow. The count is kept in a small file beside the records (it holds no
health data), so that starting the program again does not reset it; where the records are
in a read-only place, in the system's temporary folder instead (a private folder of this
user's, named for the records' folder), so that a read-only place does not undo the wait."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import tempfile
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
        folder = hashlib.sha256(str(paths.data_dir.absolute()).encode()).hexdigest()[:16]
        self._elsewhere = (Path(tempfile.gettempdir()) / f"fibromap-{_user()}" / folder
                           / ATTEMPTS_FILE)
        self._paths = paths
        self._clock = clock

    def _read(self) -> tuple[int, float]:
        counts = [(0, 0.0)]
        for place in (self._file, self._elsewhere):
            try:
                data = json.loads(place.read_text(encoding="utf-8"))
                counts.append((int(data["failures"]), float(data["last"])))
            except (OSError, ValueError, KeyError, TypeError):
                pass
        return max(counts)

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
        for place in (self._file, self._elsewhere):
            try:
                place.unlink(missing_ok=True)
            except OSError:  # a read-only place (EROFS even with no file): nothing to clear
                pass

    def _write(self, data: dict) -> None:
        text = json.dumps(data).encode("utf-8")
        try:
            self._paths.ensure(self._file.parent)
            atomic.write_bytes(self._file, text,
                               failure=f"cannot keep the count of tries in {self._file}")
            return
        except (OSError, FibroMapError):
            pass
        try:  # a read-only place: the count is kept in this user's temporary folder
            self._elsewhere.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic.write_bytes(self._elsewhere, text, failure="cannot keep the count of tries")
        except (OSError, FibroMapError):  # a count not kept must not stop a try
            pass


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # pragma: no cover - not POSIX
        return getpass.getuser()
