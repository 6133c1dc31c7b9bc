"""Low-level facts about SQLite files: how to read one without writing beside it, and how
to say what went wrong in one line."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fibromap.errors import DatabaseDamaged, DatabaseRefused
from fibromap.i18n import N_, _

SQLITE_MAGIC = b"SQLite format 3\x00"
# Written into the SQLite header (offset 68) so tools like `file` can tell it is ours.
SQLITE_APPLICATION_ID = 0x46624D70  # "FbMp"


DISK_FULL = N_("the disk is full, so nothing was saved; free some space and try again")
# A URL without a query or an escaped character: its backend, and all after "://".
_PLAIN_URL = re.compile(r"(?P<backend>\w+)(?:\+\w+)?://(?P<rest>[^?%]*)")


def sqlite_file_of(url: str, parse: Callable[[str], Path | None]) -> Path | None:
    """The SQLite file ``url`` names (None for a server or no file), as Database.sqlite_file
    says: read here for the plain URLs a start meets (``sqlite:///PATH``, a server's), so
    that what runs before the window is drawn needs no SQLAlchemy; ``parse`` (the whole
    reading, which loads it) for any other."""
    plain = _PLAIN_URL.fullmatch(url)
    if plain is None:
        return parse(url)
    if plain["backend"] != "sqlite":
        return None
    if not plain["rest"].startswith("/"):
        return parse(url)  # a user or host before the path: SQLAlchemy's to read
    database = plain["rest"][1:]
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().absolute()


def friendly_operational_error(exc: BaseException) -> str:
    """Turn a driver's error into one line a person can act on."""
    message = _driver_message(exc)
    lowered = message.lower()
    if "disk is full" in lowered or "no space left" in lowered or "disk full" in lowered:
        return _(DISK_FULL)
    if "readonly" in lowered or "read-only" in lowered:
        return _("the database is read-only, so nothing was saved")
    repeated = _repeated(lowered)
    if repeated:
        return repeated
    if "locked" in lowered:
        return _("the database is busy in another program; try again in a moment")
    if means_damage(exc):
        return _("the database file is damaged ({message})").format(message=message)
    return message


def _driver_message(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)


def means_damage(exc: BaseException) -> bool:
    """Whether the driver's error says the file is damaged (not a database, malformed)."""
    lowered = _driver_message(exc).lower()
    return "not a database" in lowered or "malformed" in lowered


def _repeated(lowered: str) -> str | None:
    """What a unique index refused, in words (SQLite says "UNIQUE constraint failed",
    PostgreSQL "duplicate key value")."""
    if "unique" not in lowered and "duplicate" not in lowered:
        return None
    if "fingerprint" in lowered:
        return _("an identical flare (the same moment and the same entries) is already recorded")
    if "medication" in lowered:
        return _("that medication, with that dose and start date, is already in the list")
    return None


def readonly_uri(path: Path) -> str:
    """An SQLite URI that reads ``path`` without writing to it or beside it.

    Without a write-ahead log beside the file (or with an empty one) the database is
    complete in the file itself, and ``immutable`` stops SQLite creating -wal and -shm files
    next to it. With one, in a place FibroMap cannot write, a private copy is read instead
    (``readable``).
    """
    path = readable(path)
    uri = f"file:{quote(str(path))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:  # an empty log holds nothing
        uri += "&immutable=1"
    return uri


_private_copies: dict[tuple, Path] = {}


def readable(path: Path) -> Path:
    """The file to read ``path`` through: itself, or, when a write-ahead log holding saves
    was left beside it (an unclean stop) in a place FibroMap cannot write (where SQLite
    cannot open the log's index and answers "locking protocol"), a private copy of the
    file and its log, read in full and removed when the program ends."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.stat().st_size == 0 or writable(path):
            return path
        stamp = (path, path.stat().st_mtime_ns, wal.stat().st_mtime_ns, wal.stat().st_size)
    except OSError:
        return path
    copy = _private_copies.get(stamp)
    if copy is None or not copy.exists():
        folder = Path(tempfile.mkdtemp(prefix="fibromap-reading-"))  # 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, folder / wal.name)
        _private_copies[stamp] = copy
    return copy


def writable(path: Path) -> bool:
    """Whether FibroMap may write ``path`` and the journal files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def plain_sqlite_after_magic(header: bytes) -> bool:
    """Whether the bytes after the first 16 of a file's header are those of a plain SQLite
    file (a page size, the file format, the payload fractions 64, 32, 32): then a file that
    does not start with SQLite's words is a plain one whose first bytes were damaged, not a
    protected one (all of whose bytes after the salt look random)."""
    if len(header) < 24:
        return False
    page_size = int.from_bytes(header[16:18], "big")
    return ((page_size == 1 or (512 <= page_size <= 32768 and page_size & (page_size - 1) == 0))
            and header[18] in (1, 2) and header[19] in (1, 2) and header[21:24] == b"\x40\x20\x20")


def check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    if not header.startswith(SQLITE_MAGIC):
        if plain_sqlite_after_magic(header) and header[68:72] == SQLITE_APPLICATION_ID.to_bytes(4, "big"):
            raise DatabaseDamaged(_("{path} is damaged: its first bytes, which name it an SQLite "
                                    "file, were overwritten; it was left untouched").format(
                path=path))
        raise DatabaseRefused(_("{path} is not a FibroMap database (it is not an SQLite file); "
                                "it was left untouched").format(path=path))
    application_id = int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0
    if application_id not in (0, SQLITE_APPLICATION_ID):
        raise DatabaseRefused(_("{path} is not a FibroMap database (it belongs to another "
                                "application, id {id}); it was left untouched").format(
            path=path, id=f"{application_id:#x}"))
