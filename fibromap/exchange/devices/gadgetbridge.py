"""Gadgetbridge's exported database (Settings › Data management › Export database): the
SQLite file of the open-source companion app that keeps a band's data off the cloud.

Supported, for each device in its DEVICE table:

    MI_BAND_ACTIVITY_SAMPLE          Mi Band 2-6, Amazfit Bip and other older Huami
                                     bands: a row a minute (TIMESTAMP in seconds, UTC),
                                     STEPS that minute, RAW_KIND 9 light sleep, 11 deep
                                     sleep (its low four bits; 0 and 10 mean "as before")
    HUAMI_EXTENDED_ACTIVITY_SAMPLE   newer Amazfit (Zepp OS) bands: RAW_KIND 120 is sleep,
                                     deep where DEEP_SLEEP > 42, REM where REM_SLEEP > 55
    XIAOMI_ACTIVITY_SAMPLE           Mi Band 8 and later, Redmi and Xiaomi watches: steps
    XIAOMI_SLEEP_TIME_SAMPLE and     their sleep: each night from TIMESTAMP to WAKEUP_TIME
    XIAOMI_SLEEP_STAGE_SAMPLE        (milliseconds, UTC), in stages 2 deep, 3 light, 4 REM,
                                     5 awake, each lasting until the next

Garmin, Pebble and the other devices Gadgetbridge knows keep their data in other tables
and are not read yet; the import says which devices it left out. The samples carry no
time zone (Gadgetbridge counts days in the phone's zone): FibroMap places them in this
computer's time zone, and says so.
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fibromap.domain.device_data import DeviceSource, Moment, SleepStage, Stretch
from fibromap.exchange.devices import DeviceExport, FileSample, Progress
from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.store.sqlite_files import SQLITE_MAGIC

APP = "Gadgetbridge"
MINUTE = timedelta(minutes=1)
MIBAND = "MI_BAND_ACTIVITY_SAMPLE"
HUAMI = "HUAMI_EXTENDED_ACTIVITY_SAMPLE"
XIAOMI = "XIAOMI_ACTIVITY_SAMPLE"
XIAOMI_NIGHTS = "XIAOMI_SLEEP_TIME_SAMPLE"
XIAOMI_STAGES = "XIAOMI_SLEEP_STAGE_SAMPLE"
MIBAND_KINDS = {9: SleepStage.LIGHT, 11: SleepStage.DEEP}
XIAOMI_KINDS = {2: SleepStage.DEEP, 3: SleepStage.LIGHT, 4: SleepStage.REM, 5: SleepStage.AWAKE}
OTHER_SAMPLES = ("GARMIN_ACTIVITY_SAMPLE", "PEBBLE_HEALTH_ACTIVITY_SAMPLE",
                 "HUAWEI_ACTIVITY_SAMPLE", "PINE_TIME_ACTIVITY_SAMPLE", "BANGLE_JS_ACTIVITY_SAMPLE",
                 "COLMI_ACTIVITY_SAMPLE", "CMF_ACTIVITY_SAMPLE")


def looks_like(head: bytes) -> bool:
    return head.startswith(SQLITE_MAGIC)


def _connect(path: Path) -> sqlite3.Connection:
    # Read-only and immutable: the file is never written, nor a journal left beside it.
    return sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)


def _tables(connection: sqlite3.Connection) -> dict[str, set[str]]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {name: {row[1] for row in connection.execute(f'PRAGMA table_info("{name}")')}
            for name in names}


def is_gadgetbridge(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            if not looks_like(handle.read(16)):
                return False
        connection = _connect(path)
        try:
            tables = _tables(connection)
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return False
    return "DEVICE" in tables and any(name.endswith("_ACTIVITY_SAMPLE") for name in tables)


def recognises(sample: FileSample) -> bool:
    """Whether the file is a Gadgetbridge database."""
    return sample.plain and looks_like(sample.head) and is_gadgetbridge(sample.path)


def _moment(seconds: float) -> Moment:
    """An instant (seconds since the epoch) with this computer's UTC offset at that
    instant: its time zone's rules, summer time included."""
    return Moment.of(datetime.fromtimestamp(seconds, UTC).astimezone())


class _Reader:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection
        self.tables = _tables(connection)
        self.stretches: dict[DeviceSource, list[Stretch]] = defaultdict(list)
        self.steps: dict[DeviceSource, dict[date, int]] = defaultdict(lambda: defaultdict(int))
        self._ends: dict[DeviceSource, int] = {}
        self.devices = self._devices()

    def _devices(self) -> dict[int, DeviceSource]:
        """Each device by its id, named by its alias, else its name; two devices of one
        name are told apart by their identifier (an old band and its replacement)."""
        columns = self.tables.get("DEVICE", set())
        wanted = [c for c in ("ALIAS", "NAME", "IDENTIFIER") if c in columns]
        rows = self.connection.execute(
            f'SELECT "_id"{"".join(f", {chr(34)}{c}{chr(34)}" for c in wanted)} FROM "DEVICE"')
        named = {}
        for device_id, *values in rows:
            found = dict(zip(wanted, values, strict=True))
            label = str(found.get("ALIAS") or found.get("NAME") or f"device {device_id}").strip()
            named[device_id] = (label, str(found.get("IDENTIFIER") or device_id))
        labels = [label for label, _identifier in named.values()]
        return {device_id: DeviceSource(APP, label if labels.count(label) == 1
                                        else f"{label} ({identifier})")
                for device_id, (label, identifier) in named.items()}

    def has(self, table: str, *columns: str) -> bool:
        return table in self.tables and set(columns) <= self.tables[table]

    def read_steps(self, table: str) -> None:
        if not self.has(table, "TIMESTAMP", "DEVICE_ID", "STEPS"):
            return
        for device_id, seconds, steps in self.connection.execute(
                f'SELECT "DEVICE_ID", "TIMESTAMP", "STEPS" FROM "{table}" WHERE "STEPS" > 0 '
                'AND "TIMESTAMP" IS NOT NULL ORDER BY "DEVICE_ID", "TIMESTAMP"'):
            source = self.devices.get(device_id)
            if source is not None and steps <= 1000:  # a minute's steps
                self.steps[source][_moment(seconds).local.date()] += steps

    def read_miband_sleep(self) -> None:
        if not self.has(MIBAND, "TIMESTAMP", "DEVICE_ID", "RAW_KIND"):
            return
        last: dict[int, int] = {}
        for device_id, seconds, raw in self.connection.execute(
                f'SELECT "DEVICE_ID", "TIMESTAMP", "RAW_KIND" FROM "{MIBAND}" WHERE "TIMESTAMP" '
                'IS NOT NULL AND "RAW_KIND" IS NOT NULL ORDER BY "DEVICE_ID", "TIMESTAMP"'):
            kind = raw & 0xF if raw != -1 else raw
            if kind in (0, 10):
                kind = last.get(device_id, kind)
            else:
                last[device_id] = kind
            self._minute(device_id, seconds, MIBAND_KINDS.get(kind))

    def read_huami_sleep(self) -> None:
        if not self.has(HUAMI, "TIMESTAMP", "DEVICE_ID", "RAW_KIND", "DEEP_SLEEP", "REM_SLEEP"):
            return
        for device_id, seconds, _raw, deep, rem in self.connection.execute(
                f'SELECT "DEVICE_ID", "TIMESTAMP", "RAW_KIND", "DEEP_SLEEP", "REM_SLEEP" '
                f'FROM "{HUAMI}" WHERE "RAW_KIND" = 120 AND "TIMESTAMP" IS NOT NULL '
                'ORDER BY "DEVICE_ID", "TIMESTAMP"'):
            stage = (SleepStage.REM if (rem or 0) & 127 > 55 else
                     SleepStage.DEEP if (deep or 0) & 127 > 42 else SleepStage.LIGHT)
            self._minute(device_id, seconds, stage)

    def _minute(self, device_id: int, seconds: int, stage: SleepStage | None) -> None:
        """A minute of sleep: it lengthens the stretch before it when it follows it in the
        same stage (a year of nights is a few thousand stretches, not half a million)."""
        source = self.devices.get(device_id)
        if stage is None or source is None:
            return
        stretches = self.stretches[source]
        if stretches and stretches[-1].stage is stage and \
                0 <= seconds - self._ends[source] < 30:
            last = stretches[-1]
            stretches[-1] = Stretch(last.start, _moment(seconds + 60), stage)
        else:
            stretches.append(Stretch(_moment(seconds), _moment(seconds + 60), stage))
        self._ends[source] = seconds + 60

    def read_xiaomi_sleep(self) -> None:
        if not self.has(XIAOMI_NIGHTS, "TIMESTAMP", "DEVICE_ID", "WAKEUP_TIME"):
            return
        stages: dict[int, list[tuple[int, int]]] = defaultdict(list)
        if self.has(XIAOMI_STAGES, "TIMESTAMP", "DEVICE_ID", "STAGE"):
            for device_id, millis, stage in self.connection.execute(
                    f'SELECT "DEVICE_ID", "TIMESTAMP", "STAGE" FROM "{XIAOMI_STAGES}" '
                    'WHERE "TIMESTAMP" IS NOT NULL ORDER BY "DEVICE_ID", "TIMESTAMP"'):
                stages[device_id].append((millis, stage))
        for device_id, bed, wake in self.connection.execute(
                f'SELECT "DEVICE_ID", "TIMESTAMP", "WAKEUP_TIME" FROM "{XIAOMI_NIGHTS}" '
                'WHERE "TIMESTAMP" IS NOT NULL ORDER BY "DEVICE_ID", "TIMESTAMP"'):
            source = self.devices.get(device_id)
            if source is None or not wake or wake <= bed:
                continue
            inside = [(at, stage) for at, stage in stages[device_id] if bed <= at < wake]
            if not inside:  # a band that reports no stages: the night as sleep
                inside = [(bed, 3)]
            for (at, stage), (until, _next) in zip(inside, inside[1:] + [(wake, None)], strict=True):
                kind = XIAOMI_KINDS.get(stage)
                if kind is not None and until > at:
                    self.stretches[source].append(Stretch(_moment(at / 1000),
                                                          _moment(until / 1000), kind))

    def left_out(self) -> list[str]:
        """Devices with samples only in tables not read."""
        read = {MIBAND, HUAMI, XIAOMI, XIAOMI_NIGHTS}
        names = set()
        for table in OTHER_SAMPLES:
            if table in self.tables and table not in read:
                for (device_id,) in self.connection.execute(
                        f'SELECT DISTINCT "DEVICE_ID" FROM "{table}"'):
                    if device_id in self.devices:
                        names.add(self.devices[device_id].device)
        return sorted(names)


def read(path: Path, progress: Progress | None = None) -> DeviceExport:
    try:
        connection = _connect(path)
    except sqlite3.Error as exc:
        raise ImportRefused(str(path), [Problem("the file", f"cannot be opened ({exc})")]) from None
    try:
        reader = _Reader(connection)
        steps_done = 0
        for part in (lambda: reader.read_steps(MIBAND), lambda: reader.read_steps(HUAMI),
                     lambda: reader.read_steps(XIAOMI), reader.read_miband_sleep,
                     reader.read_huami_sleep, reader.read_xiaomi_sleep):
            part()
            steps_done += 1
            if progress is not None:
                progress("Reading", steps_done, 6)
        not_read = reader.left_out()
    except sqlite3.DatabaseError as exc:
        raise ImportRefused(str(path), [Problem("the database", f"cannot be read ({exc})")]) \
            from None
    finally:
        connection.close()
    result = DeviceExport("Gadgetbridge database")
    result.notes.append("Gadgetbridge keeps no time zone: days and bedtimes are placed in this "
                        f"computer's time zone ({'/'.join(dict.fromkeys(time.tzname))}, "
                        "summer time included).")
    result.gather(reader.stretches, reader.steps)
    if not_read:
        result.notes.append("Not read (their sleep and steps are kept in tables FibroMap does not "
                            f"read yet): {', '.join(not_read)}.")
    return result
