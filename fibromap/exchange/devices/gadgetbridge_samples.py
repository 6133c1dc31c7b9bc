"""Reading Gadgetbridge's sample tables (gadgetbridge.py says which): each minute's steps
and sleep stage, and Xiaomi bands' nights, placed in each device's time zone; a sample that
cannot be read or cannot be is left out and counted (samples.LeftOut)."""

from __future__ import annotations

import math
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fibromap.domain.day_bounds import EARLIEST, date_range_text, latest_day
from fibromap.domain.device_bounds import MAX_STEPS_A_MINUTE, impossible_steps
from fibromap.domain.device_data import STAGES, DeviceSource, Moment, SleepStage, Stretch
from fibromap.domain.device_merge import UNNAMED, Placement
from fibromap.exchange.devices import Zones
from fibromap.exchange.devices.local_zone import computer_zone
from fibromap.exchange.devices.samples import (
    KIND,
    NEGATIVE,
    OUTSIDE,
    STEPS,
    TIME,
    TOO_MANY,
    LeftOut,
    number,
    seconds,
    shown,
)
from fibromap.i18n import _, formats

APP = "Gadgetbridge"
MIBAND = "MI_BAND_ACTIVITY_SAMPLE"
HUAMI = "HUAMI_EXTENDED_ACTIVITY_SAMPLE"
XIAOMI = "XIAOMI_ACTIVITY_SAMPLE"
XIAOMI_NIGHTS = "XIAOMI_SLEEP_TIME_SAMPLE"
XIAOMI_STAGES = "XIAOMI_SLEEP_STAGE_SAMPLE"
MIBAND_KINDS = {9: SleepStage.LIGHT, 11: SleepStage.DEEP}
XIAOMI_KINDS = {2: SleepStage.DEEP, 3: SleepStage.LIGHT, 4: SleepStage.REM, 5: SleepStage.AWAKE}
HUAMI_SLEEP = 120
LIGHT_AND_DEEP = frozenset({SleepStage.LIGHT, SleepStage.DEEP})  # all an older Mi Band tells
# Every time zone is within 14 hours of UTC: a sample this far outside the days a record
# may have is left out at once (one nearer is left out with the day it falls on).
_ZONE_REACH = timedelta(hours=14)
_MINUTE_SAMPLE = ("DEVICE_ID", "TIMESTAMP", "STEPS", "RAW_KIND", "DEEP_SLEEP", "REM_SLEEP")


def _utc_seconds(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def _shown_time(at: float) -> str:
    try:
        return f"{datetime.fromtimestamp(at, UTC):%Y-%m-%d %H:%M} UTC"
    except (OverflowError, OSError, ValueError):
        return shown(at)


class SampleReader:
    def __init__(self, connection: sqlite3.Connection, tables: dict[str, set[str]],
                 remembered: Zones):
        self.connection, self.tables = connection, tables
        self.remembered = remembered
        self.computer = computer_zone()
        self.latest = latest_day()
        reach = _ZONE_REACH.total_seconds()
        self.bounds = (_utc_seconds(EARLIEST) - reach,
                       _utc_seconds(self.latest + timedelta(days=1)) + reach)
        self.stretches: dict[DeviceSource, list[Stretch]] = defaultdict(list)
        self.steps: dict[DeviceSource, dict[date, float]] = defaultdict(lambda: defaultdict(float))
        self.told: dict[DeviceSource, frozenset[SleepStage]] = {}
        self.left = LeftOut()
        self._ends: dict[DeviceSource, float] = {}
        self._span: dict[DeviceSource, list[float]] = {}   # first and last step counted
        self._zones: dict[DeviceSource, ZoneInfo | None] = {}
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

    # -- time -----------------------------------------------------------------------------
    def zone(self, source: DeviceSource) -> ZoneInfo | None:
        """The device's remembered time zone, else this computer's (None: the system's
        rules, when its zone has no name)."""
        if source not in self._zones:
            name = self.remembered.get(source)
            try:
                self._zones[source] = ZoneInfo(name) if name else self.computer
            except (ZoneInfoNotFoundError, ValueError):
                self._zones[source] = self.computer
        return self._zones[source]

    def _moment(self, source: DeviceSource, at: float) -> Moment:
        """An instant (seconds since 1970) with the device's UTC offset at that instant: its
        time zone's rules, summer time included."""
        return Moment.of(datetime.fromtimestamp(at, UTC).astimezone(self.zone(source)))

    def _when(self, source: DeviceSource, value: object) -> float | None:
        """A sample's time in seconds; None, and counted as left out, when it cannot be
        read or lies outside the days a record may have."""
        at = seconds(value)
        if at is None:
            self.left.add(source, TIME, shown(value))
            return None
        if not self.bounds[0] <= at <= self.bounds[1]:
            self.left.add(source, OUTSIDE, _shown_time(at), date_range_text(self.latest))
            return None
        return at

    # -- reading --------------------------------------------------------------------------
    def parts(self) -> list[Callable[[], None]]:
        return [lambda: self.read_minutes(MIBAND), lambda: self.read_minutes(HUAMI),
                lambda: self.read_minutes(XIAOMI), self.read_xiaomi_sleep]

    def _select(self, table: str, wanted: tuple[str, ...]) -> Iterable[tuple]:
        """``wanted`` columns of ``table`` (NULL where it has no such column), by device
        and time; nothing when it lacks the table or a device and time."""
        columns = self.tables.get(table, set())
        if not {"DEVICE_ID", "TIMESTAMP"} <= columns:
            return ()
        picked = ", ".join(f'"{c}"' if c in columns else "NULL" for c in wanted)
        return self.connection.execute(f'SELECT {picked} FROM "{table}" WHERE "TIMESTAMP" IS NOT '
                                       'NULL ORDER BY "DEVICE_ID", "TIMESTAMP"')

    def read_minutes(self, table: str) -> None:
        """A table of a sample a minute: its steps, and where it tells them, sleep stages."""
        last: dict[DeviceSource, int] = {}
        for device_id, stamp, steps, raw, deep, rem in self._select(table, _MINUTE_SAMPLE):
            source = self.devices.get(device_id)
            if source is None:
                continue
            at = self._when(source, stamp)
            if at is None:
                continue
            self._step(source, at, steps)
            if table == MIBAND:
                self._minute(source, at, self._miband_stage(source, raw, last), LIGHT_AND_DEEP)
            elif table == HUAMI:
                self._minute(source, at, self._huami_stage(source, raw, deep, rem), STAGES)

    def _step(self, source: DeviceSource, at: float, value: object) -> None:
        if value is None:
            return
        count = number(value)
        if count is None:
            self.left.add(source, STEPS, shown(value))
            return
        if count == 0:
            return
        if impossible_steps(count) is not None:
            self.left.add(source, NEGATIVE if count < 0 else TOO_MANY,
                          _("{count} at {moment}").format(count=_count_text(count),
                                                          moment=_shown_time(at)),
                          formats.whole(MAX_STEPS_A_MINUTE))
            return
        self.steps[source][datetime.fromtimestamp(at, UTC).astimezone(self.zone(source)).date()] \
            += count
        span = self._span.setdefault(source, [at, at])
        if at < span[0]:
            span[0] = at
        elif at > span[1]:
            span[1] = at

    def _kind(self, source: DeviceSource, raw: object) -> int | None:
        found = number(raw)
        if found is None and raw is not None:
            self.left.add(source, KIND, shown(raw))
        return None if found is None else int(found)

    def _miband_stage(self, source: DeviceSource, raw: object,
                      last: dict[DeviceSource, int]) -> SleepStage | None:
        """Light or deep sleep from RAW_KIND's low four bits; 0 and 10 mean "as before"."""
        kind = self._kind(source, raw)
        if kind is None:
            return None
        kind = kind & 0xF if kind != -1 else kind
        if kind in (0, 10):
            kind = last.get(source, kind)
        else:
            last[source] = kind
        return MIBAND_KINDS.get(kind)

    def _huami_stage(self, source: DeviceSource, raw: object, deep: object,
                     rem: object) -> SleepStage | None:
        if self._kind(source, raw) != HUAMI_SLEEP:
            return None
        rem_value, deep_value = int(number(rem) or 0) & 127, int(number(deep) or 0) & 127
        return (SleepStage.REM if rem_value > 55 else
                SleepStage.DEEP if deep_value > 42 else SleepStage.LIGHT)

    def _minute(self, source: DeviceSource, at: float, stage: SleepStage | None,
                told: frozenset[SleepStage]) -> None:
        """A minute of sleep: it lengthens the stretch before it when it follows it in the
        same stage (a year of nights is a few thousand stretches, not half a million)."""
        if stage is None:
            return
        self.told[source] = self.told.get(source, frozenset()) | told
        stretches = self.stretches[source]
        if stretches and stretches[-1].stage is stage and 0 <= at - self._ends[source] < 30:
            stretches[-1] = Stretch(stretches[-1].start, self._moment(source, at + 60), stage)
        else:
            stretches.append(Stretch(self._moment(source, at), self._moment(source, at + 60), stage))
        self._ends[source] = at + 60

    def read_xiaomi_sleep(self) -> None:
        """Each night from bedtime to waking, in the stages recorded within it (the whole
        night light sleep where the band recorded none)."""
        stages = self._xiaomi_stages()
        for device_id, bed, wake in self._select(XIAOMI_NIGHTS, ("DEVICE_ID", "TIMESTAMP", "WAKEUP_TIME")):
            source = self.devices.get(device_id)
            start = None if source is None else self._when(source, bed)
            end = None if source is None or start is None or not wake else self._when(source, wake)
            if source is not None and start is not None and end is not None and end > start:
                self._xiaomi_night(source, start, end, stages[source])

    def _xiaomi_stages(self) -> dict[DeviceSource, list[tuple[float, int]]]:
        stages: dict[DeviceSource, list[tuple[float, int]]] = defaultdict(list)
        for device_id, stamp, stage in self._select(XIAOMI_STAGES, ("DEVICE_ID", "TIMESTAMP", "STAGE")):
            source = self.devices.get(device_id)
            at = None if source is None else self._when(source, stamp)
            if source is not None and at is not None and (kind := self._kind(source, stage)) is not None:
                stages[source].append((at, kind))
        return stages

    def _xiaomi_night(self, source: DeviceSource, start: float, end: float,
                      stages: list[tuple[float, int]]) -> None:
        """A night's stretches, each stage lasting until the next."""
        inside = [(at, kind) for at, kind in stages if start <= at < end] or [(start, 3)]
        self.told[source] = STAGES
        for (at, kind), (until, _next) in zip(inside, [*inside[1:], (end, None)], strict=True):
            if XIAOMI_KINDS.get(kind) is not None and until > at:
                self.stretches[source].append(Stretch(self._moment(source, at),
                                                      self._moment(source, until),
                                                      XIAOMI_KINDS[kind]))

    # -- what was read --------------------------------------------------------------------
    def not_read(self, tables: Iterable[str]) -> list[str]:
        """Devices with samples in tables not read."""
        names = set()
        for table in tables:
            if table in self.tables:
                for (device_id,) in self.connection.execute(
                        f'SELECT DISTINCT "DEVICE_ID" FROM "{table}"'):
                    if device_id in self.devices:
                        names.add(self.devices[device_id].device)
        return sorted(names)

    def _read_from(self) -> list[DeviceSource]:
        return sorted(set(self.stretches) | set(self.steps))

    def placements(self) -> dict[DeviceSource, Placement]:
        """The zone each device was placed in (UNNAMED: this computer's, which has no name
        FibroMap can find), with its first and last step."""
        out = {}
        for source in self._read_from():
            zone, span = self.zone(source), self._span.get(source)
            first, last = ((datetime.fromtimestamp(at, UTC).replace(tzinfo=None) for at in span)
                           if span else (None, None))
            out[source] = Placement(zone.key if zone else UNNAMED, first, last)
        return out

    def zone_note(self) -> str:
        here = self.computer.key if self.computer else "/".join(dict.fromkeys(time.tzname))
        kept: dict[str, list[str]] = {}
        for source in self._read_from():
            zone = self.zone(source)
            if source in self.remembered and zone is not None and zone != self.computer:
                kept.setdefault(zone.key, []).append(source.device)
        if not kept:
            return _("Gadgetbridge keeps no time zone: days and bedtimes are placed in this "
                     "computer's time zone ({zone}, summer time included).").format(zone=here)
        where = "; ".join(_("{zone} for {devices}").format(zone=zone, devices=", ".join(devices))
                          for zone, devices in kept.items())
        return _("Gadgetbridge keeps no time zone: days and bedtimes are placed in {zones}, the "
                 "time zone of their first import (this computer's is {zone}), summer time "
                 "included.").format(zones=where, zone=here)


def _count_text(count: float) -> str:
    """A step count as the note shows it: "12,000" (what is not a finite number, as itself)."""
    return formats.whole(round(count)) if math.isfinite(count) else f"{count:,.0f}"
