"""Protecting the SQLite file with a passphrase (SQLCipher 4, through sqlcipher3).

Turning protection on or off writes a new file beside the database, checks it (SQLite's
integrity check, SQLCipher's page check, and every table's row count against the original),
syncs it, then renames it into place: at any moment there is one whole database at its
path, plain or protected, never half of each. The plain file replaced is overwritten with
zeros through a handle kept open across the rename, then let go; on an SSD or a
copy-on-write file system the old blocks may still survive, which the person is told.

The key is derived from the passphrase as SQLCipher 4 does it (PBKDF2-HMAC-SHA512, 256,000
iterations, the file's first 16 bytes as salt) once per process, then given to SQLCipher
as a raw key, so that no connection repeats the derivation. A wrong passphrase is found by
the first read, and nothing is changed by trying one.
"""

from __future__ import annotations

import functools
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from fibromap import atomic
from fibromap.errors import FibroMapError
from fibromap.i18n import _
from fibromap.store.sqlite_files import (
    SQLITE_MAGIC,
    friendly_operational_error,
    plain_sqlite_after_magic,
    readonly_uri,
)


class WrongPassphrase(FibroMapError):
    """The passphrase does not open the database; nothing was changed."""


class PassphraseNeeded(FibroMapError):
    """The database is protected and no passphrase was given."""


KEY_BYTES = 32
SALT_BYTES = 16
# SQLCipher 4's key derivation, done here once per file family so that every later
# connection (SQLAlchemy opens one per transaction) is keyed without repeating it.
KDF_ITERATIONS = 256_000


@dataclass(frozen=True, slots=True)
class Key:
    """A database's key as SQLCipher uses it: derived from the passphrase and the salt at
    the start of the file. Backups share the salt, so one key opens the whole family."""

    secret: bytes = field(repr=False)
    salt: bytes

    @property
    def sql(self) -> str:
        """The raw-key literal for PRAGMA key and ATTACH ... KEY."""
        return f"\"x'{self.secret.hex()}{self.salt.hex()}'\""


@functools.lru_cache(maxsize=8)
def derive(passphrase: str, salt: bytes) -> Key:
    """PBKDF2-HMAC-SHA512 as SQLCipher 4 derives its key (about 0.1 s)."""
    check_passphrase(passphrase)
    secret = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS,
                                 KEY_BYTES)
    return Key(secret, salt)


def new_key(passphrase: str) -> Key:
    """A key for a file about to be protected, with a fresh random salt."""
    return derive(passphrase, secrets.token_bytes(SALT_BYTES))


# Keys unlocked in this process, by salt: a database, its backups and the copies made of
# it share one salt, so once unlocked, none of them asks again while the program runs.
_unlocked: dict[bytes, Key] = {}


def salt_of(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            salt = handle.read(SALT_BYTES)
    except OSError:
        return None
    return salt if len(salt) == SALT_BYTES else None


def key_for_salt(salt: bytes | None) -> Key | None:
    """The key unlocked in this process for files with this salt, if any."""
    return _unlocked.get(salt) if salt else None


def known_key(path: Path) -> Key | None:
    """The key unlocked earlier in this process for the protected file ``path``, if any."""
    return key_for_salt(salt_of(path))


def remember(key: Key) -> Key:
    _unlocked[key.salt] = key
    return key


def forget_all() -> None:
    """Forget every unlocked key (tests; a person locking FibroMap keeps the key)."""
    _unlocked.clear()


def driver():
    """The DB-API module (sqlcipher3.dbapi2), imported only once protection is in use."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - installed with FibroMap
        raise FibroMapError(_("protection needs the sqlcipher3 module, which is missing "
                              "from this installation")) from exc
    return dbapi2


def check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise FibroMapError(_("a passphrase cannot be empty"))
    if "\x00" in passphrase:
        raise FibroMapError(_("a passphrase cannot hold a NUL character"))


def is_protected(path: Path) -> bool:
    """Whether the file at ``path`` looks like a protected database: whole pages of at least
    512 bytes, not starting as a plain SQLite file does, its first 16 bytes random salt
    rather than text or zeros (neither is a database at all), and the rest of its header
    not a plain SQLite file's (a plain file with damaged first bytes)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False
    if plain_sqlite_after_magic(header):  # a plain file whose first bytes were damaged
        return False
    head = header[:len(SQLITE_MAGIC)]
    text_like = all(32 <= byte < 127 or byte in (9, 10, 13) for byte in head)
    return (size >= 512 and size % 512 == 0 and len(head) == len(SQLITE_MAGIC)
            and head != SQLITE_MAGIC and not text_like and any(head))


def raw_connect(path: Path, key: Key, *, read_only: bool = False):
    """A keyed connection for an engine (its checks come after, from the engine's use):
    read-only ones open the file by a read-only URI and write nothing beside it."""
    dbapi2 = driver()
    if read_only:
        connection = dbapi2.connect(readonly_uri(path), uri=True, check_same_thread=False)
    else:
        connection = dbapi2.connect(str(path), check_same_thread=False)
    # SQLCipher writes its own errors to stderr; FibroMap says them in its own words.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {key.sql}")
    return connection


def connect(path: Path, key: Key | None, *, read_only: bool = False):
    """A checked DB-API connection to the database at ``path``: keyed with ``key``, or
    plain (None). Raises WrongPassphrase if the key does not open it."""
    dbapi2 = driver()
    try:
        if key is None:
            connection = dbapi2.connect(str(path), check_same_thread=False)
            connection.execute("PRAGMA cipher_log_level = NONE")
        else:
            connection = raw_connect(path, key, read_only=read_only)
        connection.isolation_level = None  # transactions begun and ended here, by name
    except dbapi2.DatabaseError as exc:
        raise FibroMapError(_("cannot open {where}: {reason}").format(
            where=path, reason=friendly_operational_error(exc))) from exc
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        connection.close()
        if key is not None and "not a database" in str(exc):
            raise WrongPassphrase(_("the passphrase does not open {path}").format(
                path=path)) from None
        raise FibroMapError(_("cannot open {where}: {reason}").format(
            where=path, reason=friendly_operational_error(exc))) from exc
    return connection


def unlock(path: Path, passphrase: str) -> Key:
    """The key of the protected file ``path`` from its passphrase, checked by a first read
    (WrongPassphrase otherwise; nothing is changed) and remembered for this process."""
    salt = salt_of(path)
    if salt is None or not is_protected(path):
        raise FibroMapError(_("{path} is not protected").format(path=path))
    key = derive(passphrase, salt)
    connect(path, key, read_only=True).close()
    return remember(key)


def create(path: Path, passphrase: str) -> Key:
    """A new, empty protected database at ``path`` (nothing there yet)."""
    key = remember(new_key(passphrase))
    connection = raw_connect(path, key)
    try:
        connection.execute("PRAGMA user_version = 0")
        connection.execute("CREATE TABLE fibromap_creating (x)")
        connection.execute("DROP TABLE fibromap_creating")
        connection.commit()
    finally:
        connection.close()
    return key


def _tables(connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: connection.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0]
            for name in names}


def _export(source, target: Path, key: Key | None) -> None:
    """Copy the open ``source`` into a new file at ``target`` keyed with ``key`` (None =
    plain), with its user_version and application_id, and check the copy. The copy is made
    in one transaction holding the write lock, so it is one moment's database, whole."""
    source.execute(f"ATTACH DATABASE ? AS converted KEY {key.sql if key else chr(39) * 2}",
                   (str(target),))
    try:
        source.execute("BEGIN IMMEDIATE")
        try:
            marks = {name: source.execute(f"PRAGMA main.{name}").fetchone()[0]
                     for name in ("user_version", "application_id")}
            expected = _tables(source)
            source.execute("SELECT sqlcipher_export('converted')")
            for name, value in marks.items():
                source.execute(f"PRAGMA converted.{name} = {int(value)}")
            source.execute("COMMIT")
        except BaseException:
            source.execute("ROLLBACK")
            raise
    finally:
        source.execute("DETACH DATABASE converted")
    copy = connect(target, key)
    try:
        problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise FibroMapError(_("the converted copy failed its integrity check: {problems}"
                                  ).format(problems=problems[:3]))
        if key and list(copy.execute("PRAGMA cipher_integrity_check")):
            raise FibroMapError(_("the converted copy failed SQLCipher's page check"))
        if _tables(copy) != expected:
            raise FibroMapError(_("the converted copy does not hold every row of the original"))
        for name, value in marks.items():
            if copy.execute(f"PRAGMA {name}").fetchone()[0] != value:
                raise FibroMapError(_("the converted copy lost the database's {name}").format(
                    name=name))
    finally:
        copy.close()


def overwrite(handle) -> None:
    """Write zeros over the whole file open as ``handle`` and sync: the bytes of a plain
    file replaced by a protected one are gone, not only unlinked."""
    size = os.fstat(handle.fileno()).st_size
    handle.seek(0)
    chunk = b"\x00" * (1 << 20)
    for start in range(0, size, len(chunk)):
        handle.write(chunk[: min(len(chunk), size - start)])
    handle.flush()
    os.fsync(handle.fileno())


BUSY_WAIT_MS = 5000  # how long a conversion waits for another program to finish reading


def convert(path: Path, old_key: Key | None, new_key: Key | None) -> None:
    """Rewrite the database at ``path`` from ``old_key`` (None: plain) to ``new_key``
    (None: plain) as a checked new file renamed into place: whole or not at all."""
    converted = path.with_name(f".{path.name}.converting")
    converted.unlink(missing_ok=True)
    replaced = []  # the file renamed over, opened just before the rename: zeroed after it
    try:
        with atomic.replacing(path, failure=_("cannot change the protection of {path}").format(
                path=path),
                              temporary=converted,
                              before_replace=lambda: replaced.append(open(path, "rb+"))):
            export_to(path, old_key, converted, new_key)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        overwrite(replaced[0])
    finally:
        for handle in replaced:
            handle.close()


def export_to(path: Path, old_key: Key | None, converted: Path, new_key: Key | None) -> None:
    """Export the database at ``path`` into a new, checked file ``converted`` keyed with
    ``new_key`` (None: plain; see _export), once its write-ahead log is empty."""
    source = connect(path, old_key)
    try:
        # The write-ahead log must be empty: left beside the new file by a crash just after
        # the rename, its pages would be read into it (which no passphrase then opens).
        source.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        busy, _pages, _moved = source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise FibroMapError(_("another program is using {path}: close it and try again "
                                  "(nothing was changed)").format(path=path))
        _export(source, converted, new_key)
    finally:
        source.close()


def protect(path: Path, passphrase: str) -> Key:
    """Turn the plain database at ``path`` into a protected one, in place, atomically;
    returns its key (remembered)."""
    if is_protected(path):
        raise FibroMapError(_("{path} is protected already").format(path=path))
    key = new_key(passphrase)
    convert(path, None, key)
    return remember(key)


def unprotect(path: Path, key: Key) -> None:
    """Turn the protected database at ``path`` back into a plain one, atomically."""
    if not is_protected(path):
        raise FibroMapError(_("{path} is not protected").format(path=path))
    convert(path, key, None)


def change_passphrase(path: Path, key: Key, new_passphrase: str) -> Key:
    """Re-key the protected database (a new salt too): a new file under the new passphrase,
    checked and renamed into place as protection is turned on. Returns the new key."""
    if not is_protected(path):
        raise FibroMapError(_("{path} is not protected").format(path=path))
    new = new_key(new_passphrase)
    convert(path, key, new)
    return remember(new)
