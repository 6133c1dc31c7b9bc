"""FibroMap JSON: versioned and complete, enough to rebuild the database.

    {"format": "fibromap", "version": 2, "exported": "...", "words": [...],
     "flares": [...], "checkins": [...], "medications": [...], "appointments": [...],
     "questionnaires": [...], "symptom_ratings": [...], "no_spasm_days": [...],
     "device_sleep": [...], "device_steps": [...], "device_zones": [...], "notes": {...}}

A flare known only to the day has a date for its onset ("2026-03-01") and
``"day_only": true``. A flare's length is ``duration_seconds``, or with none,
``"still_going": true`` (the person said it had not ended) or false (not given; a file
from before still_going has none, and reads so). A referred zone not rated has
``"intensity": null``, as have its referrals. A day the person marked "no spasms today"
is ``{"day": "2026-03-02"}`` in ``no_spasm_days`` (a file from before has none).

Version 2 adds what devices measured: each night (or nap) in ``device_sleep`` with the
app and device, its start and end (with the UTC offset where the person was, or without
one where the device's export gave none), and its minutes (null: the device does not say);
each day's steps in ``device_steps``; and in ``device_zones`` the time zone a device was
placed in where its export named none ({"app": "Gadgetbridge", "device": "Mi Band 6",
"zone": "Europe/Berlin"}; "" for a zone not known by name), for its next import to place
it alike. A version 1 file has none of them and still imports, as does one without zones.

Exporting, importing into an empty database and exporting again gives the same data.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TextIO

from fibromap import __version__
from fibromap.domain.flare import Flare, utc_now
from fibromap.domain.records import Records, in_export_order
from fibromap.exchange.formats import Imported, Parsed, ReadChoices
from fibromap.exchange.json_devices import device_sleep, device_steps, device_zone
from fibromap.exchange.json_records import CHECKIN_ANSWERS, FORMAT, VERSION, Reading
from fibromap.exchange.json_stream import Progress
from fibromap.i18n import _
from fibromap.store.bulk import read_all
from fibromap.store.bulk_flares import flares_in_chunks
from fibromap.store.store import Store


def _flare(f: Flare) -> dict[str, Any]:
    return {
        "onset": f.onset.date().isoformat() if f.day_only else f.onset.isoformat(),
        "day_only": f.day_only, "duration_seconds": f.duration_seconds,
        "still_going": f.still_going,
        "sites": [{"region": s.region, "intensity": s.intensity, "role": s.role.value} for s in f.sites],
        "referrals": [{"from": r.source, "to": r.target, "intensity": r.intensity} for r in f.referrals],
        "context": f.context, "qualities": sorted(f.qualities), "triggers": sorted(f.triggers),
        "treatments": [{"treatment": t.treatment, "relief": t.relief, "medication": t.medication,
                        "dose": t.dose} for t in f.treatments],
        "impacts": {a.value: v for a, v in sorted(f.impacts.items())},
        "notes": f.notes,
        "created": f.created.isoformat() if f.created else None,
        "modified": f.modified.isoformat() if f.modified else None,
    }


def _sections(records: Records) -> list[tuple[str, list]]:
    """The document's lists after the flares, in order."""
    return [
        ("checkins", [{"day": c.day.isoformat(),
                       **{name: getattr(c, name) for name in CHECKIN_ANSWERS},
                       "foods": sorted(c.foods), "notes": c.notes}
                      for c in sorted(records.checkins, key=lambda c: c.day)]),
        ("medications", [{"name": m.name, "dose": m.dose, "start": m.start.isoformat(),
                          "stop": m.stop.isoformat() if m.stop else None}
                         for m in sorted(records.medications,
                                         key=lambda m: (m.start, m.name, m.dose))]),
        ("appointments", [{"day": a.day.isoformat(), "note": a.note}
                          for a in sorted(records.appointments, key=lambda a: a.day)]),
        ("questionnaires", [{"kind": q.kind.value, "day": q.day.isoformat(),
                             "answers": q.answers}
                            for q in sorted(records.questionnaires,
                                            key=lambda q: (q.day, q.kind.value))]),
        ("symptom_ratings", [{"day": r.day.isoformat(), "symptom": r.symptom,
                              "rating": r.rating, "source": r.source}
                             for r in sorted(records.symptom_ratings,
                                             key=lambda r: (r.day, r.symptom))]),
        ("no_spasm_days", [{"day": day.isoformat()} for day in sorted(records.no_spasm_days)]),
        ("device_sleep", [device_sleep(sleep) for sleep in sorted(
            records.device_sleeps, key=lambda s: (s.start.utc, s.source))]),
        ("device_steps", [device_steps(s) for s in sorted(records.device_steps,
                                                          key=lambda s: (s.day, s.source))]),
        ("device_zones", [device_zone(z) for z in sorted(records.device_zones,
                                                         key=lambda z: z.source)]),
    ]



def write(handle: TextIO, records: Records,
          flare_chunks: Iterable[list[tuple[Flare, str]]] | None = None,
          exported: datetime | None = None) -> None:
    """The document, written as it goes: one record a line, so 100,000 flares are never
    all in memory (``flare_chunks`` of flares and fingerprints, in export order; else
    ``records.flares``)."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def items(name: str, values: Iterable) -> None:
        handle.write(f",\n{dump(name)}: [")
        first = True
        for value in values:
            handle.write(("\n" if first else ",\n") + dump(value))
            first = False
        handle.write("]")

    head = {"format": FORMAT, "version": VERSION, "app_version": __version__,
            "exported": (exported or utc_now()).isoformat()}
    handle.write("{" + dump(head)[1:-1])
    items("words", ({"kind": t.kind.value, "key": t.key, "label": t.label, "hidden": hidden}
                    for terms, hidden in ((records.terms, False), (records.hidden_terms, True))
                    for t in terms))
    if flare_chunks is None:
        flare_chunks = [[(flare, "") for flare in in_export_order(records.flares)]]
    items("flares", (_flare(f) for chunk in flare_chunks for f, _mark in chunk))
    for name, values in _sections(records):
        items(name, values)
    handle.write(f",\n{dump('notes')}: {dump(dict(sorted(records.notes.items())))}}}\n")


def write_export(store: Store, handle: TextIO) -> None:
    """The whole database as FibroMap JSON, its flares read a few thousand at a time."""
    write(handle, read_all(store, with_flares=False), flares_in_chunks(store.database))


def dumps(records: Records, exported: datetime | None = None) -> str:
    out = io.StringIO()
    write(out, records, exported=exported)
    return out.getvalue()


# -- reading (json_records.py) --------------------------------------------------------------
def parse(text: str, source: str | None = None, progress: Progress = None) -> Parsed:
    """Records from FibroMap JSON, or ImportRefused naming the first problems;
    ``progress(done, total)`` hears how many characters of ``text`` have been read.

    A medication given twice (an export of a database from before copies were merged) is
    taken once, and the details say so."""
    flares: list[Flare] = []
    reading = Reading(_("the file") if source is None else source,
                      lambda batch: flares.extend(flare for _index, flare in batch))
    reading.read(text, progress)
    details = reading.finish()
    reading.records.flares = flares
    return Parsed(reading.records, details)


def recognises(text: str) -> bool:
    """A FibroMap JSON export is a JSON object (what is in it, parse checks)."""
    return text.lstrip().startswith("{")


def read_records(text: str, source: str, choices: ReadChoices) -> Parsed:
    return parse(text, source, choices.progress)


def import_into(store: Store, text: str | Callable[[], Iterable[str]], source: str,
                choices: ReadChoices,
                *, dry_run: bool = False, total: int | None = None,
                progress: Callable[[str, int, int], None] | None = None) -> Imported:
    """Read the export (its text, or its chunks) straight into ``store``: see
    json_import.py."""
    from fibromap.exchange.json_import import import_json

    return import_json(store, text, source, dry_run=dry_run, total=total, progress=progress)
