"""Writing a file whole or not at all, the one way every part of FibroMap does it.

The new file is written beside the old one under a temporary name, synced, renamed onto
it, and the rename synced (the folder): a crash or a power cut leaves the old file or the
new one, never half of either. A failure removes the temporary file and says why in one
line, the same words everywhere ("the disk is full" when there was no room).

It sits below every layer (it imports only ``fibromap.errors`` and ``fibromap.i18n``), so the store, exchange
and the report all use it.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from fibromap.errors import FibroMapError
from fibromap.i18n import N_, _

DISK_FULL = N_("the disk is full")
# Bytes free below which a write that failed or came out short is put down to a full disk
# (SQLite and Qt's PDF writer do not always say ENOSPC).
FULL_BELOW = 1_000_000
# Folders that cannot be synced (some network and FUSE file systems say so with these);
# the rename has been made all the same.
_CANNOT_SYNC_FOLDER = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}


def reason(exc: OSError) -> str:
    """Why a write failed, in words: DISK_FULL for no room left, otherwise the system's."""
    if exc.errno == errno.ENOSPC:
        return _(DISK_FULL)
    return exc.strerror or str(exc)


def nearly_full(folder: Path) -> bool:
    """Whether the disk holding ``folder`` has (almost) no room left."""
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def sync_file(path: Path) -> None:
    """Make the bytes written to ``path`` durable."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; elsewhere the rename is enough)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError as exc:
        if exc.errno not in _CANNOT_SYNC_FOLDER:
            raise
    finally:
        os.close(descriptor)


@contextmanager
def replacing(target: Path, *, failure: str, temporary: Path | None = None,
              before_replace: Callable[[], None] | None = None) -> Iterator[Path]:
    """The temporary path (beside ``target``, ``.NAME.partial`` unless given) to write the
    new file to; when the block ends it is synced, renamed onto ``target`` and the folder
    synced. On any error the temporary file is removed and ``target`` left as it was; an
    OSError becomes a FibroMapError: "``failure``: why; nothing was written".

    The file is created by whoever writes it, with the mode any new file gets (0600 under
    config.keep_private). ``before_replace`` runs once the new file is whole and synced,
    just before the rename.
    """
    temporary = temporary or target.with_name(f".{target.name}.partial")
    try:
        yield temporary
        sync_file(temporary)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):  # a folder that refused the file may refuse this too
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise FibroMapError(_("{failure}: {reason}; nothing was written").format(
                failure=failure, reason=reason(exc))) from exc
        raise
    sync_folder(target.parent)


def free_name(path: Path) -> Path:
    """``path`` if nothing is there, otherwise the first of NAME-2, NAME-3, … that is free:
    a file set aside never takes the place of an earlier one."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def write_bytes(target: Path, data: bytes, *, failure: str) -> None:
    """Write ``data`` to ``target`` whole or not at all (see ``replacing``)."""
    with replacing(target, failure=failure) as temporary:
        temporary.write_bytes(data)
