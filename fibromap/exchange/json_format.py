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
from fibromap.domain.daily import CheckIn, Medication, SymptomRating, merge_repeats
from fibromap.domain.flare import (
    Flare,
    ImpactArea,
    Referral,
    SiteRole,
    SpasmSite,
    TreatmentUse,
    day_only_onset,
    utc_now,
)
from fibromap.domain.questionnaires import Appointment, Questionnaire, QuestionnaireKind
from fibromap.domain.records import Records, in_export_order
from fibromap.domain.vocabulary import Term, TermKind
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import check_records, date_range_text, latest_day
from fibromap.exchange.formats import Parsed, ReadChoices
from fibromap.exchange.json_devices import (
    device_sleep,
    device_steps,
    device_zone,
    parse_device_sleep,
    parse_device_steps,
    parse_device_zone,
)
from fibromap.exchange.json_stream import Progress, members
from fibromap.exchange.json_values import Fields
from fibromap.exchange.problems import Collector, ImportRefused, Problem
from fibromap.store.bulk import read_all
from fibromap.store.bulk_flares import flares_in_chunks
from fibromap.store.store import Store

FORMAT = "fibromap"
VERSION = 2   # 2: device_sleep and device_steps
# A check-in's answers, each null when not answered. Files from before overall pain,
# stiffness, fibro fog and waking unrefreshed were asked lack those keys: unanswered.
CHECKIN_ANSWERS = ("sleep_hours", "sleep_quality", "woken_by_spasms", "water_glasses", "stress",
                   "fatigue", "mood", "activity_level", "pain", "stiffness", "fibro_fog",
                   "waking_unrefreshed")


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


# -- reading --------------------------------------------------------------------------------
def _parse_flare(item: Any) -> Flare:
    fields = Fields(item)
    day_only = fields.flag("day_only", False)
    onset = day_only_onset(fields.day("onset")) if day_only else fields.moment("onset")
    return Flare(
        onset=onset, day_only=day_only, duration_seconds=fields.whole("duration_seconds", None),
        still_going=fields.flag("still_going", False),  # files from before it: not given
        sites=tuple(SpasmSite(s.text("region"), s.whole("intensity"),
                              s.choice("role", SiteRole, "spasm"))
                    for s in fields.objects("sites")),
        referrals=tuple(Referral(r.text("from"), r.text("to"), r.whole("intensity"))
                        for r in fields.objects("referrals", [])),
        context=fields.text("context", None), qualities=frozenset(fields.texts("qualities")),
        triggers=frozenset(fields.texts("triggers")),
        treatments=tuple(TreatmentUse(t.text("treatment"), t.whole("relief", None),
                                      t.text("medication", ""), t.text("dose", ""))
                         for t in fields.objects("treatments", [])),
        impacts=_impacts(fields),
        notes=fields.text("notes", ""), created=fields.optional_moment("created"),
        modified=fields.optional_moment("modified"))


LISTS = ("words", "flares", "checkins", "medications", "appointments", "questionnaires",
         "symptom_ratings", "no_spasm_days", "device_sleep", "device_steps", "device_zones")
RECORDS_OF = {"device_sleep": "device_sleeps"}  # where a list's records go, where named apart
def _impacts(fields: Fields) -> dict[ImpactArea, int]:
    """What a flare got in the way of: each area a key of ``impacts``, with its level."""
    impacts = Fields(fields.mapping("impacts", {}), "impacts.")
    return {Fields({area: area}, "impacts: the area ").choice(area, ImpactArea):
            impacts.whole(area) for area in impacts.item}


def _checkin(item: Any) -> CheckIn:
    fields = Fields(item)
    return CheckIn(fields.day("day"), **{name: fields.number(name, None) for name in CHECKIN_ANSWERS},
                   foods=frozenset(fields.texts("foods")), notes=fields.text("notes", ""))


def _medication(item: Any) -> Medication:
    fields = Fields(item)
    stop = fields.text("stop", None)
    return Medication(fields.text("name"), fields.text("dose", ""), fields.day("start"),
                      fields.day("stop") if stop else None)


def _questionnaire(item: Any) -> Questionnaire:
    fields = Fields(item)
    return Questionnaire(fields.choice("kind", QuestionnaireKind), fields.day("day"),
                         fields.mapping("answers"))


def _readers() -> dict[str, Callable[[Any], Any]]:
    return {
        "words": lambda w: Term(Fields(w).choice("kind", TermKind), Fields(w).text("key"),
                                Fields(w).text("label")),
        "flares": _parse_flare,
        "checkins": _checkin,
        "medications": _medication,
        "appointments": lambda a: Appointment(Fields(a).day("day"), Fields(a).text("note", "")),
        "questionnaires": _questionnaire,
        "symptom_ratings": lambda r: SymptomRating(
            Fields(r).day("day"), Fields(r).text("symptom"), Fields(r).whole("rating"),
            Fields(r).text("source", "")),
        "no_spasm_days": lambda d: Fields(d).day("day"),
        "device_sleep": parse_device_sleep,
        "device_steps": parse_device_steps,
        "device_zones": parse_device_zone,
    }


def parse(text: str, source: str = "the file", progress: Progress = None) -> Parsed:
    """Records from FibroMap JSON, or ImportRefused naming the first problems;
    ``progress(done, total)`` hears how many characters of ``text`` have been read.

    A medication given twice (an export of a database from before copies were merged) is
    taken once, and the details say so."""
    problems, records = Collector(), Records()
    document = _document(text, source, _Items(records, problems).take, progress)
    _check_what_it_is(document, source)
    for name in LISTS:
        if name in document:  # present, but not as a list
            problems.add(name, "must be a list")
    notes = document.get("notes", {})
    if isinstance(notes, dict) and all(isinstance(v, str) and isinstance(k, str) and len(k) <= 40
                                       for k, v in notes.items()):
        records.notes = dict(notes)
    else:
        problems.add("notes", "must map names to text")
    if not problems.problems:
        check_records(records, problems)
    problems.check(source)
    # After the checks, so that a problem names the place it has in the file.
    records.medications, repeated = merge_repeats(records.medications)
    return Parsed(records, [f"{m.described()} was given more than once; it is taken once"
                            + (f", stopped {m.stop.isoformat()}" if m.stop else ", still taken")
                            for m in repeated])


def _document(text: str, source: str, take: Callable[[str, int, Any], None],
              progress: Progress) -> Any:
    """The members that are not lists of records; ImportRefused if it is not JSON."""
    try:
        return members(text, LISTS, take, progress)
    except json.JSONDecodeError as exc:
        where, why = f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})"
    except RecursionError:
        where, why = "line 1", "nested too deeply to be a FibroMap file"
    raise ImportRefused(source, [Problem(where, why)])  # alone: the items' problems are moot


def _check_what_it_is(document: Any, source: str) -> None:
    """What the file is comes first: a file that is not a FibroMap export, or is from a
    newer one, is refused for that alone."""
    what = Collector()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        what.add("format", "this is not a FibroMap export")
        what.check(source)
    version = document.get("version")
    if "version" not in document:
        what.add("version", "missing: every FibroMap export says which version it is")
    elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
        what.add("version", f"{version!r} is not a FibroMap export version (1, 2, …)")
    elif version > VERSION:
        what.add("version", f"written by a newer FibroMap (version {version}); update "
                            "FibroMap to import it")
    what.check(source)


class _Items:
    """Takes each record of the lists as it is read, into ``records``."""

    def __init__(self, records: Records, problems: Collector):
        self.records, self.problems, self.readers = records, problems, _readers()
        self.first: dict[tuple, int] = {}  # each word's first place
        self.started: set[str] = set()

    def take(self, name: str, index: int, item: Any) -> None:
        where = f"{name}[{index}]"
        if index == 0:
            if name in self.started:
                self.problems.add(name, "is given twice")
            self.started.add(name)
        try:
            value = self.readers[name](item)
        except KeyError as exc:
            self.problems.add(where, f"{exc.args[0]} is missing")
        except OverflowError:
            self.problems.add(where, f"a date is outside {date_range_text(latest_day())}")
        except (FibroMapError, ValueError) as exc:
            self.problems.add(where, str(exc))
        except (TypeError, AttributeError):  # a value of a kind no field above expected
            self.problems.add(where, "holds a value of the wrong kind (text, a number, a "
                                     "list or an object where another was expected)")
        else:
            if name == "words":
                self.word(value, index, item.get("hidden"))
            else:
                getattr(self.records, RECORDS_OF.get(name, name)).append(value)

    def word(self, value: Term, index: int, hidden: Any) -> None:
        (self.records.hidden_terms if hidden else self.records.terms).append(value)
        word = (value.kind.value, value.key)
        if word in self.first:
            self.problems.add(f"words[{index}].key", f"the word {word[1]!r} ({word[0]}) is "
                                                     f"given twice (also at "
                                                     f"words[{self.first[word]}])")
        self.first.setdefault(word, index)

def recognises(text: str) -> bool:
    """A FibroMap JSON export is a JSON object (what is in it, parse checks)."""
    return text.lstrip().startswith("{")


def read_records(text: str, source: str, choices: ReadChoices) -> Parsed:
    return parse(text, source, choices.progress)
