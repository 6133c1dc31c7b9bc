"""Importing Flaredown's CSV export.

Flaredown writes one row per tracked item per day:
``user_id, age, sex, country, checkin_date, trackable_id, trackable_type, trackable_name,
trackable_value``. Symptoms that name a body part become flares on that day (Flaredown's
0–4 scale times 2.5 gives FibroMap's 0–10); treatments join that day's flare; tags that
match a FibroMap trigger become triggers; foods go into the day's check-in. Conditions,
weather, other tags and symptoms with no body part are skipped and counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse
from fibromap.domain.records import Records
from fibromap.domain.vocabulary import BUILTIN_TERMS, Term, TermKind, key_for_label
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import EARLIEST, date_range_text, latest_day
from fibromap.exchange.problems import Collector, csv_rows

HEADER = ("user_id", "age", "sex", "country", "checkin_date", "trackable_id", "trackable_type",
          "trackable_name", "trackable_value")
# Words in a symptom's name and the regions they mean (both sides where it has two).
BODY_WORDS = {
    "neck": ["posterior_neck.left", "posterior_neck.right"],
    "shoulder": ["upper_trapezius.left", "upper_trapezius.right"],
    "jaw": ["masseter.left", "masseter.right"], "tmj": ["tmj.left", "tmj.right"],
    "head": ["temple.left", "temple.right"], "back": ["erector_lower.left", "erector_lower.right"],
    "hip": ["gluteus_medius.left", "gluteus_medius.right"],
    "leg": ["gastrocnemius.left", "gastrocnemius.right"],
    "calf": ["gastrocnemius.left", "gastrocnemius.right"],
    "thigh": ["rectus_femoris.left", "rectus_femoris.right"],
    "knee": ["knee_front.left", "knee_front.right"], "foot": ["foot_top.left", "foot_top.right"],
    "feet": ["foot_top.left", "foot_top.right"], "hand": ["palm.left", "palm.right"],
    "arm": ["biceps.left", "biceps.right"], "chest": ["pectoralis.left", "pectoralis.right"],
    "abdomen": ["lower_abdomen"], "stomach": ["upper_abdomen"],
}
TRIGGERS = {t.label.lower(): t.key for t in BUILTIN_TERMS if t.kind is TermKind.TRIGGER}
TRIGGERS |= {t.key.replace("_", " "): t.key for t in BUILTIN_TERMS if t.kind is TermKind.TRIGGER}
TREATMENTS = {t.label.lower(): t.key for t in BUILTIN_TERMS if t.kind is TermKind.TREATMENT}


@dataclass
class FlaredownImport:
    records: Records
    skipped: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        if not self.skipped:
            return "nothing was skipped"
        return "skipped: " + ", ".join(f"{n} {what}" for what, n in self.skipped.most_common())


def looks_like(text: str) -> bool:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return tuple(h.strip() for h in first.split(",")) == HEADER


def _regions(name: str) -> list[str]:
    words = name.lower().replace("-", " ").replace("/", " ").split()
    for word in words:
        for stem, regions in BODY_WORDS.items():
            if word.startswith(stem):
                return regions
    return []


def parse(text: str, source: str = "the file") -> FlaredownImport:
    problems = Collector()
    rows = csv_rows(text.lstrip("\ufeff"), problems)
    next(rows, None)
    symptoms: dict[date, dict[str, int]] = defaultdict(dict)
    treatments: dict[date, list[str]] = defaultdict(list)
    triggers: dict[date, set[str]] = defaultdict(set)
    foods: dict[date, set[str]] = defaultdict(set)
    skipped: Counter = Counter()
    new_treatments: dict[str, str] = {}
    latest = latest_day()
    for line_number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            problems.add(f"line {line_number}", f"has {len(row)} columns, expected {len(HEADER)}")
            continue
        kind, name, value = row[6].strip(), row[7].strip(), row[8].strip()
        try:
            day = date.fromisoformat(row[4].strip())
        except ValueError:
            problems.add(f"line {line_number}, column checkin_date", f"not a date: {row[4]!r}")
            continue
        if not EARLIEST <= day <= latest:
            problems.add(f"line {line_number}, column checkin_date",
                         f"{day} is outside {date_range_text(latest)}")
            continue
        if kind == "Symptom":
            regions = _regions(name)
            if not regions:
                skipped["symptoms with no body part"] += 1
                continue
            try:
                level = float(value)
            except ValueError:
                problems.add(f"line {line_number}, column trackable_value",
                             f"a symptom needs a number from 0 to 4, got {value!r}")
                continue
            if not 0 <= level <= 4:
                problems.add(f"line {line_number}, column trackable_value",
                             f"a symptom needs a number from 0 to 4, got {value!r}")
                continue
            for region in regions:
                symptoms[day][region] = max(symptoms[day].get(region, 0), round(level * 2.5))
        elif kind == "Treatment":
            key = TREATMENTS.get(name.lower())
            if key is None:
                try:
                    key = key_for_label(name)
                except FibroMapError:
                    skipped["treatments without a name"] += 1
                    continue
                new_treatments[key] = name[:80]
            treatments[day].append(key)
        elif kind == "Tag" and name.lower() in TRIGGERS:
            triggers[day].add(TRIGGERS[name.lower()])
        elif kind == "Food" and name:
            foods[day].add(name.lower()[:60])
        else:
            skipped[{"Condition": "conditions", "Weather": "weather readings",
                      "Tag": "tags that are not FibroMap triggers",
                      "HBI": "Harvey-Bradshaw answers"}.get(kind, f"{kind or 'unknown'} rows")] += 1
    problems.check(source)
    records = Records()
    records.terms = [Term(TermKind.TREATMENT, key, label) for key, label in sorted(new_treatments.items())]
    for day in sorted(symptoms):
        marked = {region: level for region, level in symptoms[day].items() if level > 0}
        if not marked:
            skipped["symptoms rated 0"] += 1
            continue
        records.flares.append(Flare(
            onset=datetime.combine(day, time(12)).astimezone(),
            sites=tuple(SpasmSite(r, i) for r, i in sorted(marked.items())),
            triggers=frozenset(triggers.get(day, ())),
            treatments=tuple(TreatmentUse(k) for k in dict.fromkeys(treatments.get(day, []))),
            notes="Imported from Flaredown (a daily rating; the time of day is not known)."))
    for day in sorted(foods):
        records.checkins.append(CheckIn(day, foods=frozenset(foods[day])))
    return FlaredownImport(records, skipped)
