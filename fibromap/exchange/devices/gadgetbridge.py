"""Gadgetbridge's exported database (Settings › Data management › Export database): the
SQLite file of the open-source companion app that keeps a band's data off the cloud.

Supported, for each device in its DEVICE table:

    MI_BAND_ACTIVITY_SAMPLE          Mi Band 2-6, Amazfit Bip and other older Huami
                                     bands: a row a minute (TIMESTAMP in seconds, UTC),
                                     STEPS that minute, RAW_KIND 9 light sleep, 11 deep
                                     sleep (its low four bits; 0 and 10 mean "as before");
                                     these bands tell no REM sleep, so it stays unknown
    HUAMI_EXTENDED_ACTIVITY_SAMPLE   newer Amazfit (Zepp OS) bands: RAW_KIND 120 is sleep,
                                     deep where DEEP_SLEEP > 42, REM where REM_SLEEP > 55
    XIAOMI_ACTIVITY_SAMPLE           Mi Band 8 and later, Redmi and Xiaomi watches: steps
    XIAOMI_SLEEP_TIME_SAMPLE and     their sleep: each night from TIMESTAMP to WAKEUP_TIME
    XIAOMI_SLEEP_STAGE_SAMPLE        (milliseconds, UTC), in stages 2 deep, 3 light, 4 REM,
                                     5 awake, each lasting until the next

A time is read in seconds or milliseconds, whichever its size says (samples.seconds), and a
number written as text is read as the number. A sample left out is named in the import's
note with how many there were: a time or a value that cannot be read, a time outside 1900
to tomorrow, a negative step count or more than 1,000 steps in a minute.

Garmin, Pebble and the other devices Gadgetbridge knows keep their data in other tables
and are not read yet; the import says which devices it left out. The samples carry no
time zone (Gadgetbridge counts days in the phone's zone): FibroMap places a device in this
computer's time zone at its first import and remembers it, so importing again under
another zone places it the same; the import says which zone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from fibromap.exchange.devices import DeviceExport, FileSample, Progress, Zones
from fibromap.exchange.devices.gadgetbridge_samples import APP, SampleReader
from fibromap.exchange.problems import ImportRefused, Problem
from fibromap.i18n import N_, _
from fibromap.store.sqlite_files import SQLITE_MAGIC

__all__ = ["APP", "read", "recognises"]
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


def read(path: Path, progress: Progress | None = None, zones: Zones | None = None) -> DeviceExport:
    """Read the database at ``path``; each device in the time zone ``zones`` remembers for
    it, else this computer's."""
    try:
        connection = _connect(path)
    except sqlite3.Error as exc:
        raise ImportRefused(str(path), [Problem(_("the file"), _("cannot be opened ({reason})").format(
            reason=exc))]) from None
    try:
        tables = _tables(connection)
        reader = SampleReader(connection, tables, zones or {})
        parts = reader.parts()
        for done, part in enumerate(parts, 1):
            part()
            if progress is not None:
                progress("Reading", done, len(parts))
        not_read = reader.not_read(OTHER_SAMPLES)
    except sqlite3.DatabaseError as exc:
        raise ImportRefused(str(path), [Problem(_("the database"), _("cannot be read ({reason})").format(
            reason=exc))]) \
            from None
    finally:
        connection.close()
    result = DeviceExport(N_("Gadgetbridge database"))
    result.notes.append(reader.zone_note())
    result.gather(reader.stretches, reader.steps, reader.told)
    result.left_out += reader.left.lines()
    result.placements.update(reader.placements())
    if not_read:
        result.notes.append(_("Not read (their sleep and steps are kept in tables FibroMap "
                              "does not read yet): {devices}.").format(devices=", ".join(not_read)))
    return result
