"""Apple Health's "Export All Health Data": export.zip, or the export.xml inside it.

The file is one XML document, often gigabytes: a <HealthData> root holding a <Record> per
measurement. FibroMap reads it as a stream (expat, a megabyte at a time, nothing kept but
what it needs; in an export.zip, the export.xml is inspected first: exchange/archives.py)
and takes two kinds of record:

    <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Anna's Apple Watch"
            device="<<HKDevice: 0x…>, name:Apple Watch, manufacturer:Apple Inc., …>"
            startDate="2026-03-01 23:10:00 +0100" endDate="2026-03-02 00:40:00 +0100"
            value="HKCategoryValueSleepAnalysisAsleepCore">
      <MetadataEntry key="HKTimeZone" value="Europe/Berlin"/>
    </Record>
    <Record type="HKQuantityTypeIdentifierStepCount" … unit="count" value="412"/>

Dates carry the offset of the phone's time zone when the export was made; where a record
names the time zone it was measured in (HKTimeZone), the wall-clock time is worked out
there instead, so a night slept in New York stays a New York night in an export made in
Berlin. Sleep values are Apple's (in bed, asleep, awake, core, deep, REM), by name or by
their numbers 0-5.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import IO
from xml.parsers import expat
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fibromap.domain.device_bounds import impossible_steps
from fibromap.domain.device_data import DeviceSource, Moment, SleepStage, Stretch
from fibromap.exchange.archives import Limit, unpacking
from fibromap.exchange.devices import DeviceExport, FileSample, Progress, Zones
from fibromap.exchange.problems import ImportRefused, Problem, at_line
from fibromap.i18n import N_, _, formats, ngettext

APP = "Apple Health"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
STEPS = "HKQuantityTypeIdentifierStepCount"
CHUNK = 1 << 20
# The most an export.xml in an export.zip may unpack to: the largest real exports, of
# years of a watch measuring all day, are a few gigabytes (read at 20-50 MB a second).
XML_LIMIT = Limit(32 << 30, N_("an Apple Health export.xml"))
STAGES = {
    "HKCategoryValueSleepAnalysisInBed": SleepStage.IN_BED, "0": SleepStage.IN_BED,
    "HKCategoryValueSleepAnalysisAsleep": SleepStage.ASLEEP,
    "HKCategoryValueSleepAnalysisAsleepUnspecified": SleepStage.ASLEEP, "1": SleepStage.ASLEEP,
    "HKCategoryValueSleepAnalysisAwake": SleepStage.AWAKE, "2": SleepStage.AWAKE,
    "HKCategoryValueSleepAnalysisAsleepCore": SleepStage.LIGHT, "3": SleepStage.LIGHT,
    "HKCategoryValueSleepAnalysisAsleepDeep": SleepStage.DEEP, "4": SleepStage.DEEP,
    "HKCategoryValueSleepAnalysisAsleepREM": SleepStage.REM, "5": SleepStage.REM,
}
_DEVICE_NAME = re.compile(r"name:([^,>]+)")


def looks_like(head: bytes) -> bool:
    """Whether the start of a file is an Apple Health export.xml."""
    return b"<HealthData" in head or (b"<!DOCTYPE HealthData" in head)


def recognises(sample: FileSample) -> bool:
    """Whether the file is an Apple Health export.xml, or an export.zip holding one."""
    if sample.names is not None:
        return any(name.rsplit("/", 1)[-1] == "export.xml" for name in sample.names)
    return sample.plain and sample.head.lstrip().startswith(b"<") and looks_like(sample.head)


def zip_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    """The export.xml in an export.zip (apple_health_export/export.xml)."""
    return next((info for info in archive.infolist()
                 if info.filename.rsplit("/", 1)[-1] == "export.xml"), None)


_DATE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\Z")
MAX_OFFSET = 14 * 60                 # no time zone is further from UTC
LONGEST_RECORD = timedelta(hours=24)  # a sleep record longer than this: a device left on


def _moment(text: str, zone: str | None) -> Moment:
    """"2026-03-02 00:40:00 +0100" as a Moment, in the named zone where there is one."""
    bad = ValueError(_("not a date Apple Health writes: {text}").format(text=repr(text)))
    if not _DATE.match(text):
        raise bad
    try:
        naive = datetime(int(text[0:4]), int(text[5:7]), int(text[8:10]), int(text[11:13]),
                         int(text[14:16]), int(text[17:19]))
        offset = (-1 if text[20] == "-" else 1) * (int(text[21:23]) * 60 + int(text[23:25]))
        if abs(offset) > MAX_OFFSET or naive.year < 1900:
            raise bad
        utc = naive - timedelta(minutes=offset)
    except (ValueError, OverflowError):
        raise bad from None
    there = _zone(zone) if zone else None
    if there is not None:  # the offset where it was measured, not where it was exported
        local = utc.replace(tzinfo=UTC).astimezone(there)
        shift = local.utcoffset()
        assert shift is not None  # astimezone gives an aware time
        offset = round(shift.total_seconds() / 60)
    return Moment(utc, offset)


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


class _Reader:
    def __init__(self, source_name: str):
        self.source_name = source_name
        self.stretches: dict[DeviceSource, list[Stretch]] = defaultdict(list)
        self.steps: dict[DeviceSource, dict[date, float]] = defaultdict(lambda: defaultdict(float))
        self.record: dict[str, str] | None = None
        self.zone: str | None = None
        self.problems: list[Problem] = []
        self.skipped = 0
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.EntityDeclHandler = self.refuse_entities
        self.root_seen = False

    def refuse_entities(self, *_args) -> None:
        raise ImportRefused(self.source_name, [Problem(
            at_line(self.parser.CurrentLineNumber),
            _("declares an XML entity, which an Apple Health export never does"))])

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if not self.root_seen:
            self.root_seen = True
            if name != "HealthData":
                raise ImportRefused(self.source_name, [Problem(
                    at_line(1), _("the document is <{name}>, not an Apple Health "
                                  "<HealthData>").format(name=name))])
        if name == "Record":
            kind = attrs.get("type")
            if kind == SLEEP or kind == STEPS:
                self.record, self.zone = attrs, None
        elif name == "MetadataEntry" and self.record is not None:
            if attrs.get("key") == "HKTimeZone":
                self.zone = attrs.get("value")

    def end(self, name: str) -> None:
        if name != "Record" or self.record is None:
            return
        record, self.record = self.record, None
        try:
            self.take(record)
        except (ValueError, OverflowError) as exc:
            self.skipped += 1
            if len(self.problems) < 10:
                self.problems.append(Problem(at_line(self.parser.CurrentLineNumber), str(exc)))

    def take(self, record: dict[str, str]) -> None:
        device = record.get("device") or ""
        named = _DEVICE_NAME.search(device)
        source = DeviceSource(APP, (named.group(1).strip() if named else "")
                              or record.get("sourceName", "").strip() or "unknown source")
        start = _moment(record.get("startDate", ""), self.zone)
        if record["type"] == STEPS:
            self._steps(source, start, record)
            return
        stage = STAGES.get(record.get("value", ""))
        if stage is None:
            raise ValueError(_("an unknown sleep value {value}").format(
                value=repr(record.get("value"))))
        end = _moment(record.get("endDate", ""), self.zone)
        if end.utc <= start.utc:
            raise ValueError(_("a sleep record that ends before it starts"))
        if end.utc - start.utc > LONGEST_RECORD:
            hours = (end.utc - start.utc).total_seconds() / 3600
            raise ValueError(_("a sleep record lasting {hours} hours").format(
                hours=f"{hours:.0f}"))
        self.stretches[source].append(Stretch(start, end, stage))

    def _steps(self, source: DeviceSource, start: Moment, record: dict[str, str]) -> None:
        """A step count, on the day it began; one a person could not have taken (negative,
        or more than MAX_STEPS_A_MINUTE a minute of the time it covers) is left out."""
        try:
            count = float(record.get("value", "nan"))
        except ValueError:
            raise ValueError(_("a step count of {value}").format(
                value=repr(record.get("value")))) from None
        end = _moment(record.get("endDate", ""), self.zone) if record.get("endDate") else start
        why = impossible_steps(count, (end.utc - start.utc).total_seconds() / 60)
        if why is not None:
            raise ValueError(why)
        self.steps[source][start.local.date()] += count

    def feed(self, stream: IO[bytes], total: int, progress: Progress | None) -> None:
        done = 0
        try:
            while chunk := stream.read(CHUNK):
                self.parser.Parse(chunk, False)
                done += len(chunk)
                if progress is not None:
                    progress("Reading", done, total)
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise ImportRefused(self.source_name, [Problem(
                at_line(exc.lineno), _("not well-formed XML ({reason}): the export may be cut "
                                       "short; export it again").format(
                    reason=expat.ErrorString(exc.code)))]) from None
        if not self.root_seen:
            raise ImportRefused(self.source_name, [Problem(at_line(1), _("an empty file"))])

    def export(self) -> DeviceExport:
        result = DeviceExport(N_("Apple Health export"))
        result.gather(self.stretches, self.steps)
        if self.skipped:
            first = self.problems[0]
            result.notes.append(ngettext(
                "{n} record could not be read and were left out (the first: {first})",
                "{n} records could not be read and were left out (the first: {first})",
                self.skipped).format(n=formats.whole(self.skipped), first=first))
        return result


def read(path: Path, progress: Progress | None = None, zones: Zones | None = None) -> DeviceExport:
    """Read export.zip (its export.xml inspected first: exchange/archives.py) or
    export.xml at ``path`` (every date names its offset: ``zones``, remembered for exports
    that do not, is not needed)."""
    reader = _Reader(str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            member = zip_member(archive)
        if member is None:
            raise ImportRefused(str(path), [Problem(
                _("the archive"), _("holds no export.xml: not an Apple Health export.zip"))])
        with unpacking(path, member, XML_LIMIT, str(path)) as stream:
            reader.feed(stream, member.file_size, progress)
    else:
        with open(path, "rb") as stream:
            reader.feed(stream, path.stat().st_size, progress)
    return reader.export()
