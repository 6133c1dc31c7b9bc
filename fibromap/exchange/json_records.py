"""The records of a FibroMap JSON document, read and checked as the document is read
(exchange/json_stream.py): each list's items made into records with a reason for each
one wrong, the flares checked and handed on a batch at a time as they come, so neither
the text nor the flares of a big file are ever all in memory (json_format.py says what
the document holds)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from fibromap.domain.daily import CheckIn, Medication, SymptomRating, merge_repeats
from fibromap.domain.flare import (
    Flare,
    ImpactArea,
    Referral,
    SiteRole,
    SpasmSite,
    TreatmentUse,
    day_only_onset,
)
from fibromap.domain.questionnaires import Appointment, Questionnaire, QuestionnaireKind
from fibromap.domain.records import Records
from fibromap.domain.vocabulary import Term, TermKind
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import BATCH, FlareChecks, date_range_text, latest_day
from fibromap.exchange.json_devices import parse_device_sleep, parse_device_steps, parse_device_zone
from fibromap.exchange.json_stream import Progress, members
from fibromap.exchange.json_values import Fields
from fibromap.exchange.problems import Collector, ImportRefused, Problem, at_column, at_line
from fibromap.i18n import N_, _

FORMAT = "fibromap"
VERSION = 2   # 2: device_sleep and device_steps
# A check-in's answers, each null when not answered. Files from before overall pain,
# stiffness, fibro fog and waking unrefreshed were asked lack those keys: unanswered.
CHECKIN_ANSWERS = ("sleep_hours", "sleep_quality", "woken_by_spasms", "water_glasses", "stress",
                   "fatigue", "mood", "activity_level", "pain", "stiffness", "fibro_fog",
                   "waking_unrefreshed")
LISTS = ("words", "flares", "checkins", "medications", "appointments", "questionnaires",
         "symptom_ratings", "no_spasm_days", "device_sleep", "device_steps", "device_zones")
RECORDS_OF = {"device_sleep": "device_sleeps"}  # where a list's records go, where named apart

# Flares, with their places in the file, handed on once checked.
FlareBatch = list[tuple[int, Flare]]


def parse_flare(item: Any) -> Flare:
    """A flare from its JSON object: read the plain way first (a record as every export
    writes it, in half the time), and if anything in it is unusual, again field by field,
    which says what is wrong (or makes the same flare)."""
    try:
        return _plain_flare(item)
    except Exception:  # noqa: BLE001 (read again, to say what is wrong)
        return _read_flare(item)


class _Unusual(Exception):  # noqa: N818 (not an error: read again, field by field)
    pass


# Python's reasons a text is not JSON (json.JSONDecodeError.msg), in the reader's words.
JSON_REASONS = (
    ("Expecting value", N_("a value was expected")),
    ("Expecting ',' delimiter", N_("a comma was expected")),
    ("Expecting ':' delimiter", N_("a colon was expected")),
    ("Expecting property name enclosed in double quotes",
     N_("a name in double quotes was expected")),
    ("Unterminated string", N_("a text is not closed with its quote")),
    ("Invalid control character", N_("a control character stands inside a text")),
    ("Invalid \\uXXXX escape", N_("a \\u escape is not four hexadecimal digits")),
    ("Invalid \\escape", N_("a backslash escape is not one JSON knows")),
    ("Extra data", N_("more follows after the end of the document")),
)


def json_reason(message: str) -> str:
    """Why a text is not JSON, from json's own message, in the language of the moment (the
    message as it is, for a reason not known here)."""
    return next((_(words) for start, words in JSON_REASONS if message.startswith(start)),
                message)


def _plain(value: Any, kind: type, empty: bool = False) -> Any:
    """``value`` if it is of ``kind`` exactly (or None, when ``empty``)."""
    if type(value) is kind or (empty and value is None):
        return value
    raise _Unusual


def _plain_objects(value: Any) -> list[dict]:
    if type(value) is list and all(type(item) is dict for item in value):
        return value
    raise _Unusual


def _plain_texts(value: Any) -> frozenset[str]:
    if type(value) is list and all(type(text) is str for text in value):
        return frozenset(value)
    raise _Unusual


def _plain_moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_plain(value, str))
    if moment.tzinfo is None:
        raise _Unusual
    return moment


def _plain_flare(item: Any) -> Flare:
    """_read_flare's flare, read without its reasons: _Unusual (or another error) for
    anything but plain values of the kinds it expects."""
    get = _plain(item, dict).get
    day_only = _plain(get("day_only", False), bool)
    created, modified = get("created"), get("modified")
    return Flare(
        onset=(day_only_onset(date.fromisoformat(_plain(item["onset"], str))) if day_only
               else _plain_moment(item["onset"])),
        day_only=day_only, duration_seconds=_plain(get("duration_seconds"), int, True),
        still_going=_plain(get("still_going", False), bool),
        sites=tuple(SpasmSite(_plain(s["region"], str), _plain(s["intensity"], int, True),
                              SiteRole(s.get("role", "spasm")))
                    for s in _plain_objects(item["sites"])),
        referrals=tuple(Referral(_plain(r["from"], str), _plain(r["to"], str),
                                 _plain(r["intensity"], int, True))
                        for r in _plain_objects(get("referrals", []))),
        context=_plain(get("context"), str, True), qualities=_plain_texts(get("qualities", [])),
        triggers=_plain_texts(get("triggers", [])),
        treatments=tuple(TreatmentUse(_plain(t["treatment"], str),
                                      _plain(t.get("relief"), int, True),
                                      _plain(t.get("medication", ""), str),
                                      _plain(t.get("dose", ""), str))
                         for t in _plain_objects(get("treatments", []))),
        impacts={ImpactArea(area): _plain(level, int, True)
                 for area, level in _plain(get("impacts", {}), dict).items()},
        notes=_plain(get("notes", ""), str),
        created=None if created is None else _plain_moment(created),
        modified=None if modified is None else _plain_moment(modified))


def _read_flare(item: Any) -> Flare:
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


def _impacts(fields: Fields) -> dict[ImpactArea, int]:
    """What a flare got in the way of: each area a key of ``impacts``, with its level."""
    impacts = Fields(fields.mapping("impacts", {}), "impacts.")
    return {Fields({area: area}, _("impacts: the area ")).choice(area, ImpactArea):
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
        "flares": parse_flare,
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


class Reading:
    """One FibroMap JSON document, read (``read``) and then judged (``finish``). Every
    record but the flares is kept in ``records``; the flares are checked a batch at a
    time as they come and handed to ``on_flares``, which keeps or writes them. Problems
    of reading go to ``problems``, those of the checks of the whole file to ``checked``:
    the second count only when the first has none."""

    def __init__(self, source: str, on_flares: Callable[[FlareBatch], None]):
        self.source, self.on_flares = source, on_flares
        self.records, self.problems, self.checked = Records(), Collector(), Collector()
        self.checks = FlareChecks(self.checked)
        self.readers = _readers()
        self.first: dict[tuple, int] = {}  # each word's first place
        self.started: set[str] = set()
        self.batch: FlareBatch = []
        self.flares = 0  # read

    def read(self, text: str | Iterable[str], progress: Progress = None,
             total: int | None = None) -> None:
        """Read the document (the whole text, or its chunks), ImportRefused if it is not
        JSON or not a FibroMap export: that alone."""
        try:
            document = self._document(text, progress, total)
            self._flush()
        finally:
            self.checks.placed.close()
        _check_what_it_is(document, self.source)
        for name in LISTS:
            if name in document:  # present, but not as a list
                self.problems.add(name, _("must be a list"))
        notes = document.get("notes", {})
        if isinstance(notes, dict) and all(isinstance(v, str) and isinstance(k, str)
                                           and len(k) <= 40 for k, v in notes.items()):
            self.records.notes = dict(notes)
        else:
            self.problems.add("notes", _("must map names to text"))

    def _document(self, text: str | Iterable[str], progress: Progress,
                  total: int | None) -> Any:
        """The members that are not lists of records; ImportRefused if it is not JSON."""
        try:
            return members(text, LISTS, self.take, progress, total)
        except json.JSONDecodeError as exc:
            where = at_column(exc.lineno, str(exc.colno))
            why = _("not valid JSON ({reason})").format(reason=json_reason(exc.msg))
        except RecursionError:
            where, why = at_line(1), _("nested too deeply to be a FibroMap file")
        raise ImportRefused(self.source, [Problem(where, why)])  # alone: the items' problems are moot

    def finish(self) -> list[str]:
        """ImportRefused naming the first problems, if any; else the details of how the
        file was read. A medication given twice (an export of a database from before
        copies were merged) is taken once, and the details say so."""
        self.problems.check(self.source)
        self.checks.days(self.records)
        self.checks.given_once(self.records)
        self.checked.check(self.source)
        # After the checks, so that a problem names the place it has in the file.
        self.records.medications, repeated = merge_repeats(self.records.medications)
        return [_("{medication} was given more than once; it is taken once, stopped "
                  "{day}").format(medication=m.described(), day=m.stop.isoformat()) if m.stop
                else _("{medication} was given more than once; it is taken once, still "
                       "taken").format(medication=m.described())
                for m in repeated]

    def clean(self) -> bool:
        """No problem found so far."""
        return not (self.problems.total or self.checked.total)

    def take(self, name: str, index: int, item: Any) -> None:
        """Each record as it is read (json_stream.members' callback)."""
        where = f"{name}[{index}]"
        if index == 0:
            if name in self.started:
                self.problems.add(name, _("is given twice"))
            self.started.add(name)
        try:
            value = self.readers[name](item)
        except KeyError as exc:
            self.problems.add(where, _("{field} is missing").format(field=exc.args[0]))
        except OverflowError:
            self.problems.add(where, _("a date is outside {span}").format(
                span=date_range_text(latest_day())))
        except (FibroMapError, ValueError) as exc:
            self.problems.add(where, str(exc))
        except (TypeError, AttributeError):  # a value of a kind no field above expected
            self.problems.add(where, _("holds a value of the wrong kind (text, a number, a "
                                       "list or an object where another was expected)"))
        else:
            if name == "flares":
                self.flares += 1
                self.batch.append((index, value))
                if len(self.batch) >= BATCH:
                    self._flush()
            elif name == "words":
                self._word(value, index, item.get("hidden"))
            else:
                getattr(self.records, RECORDS_OF.get(name, name)).append(value)

    def _flush(self) -> None:
        if self.batch:
            self.checks.flares(self.batch)
            self.on_flares(self.batch)
            self.batch = []

    def _word(self, value: Term, index: int, hidden: Any) -> None:
        (self.records.hidden_terms if hidden else self.records.terms).append(value)
        word = (value.kind.value, value.key)
        if word in self.first:
            self.problems.add(f"words[{index}].key", _(
                "the word {key} ({kind}) is given twice (also at {where})").format(
                key=repr(word[1]), kind=word[0], where=f"words[{self.first[word]}]"))
        self.first.setdefault(word, index)


def _check_what_it_is(document: Any, source: str) -> None:
    """What the file is comes first: a file that is not a FibroMap export, or is from a
    newer one, is refused for that alone."""
    what = Collector()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        what.add("format", _("this is not a FibroMap export"))
        what.check(source)
    version = document.get("version")
    if "version" not in document:
        what.add("version", _("missing: every FibroMap export says which version it is"))
    elif isinstance(version, bool) or not isinstance(version, int) or version < 1:
        what.add("version", _("{version} is not a FibroMap export version (1, 2, …)").format(
            version=repr(version)))
    elif version > VERSION:
        what.add("version", _("written by a newer FibroMap (version {version}); update "
                              "FibroMap to import it").format(version=version))
    what.check(source)
