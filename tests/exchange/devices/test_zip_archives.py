"""Issue 33: a zip archive is inspected before anything in it is unpacked. A member that
would unpack to more than its format can be, or packs tighter than any export, is refused
at once, and one that unpacks to more than its header declares is stopped at the first
byte over; nothing is written. Real exports, packed as tightly as real data packs, still
import."""

import random
import zipfile
from datetime import date, datetime, timedelta

import pytest

from fibromap.errors import FibroMapError
from fibromap.exchange.archives import MAX_RATIO, inspect, size_text
from fibromap.exchange.devices.apple_health import XML_LIMIT
from fibromap.exchange.devices.fitbit import FILE_LIMIT
from fibromap.exchange.files import import_file
from fibromap.exchange.problems import ImportRefused
from tests.helpers.device_exports import APPLE_HEAD, Sleep, apple_record
from tests.helpers.refusals import fits, says
from tests.helpers.zip_bombs import deflated, write_zip

XML = "apple_health_export/export.xml"
STEPS = "Takeout/Fitbit/Global Export Data/steps-2026-03-01.json"
NIGHT = Sleep("2026-03-01 23:10:00 +0100", "2026-03-02 06:40:00 +0100", "Asleep")
SPACES = b" " * (1 << 20)
RATIO = ("would unpack to {size} from {packed}, {times} times its packed size, and no export "
         "packs more than {most} times, so it was not unpacked")  # message ids of archives.py
LARGEST = "would unpack to {size}, more than the {largest} {what} can be, so it was not unpacked"


def apple_health_bomb(folder, megabytes: int, declared: int | None = None):
    """A valid export.xml: <HealthData>, megabytes of whitespace, then a night's record."""
    packed, crc, size = deflated(APPLE_HEAD.encode(), SPACES, megabytes,
                                 (apple_record(NIGHT) + "</HealthData>\n").encode())
    return write_zip(folder / "export.zip", XML, packed, crc, size, declared)


def nothing_written(store) -> bool:
    return store.devices.sleeps() == [] and store.devices.steps() == []


def test_an_apple_health_zip_bomb_is_refused_before_it_is_unpacked(second, tmp_path):
    path = apple_health_bomb(tmp_path, 2480)  # 2.4 GB of whitespace in 2.5 MB
    assert zipfile.ZipFile(path).getinfo(XML).file_size > 2_600_000_000
    with pytest.raises(ImportRefused) as refused:
        import_file(second, path)
    [problem] = refused.value.problems
    info = zipfile.ZipFile(path).getinfo(XML)
    assert problem.where == XML
    fits(problem.message, RATIO, size=size_text(info.file_size), packed=size_text(info.compress_size),
         times=f"{info.file_size // info.compress_size:,}", most=MAX_RATIO)
    fits(refused.value, "{source} was not imported, nothing was written: {problems}", source=path,
         problems=problem)
    assert nothing_written(second)


def test_a_header_that_understates_its_size_is_stopped_at_the_first_byte_over(second,
                                                                             tmp_path):
    path = apple_health_bomb(tmp_path, 8, declared=1 << 20)  # 8 MB said to be 1 MB
    with pytest.raises(ImportRefused) as refused:
        import_file(second, path)
    [problem] = refused.value.problems
    assert problem.where == XML
    says(problem.message, "unpacks to more than the {size} its header declares, so the archive is "
         "damaged or made to mislead, and reading stopped there", size=size_text(1 << 20))
    assert nothing_written(second)


def test_a_fitbit_zip_bomb_is_refused_before_it_is_unpacked(second, tmp_path):
    packed, crc, size = deflated(b"[", SPACES, 64,
                                 b'{"dateTime": "03/01/26 08:00:00", "value": "1000"}]')
    path = write_zip(tmp_path / "takeout.zip", STEPS, packed, crc, size)
    with pytest.raises(ImportRefused) as refused:
        import_file(second, path)
    [problem] = refused.value.problems
    assert problem.where == STEPS
    fits(problem.message, RATIO, size=size_text(size), packed=size_text(len(packed)),
         times=f"{size // len(packed):,}")
    assert nothing_written(second)


def test_a_member_larger_than_its_format_is_refused_by_its_header(second, tmp_path):
    packed, crc, size = deflated(b"[", b"\n", 1, b"]")
    path = write_zip(tmp_path / "takeout.zip", STEPS, packed, crc, size, declared=300 << 20)
    with pytest.raises(ImportRefused) as refused:
        import_file(second, path)
    [problem] = refused.value.problems
    assert problem.where == STEPS
    fits(problem.message, LARGEST, size=size_text(300 << 20), largest=size_text(FILE_LIMIT.largest))
    assert nothing_written(second)


def member(size: int, ratio: float) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(XML)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size, info.compress_size = size, int(size / ratio)
    return info


@pytest.mark.parametrize(("size", "ratio", "limit"), [
    (1 << 30, 20, XML_LIMIT),          # a 1 GB export.xml, packed as real ones are
    (10 << 30, 40, XML_LIMIT),         # ten years of a watch, packed tighter than we saw
    (30 << 20, 25, FILE_LIMIT),        # a month of Fitbit's minute steps, all zero
    (1 << 20, 1000, FILE_LIMIT),       # a small file may pack as tight as it likes
])
def test_the_limits_let_real_exports_through(size, ratio, limit):
    inspect(member(size, ratio), limit, "export.zip")


@pytest.mark.parametrize(("size", "ratio", "limit", "message", "values"), [
    ((1 << 20) + 1, MAX_RATIO + 1, FILE_LIMIT, RATIO, {"most": MAX_RATIO}),
    (33 << 30, 20, XML_LIMIT, LARGEST, {"largest": size_text(32 << 30)}),
])
def test_past_the_limits_is_refused_and_the_limit_said(size, ratio, limit, message, values):
    with pytest.raises(ImportRefused) as refused:
        inspect(member(size, ratio), limit, "export.zip")
    [problem] = refused.value.problems
    assert problem.where == XML
    fits(problem.message, message, size=size_text(size), **values)


def test_records_as_alike_as_real_ones_get_still_import(second, tmp_path):
    """Heart-rate records every five minutes, alike but for their times and values, pack
    more tightly than a real export (which holds many kinds of record)."""
    shuffle = random.Random(33)
    start, lines = datetime(2026, 1, 1), []
    for n in range(8000):
        at = (start + timedelta(minutes=5 * n)).strftime("%Y-%m-%d %H:%M:%S +0100")
        lines.append(f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" '
                     f'unit="count/min" creationDate="{at}" startDate="{at}" endDate="{at}" '
                     f'value="{shuffle.randint(55, 110)}">\n  <MetadataEntry key="HKMetadata'
                     'KeyHeartRateMotionContext" value="0"/>\n </Record>\n')
    text = APPLE_HEAD + "".join(lines) + apple_record(NIGHT) + "</HealthData>\n"
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(XML, text)
    info = zipfile.ZipFile(path).getinfo(XML)
    assert info.file_size > 2 << 20 and info.file_size / info.compress_size > 25
    import_file(second, path)
    assert [s.day for s in second.devices.sleeps()] == [date(2026, 3, 2)]


def test_a_member_whose_bytes_do_not_match_its_checksum_is_a_damaged_archive(second, tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(XML, APPLE_HEAD + apple_record(NIGHT) + "</HealthData>\n")
    data = path.read_bytes()
    at = data.index(b"Asleep")
    path.write_bytes(data[:at] + b"Awake!" + data[at + 6:])  # same length, other bytes
    with pytest.raises(FibroMapError) as told:
        import_file(second, path)
    reason = fits(told.value, "{path} is a damaged zip archive ({reason})", path=path)["reason"]
    assert XML in reason  # the member that does not match its checksum
    assert nothing_written(second)
