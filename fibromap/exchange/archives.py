"""Zip archives an import opens (an Apple Health export.zip, a Google Takeout with Fitbit
data): each member FibroMap reads is inspected before anything is unpacked, and counted
while it unpacks.

A member is refused, with nothing unpacked and nothing written, when its header says it
unpacks to more than its format can be (``Limit.largest``, given by the format), or to more
than MAX_RATIO times its packed size. While it unpacks, the first byte beyond the size its
header declares stops it (a header that lies). Members FibroMap does not read are never
unpacked, so they are not judged: a Takeout may hold videos of any size.

Why MAX_RATIO is 100: real exports pack 10 to 20 times (an Apple Health export.xml);
the tightest real-shaped files we could make pack 38 times (heart-rate records alike but
for their times and values) and 23 times (a month of Fitbit's minute steps, all zero),
while a zip bomb of whitespace packs about 1,000 times, the most deflate can. A member of
at most RATIO_FROM bytes is not judged by its ratio: a small file of repeats may pack
tightly, and cannot hurt.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.i18n import N_, _, formats, ngettext

MAX_RATIO = 100
RATIO_FROM = 1 << 20
PACKED_CHUNK = 1 << 16
LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra field length
READ = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Limit:
    """The most a member of a format can unpack to, and the format in words."""

    largest: int
    what: str  # "an Apple Health export.xml" (marked N_, translated where shown)


def size_text(size: int) -> str:
    """"2.6 GB", "256 MB", "40 KB", "12 bytes", in the person's language."""
    for unit, scale in ((N_("{size} GB"), 1 << 30), (N_("{size} MB"), 1 << 20),
                        (N_("{size} KB"), 1 << 10)):
        if size >= scale:
            rounded = round(size / scale, 1)
            shown = str(int(rounded)) if rounded == int(rounded) else formats.decimal(rounded, 1)
            return _(unit).format(size=shown)
    return ngettext("{n} byte", "{n} bytes", size).format(n=size)


def inspect(info: zipfile.ZipInfo, limit: Limit, source: str) -> None:
    """Refuse (ImportRefused) a member that cannot be what FibroMap reads, before it is
    unpacked."""
    unpacked, packed = info.file_size, info.compress_size
    reason = None
    if info.flag_bits & 0x1:
        reason = _("is encrypted, which an export never is")
    elif info.compress_type not in READ:
        reason = _("is packed in a way exports are not (only stored or deflated)")
    elif unpacked > limit.largest:
        reason = _("would unpack to {size}, more than the {largest} {what} can be, so it was "
                   "not unpacked").format(size=size_text(unpacked),
                                          largest=size_text(limit.largest), what=_(limit.what))
    elif unpacked > RATIO_FROM and unpacked > MAX_RATIO * packed:
        reason = _("would unpack to {size} from {packed}, {ratio} times its packed size, and "
                   "no export packs more than {most} times, so it was not unpacked").format(
            size=size_text(unpacked), packed=size_text(packed),
            ratio=formats.whole(unpacked // max(packed, 1)), most=MAX_RATIO)
    if reason is not None:
        raise ImportRefused(source, [Problem(info.filename, reason)])


@contextmanager
def unpacking(path: Path, info: zipfile.ZipInfo, limit: Limit,
              source: str) -> Iterator[io.BufferedReader]:
    """The member's bytes as they unpack, once ``inspect`` has let it through.

    Read from the archive here rather than through zipfile, which stops at the declared
    size without a word: a byte beyond it is refused here, by name."""
    inspect(info, limit, source)
    with open(path, "rb") as handle:
        yield io.BufferedReader(_Unpacking(handle, info, source), PACKED_CHUNK)


def unpacked(path: Path, info: zipfile.ZipInfo, limit: Limit, source: str) -> bytes:
    """The whole of a (small) member, unpacked."""
    with unpacking(path, info, limit, source) as stream:
        return b"".join(iter(lambda: stream.read(1 << 20), b""))


class _Unpacking(io.RawIOBase):
    """A member unpacking, counted against its header's size and checked by its CRC."""

    def __init__(self, handle: io.BufferedReader, info: zipfile.ZipInfo, source: str):
        super().__init__()
        self.handle, self.info, self.source = handle, info, source
        handle.seek(info.header_offset)
        signature, name_length, extra_length = LOCAL_HEADER.unpack(
            handle.read(LOCAL_HEADER.size).ljust(LOCAL_HEADER.size, b"\0"))
        if signature != b"PK\x03\x04":
            raise zipfile.BadZipFile(_("{name} does not start where the archive says").format(
                name=info.filename))
        handle.seek(name_length + extra_length, io.SEEK_CUR)
        self.packed_left = info.compress_size
        self.inflater = (zlib.decompressobj(-zlib.MAX_WBITS)
                         if info.compress_type == zipfile.ZIP_DEFLATED else None)
        self.pending = b""
        self.count = 0
        self.crc = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # (a writable buffer of bytes)
        data = self._some(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _packed(self, size: int) -> bytes:
        data = self.handle.read(min(size, self.packed_left))
        self.packed_left -= len(data)
        return data

    def _some(self, size: int) -> bytes:
        """Up to ``size`` unpacked bytes; b"" at the member's end."""
        while True:
            if self.inflater is None:
                data = self._packed(size)
                ended = not data
            else:
                if not self.pending and not self.inflater.eof:
                    self.pending = self._packed(PACKED_CHUNK)
                    if not self.pending:
                        raise zipfile.BadZipFile(_("{name} is cut short").format(
                            name=self.info.filename))
                data = self.inflater.decompress(self.pending, size)
                self.pending = self.inflater.unconsumed_tail
                ended = self.inflater.eof and not data
            if data:
                return self._counted(data)
            if ended:
                self._check_end()
                return b""

    def _counted(self, data: bytes) -> bytes:
        self.count += len(data)
        if self.count > self.info.file_size:
            raise ImportRefused(self.source, [Problem(self.info.filename, _(
                "unpacks to more than the {size} its header declares, so the archive is "
                "damaged or made to mislead, and reading stopped there").format(
                size=size_text(self.info.file_size)))])
        self.crc = zlib.crc32(data, self.crc)
        return data

    def _check_end(self) -> None:
        if self.count != self.info.file_size or self.crc != self.info.CRC:
            raise zipfile.BadZipFile(_("{name} does not match its checksum").format(
                name=self.info.filename))
