"""The JSON export is the person's whole record (issue 33, deliverable 1): every table their
data lives in comes back from a JSON round trip, devices included (nights, stages, steps
and their sources), and so do `fibromap devices`, the insights and the report; a version 1
file (before devices) still imports; a bad device record is refused with its place."""

import json

import pytest
from sqlalchemy import func, inspect, select

from fibromap.cli import main
from fibromap.demo import generate
from fibromap.domain.records import Records
from fibromap.store.bulk import write_new
from fibromap.domain.daily import SymptomRating
from fibromap.domain.vocabulary import TermKind
from fibromap.exchange.files import export_text, import_text
from fibromap.exchange.problems import ImportRefused
from fibromap.store.schema import Base
from fibromap.store.store import Store

pytestmark = pytest.mark.plain_only("the export reads every kind of database alike")

# Tables that hold no record of the person's: the schema's own revision.
NOT_RECORDS = {"fibromap_meta"}
# Columns that are the database's own bookkeeping, not what the person recorded (a note's
# modified_utc: when it was last saved here, which an import sets anew).
BOOKKEEPING = {"id", "flare_id", "checkin_id", "fingerprint", "modified_utc"}


def rows(store: Store, table) -> list[tuple]:
    """A table's rows without its bookkeeping columns, sorted: comparable across files."""
    columns = [c for c in table.columns if c.name not in BOOKKEEPING]
    with store.database.reading() as session:
        return sorted((tuple(str(v) for v in row) for row in session.execute(select(*columns))),
                      key=repr)


def fill_every_table(store: Store) -> None:
    store.vocabulary.add(TermKind.TRIGGER, "Cold office")
    store.vocabulary.add(TermKind.QUALITY, "Electric")
    store.vocabulary.hide(TermKind.QUALITY, "electric")
    first = store.checkins.between()[0].day
    store.no_spasms.mark(first)
    store.symptoms.put_many([SymptomRating(first, "Headache", 4, "Flaredown")])
    store.notes.put("questions", "Why at night?")
    # The zone a band's times were placed in, for its next import (Gadgetbridge names none).
    from fibromap.domain.device_data import DeviceSource
    from fibromap.domain.device_merge import Placement

    store.devices.merge([], [], placements={DeviceSource("Gadgetbridge", "Mi Band 6"):
                                            Placement("Europe/Berlin")})


def test_a_json_round_trip_keeps_every_table(store, second, capsys):
    history = generate(days=60, seed=3)
    write_new(store, Records(
        flares=history.flares, checkins=history.checkins, medications=history.medications,
        questionnaires=list(history.questionnaires), appointments=list(history.appointments),
        device_sleeps=list(history.device_sleeps), device_steps=list(history.device_steps)))
    fill_every_table(store)
    text = export_text(store, "json")
    import_text(second, text, "all.json")
    tables = [t for name, t in Base.metadata.tables.items() if name not in NOT_RECORDS]
    assert {t.name for t in tables} <= set(inspect(store.database.engine).get_table_names())
    for table in tables:
        with store.database.reading() as session:
            assert session.scalar(select(func.count()).select_from(table)), (
                f"{table.name}: the test must hold a record there")
        assert rows(second, table) == rows(store, table), table.name
    assert {"device_sleep", "device_steps"} <= set(json.loads(text))
    # Exporting the imported database gives the same document.
    again = json.loads(export_text(second, "json"))
    assert {k: v for k, v in again.items() if k != "exported"} == {
        k: v for k, v in json.loads(text).items() if k != "exported"}
    # What a person sees of it: the devices, the insights, the report's device section.
    capsys.readouterr()
    shown = []
    for opened in (store, second):
        url = opened.database.url.render_as_string(hide_password=False)
        assert main(["--database", url, "devices"]) == 0
        assert main(["--database", url, "insights", "--json"]) == 0
        shown.append(capsys.readouterr().out)
    assert "Apple Watch" in shown[0] and shown[0] == shown[1]


def test_a_file_from_before_devices_still_imports(second):
    text = json.dumps({"format": "fibromap", "version": 1,
                       "checkins": [{"day": "2026-02-01", "sleep_hours": 6}]})
    import_text(second, text, "old.json")
    assert second.checkins.count() == 1 and second.devices.count() == 0


NIGHT = {"app": "Apple Health", "device": "Apple Watch", "start": "2026-02-01T23:10:00+01:00",
         "end": "2026-02-02T07:05:00+01:00", "in_bed_minutes": 475, "asleep_minutes": 430,
         "awake_minutes": 45, "awakenings": 3, "light_minutes": 250, "deep_minutes": 70,
         "rem_minutes": 110, "nap": False}


def test_a_night_keeps_its_offset_or_its_lack_of_one(second):
    wall_clock = dict(NIGHT, device="Old phone", start="2026-02-01T23:10:00",
                      end="2026-02-02T07:05:00", asleep_minutes=None, awake_minutes=None,
                      awakenings=None, light_minutes=None, deep_minutes=None, rem_minutes=None)
    text = json.dumps({"format": "fibromap", "version": 2, "device_sleep": [NIGHT, wall_clock],
                       "device_steps": [{"app": "Apple Health", "device": "iPhone",
                                         "day": "2026-02-02", "steps": 5400}]})
    report = import_text(second, text, "devices.json")
    assert report.result.added["device nights"] == 2
    assert report.result.added["daily step counts"] == 1
    back = {s["device"]: s for s in json.loads(export_text(second, "json"))["device_sleep"]}
    assert back == {"Apple Watch": NIGHT, "Old phone": wall_clock}
    assert import_text(second, text, "devices.json").result.added["device nights"] == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"device_steps": [{"app": "Apple Health", "device": "iPhone", "day": "2026-02-02",
                        "steps": "many"}]},
     "device_steps[0]: steps must be a whole number (not 'many')"),
    ({"device_sleep": [dict(NIGHT, start="1850-02-01T23:10:00+01:00")]},
     "device_sleep[0].start: the start 1850-02-01 is outside"),
    ({"device_sleep": [NIGHT, NIGHT]},
     "device_sleep[1].start: the sleep from Apple Watch (Apple Health) starting 2026-02-01 "
     "23:10 is given twice (also at device_sleep[0].start)"),
    ({"device_sleep": [dict(NIGHT, end="2026-02-01T22:00:00+01:00")]},
     "device_sleep[0]: a sleep must end after it starts"),
])
def test_a_bad_device_record_is_refused_with_its_place(second, change, message):
    with pytest.raises(ImportRefused) as refused:
        import_text(second, json.dumps({"format": "fibromap", "version": 2, **change}), "d.json")
    assert message in str(refused.value)
    assert second.devices.count() == 0
