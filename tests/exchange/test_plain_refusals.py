"""Every refusal is a sentence, never Python's own words (issue 33, deliverable 6): each
field of each kind of record in a FibroMap JSON file is given each wrong kind of value, and
every reason the import gives is read for the marks of a Python exception ("is not a valid
SiteRole", "offset must be a timedelta strictly between…", "'NoneType' object…")."""

import copy
import json
import re

import pytest

from fibromap.exchange.json_format import parse
from fibromap.exchange.problems import LONGEST, ImportRefused

pytestmark = pytest.mark.plain_only("no database: the file is only read")

BASE = {"format": "fibromap", "version": 2,
 "words": [{"kind": "trigger", "key": "cold_office", "label": "Cold office", "hidden": False}],
 "flares": [{"onset": "2026-03-01T03:00:00+01:00", "day_only": False, "duration_seconds": 60, "still_going": False,
   "sites": [{"region": "upper_trapezius.left", "intensity": 5, "role": "spasm"}, {"region": "temple.left", "intensity": None, "role": "referred"}],
   "referrals": [{"from": "upper_trapezius.left", "to": "temple.left", "intensity": None}],
   "context": "rest", "qualities": ["cramping"], "triggers": ["cold_office"],
   "treatments": [{"treatment": "heat", "relief": 5, "medication": "", "dose": ""}],
   "impacts": {"sleep": 2}, "notes": "n", "created": "2026-03-01T03:10:00+01:00", "modified": None}],
 "checkins": [{"day": "2026-03-01", "sleep_hours": 6.5, "sleep_quality": 5, "foods": ["Bread"], "notes": ""}],
 "medications": [{"name": "Ibuprofen", "dose": "400 mg", "start": "2026-02-01", "stop": None}],
 "appointments": [{"day": "2026-03-05", "note": "GP"}],
 "questionnaires": [{"kind": "sss", "day": "2026-03-01", "answers": {"fatigue": 2, "waking_unrefreshed": 2, "cognitive": 1, "headaches": True, "lower_abdominal_pain": False, "depression": False}}],
 "symptom_ratings": [{"day": "2026-03-01", "symptom": "Headache", "rating": 4, "source": "x"}],
 "no_spasm_days": [{"day": "2026-03-02"}],
 "device_sleep": [{"app": "Apple Health", "device": "Apple Watch", "start": "2026-02-01T23:10:00+01:00",
   "end": "2026-02-02T07:05:00+01:00", "in_bed_minutes": 475, "asleep_minutes": 430, "awake_minutes": 45,
   "awakenings": 3, "light_minutes": 250, "deep_minutes": 70, "rem_minutes": 110, "nap": False}],
 "device_steps": [{"app": "Apple Health", "device": "iPhone", "day": "2026-02-02", "steps": 5400}],
 "notes": {"questions": "why"}}
WRONG = [None, True, -1, 10**12, 1.5, "bogus", [], {}, "2026-13-45",
         "2026-03-01T03:00:00+25:00", "", "x" * 100_000]
PYTHON = re.compile(
    r"is not a valid|<class|timedelta|NoneType|has no attribute|unsupported operand|"
    r"'(str|int|float|list|dict|bool)' object|invalid literal|positional argument|"
    r"keyword argument|Traceback|Error\b|expected str|not supported between|unhashable|"
    r"object is not|takes \d|isoformat", re.IGNORECASE)


def fields(value, path=()):
    """The path of every field and list item (the first) in ``value``."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield path + (key,)
            yield from fields(inner, path + (key,))
    elif isinstance(value, list) and value:
        yield path + (0,)
        yield from fields(value[0], path + (0,))


def changed(path, value):
    document = copy.deepcopy(BASE)
    place = document
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    return json.dumps(document)


def test_the_file_itself_is_good():
    assert len(parse(json.dumps(BASE)).records.flares) == 1


def test_no_reason_is_pythons_own_words():
    pythonic, refusals = [], 0
    for path in fields(BASE):
        if path[0] in ("format", "version"):
            continue
        for value in WRONG:
            try:
                parse(changed(path, value))
            except ImportRefused as refusal:  # anything else fails the test by itself
                refusals += 1
                for problem in refusal.problems:
                    assert len(problem.message) <= LONGEST
                    if PYTHON.search(problem.message):
                        pythonic.append(f"{'.'.join(map(str, path))} = {value!r:.20}: "
                                        f"{problem.message}")
    assert refusals > 900  # most wrong values are refused, each with a reason
    assert pythonic == []


@pytest.mark.parametrize(("path", "value", "reason"), [
    (("flares", 0, "sites", 0, "role"), "bogus",
     "sites[0].role must be one of spasm, trigger_point, referred (not 'bogus')"),
    (("flares", 0, "onset"), "2026-03-01T03:00:00+25:00",
     "onset must be a date and time like 2026-03-01T14:05:00+01:00 (not "
     "'2026-03-01T03:00:00+25:00')"),
    (("words", 0, "kind"), "bogus",
     "kind must be one of trigger, quality, treatment, context (not 'bogus')"),
    (("flares", 0, "impacts"), {"sleep": 2, "dancing": 1},
     "impacts: the area dancing must be one of walking, fine_motor, sleep, work (not 'dancing')"),
])
def test_the_issues_examples_read_as_sentences(path, value, reason):
    with pytest.raises(ImportRefused) as refusal:
        parse(changed(path, value))
    assert reason in str(refusal.value)
