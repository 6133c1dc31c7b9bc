"""Reading Flaredown's CSV exports, both layouts, as dated entries of one person.

**Per-person export** (what a Flaredown user downloads): one row per check-in day;
``Date`` (YYYY-MM-DD) first, then one column per tracked condition, symptom and
treatment, each headed by the item's name with no type, then ``Tags`` and ``Foods``
(lists joined by "; "). Ratings are 0–4, treatments hold the dose as typed ("10 mg"),
an empty cell means not recorded that day. Which column is a treatment is read from its
values and from known names, and the import says how it read each column.

**Research layout**: ``user_id, age, sex, country, checkin_date, trackable_id,
trackable_type, trackable_name, trackable_value``, one row per item per day, several
people in one file: one person is imported at a time, never a silent merge.

flaredown_records turns the entries into FibroMap records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from fibromap.domain.vocabulary import BUILTIN_TERMS, TermKind
from fibromap.exchange.body_words import BODY_WORDS, words_of
from fibromap.exchange.checks import EARLIEST, date_range_text, latest_day
from fibromap.exchange.problems import Collector, at_column, at_line, csv_rows
from fibromap.i18n import N_, _, formats, ngettext

RESEARCH_HEADER = ("user_id", "age", "sex", "country", "checkin_date", "trackable_id",
                   "trackable_type", "trackable_name", "trackable_value")
RATING = re.compile(r"[0-4](\.0+)?\Z")
# Names that are treatments whatever their cells hold ("1" is a dose, not a rating).
KNOWN_MEDICATIONS = frozenset((
    "acetaminophen", "amitriptyline", "aspirin", "baclofen", "codeine", "cyclobenzaprine",
    "diclofenac", "duloxetine", "fluoxetine", "gabapentin", "hydroxychloroquine",
    "ibuprofen", "ldn", "low dose naltrexone", "magnesium", "melatonin", "methotrexate",
    "milnacipran", "naltrexone", "naproxen", "nortriptyline", "oxycodone", "paracetamol",
    "prednisone", "pregabalin", "sertraline", "tizanidine", "tramadol", "venlafaxine",
    "vitamin b12", "vitamin d", "zolpidem", "cbd", "cannabis"))
NON_DRUG_TREATMENTS = {t.label.lower(): t.key for t in BUILTIN_TERMS
                       if t.kind is TermKind.TREATMENT and t.key != "medication"}
KNOWN_CONDITIONS = frozenset((
    "fibromyalgia", "chronic fatigue syndrome", "me cfs", "me", "cfs", "myalgic encephalomyelitis",
    "lupus", "rheumatoid arthritis", "osteoarthritis", "arthritis", "hypermobility",
    "ehlers danlos syndrome", "depression", "anxiety", "ibs", "irritable bowel syndrome",
    "endometriosis", "migraine disorder", "pots", "hashimoto s", "hypothyroidism"))
KNOWN_SYMPTOMS = frozenset((
    "fatigue", "brain fog", "muscle spasms", "muscle spasm", "spasms", "pain", "muscle pain",
    "joint pain", "stiffness", "insomnia", "nausea", "dizziness", "tremor", "numbness",
    "tingling", "anxiety", "depression", "low mood", "headache", "migraine",
    "sensitivity to light", "sensitivity to noise", "restless legs", "post exertional malaise"))


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the person recorded on a day."""

    where: str      # "line 4, column Ibuprofen": where a problem with it is shown
    day: date
    kind: str       # symptom, condition, treatment, tag, food, or Flaredown's other types
    name: str
    value: str


@dataclass(frozen=True)
class Person:
    id: str
    entries: int
    first: date | None
    last: date | None

    def describe(self) -> str:
        n = self.entries
        if self.first:
            return ngettext("{id} ({n} entry, {first} to {last})",
                            "{id} ({n} entries, {first} to {last})", n).format(
                id=self.id, n=formats.whole(n), first=self.first, last=self.last)
        return ngettext("{id} ({n} entry)", "{id} ({n} entries)", n).format(
            id=self.id, n=formats.whole(n))


@dataclass
class Layout:
    """What a Flaredown file holds, read: its entries by person, and how it was read."""

    name: str                                   # "per-person export" or "research layout" (N_)
    entries: dict[str, list[Entry]]             # by person id ("" for a per-person file)
    columns: list[str] = field(default_factory=list)   # how each column was read
    blank: int = 0                              # ratings left blank: not recorded

    def people(self) -> list[Person]:
        return [Person(pid, len(items), min((e.day for e in items), default=None),
                       max((e.day for e in items), default=None))
                for pid, items in sorted(self.entries.items())]


def _header(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r") if text.strip() else ""
    return [cell.strip().strip('"').strip() for cell in first.split(",")]


def looks_like(text: str) -> bool:
    header = [h.lower() for h in _header(text)]
    return tuple(header) == RESEARCH_HEADER or _per_person_header(header)


def _per_person_header(header: list[str]) -> bool:
    return len(header) >= 3 and header[0] == "date" and {"tags", "foods"} <= set(header[-2:])


def read(text: str, source: str | None = None) -> Layout:
    """The file's entries, or ImportRefused naming each line and column that is wrong."""
    source = _("the file") if source is None else source
    problems = Collector()
    text = text.lstrip("\ufeff")
    if tuple(h.lower() for h in _header(text)) == RESEARCH_HEADER:
        layout = _research(text, problems)
    else:
        layout = _per_person(text, problems)
    problems.check(source)
    return layout


def _day(cell: str, where: str, problems: Collector, latest: date) -> date | None:
    try:
        day = date.fromisoformat(cell.strip())
    except ValueError:
        problems.add(where, _("not a date like 2026-03-01: {cell}").format(cell=repr(cell)))
        return None
    if not EARLIEST <= day <= latest:
        problems.add(where, _("{day} is outside {span}").format(day=day,
                                                                span=date_range_text(latest)))
        return None
    return day


def _research(text: str, problems: Collector) -> Layout:
    layout, latest = Layout(N_("research layout"), {}), latest_day()
    rows = csv_rows(text, problems)
    next(rows, None)
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(RESEARCH_HEADER):
            problems.add(at_line(line), ngettext(
                "has {n} columns, expected {expected}", "has {n} columns, expected {expected}",
                len(row)).format(n=len(row), expected=len(RESEARCH_HEADER)))
            continue
        day = _day(row[4], at_column(line, "checkin_date"), problems, latest)
        kind, name, value = row[6].strip().lower(), row[7].strip(), row[8].strip()
        if day is None:
            continue
        if not value and kind in ("symptom", "condition"):
            layout.blank += 1  # blank: not recorded that day
            continue
        layout.entries.setdefault(row[0].strip(), []).append(
            Entry(at_column(line, "trackable_value"), day, kind, name, value))
    return layout


def _per_person(text: str, problems: Collector) -> Layout:
    layout = Layout(N_("per-person export"), {"": []})
    rows = list(csv_rows(text, problems))
    header = [cell.strip() for cell in rows[0][1]]
    days = _dated_rows(rows[1:], header, problems)
    kinds = _column_kinds(header, days, layout)
    tags_at = [i for i, name in enumerate(header) if name.lower() in ("tags", "foods")]
    seen: dict[date, int] = {}
    for line, day, row in days:
        if day in seen:
            problems.add(at_column(line, header[0]),
                         _("{day} is given twice (also at line {line})").format(
                             day=day, line=seen[day]))
            continue
        seen[day] = line
        layout.entries[""] += _day_entries(header, kinds, tags_at, line, day, row)
        layout.blank += sum(kind in ("symptom", "condition") and not row[index].strip()
                            for index, kind in kinds.items())
    return layout


def _dated_rows(rows: list[tuple[int, list[str]]], header: list[str],
                problems: Collector) -> list[tuple[int, date, list[str]]]:
    """The rows with a good date, each with its line and day (a day may come twice)."""
    latest, dated = latest_day(), []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.add(at_line(line), ngettext(
                "has {n} columns, expected {expected}", "has {n} columns, expected {expected}",
                len(row)).format(n=len(row), expected=len(header)))
            continue
        day = _day(row[0], at_column(line, header[0]), problems, latest)
        if day is not None:
            dated.append((line, day, row))
    return dated


def _column_kinds(header: list[str], days: list[tuple[int, date, list[str]]],
                  layout: Layout) -> dict[int, str]:
    """How each item column is read (classify), said in ``layout.columns``."""
    kinds = {}
    for index, name in enumerate(header[1:-2], start=1):
        values = [row[index].strip() for _line, _day, row in days if row[index].strip()]
        kind, why = classify(name, values)
        kinds[index] = kind
        layout.columns.append(f"{name!r}: {why}")
    return kinds


def _day_entries(header: list[str], kinds: dict[int, str], tags_at: list[int], line: int,
                 day: date, row: list[str]) -> list[Entry]:
    """A day's row as entries: each item filled in, then each tag and food."""
    entries = [Entry(at_column(line, header[index]), day, kind, header[index],
                     row[index].strip())
               for index, kind in kinds.items() if kind != "unused" and row[index].strip()]
    for index in tags_at:
        kind = header[index].lower()[:-1]  # tag, food
        entries += [Entry(at_column(line, header[index]), day, kind, part.strip(), "")
                    for part in row[index].split(";") if part.strip()]
    return entries


def is_rating(value: str) -> bool:
    return bool(RATING.match(value.strip()))


def known(name: str, names: frozenset[str]) -> bool:
    """Whether ``name``, read word by word, is one of ``names``."""
    return " ".join(words_of(name)) in names


def classify(name: str, values: list[str]) -> tuple[str, str]:
    """How a per-person column is read: (symptom, condition, treatment or unused, why)."""
    shown = ", ".join(repr(v) for v in list(dict.fromkeys(values))[:2])
    if not values:
        return "unused", _("never filled in, nothing to import")
    if known(name, KNOWN_MEDICATIONS) or name.lower() in NON_DRUG_TREATMENTS:
        return "treatment", _("a treatment (a known name; values such as {values})").format(
            values=shown)
    if all(is_rating(v) for v in values):
        if known(name, KNOWN_CONDITIONS):
            return "condition", _("a condition rated 0–4 (a known name)")
        return "symptom", _("a symptom rated 0–4 (every value is 0 to 4)")
    if known(name, KNOWN_SYMPTOMS) or any(" ".join(words_of(name)).endswith(w)
                                           for w in ("pain", "ache", "spasm", "spasms")):
        return "symptom", _("a symptom (a known name), rated 0–4")
    if any(word in BODY_WORDS for word in words_of(name)) and any(is_rating(v) for v in values):
        return "symptom", _("a symptom (it names a body part), rated 0–4")
    return "treatment", _("a treatment (values such as {values} are doses, not 0–4 "
                          "ratings)").format(values=shown)
