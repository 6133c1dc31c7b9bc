"""Where in a file each region of each flare's moment was first recorded, for the check
that no flare is given twice and no region of a moment is recorded two ways.

A file of a million flares holds a million and a half of these places: as Python objects
they would take hundreds of megabytes, so they are kept in a private scratch SQLite
database instead (on disk, never named, deleted when closed; SQLite keeps a few
megabytes of it in memory). Nothing of the records is written there as it is: each
place and each flare's fingerprint goes in as a hash keyed with a secret of this check
alone."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime

CACHE_KIB = 16 * 1024  # of the scratch database kept in memory: 100,000 flares fit
LOOKUP = 900           # places asked for in one statement (SQLite allows 32,766 marks)


class Placed:
    """Each place (a moment and a region) with the index and fingerprint of the flare that
    first recorded it: ``found`` what is known of some places, ``add`` new ones."""

    def __init__(self) -> None:
        self._secret = os.urandom(16)
        self._db = sqlite3.connect("")  # "": a private temporary database on disk
        self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE placed (place BLOB PRIMARY KEY, flare INTEGER, "
                         "mark BLOB) WITHOUT ROWID")

    def place(self, onset_utc: datetime, region: str) -> bytes:
        return hashlib.blake2b(f"{onset_utc.isoformat()} {region}".encode(), digest_size=16,
                               key=self._secret).digest()

    def mark(self, fingerprint: str) -> bytes:
        return hashlib.blake2b(fingerprint.encode(), digest_size=12, key=self._secret).digest()

    def found(self, places: Iterable[bytes]) -> dict[bytes, tuple[int, bytes]]:
        """Of ``places``, those recorded before: (the flare's index, its mark)."""
        wanted = list(dict.fromkeys(places))
        known: dict[bytes, tuple[int, bytes]] = {}
        for start in range(0, len(wanted), LOOKUP):
            part = wanted[start:start + LOOKUP]
            known.update((place, (flare, mark)) for place, flare, mark in self._db.execute(
                f"SELECT place, flare, mark FROM placed WHERE place IN "
                f"({', '.join('?' * len(part))})", part))
        return known

    def add(self, places: Mapping[bytes, tuple[int, bytes]]) -> None:
        self._db.executemany("INSERT INTO placed VALUES (?, ?, ?)",
                             ((place, flare, mark) for place, (flare, mark) in places.items()))

    def close(self) -> None:
        self._db.close()
