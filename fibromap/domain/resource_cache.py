"""What takes long to work out from a shipped resource, kept between starts.

Reading the body map's drawing (tens of thousands of numbers in an SVG file) takes longer
than drawing it; the numbers read are kept in a file of the person's cache folder, with
a checksum of what they were made from (the resource and the code that reads it). A file
that is missing, made from something else, or damaged is made again, and written back
when the folder can be written; nothing depends on it but speed.

The values kept are plain data (tuples, lists, dicts, strings and numbers), written with
``marshal``, which reads them back in a few milliseconds and, unlike pickle, runs no code.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from collections.abc import Callable, Sequence
from importlib.abc import InspectLoader
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from fibromap import atomic
from fibromap.config import cache_folder
from fibromap.errors import FibroMapError

FORMAT = 1  # of the file: a change here makes every kept file stale
Plain = TypeVar("Plain")
Made = TypeVar("Made")


def checksum(*parts: bytes) -> bytes:
    """Eight bytes that change when any of ``parts`` does: CRC-32 and Adler-32 (zlib is
    loaded anyway; hashlib would load OpenSSL before the window is drawn)."""
    crc, adler = 0, 1
    for part in parts:
        crc, adler = zlib.crc32(part, crc), zlib.adler32(part, adler)
    return crc.to_bytes(4, "big") + adler.to_bytes(4, "big")


def code_of(module: ModuleType) -> bytes:
    """``module`` as compiled: a cache made by it is stale once its code changes (empty
    where its loader cannot say, and then only the other sources count)."""
    spec = module.__spec__
    loader = spec.loader if spec is not None else None
    code = loader.get_code(module.__name__) if isinstance(loader, InspectLoader) else None
    return marshal.dumps(code) if code is not None else b""


def kept(name: str, sources: Sequence[bytes], make: Callable[[], Plain],
         read: Callable[[Plain], Made]) -> Made:
    """``read(make())``: ``make()``'s plain result is taken from the cache file ``name``
    when that was made from the same ``sources`` (and by this Python), otherwise made
    and written there. A file ``read`` cannot take is made again too."""
    key = checksum(f"{FORMAT} {sys.version} {marshal.version}".encode(), *sources)
    path = cache_folder() / f"{name}.cache"
    plain = _load(path, key)
    if plain is not None:
        try:
            return read(plain)
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # made by code that reads it otherwise: made again below
    made = make()
    _save(path, key, made)
    return read(made)


def _load(path: Path, key: bytes):
    """What ``path`` keeps, if it was made for ``key`` and arrived whole; else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, body = data[:16], data[16:]
    if head != key + checksum(body):
        return None
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None


def _save(path: Path, key: bytes, plain: Any) -> None:
    body = marshal.dumps(plain)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, key + checksum(body) + body, failure="cannot keep a cache")
    except (OSError, FibroMapError):
        pass  # a cache folder that cannot be written: made again at the next start
