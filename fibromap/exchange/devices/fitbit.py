"""Fitbit data from Google Takeout: the Takeout .zip, the folder it unpacks to, or one of
its sleep-….json or steps-….json files.

Takeout puts Fitbit's files under Takeout/Fitbit/Global Export Data/:

    sleep-2026-03-01.json   a month of sleep logs, each
        {"logId": 1, "dateOfSleep": "2026-03-02", "startTime": "2026-03-01T23:10:00.000",
         "endTime": "2026-03-02T06:40:00.000", "minutesAsleep": 418, "minutesAwake": 52,
         "timeInBed": 450, "type": "stages", "mainSleep": true,
         "levels": {"summary": {"deep": {"minutes": 40}, "light": {...}, "rem": {...},
                                "wake": {...}},
                    "data": [{"dateTime": "2026-03-01T23:10:00.000", "level": "light",
                              "seconds": 5400}, ...]}}
        ("classic" logs have asleep, restless and awake levels instead of stages)
    steps-2026-03-01.json   steps minute by minute: {"dateTime": "03/01/26 08:00:00",
                            "value": "12"}

Sleep times are wall-clock times where the person was; steps are in UTC. The profile
(Takeout/Fitbit/Your Profile/Profile.csv, or Profile.csv beside the data) names the time
zone: with it the sleep gets its UTC offset and the steps fall on the person's own days.
The zone is remembered: a file imported alone later, without the profile, is placed in it
too. With no zone ever named the sleep keeps its wall-clock time and the steps are counted
on UTC days, and the import says so. The figures of each sleep are Fitbit's own (minutes
asleep, awake, in bed, and in each stage; a stage the log does not give stays unknown), as
its app shows them; a log Fitbit does not count as the main sleep (mainSleep false) is a
nap. Awakenings are the awake or restless stretches of 3 minutes or more between
stretches of sleep, as for every device; a minute of more than 1,000 steps is left out.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fibromap.domain.device_bounds import impossible_steps
from fibromap.domain.device_data import (
    AWAKENING,
    LONGEST_PERIOD,
    DeviceSleep,
    DeviceSource,
    Moment,
    daytime,
    steps_per_day,
)
from fibromap.domain.device_merge import Placement
from fibromap.errors import ValidationError
from fibromap.exchange.archives import Limit, inspect, unpacked
from fibromap.exchange.devices import DeviceExport, FileSample, Progress, Zones
from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.i18n import N_, _, ngettext

APP = "Fitbit"
SOURCE = DeviceSource(APP, "Fitbit")
_FILE = re.compile(r"(?:^|/)(sleep|steps)-\d{4}-\d{2}-\d{2}\.json$")
_AWAKE_LEVELS = ("wake", "awake", "restless")
MAX_FILE_BYTES = 256 * 1024 * 1024  # a month of minute steps is a few megabytes
FILE_LIMIT = Limit(MAX_FILE_BYTES, N_("a Fitbit data file"))


def data_file(name: str) -> str | None:
    """"sleep" or "steps" for a Takeout data file's name (any folder), else None."""
    match = _FILE.search(name.replace("\\", "/"))
    return match.group(1) if match else None


def _is_profile(name: str) -> bool:
    return PurePosixPath(name.replace("\\", "/")).name == "Profile.csv"


def _data_folder(path: Path) -> tuple[Path, Path] | None:
    """The first of a Takeout's Fitbit folders (under ``path``) that holds data files, and
    the folder it is in."""
    for base in (path / "Takeout" / "Fitbit", path / "Fitbit", path):
        folder = next((f for f in (base / "Global Export Data", base) if f.is_dir()
                       and any(data_file(p.name) for p in f.iterdir())), None)
        if folder is not None:
            return base, folder
    return None


class _Files:
    """The data files and the profile, from a zip, a folder or one file."""

    def __init__(self, path: Path):
        self.path = path
        self.archive = zipfile.ZipFile(path) if zipfile.is_zipfile(path) else None

    def names(self) -> list[str]:
        if self.archive is not None:
            return self.archive.namelist()
        if self.path.is_dir():  # the Takeout folder or a folder of it (never a whole disk)
            return self._folder_names()
        # One data file: the profile may be a folder up (Takeout/Fitbit/Your Profile).
        fitbit = self.path.parent.parent
        return [self.path.name, *(str(p) for p in (fitbit / "Your Profile").glob("Profile.csv"))]

    def _folder_names(self) -> list[str]:
        """Data files from the first of Takeout's folders that holds any; the profile from
        beside it (a folder up when the data folder itself was chosen)."""
        found = _data_folder(self.path)
        if found is None:
            return []
        base, folder = found
        profiles = (base / "Your Profile", folder.parent / "Your Profile", folder)
        names = [p for p in folder.iterdir() if p.is_file() and data_file(p.name)]
        names += [p for f in profiles if f.is_dir() for p in f.iterdir()
                  if p.is_file() and _is_profile(p.name)]
        return sorted({str(p.relative_to(self.path)) if p.is_relative_to(self.path)
                       else str(p) for p in names})

    def inspect(self, names: list[str]) -> None:
        """Refuse the archive if a member to be read (a data file or the profile) cannot be
        a Fitbit file, before any is unpacked (exchange/archives.py)."""
        if self.archive is not None:
            for name in names:
                if data_file(name) or _is_profile(name):
                    inspect(self.archive.getinfo(name), FILE_LIMIT, str(self.path))

    def read(self, name: str) -> bytes:
        if self.archive is not None:
            return unpacked(self.path, self.archive.getinfo(name), FILE_LIMIT, str(self.path))
        if self.path.is_dir():
            target = self.path / name  # (an absolute name stays itself)
        else:
            target = self.path if name == self.path.name else Path(name)
        if target.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(_("larger than a Fitbit data file can be"))
        return target.read_bytes()

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()


def holds_fitbit_data(path: Path) -> bool:
    """Whether ``path`` (a zip, a folder or a file) holds Takeout's Fitbit data files."""
    files = _Files(path)
    try:
        return any(data_file(name) for name in files.names())
    finally:
        files.close()


def recognises(sample: FileSample) -> bool:
    """Whether the file is a Takeout (zip or folder) with Fitbit's data files, or one of
    them."""
    if sample.folder:
        return holds_fitbit_data(sample.path)
    if sample.names is not None:
        return any(data_file(name) for name in sample.names)
    return bool(data_file(sample.path.name)) and sample.head.lstrip().startswith(b"[")


def _zone(files: _Files, names: list[str]) -> ZoneInfo | None:
    for name in names:
        if not _is_profile(name):
            continue
        try:
            rows = list(csv.DictReader(io.StringIO(files.read(name).decode("utf-8-sig"))))
        except (ValueError, UnicodeDecodeError, csv.Error):
            return None
        for row in rows:
            value = (row.get("timezone") or row.get("time_zone") or "").strip()
            if value:
                try:
                    return ZoneInfo(value)
                except (ZoneInfoNotFoundError, ValueError):
                    return None
    return None


def _local_moment(wall: datetime, zone: ZoneInfo | None) -> Moment:
    """A wall-clock time where the person was, with its offset when the zone is known."""
    if zone is None:
        return Moment(wall, None)
    return Moment.of(wall.replace(tzinfo=zone))


def _wall(text: str) -> datetime:
    return datetime.fromisoformat(text[:19])


def _minutes(log: dict, key: str) -> int | None:
    value = log.get(key)
    return int(value) if isinstance(value, (int, float)) else None


def _sleep(log: dict, zone: ZoneInfo | None) -> DeviceSleep:
    start, end = _wall(str(log["startTime"])), _wall(str(log["endTime"]))
    levels = log.get("levels") or {}
    summary = levels.get("summary") or {}
    staged = log.get("type") == "stages" and "deep" in summary

    def stage(name: str) -> int | None:  # a stage the log does not give stays unknown
        return int(summary[name]["minutes"]) if staged and name in summary else None
    # Awakenings: awake stretches of AWAKENING or more between stretches of sleep.
    data = [(_wall(str(d["dateTime"])), d.get("level"), float(d.get("seconds", 0)))
            for d in levels.get("data") or []]
    awakenings = 0
    for index, (_at, level, seconds) in enumerate(data):
        if (level in _AWAKE_LEVELS and seconds >= AWAKENING.total_seconds()
                and 0 < index < len(data) - 1):
            awakenings += 1
    asleep = _minutes(log, "minutesAsleep")
    in_bed = _minutes(log, "timeInBed") or round((end - start).total_seconds() / 60)
    first, last = _local_moment(start, zone), _local_moment(end, zone)
    if last.utc - first.utc > LONGEST_PERIOD:
        raise ValueError(_("a sleep log of {hours} hours").format(
            hours=f"{(end - start).total_seconds() / 3600:.0f}"))
    # A nap: what Fitbit does not count as the main sleep of its day, where the log says;
    # else daytime sleep, as for every device.
    main = log.get("mainSleep")
    nap = not main if isinstance(main, bool) else daytime(first, last, asleep)
    return DeviceSleep(SOURCE, first, last, in_bed, asleep, _minutes(log, "minutesAwake"),
                       awakenings if data else None, stage("light"), stage("deep"),
                       stage("rem"), nap)


def _step_day(at: datetime, zone: ZoneInfo | None) -> date:
    """The person's day of a UTC minute (the UTC day without a zone)."""
    if zone is None:
        return at.date()
    return at.replace(tzinfo=UTC).astimezone(zone).date()


def _entries(files: _Files, name: str) -> Iterator[dict]:
    try:
        entries = json.loads(files.read(name).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImportRefused(str(files.path), [Problem(name, _("not a Fitbit data file ({reason})").format(
            reason=exc))]) \
            from None
    if not isinstance(entries, list):
        raise ImportRefused(str(files.path), [Problem(name, _("not a list of Fitbit entries"))])
    yield from (entry for entry in entries if isinstance(entry, dict))


def read(path: Path, progress: Progress | None = None, zones: Zones | None = None) -> DeviceExport:
    """Read the Takeout, its folder or one of its files at ``path``; without the profile,
    in the time zone ``zones`` remembers from an earlier import's profile."""
    files = _Files(path)
    try:
        return _read(files, progress, (zones or {}).get(SOURCE))
    finally:
        files.close()


def _take_sleep(entry: dict, zone: ZoneInfo | None, result: DeviceExport, seen: set) -> None:
    # A log repeated in the next month's file is read once (by its id, or its times where
    # it has none).
    log_id = entry.get("logId") or (entry.get("startTime"), entry.get("endTime"))
    if log_id not in seen:
        seen.add(log_id)
        result.sleeps.append(_sleep(entry, zone))


class _Steps:
    """Steps per day, and the first and last minute counted."""

    def __init__(self, zone: ZoneInfo | None):
        self.zone = zone
        self.days: dict[date, float] = defaultdict(float)
        self.first: datetime | None = None
        self.last: datetime | None = None

    def take(self, entry: dict) -> None:
        count = float(entry["value"])
        why = impossible_steps(count)
        if why is not None:
            raise ValueError(why)
        at = datetime.strptime(str(entry["dateTime"]), "%m/%d/%y %H:%M:%S")
        self.days[_step_day(at, self.zone)] += count
        self.first = at if self.first is None else min(self.first, at)
        self.last = at if self.last is None else max(self.last, at)


def _read(files: _Files, progress: Progress | None, remembered: str | None) -> DeviceExport:
    names = files.names()
    data = sorted(name for name in names if data_file(name))
    if not data:
        raise ImportRefused(str(files.path), [Problem(_("the files"), _(
            "no Fitbit sleep-….json or steps-….json in it"))])
    files.inspect(names)
    profile = _zone(files, names)
    zone = profile or _known_zone(remembered)
    result = DeviceExport(N_("Fitbit data (Google Takeout)"))
    steps = _Steps(zone)
    seen: set = set()
    problems: list[Problem] = []
    for done, name in enumerate(data, 1):
        kind = data_file(name)
        for index, entry in enumerate(_entries(files, name)):
            try:
                if kind == "sleep":
                    _take_sleep(entry, zone, result, seen)
                else:
                    steps.take(entry)
            except (KeyError, TypeError, ValueError, ValidationError) as exc:
                problems.append(Problem(f"{PurePosixPath(name).name}[{index}]",
                                        str(exc) or type(exc).__name__))
        if progress is not None:
            progress("Reading", done, len(data))
    left_out: list[str] = []
    result.steps = steps_per_day(SOURCE, steps.days, left_out)
    result.placements[SOURCE] = Placement(zone.key if zone else None, steps.first, steps.last)
    problems += [Problem(_("steps"), text) for text in left_out]
    if problems:
        result.notes.append(ngettext(
            "{n} entry could not be read and were left out (the first: {first})",
            "{n} entries could not be read and were left out (the first: {first})",
            len(problems)).format(n=len(problems), first=problems[0]))
    result.notes.append(_zone_note(profile, zone))
    return result


def _known_zone(name: str | None) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _zone_note(profile: ZoneInfo | None, zone: ZoneInfo | None) -> str:
    if profile is not None:
        return _("Time zone from the Fitbit profile: {zone}.").format(zone=profile.key)
    if zone is not None:
        return _("The export names no time zone (no Profile.csv): placed in {zone}, as an "
                 "earlier import's Fitbit profile named it.").format(zone=zone.key)
    return _("The export names no time zone (no Profile.csv): sleep keeps the clock times "
             "Fitbit wrote, and steps are counted on UTC days.")
