"""Low-level facts about SQLite files: how to read one without writing beside it, and how
to say what went wrong in one line."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def friendly_operational_error(exc: BaseException) -> str:
    """Turn a driver's error into one line a person can act on."""
    message = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)
    lowered = message.lower()
    if "disk is full" in lowered or "no space left" in lowered or "disk full" in lowered:
        return "the disk is full, so nothing was saved; free some space and try again"
    if "readonly" in lowered or "read-only" in lowered:
        return "the database is read-only, so nothing was saved"
    if "fingerprint" in lowered and ("unique" in lowered or "duplicate" in lowered):
        return "an identical flare (the same moment and the same entries) is already recorded"
    if "locked" in lowered:
        return "the database is busy in another program; try again in a moment"
    if "not a database" in lowered or "malformed" in lowered:
        return f"the database file is damaged ({message})"
    return message


def readonly_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` without writing to it or beside it.

    Without a write-ahead log beside the file the database is complete in the file
    itself, and ``immutable`` stops SQLite creating -wal and -shm files next to it.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return uri
