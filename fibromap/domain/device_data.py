"""Sleep and steps measured by a watch, ring, band or phone, read from its app's export.

A device reports sleep as stretches of time, each in a stage (in bed, asleep, awake, and
where it can tell them apart light, deep and REM sleep). ``sleep_periods`` turns one
device's stretches into periods of sleep, a night or a nap, each counted on the day it
ends, where the person was. ``keep_one_per_night`` chooses between two devices that
measured the same night (a watch and a phone). Steps are counted per day and device.

Times are kept as the instant in UTC with the UTC offset where the person was, as flares
are: the same night read on a computer in any time zone is the same record. An export that
gives wall-clock times with no offset (Fitbit, when its profile has no time zone) keeps
the wall-clock time with the offset unknown.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from fibromap.domain.field_sentences import SLEEP_OUT_OF_RANGE
from fibromap.errors import ValidationError
from fibromap.i18n import _, formats, ngettext

NEW_PERIOD_GAP = timedelta(hours=2)      # no stretch for this long: the next is another sleep
AWAKENING = timedelta(minutes=3)         # a break in sleep this long counts as waking up
NAP_LONGEST = timedelta(hours=3)         # asleep no longer than this, in the day: a nap
DAYTIME = (9, 20)                        # a nap starts between 09:00 and 20:00
NIGHT_ENDS_BY = 12                       # sleep that ends after noon is daytime sleep
LONGEST_PERIOD = timedelta(hours=24)     # longer than this: not a sleep (a device left on)
MAX_STEPS_A_DAY = 200_000


class SleepStage(StrEnum):
    IN_BED = "in_bed"
    ASLEEP = "asleep"    # asleep, stage not told apart
    AWAKE = "awake"
    LIGHT = "light"      # Apple's "core" sleep
    DEEP = "deep"
    REM = "rem"

    @property
    def sleeping(self) -> bool:
        return self in (SleepStage.ASLEEP, SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM)


@dataclass(frozen=True, slots=True, order=True)
class Moment:
    """An instant: ``utc`` with the ``offset`` (minutes east of UTC) where the person was;
    with the offset unknown, ``utc`` holds the wall-clock time as the export gave it."""

    utc: datetime
    offset: int | None

    @property
    def local(self) -> datetime:
        """The wall-clock time where the person was."""
        return self.utc if self.offset is None else self.utc + timedelta(minutes=self.offset)

    @classmethod
    def of(cls, when: datetime) -> Moment:
        """From an aware datetime (its offset kept), or a naive wall-clock time."""
        offset = when.utcoffset()
        if offset is None:  # naive
            return cls(when.replace(microsecond=0), None)
        utc = (when - offset).replace(tzinfo=None, microsecond=0)
        return cls(utc, round(offset.total_seconds() / 60))


@dataclass(frozen=True, slots=True)
class Stretch:
    start: Moment
    end: Moment
    stage: SleepStage


@dataclass(frozen=True, slots=True, order=True)
class DeviceSource:
    """Where figures came from: the app that exported them and the device that measured."""

    app: str      # "Apple Health", "Fitbit", "Gadgetbridge"
    device: str   # "Apple Watch", "iPhone", "Charge 5", "Mi Band 6"

    def __post_init__(self) -> None:
        # The store keeps 40 and 120 characters (PostgreSQL holds to them; a name a device
        # app lets the person type can be longer).
        object.__setattr__(self, "app", " ".join(self.app.split())[:40])
        object.__setattr__(self, "device", " ".join(self.device.split())[:120] or "unnamed")

    @property
    def label(self) -> str:
        return self.app if self.device == self.app else f"{self.device} ({self.app})"


@dataclass(frozen=True, slots=True)
class DeviceSleep:
    """One period of sleep as a device measured it. Minutes are None where the device does
    not say (a phone that only knows the time in bed; stages on a device without them)."""

    source: DeviceSource
    start: Moment
    end: Moment
    in_bed_minutes: int
    asleep_minutes: int | None
    awake_minutes: int | None
    awakenings: int | None
    light_minutes: int | None = None
    deep_minutes: int | None = None
    rem_minutes: int | None = None
    nap: bool = False

    def __post_init__(self) -> None:
        if self.end.utc <= self.start.utc:
            raise ValidationError(_("a sleep must end after it starts"), "end")
        for name in SLEEP_OUT_OF_RANGE:
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 24 * 60 * 2:
                raise ValidationError(_(SLEEP_OUT_OF_RANGE[name]).format(value=value), name)

    @property
    def day(self) -> date:
        """The day it counts for: the day it ended, where the person was."""
        return self.end.local.date()

    @property
    def has_stages(self) -> bool:
        return self.deep_minutes is not None

    @property
    def asleep_hours(self) -> float | None:
        return None if self.asleep_minutes is None else self.asleep_minutes / 60


@dataclass(frozen=True, slots=True)
class DeviceSteps:
    source: DeviceSource
    day: date
    steps: int

    def __post_init__(self) -> None:
        if not 0 <= self.steps <= MAX_STEPS_A_DAY:
            raise ValidationError(ngettext("{count} step in a day is out of range", "{count} steps "
                                           "in a day is out of range", self.steps).format(
                                               count=self.steps), "steps")


# -- assembling -----------------------------------------------------------------------------
Interval = tuple[datetime, datetime]


def _union(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[list[datetime]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _minutes(intervals: Iterable[Interval]) -> int:
    return round(sum((end - start).total_seconds() for start, end in intervals) / 60)


def _clip(intervals: list[Interval], taken: list[Interval]) -> list[Interval]:
    """``intervals`` less what ``taken`` covers."""
    out = []
    for start, end in intervals:
        pieces = [(start, end)]
        for t_start, t_end in taken:
            pieces = [piece for a, b in pieces for piece in
                      ((a, min(b, t_start)), (max(a, t_end), b)) if piece[1] > piece[0]]
        out += pieces
    return out


STAGES = frozenset({SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM})


def sleep_periods(source: DeviceSource, stretches: Iterable[Stretch],
                  left_out: list[str] | None = None,
                  told: frozenset[SleepStage] = STAGES) -> list[DeviceSleep]:
    """One device's stretches as periods of sleep: a stretch more than NEW_PERIOD_GAP after
    the last one ended begins another. A period with no stretch of sleep, only time in bed,
    keeps its time in bed and says nothing of sleep. A stretch that ends before it starts,
    and a period longer than LONGEST_PERIOD (a device left recording), are left out and
    described in ``left_out``. A stage the device cannot tell apart (``told``: a Mi Band 2
    knows light and deep sleep, not REM) stays unknown (None), never 0."""
    ordered = sorted(stretches, key=lambda s: (s.start.utc, s.end.utc))
    groups: list[list[Stretch]] = []
    end = None
    for stretch in ordered:
        if stretch.end.utc <= stretch.start.utc:
            if left_out is not None:
                left_out.append(_("a record of {device} ending before it starts ({start})").format(
                    device=source.device, start=f"{stretch.start.local:%Y-%m-%d %H:%M}"))
            continue
        if end is None or stretch.start.utc - end > NEW_PERIOD_GAP:
            groups.append([])
            end = stretch.end.utc
        groups[-1].append(stretch)
        end = max(end, stretch.end.utc)
    periods = []
    for group in groups:
        first = min(s.start.utc for s in group)
        last = max(s.end.utc for s in group)
        if last - first > LONGEST_PERIOD:
            if left_out is not None:
                hours = f"{(last - first).total_seconds() / 3600:.0f}"
                left_out.append(ngettext(
                    "{count} hour of {device} from {start}, too long for a sleep",
                    "{count} hours of {device} from {start}, too long for a sleep",
                    int(hours)).format(count=hours, device=source.device,
                        start=f"{group[0].start.local:%Y-%m-%d %H:%M}"))
            continue
        periods.append(_period(source, group, told))
    return periods


def daytime(start: Moment, end: Moment, asleep_minutes: int | None) -> bool:
    """Daytime sleep, a nap, not a night: a short sleep begun in the day, or any sleep
    that ends after noon (an evening doze, a long sleep after a bad night)."""
    short = asleep_minutes is not None and asleep_minutes <= NAP_LONGEST.total_seconds() / 60
    return ((short and DAYTIME[0] <= start.local.hour < DAYTIME[1])
            or end.local.hour >= NIGHT_ENDS_BY)


def _period(source: DeviceSource, group: list[Stretch],
            told: frozenset[SleepStage] = STAGES) -> DeviceSleep:
    first = min(group, key=lambda s: s.start.utc).start
    last = max(group, key=lambda s: s.end.utc).end
    asleep = _union((s.start.utc, s.end.utc) for s in group if s.stage.sleeping)
    staged = {stage: _union((s.start.utc, s.end.utc) for s in group if s.stage is stage)
              for stage in (SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM)}
    in_bed = _minutes([(first.utc, last.utc)])
    if not asleep:
        return DeviceSleep(source, first, last, in_bed, None, None, None)
    # Waking up: a break between two stretches of sleep, or a stretch marked awake within
    # them, of AWAKENING or more (the time before falling asleep and after the final
    # waking is time in bed, not an awakening).
    breaks = [(a_end, b_start) for (_a, a_end), (b_start, _b) in pairwise(asleep)]
    awakenings = sum(1 for start, end in breaks if end - start >= AWAKENING)
    asleep_minutes = _minutes(asleep)
    nap = daytime(first, last, asleep_minutes)
    return DeviceSleep(source, first, last, in_bed, asleep_minutes,
                       max(0, in_bed - asleep_minutes), awakenings,
                       *_stage_minutes(group, staged, told), nap)


def _stage_minutes(group: list[Stretch], staged: dict[SleepStage, list[Interval]],
                   told: frozenset[SleepStage]) -> tuple[int | None, int | None, int | None]:
    """Minutes of light, deep and REM sleep: None where the device tells no stages, or
    cannot tell that one."""
    if not any(staged.values()):
        return None, None, None
    # Sleep of no stage beside staged sleep (another app's record) counts as light.
    unstaged = _clip(_union((s.start.utc, s.end.utc) for s in group
                            if s.stage is SleepStage.ASLEEP),
                     [part for parts in staged.values() for part in parts])
    minutes = {SleepStage.LIGHT: _minutes(staged[SleepStage.LIGHT]) + _minutes(unstaged),
               SleepStage.DEEP: _minutes(staged[SleepStage.DEEP]),
               SleepStage.REM: _minutes(staged[SleepStage.REM])}
    light, deep, rem = (minutes[stage] if stage in told else None
                        for stage in (SleepStage.LIGHT, SleepStage.DEEP, SleepStage.REM))
    return light, deep, rem


def _overlap(a: DeviceSleep, b: DeviceSleep) -> float:
    """How much of the shorter of two periods the other covers (0 to 1); compared on the
    wall clock where the person was when either's offset is unknown."""
    known = a.start.offset is not None and b.start.offset is not None
    (a0, a1), (b0, b1) = ((s.start.utc, s.end.utc) if known else (s.start.local, s.end.local)
                          for s in (a, b))
    start, end = max(a0, b0), min(a1, b1)
    if end <= start:
        return 0.0
    shorter = min(a1 - a0, b1 - b0)
    return (end - start) / shorter if shorter.total_seconds() else 1.0


def _richness(sleep: DeviceSleep) -> tuple:
    """Which of two records of one night to keep: one with stages, then one that knows
    how long was slept, then the longer sleep."""
    return (sleep.has_stages, sleep.asleep_minutes is not None, sleep.asleep_minutes or 0,
            sleep.in_bed_minutes)


@dataclass(frozen=True, slots=True)
class Overlaps:
    kept: list[DeviceSleep]
    dropped: list[tuple[DeviceSleep, DeviceSleep]]  # (dropped, the one kept instead)


def keep_one_per_night(sleeps: Iterable[DeviceSleep]) -> Overlaps:
    """Where two records hold the same sleep (covering more than half of the shorter one:
    two devices, or one device's night read twice from different exports), keep the richer
    record: the other would count the night twice."""
    kept: list[DeviceSleep] = []
    dropped: list[tuple[DeviceSleep, DeviceSleep]] = []
    # Kept records by the day they began: a sleep (a day long at most) can only share hours
    # with one begun the day before, the same day or the day after.
    by_day: dict[date, list[DeviceSleep]] = {}
    for sleep in sorted(sleeps, key=_richness, reverse=True):
        day = sleep.start.local.date()
        rival = next((k for shift in (-1, 0, 1)
                      for k in by_day.get(day + timedelta(days=shift), ())
                      if _overlap(k, sleep) > 0.5), None)
        if rival is None:
            kept.append(sleep)
            by_day.setdefault(day, []).append(sleep)
        else:
            dropped.append((sleep, rival))
    kept.sort(key=lambda s: (s.start.utc, s.source))
    return Overlaps(kept, dropped)


def steps_per_day(source: DeviceSource, days: Mapping[date, float],
                  left_out: list[str] | None = None) -> list[DeviceSteps]:
    """A device's steps added up per day; a day past MAX_STEPS_A_DAY (a count gone wrong)
    is left out and described in ``left_out``."""
    out = []
    for day, total in sorted(days.items()):
        if 0 <= total <= MAX_STEPS_A_DAY:
            out.append(DeviceSteps(source, day, round(total)))
        elif left_out is not None:
            left_out.append(ngettext(
                "{count} step of {device} on {day}, more than a day can hold",
                "{count} steps of {device} on {day}, more than a day can hold", round(total)
            ).format(count=formats.whole(round(total)), device=source.device, day=day))
    return out


# -- a day as the devices saw it ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DeviceDay:
    """What the devices measured for one day: the night that ended on it (its main sleep,
    one record a night, periods of one night added up), its naps, and its steps (the
    device that counted most: a phone and a watch count the same steps twice)."""

    day: date
    night: list[DeviceSleep]
    naps: list[DeviceSleep]
    steps: DeviceSteps | None

    @property
    def asleep_minutes(self) -> int | None:
        known = [s.asleep_minutes for s in self.night if s.asleep_minutes is not None]
        return sum(known) if known else None

    @property
    def awakenings(self) -> int | None:
        known = [s.awakenings for s in self.night if s.awakenings is not None]
        # Between two periods of one night the person was awake too.
        return sum(known) + len(known) - 1 if known else None

    @property
    def bedtime(self) -> datetime | None:
        return min((s.start.local for s in self.night), default=None)

    @property
    def wake_time(self) -> datetime | None:
        return max((s.end.local for s in self.night), default=None)

    @property
    def sources(self) -> list[DeviceSource]:
        return sorted({s.source for s in self.night + self.naps})


def device_days(sleeps: Iterable[DeviceSleep], steps: Iterable[DeviceSteps]) -> dict[date, DeviceDay]:
    """Each day's figures from every device's records (overlaps settled)."""
    nights: dict[date, list[DeviceSleep]] = {}
    naps: dict[date, list[DeviceSleep]] = {}
    for sleep in keep_one_per_night(sleeps).kept:
        (naps if sleep.nap else nights).setdefault(sleep.day, []).append(sleep)
    most: dict[date, DeviceSteps] = {}
    for count in steps:
        if count.day not in most or count.steps > most[count.day].steps:
            most[count.day] = count
    return {day: DeviceDay(day, nights.get(day, []), naps.get(day, []), most.get(day))
            for day in sorted(set(nights) | set(naps) | set(most))}


# The stored values a device record's fingerprint covers, in order (store/devices.py writes
# them, the migration that added fingerprints computed them, `fibromap check` recomputes).
SLEEP_MARKED = ("app", "device", "start_utc", "end_utc", "start_offset", "end_offset", "day",
                "in_bed_minutes", "asleep_minutes", "awake_minutes", "awakenings",
                "light_minutes", "deep_minutes", "rem_minutes", "nap")
STEPS_MARKED = ("app", "device", "day", "steps")


def device_fingerprint(values: Iterable[object]) -> str:
    """A device record's fingerprint from its stored values (SLEEP_MARKED or STEPS_MARKED,
    in order): a value changed on disk afterwards no longer matches it."""
    plain = [value.isoformat() if isinstance(value, date | datetime)
             else int(value) if isinstance(value, bool) else value for value in values]
    return hashlib.sha256(json.dumps(plain).encode()).hexdigest()[:20]
