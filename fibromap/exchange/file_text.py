"""The text of a file to import: a regular file only (a device, a pipe or a folder is
refused at once, never read), UTF-8 without NUL characters; read whole (never more than
MAX_IMPORT_BYTES), or a chunk at a time for a format read as a stream (any size)."""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NoReturn

from fibromap.errors import FibroMapError
from fibromap.exchange.problems import ImportRefused, Problem, at_line
from fibromap.i18n import _

MAX_IMPORT_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 1 << 20
SAMPLE_BYTES = 4096  # enough to recognise a format by its start


@contextmanager
def _opened(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """``path`` opened to read, with its size: a regular file, or a FibroMapError."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FibroMapError(_("there is no file {path}").format(path=path)) from None
    except OSError as exc:
        raise FibroMapError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise FibroMapError(_("{path} is a folder, not a file").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise FibroMapError(_("{path} is not a regular file (a device, a pipe or a socket), "
                              "so it cannot be an export").format(path=path))
    try:
        # O_NONBLOCK: should the file have been swapped for a pipe since, opening never waits.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FibroMapError(_("{path} is not a regular file").format(path=path))
            yield handle, info.st_size
    except OSError as exc:
        raise FibroMapError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from exc


def read_text(path: Path) -> str:
    """The text of a file to import, whole: never more than MAX_IMPORT_BYTES of it."""
    too_big = _("{path} is more than {size} MB, more than an export can be").format(
        path=path, size=MAX_IMPORT_BYTES // 2**20)
    with _opened(path) as (handle, size):
        if size > MAX_IMPORT_BYTES:
            raise FibroMapError(too_big)
        data = handle.read(MAX_IMPORT_BYTES + 1)  # a file that grows is capped too
    if len(data) > MAX_IMPORT_BYTES:
        raise FibroMapError(too_big)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _not_utf8(str(path), data[: exc.start].count(b"\n") + 1)
    if "\x00" in text:
        _nul(str(path))
    return text


def text_sample(path: Path) -> str:
    """The first few thousand characters of a file (what cannot be read as UTF-8, left
    out): enough to recognise its format."""
    with _opened(path) as (handle, _size):
        return handle.read(SAMPLE_BYTES).decode("utf-8-sig", errors="ignore")


def text_size(path: Path) -> int:
    with _opened(path) as (_handle, size):
        return size


def text_chunks(path: Path) -> Iterator[str]:
    """The text of a file a chunk at a time, whatever its size: ImportRefused where it
    is not UTF-8 or holds a NUL character (what came before may have been used already:
    the import undoes it)."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    lines = 1  # the line the chunk starts on
    with _opened(path) as (handle, _size):
        while True:
            data = handle.read(CHUNK_BYTES)
            # The decoder may hold the first bytes of a character the last chunk cut.
            held = len(decoder.getstate()[0])
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                _not_utf8(str(path), lines + data[:max(exc.start - held, 0)].count(b"\n"))
            if "\x00" in text:
                _nul(str(path))
            if not data:
                return
            lines += data.count(b"\n")
            yield text


def _not_utf8(source: str, line: int) -> NoReturn:
    raise ImportRefused(source, [Problem(at_line(line), _("not UTF-8 text (save the file as "
                                                           "UTF-8 and try again)"))]) from None


def _nul(source: str) -> NoReturn:
    raise ImportRefused(source, [Problem(at_line(1), _("contains NUL characters: not a text export"))])
