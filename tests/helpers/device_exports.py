"""Device exports made by the tests, in each app's own layout (small, but with what the
real files have around the records: the DTD, <Me>, metadata, other record types)."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

WATCH = ("Anna’s Apple Watch", "<<HKDevice: 0x281a3c2d0>, name:Apple Watch, manufacturer:Apple "
         "Inc., model:Watch, hardware:Watch6,2, software:10.1>")
PHONE = ("Anna’s iPhone", "<<HKDevice: 0x283f0a3a0>, name:iPhone, manufacturer:Apple Inc., "
         "model:iPhone, hardware:iPhone14,5, software:17.1>")

APPLE_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-04-02 09:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1980-05-01" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Anna’s Apple Watch" unit="count/min" creationDate="2026-03-01 08:00:00 +0100" startDate="2026-03-01 08:00:00 +0100" endDate="2026-03-01 08:00:00 +0100" value="72"/>
"""


@dataclass(frozen=True)
class Sleep:
    start: str            # "2026-03-01 23:10:00 +0100"
    end: str
    value: str            # "AsleepCore", "InBed", … (or Apple's number)
    who: tuple[str, str] = WATCH
    zone: str | None = None


@dataclass(frozen=True)
class Steps:
    start: str
    end: str
    count: int
    who: tuple[str, str] = PHONE


def apple_record(item: Sleep | Steps) -> str:
    name, device = item.who
    if isinstance(item, Steps):
        return (f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName={quoteattr(name)} '
                f'sourceVersion="17.1" device={quoteattr(device)} unit="count" '
                f'creationDate="{item.end}" startDate="{item.start}" endDate="{item.end}" '
                f'value="{item.count}"/>\n')
    value = item.value if item.value.isdigit() else f"HKCategoryValueSleepAnalysis{item.value}"
    text = (f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName={quoteattr(name)} '
            f'sourceVersion="10.1" device={quoteattr(device)} creationDate="{item.end}" '
            f'startDate="{item.start}" endDate="{item.end}" value="{value}"')
    if item.zone is None:
        return text + "/>\n"
    return (text + ">\n  <MetadataEntry key=\"HKTimeZone\" value=\"" + item.zone + "\"/>\n"
            " </Record>\n")


def apple_health_xml(items, cut_at: int | None = None) -> str:
    text = APPLE_HEAD + "".join(apple_record(item) for item in items) + "</HealthData>\n"
    return text if cut_at is None else text[:cut_at]


def write_apple_health(folder: Path, items, *, zipped: bool = True, name: str = "export") -> Path:
    text = apple_health_xml(items)
    if not zipped:
        path = folder / f"{name}.xml"
        path.write_text(text, encoding="utf-8")
        return path
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", text)
        archive.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
    return path


# -- Fitbit, from Google Takeout ------------------------------------------------------------
def fitbit_log(log_id: int, start: str, end: str, asleep: int, awake: int, levels: list,
               stages: dict | None = None, main: bool = True) -> dict:
    """A Fitbit sleep log; ``levels`` are (start, level, seconds), ``stages`` the summary
    minutes of a "stages" log (a "classic" log without them)."""
    in_bed = asleep + awake
    summary = ({name: {"count": 1, "minutes": minutes, "thirtyDayAvgMinutes": 0}
                for name, minutes in stages.items()} if stages else
               {"asleep": {"count": 0, "minutes": asleep}, "awake": {"count": 0, "minutes": awake},
                "restless": {"count": 0, "minutes": 0}})
    return {"logId": log_id, "dateOfSleep": end[:10], "startTime": start + ".000",
            "endTime": end + ".000", "duration": in_bed * 60000, "minutesToFallAsleep": 0,
            "minutesAsleep": asleep, "minutesAwake": awake, "minutesAfterWakeup": 0,
            "timeInBed": in_bed, "efficiency": round(100 * asleep / in_bed),
            "type": "stages" if stages else "classic", "infoCode": 0,
            "levels": {"summary": summary,
                       "data": [{"dateTime": at + ".000", "level": level, "seconds": seconds}
                                for at, level, seconds in levels]},
            "mainSleep": main}


def write_fitbit_takeout(folder: Path, files: dict[str, list], *, zone: str | None,
                         zipped: bool = True) -> Path:
    """A Google Takeout with Fitbit's data files (name -> entries) and its profile."""
    base = "Takeout/Fitbit/Global Export Data/"
    members = {base + name: json.dumps(entries, indent=1) for name, entries in files.items()}
    if zone is not None:
        members["Takeout/Fitbit/Your Profile/Profile.csv"] = (
            "id,full_name,first_name,last_name,display_name_setting,display_name,username,"
            "email_address,date_of_birth,child,country,state,city,timezone,locale,member_since\n"
            f"ABC123,Anna B,Anna,B,name,Anna,,anna@example.org,1980-05-01,false,DE,,,"
            f"{zone},en_GB,2019-01-01\n")
    members["Takeout/archive_browser.html"] = "<html></html>"
    if zipped:
        path = folder / "takeout-20260402T090000Z-001.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in members.items():
                archive.writestr(name, text)
        return path
    for name, text in members.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder / "Takeout"


# -- Gadgetbridge's exported database -------------------------------------------------------
GADGETBRIDGE_TABLES = [
    'CREATE TABLE "DEVICE" ("_id" INTEGER PRIMARY KEY ,"NAME" TEXT NOT NULL ,"MANUFACTURER" '
    'TEXT NOT NULL ,"IDENTIFIER" TEXT NOT NULL UNIQUE ,"TYPE" INTEGER NOT NULL ,"MODEL" TEXT, '
    '"ALIAS" TEXT)',
    'CREATE TABLE "USER" ("_id" INTEGER PRIMARY KEY ,"NAME" TEXT NOT NULL ,"BIRTHDAY" INTEGER '
    'NOT NULL ,"GENDER" INTEGER NOT NULL )',
    'CREATE TABLE "MI_BAND_ACTIVITY_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" INTEGER '
    'NOT NULL ,"USER_ID" INTEGER NOT NULL ,"RAW_INTENSITY" INTEGER NOT NULL ,"STEPS" INTEGER NOT '
    'NULL ,"RAW_KIND" INTEGER NOT NULL ,"HEART_RATE" INTEGER NOT NULL ,PRIMARY KEY ("TIMESTAMP" '
    ',"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
    'CREATE TABLE "XIAOMI_ACTIVITY_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" INTEGER '
    'NOT NULL ,"USER_ID" INTEGER NOT NULL ,"RAW_INTENSITY" INTEGER NOT NULL ,"STEPS" INTEGER NOT '
    'NULL ,"RAW_KIND" INTEGER NOT NULL ,"HEART_RATE" INTEGER NOT NULL ,"STRESS" INTEGER,"SPO2" '
    'INTEGER,PRIMARY KEY ("TIMESTAMP" ,"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
    'CREATE TABLE "XIAOMI_SLEEP_TIME_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" INTEGER '
    'NOT NULL ,"USER_ID" INTEGER NOT NULL ,"WAKEUP_TIME" INTEGER,"IS_AWAKE" INTEGER,'
    '"TOTAL_DURATION" INTEGER,"DEEP_SLEEP_DURATION" INTEGER,"LIGHT_SLEEP_DURATION" INTEGER,'
    '"REM_SLEEP_DURATION" INTEGER,"AWAKE_DURATION" INTEGER,PRIMARY KEY ("TIMESTAMP" ,'
    '"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
    'CREATE TABLE "XIAOMI_SLEEP_STAGE_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" INTEGER '
    'NOT NULL ,"USER_ID" INTEGER NOT NULL ,"STAGE" INTEGER,PRIMARY KEY ("TIMESTAMP" ,'
    '"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
    'CREATE TABLE "HUAMI_EXTENDED_ACTIVITY_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" '
    'INTEGER NOT NULL ,"USER_ID" INTEGER NOT NULL ,"RAW_INTENSITY" INTEGER NOT NULL ,"STEPS" '
    'INTEGER NOT NULL ,"RAW_KIND" INTEGER NOT NULL ,"HEART_RATE" INTEGER NOT NULL ,"UNKNOWN1" '
    'INTEGER,"SLEEP" INTEGER,"DEEP_SLEEP" INTEGER,"REM_SLEEP" INTEGER,PRIMARY KEY ("TIMESTAMP" ,'
    '"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
    'CREATE TABLE "GARMIN_ACTIVITY_SAMPLE" ("TIMESTAMP" INTEGER NOT NULL ,"DEVICE_ID" INTEGER '
    'NOT NULL ,"USER_ID" INTEGER NOT NULL ,"RAW_INTENSITY" INTEGER NOT NULL ,"STEPS" INTEGER NOT '
    'NULL ,"RAW_KIND" INTEGER NOT NULL ,"HEART_RATE" INTEGER NOT NULL ,PRIMARY KEY ("TIMESTAMP" '
    ',"DEVICE_ID" ) ON CONFLICT REPLACE) WITHOUT ROWID',
]


def write_gadgetbridge(path: Path, devices: list[tuple], miband: list[tuple] = (),
                       xiaomi_steps: list[tuple] = (), xiaomi_nights: list[tuple] = (),
                       xiaomi_stages: list[tuple] = (), garmin: list[tuple] = (),
                       huami: list[tuple] = ()) -> Path:
    """A Gadgetbridge export: ``devices`` (id, name, alias); MI_BAND samples (device,
    seconds, steps, raw kind); Xiaomi steps (device, seconds, steps), nights (device, bed ms,
    wake ms) and stages (device, ms, stage); Garmin samples (device, seconds); Zepp OS
    Huami samples (device, seconds, steps, raw kind, deep sleep, REM sleep)."""
    import sqlite3

    connection = sqlite3.connect(path)
    for statement in GADGETBRIDGE_TABLES:
        connection.execute(statement)
    connection.execute('INSERT INTO "USER" VALUES (1, \'Anna\', 0, 0)')
    connection.executemany('INSERT INTO "DEVICE" VALUES (?, ?, \'Xiaomi\', ?, 0, \'\', ?)',
                           [(i, name, f"C8:0F:10:00:00:{i:02d}", alias)
                            for i, name, alias in devices])
    connection.executemany('INSERT INTO "MI_BAND_ACTIVITY_SAMPLE" VALUES (?, ?, 1, 20, ?, ?, 60)',
                           [(t, d, s, k) for d, t, s, k in miband])
    connection.executemany('INSERT INTO "XIAOMI_ACTIVITY_SAMPLE" VALUES (?, ?, 1, 20, ?, 0, 60, '
                           '0, 98)', [(t, d, s) for d, t, s in xiaomi_steps])
    connection.executemany('INSERT INTO "XIAOMI_SLEEP_TIME_SAMPLE" VALUES (?, ?, 1, ?, 0, 0, 0, '
                           '0, 0, 0)', [(bed, d, wake) for d, bed, wake in xiaomi_nights])
    connection.executemany('INSERT INTO "XIAOMI_SLEEP_STAGE_SAMPLE" VALUES (?, ?, 1, ?)',
                           [(t, d, s) for d, t, s in xiaomi_stages])
    connection.executemany('INSERT INTO "GARMIN_ACTIVITY_SAMPLE" VALUES (?, ?, 1, 0, 0, 0, 60)',
                           [(t, d) for d, t in garmin])
    connection.executemany('INSERT INTO "HUAMI_EXTENDED_ACTIVITY_SAMPLE" VALUES (?, ?, 1, 10, ?, '
                           '?, 60, 0, 0, ?, ?)', [(t, d, s, k, deep, rem)
                                                  for d, t, s, k, deep, rem in huami])
    connection.commit()
    connection.close()
    return path


# -- a big Apple Health export, for the benchmark suite -------------------------------------
_HEART = (' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Anna’s Apple Watch" '
          'sourceVersion="10.1" device="&lt;&lt;HKDevice: 0x281a3c2d0&gt;, name:Apple Watch, '
          'manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;" '
          'unit="count/min" creationDate="{at}" startDate="{at}" endDate="{at}" value="{bpm}">\n'
          '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n')


def write_big_apple_export(path: Path, megabytes: int) -> int:
    """An export.xml of about ``megabytes`` MB shaped like a real one: heart rate every five
    minutes (the bulk of a real export), phone steps every ten, a staged night a day.
    Returns the days it covers."""
    from datetime import datetime, timedelta

    target, day, written = megabytes * 2**20, 0, 0
    start = datetime(2012, 1, 1)
    with open(path, "w", encoding="utf-8") as out:
        written += out.write(APPLE_HEAD)
        while written < target:
            d = start + timedelta(days=day)
            stamp = lambda minutes: (d + timedelta(minutes=minutes)).strftime(  # noqa: E731 - the day's stamps
                "%Y-%m-%d %H:%M:%S +0100")
            parts = [_HEART.format(at=stamp(m), bpm=55 + (m * 7 + day) % 50)
                     for m in range(0, 1440, 5)]
            parts += [apple_record(Steps(stamp(m), stamp(m + 10), (m * 13 + day) % 400))
                      for m in range(0, 1440, 10)]
            stages = ["AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM", "Awake"] * 2
            parts += [apple_record(Sleep(stamp(1380 + 45 * i), stamp(1425 + 45 * i), stage))
                      for i, stage in enumerate(stages)]
            written += len("".join(parts).encode())
            out.write("".join(parts))
            day += 1
        out.write("</HealthData>\n")
    return day
