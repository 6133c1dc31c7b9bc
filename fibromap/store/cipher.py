"""Protecting the SQLite file with a passphrase (SQLCipher 4, through sqlcipher3).

Turning protection on or off writes a new file beside the database, checks it (SQLite's
integrity check, SQLCipher's page check, and every table's row count against the original),
syncs it, then renames it into place: at any moment there is one whole database at its
path, plain or protected, never half of each. The plain file replaced is overwritten with
zeros through a handle kept open across the rename, then let go; on an SSD or a
copy-on-write file system the old blocks may still survive, which the person is told.

The passphrase goes to SQLCipher as `PRAGMA key`, which derives the key with PBKDF2-HMAC-
SHA512 (SQLCipher 4's 256,000 iterations): a wrong passphrase is found by the first read,
and nothing is changed by trying one.
"""

from __future__ import annotations

import os
from pathlib import Path

from fibromap.errors import FibroMapError

SQLITE_MAGIC = b"SQLite format 3\x00"


class WrongPassphrase(FibroMapError):
    """The passphrase does not open the database; nothing was changed."""


class PassphraseNeeded(FibroMapError):
    """The database is protected and no passphrase was given."""


def _driver():
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - installed with FibroMap
        raise FibroMapError("protection needs the sqlcipher3 module, which is missing "
                            "from this installation") from exc
    return dbapi2


def _quoted(passphrase: str) -> str:
    if not passphrase:
        raise FibroMapError("a passphrase cannot be empty")
    if "\x00" in passphrase:
        raise FibroMapError("a passphrase cannot hold a NUL character")
    return "'" + passphrase.replace("'", "''") + "'"


def is_protected(path: Path) -> bool:
    """Whether the file at ``path`` looks like a protected database: whole pages of at least
    512 bytes, not starting as a plain SQLite file does, its first 16 bytes random salt
    rather than text or zeros (neither is a database at all)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except (FileNotFoundError, NotADirectoryError):
        return False
    text_like = all(32 <= byte < 127 or byte in (9, 10, 13) for byte in head)
    return (size >= 512 and size % 512 == 0 and len(head) == len(SQLITE_MAGIC)
            and head != SQLITE_MAGIC and not text_like and any(head))


def driver():
    """The DB-API module (sqlcipher3.dbapi2), for SQLAlchemy to map its errors."""
    return _driver()


def raw_connect(path: Path, passphrase: str, *, read_only: bool = False):
    """A keyed connection for an engine (its checks come after, from the engine's use):
    read-only ones open the file by a read-only URI and write nothing beside it."""
    dbapi2 = _driver()
    if read_only:
        from fibromap.store.sqlite_files import readonly_uri
        connection = dbapi2.connect(readonly_uri(path), uri=True, check_same_thread=False)
    else:
        connection = dbapi2.connect(str(path), check_same_thread=False)
    # SQLCipher writes its own errors to stderr; FibroMap says them in its own words.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {_quoted(passphrase)}")
    return connection


def connect(path: Path, passphrase: str | None):
    """A DB-API connection to the database at ``path``: keyed with ``passphrase``, or plain
    (None). Raises WrongPassphrase if the key does not open it."""
    dbapi2 = _driver()
    connection = dbapi2.connect(str(path))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if passphrase is not None:
            connection.execute(f"PRAGMA key = {_quoted(passphrase)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        connection.close()
        if passphrase is not None and "not a database" in str(exc):
            raise WrongPassphrase(f"the passphrase does not open {path}") from None
        raise FibroMapError(f"cannot open {path}: {exc}") from exc
    return connection


def _tables(connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names}


def _export(source, target: Path, key: str | None, expected: dict[str, int]) -> None:
    """Copy the open ``source`` into a new file at ``target`` keyed with ``key`` ('' =
    plain), with its user_version and application_id, and check the copy."""
    marks = {name: source.execute(f"PRAGMA {name}").fetchone()[0]
             for name in ("user_version", "application_id")}
    source.execute(f"ATTACH DATABASE ? AS converted KEY {_quoted(key) if key else chr(39) * 2}",
                   (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('converted')")
        for name, value in marks.items():
            source.execute(f"PRAGMA converted.{name} = {int(value)}")
        source.commit()
    finally:
        source.execute("DETACH DATABASE converted")
    copy = connect(target, key or None)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise FibroMapError(f"the converted copy failed its integrity check: {problems[:3]}")
        if key and list(copy.execute("PRAGMA cipher_integrity_check")):
            raise FibroMapError("the converted copy failed SQLCipher's page check")
        if _tables(copy) != expected:
            raise FibroMapError("the converted copy does not hold every row of the original")
        for name, value in marks.items():
            if copy.execute(f"PRAGMA {name}").fetchone()[0] != value:
                raise FibroMapError(f"the converted copy lost the database's {name}")
    finally:
        copy.close()
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _replace(path: Path, converted: Path) -> None:
    """Rename ``converted`` onto ``path``; then overwrite the file it replaced (reached
    through a handle opened before the rename) and let it go."""
    with open(path, "rb+") as old:
        size = os.fstat(old.fileno()).st_size
        os.replace(converted, path)
        _sync_folder(path.parent)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        old.seek(0)
        chunk = b"\x00" * (1 << 20)
        for start in range(0, size, len(chunk)):
            old.write(chunk[: min(len(chunk), size - start)])
        old.flush()
        os.fsync(old.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name == "posix":
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _convert(path: Path, old_key: str | None, new_key: str | None) -> None:
    converted = path.with_name(f".{path.name}.converting")
    converted.unlink(missing_ok=True)
    source = connect(path, old_key)
    try:
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = _tables(source)
        _export(source, converted, new_key, expected)
    except BaseException:
        converted.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    try:
        _replace(path, converted)
    except BaseException:
        converted.unlink(missing_ok=True)
        raise


def protect(path: Path, passphrase: str) -> None:
    """Turn the plain database at ``path`` into a protected one, in place, atomically."""
    if is_protected(path):
        raise FibroMapError(f"{path} is protected already")
    _quoted(passphrase)
    _convert(path, None, passphrase)


def unprotect(path: Path, passphrase: str) -> None:
    """Turn the protected database at ``path`` back into a plain one, atomically."""
    if not is_protected(path):
        raise FibroMapError(f"{path} is not protected")
    _convert(path, passphrase, None)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Re-key the protected database: a new file under the new passphrase, checked and
    renamed into place as protection is turned on."""
    if not is_protected(path):
        raise FibroMapError(f"{path} is not protected")
    _quoted(new)
    _convert(path, old, new)
