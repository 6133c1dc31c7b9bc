"""Where in a file each region of each flare's moment was first recorded, for the check
that no flare is given twice and no region of a moment is recorded two ways.

A file of a million flares holds a million and a half of these places: as Python objects
they would take hundreds of megabytes, so they are kept in a private scratch SQLite
database instead (never named, deleted when closed; SQLite keeps the first 16 MB of it
in memory and only the rest goes to a temporary file). Nothing goes there as it is: the
moments are moved by a secret amount, the regions are numbers drawn for this check, and
the flares' fingerprints are hashed with a secret.

An export lists its flares oldest first: a flare later than every one before cannot
meet one of them, so only a flare out of that order is looked up."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta

CACHE_KIB = 16 * 1024  # of the scratch database kept in memory: 100,000 flares fit
LOOKUP = 500           # moments asked for in one statement (SQLite allows 32,766 marks)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)

Place = tuple[int, int]  # (moment, region), as stored


class Placed:
    """Each place (a moment and a region) with the index of the flare that first recorded
    it and its mark: ``place`` and ``mark`` make them, ``found`` says what is known of
    some places, ``add`` adds new ones."""

    def __init__(self) -> None:
        secret = random.SystemRandom()
        self._shift = secret.randrange(1 << 60)
        self._salt = secret.getrandbits(64)
        self._regions: dict[str, int] = {}
        self._numbers = secret.sample(range(1 << 30), 1 << 12)  # more than any atlas holds
        self._latest: int | None = None  # the latest moment stored
        self._db = sqlite3.connect("")  # "": a private temporary database
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE placed (moment INTEGER, region INTEGER, flare INTEGER, "
                         "mark INTEGER, PRIMARY KEY (moment, region)) WITHOUT ROWID")

    def place(self, onset_utc: datetime, region: str) -> Place:
        number = self._regions.get(region)
        if number is None:
            number = self._regions[region] = (
                self._numbers[len(self._regions)] if len(self._regions) < len(self._numbers)
                else -len(self._regions))  # a file that names thousands of regions
        return (onset_utc - EPOCH) // MICROSECOND + self._shift, number

    def mark(self, fingerprint: str) -> int:
        return hash((self._salt, fingerprint))

    def found(self, places: Iterable[Place]) -> dict[Place, tuple[int, int]]:
        """Of ``places``, those recorded before: (the flare's index, its mark)."""
        latest = self._latest
        if latest is None:
            return {}
        moments = sorted({moment for moment, _region in places if moment <= latest})
        known: dict[Place, tuple[int, int]] = {}
        for start in range(0, len(moments), LOOKUP):
            part = moments[start:start + LOOKUP]
            known.update(((moment, region), (flare, mark)) for moment, region, flare, mark
                         in self._db.execute(
                             "SELECT moment, region, flare, mark FROM placed WHERE moment IN "
                             f"({', '.join('?' * len(part))})", part))
        return known

    def add(self, places: Mapping[Place, tuple[int, int]]) -> None:
        if not places:
            return
        self._db.executemany("INSERT INTO placed VALUES (?, ?, ?, ?)", _rows(places))
        latest = max(moment for moment, _region in places)
        self._latest = latest if self._latest is None else max(self._latest, latest)

    def close(self) -> None:
        self._db.close()


def _rows(places: Mapping[Place, tuple[int, int]]) -> Iterator[tuple[int, int, int, int]]:
    return ((moment, region, flare, mark) for (moment, region), (flare, mark) in places.items())
