"""Reading SQLite's write-ahead log (the `-wal` beside the database) as SQLite does, to find
the damage SQLite passes over in silence.

Saves go to the log first and reach the database file at the next checkpoint. When SQLite
opens the log it reads its frames from the start and stops at the first whose salt or
running checksum does not match; everything after it is dropped without a word — so one
damaged byte in the middle of the log silently loses every save written after it. This
module reads the log's header and frames (https://www.sqlite.org/fileformat2.html#walformat)
and counts the saves (commit frames of the log's present generation) that lie after such
a break.

A break at the very end, on the last save's own frame, is what a crash while that save was
being written leaves (it was never acknowledged); it is not counted as damage.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER = 32
FRAME_HEADER = 24
MAGIC_LITTLE, MAGIC_BIG = 0x377F0682, 0x377F0683  # checksums of little- or big-endian words


@dataclass(frozen=True, slots=True)
class WalDamage:
    """Saves in the log that SQLite would drop: ``lost`` of them, after frame ``at``."""

    lost: int
    at: int
    header: bool = False  # the log's own header is damaged: every save in it is lost


def _checksum(data: bytes, big: bool, s0: int, s1: int) -> tuple[int, int]:
    for x0, x1 in struct.iter_unpack(">2I" if big else "<2I", data):
        s0 = (s0 + x0 + s1) & 0xFFFFFFFF
        s1 = (s1 + x1 + s0) & 0xFFFFFFFF
    return s0, s1


def _page_size(field: int) -> int:
    size = 65536 if field == 1 else field
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else 0


def _frames(data: bytes, page_size: int):
    """(index, frame header fields, the frame's bytes) for every whole frame."""
    size = FRAME_HEADER + page_size
    for index, start in enumerate(range(HEADER, len(data) - size + 1, size)):
        frame = data[start:start + size]
        yield index, struct.unpack(">6I", frame[:FRAME_HEADER]), frame


def inspect(wal: Path) -> WalDamage | None:
    """The damage in the log ``wal`` (None when there is none, or no log)."""
    try:
        data = wal.read_bytes()
    except OSError:
        return None
    if len(data) < HEADER:
        return None
    magic, _version, size_field, _sequence, salt1, salt2, c1, c2 = struct.unpack(
        ">8I", data[:HEADER])
    page_size = _page_size(size_field)
    big = magic == MAGIC_BIG
    header_sound = (magic in (MAGIC_LITTLE, MAGIC_BIG) and page_size
                    and _checksum(data[:24], big, 0, 0) == (c1, c2))
    if not header_sound:
        return _header_damage(data, page_size)
    return _after_break(data, page_size, big, (salt1, salt2), (c1, c2))


def _after_break(data: bytes, page_size: int, big: bool, salts: tuple[int, int],
                 running: tuple[int, int]) -> WalDamage | None:
    """Follow the frames of the present generation (``salts``) and their running checksum
    from the header's, as SQLite does; count the saves written after the first break."""
    broken = None
    lost = 0
    for index, (_page, commit, s1, s2, f1, f2), frame in _frames(data, page_size):
        ours = (s1, s2) == salts
        if broken is not None:
            lost += bool(ours and commit)
            continue
        if ours:
            running = _checksum(frame[:8], big, *running)
            running = _checksum(frame[FRAME_HEADER:], big, *running)
            if running == (f1, f2):
                continue
        broken = (index, bool(commit and ours))
    if broken is None or lost == 0:
        return None
    at, broken_commit = broken
    return WalDamage(lost + broken_commit, at)


def _header_damage(data: bytes, page_size: int) -> WalDamage | None:
    """A log whose header is damaged is read as empty: the saves in it (commit frames of
    its most common salt, its present generation) are all lost."""
    sizes = [page_size] if page_size else [1 << bits for bits in range(9, 17)]
    for size in sizes:
        if (len(data) - HEADER) % (FRAME_HEADER + size):
            continue
        frames = list(_frames(data, size))
        salts = [fields[2:4] for _index, fields, _frame in frames]
        if not salts:
            return None
        present = max(set(salts), key=salts.count)
        lost = sum(1 for _index, fields, _frame in frames
                   if fields[1] and fields[2:4] == present)
        return WalDamage(lost, 0, header=True) if lost else None
    return None
