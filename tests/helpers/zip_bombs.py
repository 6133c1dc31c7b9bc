"""Zip archives that unpack to far more than they hold, made in a moment and never
unpacked on disk: a chunk of whitespace is deflated once after a full flush, so its packed
bytes stand alone and can be repeated; the CRC-32 of the whole is combined from the
chunk's (zlib's crc32_combine), not computed over gigabytes."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

CRC_POLYNOMIAL = 0xEDB88320


def _times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _square(matrix: list[int]) -> list[int]:
    return [_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A followed by B from A's, B's and B's length (zlib's algorithm:
    appending length2 zero bytes is a linear map, squared up bit by bit)."""
    if length2 <= 0:
        return crc1
    odd = [CRC_POLYNOMIAL] + [1 << n for n in range(31)]  # one zero bit
    even = _square(odd)  # two
    odd = _square(even)  # four
    while True:
        even = _square(odd)
        if length2 & 1:
            crc1 = _times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _square(even)
        if length2 & 1:
            crc1 = _times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


def deflated(head: bytes, chunk: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """head + chunk * times + tail, raw-deflated: (the packed bytes, their CRC-32, the
    unpacked size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    assert packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH) == block  # stands alone
    last = packer.compress(tail) + packer.flush()
    repeated, power, power_length, left = 0, zlib.crc32(chunk), len(chunk), times
    while left:  # the CRC of the chunk `times` times over, by doubling
        if left & 1:
            repeated = crc32_combine(repeated, power, power_length)
        power = crc32_combine(power, power, power_length)
        power_length, left = power_length * 2, left >> 1
    crc = zlib.crc32(head)
    crc = crc32_combine(crc, repeated, len(chunk) * times)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    # After a full flush nothing refers back: the copies of the block may follow each other.
    return first + block * times + last, crc, len(head) + len(chunk) * times + len(tail)


def write_zip(path: Path, name: str, packed: bytes, crc: int, size: int,
              declared: int | None = None) -> Path:
    """A zip of one deflated member (under 4 GiB: no zip64), its header declaring
    ``declared`` bytes unpacked (a lie, when it is not ``size``)."""
    usize = size if declared is None else declared
    encoded = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x5A21, crc, len(packed),
                        usize, len(encoded), 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x5A21, crc,
                          len(packed), usize, len(encoded), 0, 0, 0, 0, 0, 0)
    directory_at = len(local) + len(encoded) + len(packed)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded),
                      directory_at, 0)
    path.write_bytes(local + encoded + packed + central + encoded + end)
    return path
