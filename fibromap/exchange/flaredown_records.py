"""Flaredown entries as FibroMap records: nothing dropped without being listed.

- Every symptom and condition rating is kept as a daily symptom rating, apart from the
  symptoms that are questions of the daily check-in (overall pain, stiffness, fatigue,
  brain fog, unrefreshing sleep): those fill the day's check-in (flaredown_answers).
- A symptom that names a body part ("Left knee pain") is also placed on the body map: a
  flare known only to the day (no hour: left out of every hour-of-day figure), one per
  day, with each region at its highest rating that day.
- Flaredown rates 0–4; FibroMap 0–10. The mapping is stated in the summary: 0, 1, 2, 3,
  4 become 0, 3, 5, 8, 10 (times 2.5, halves rounded up).
- Medications keep their doses: three or more entries in a row on the same dose become a
  medication period (a day without it, a new dose or more than a week between entries
  ends it); every dose is also kept on its day, in the day's flare and check-in. Other
  treatments join the day's flare.
- Tags that are FibroMap triggers join the day's flare; every tag and treatment is also
  written into the day's check-in note, and foods into its foods.
- Anything else (weather, Harvey-Bradshaw answers) is listed, with how many.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import SYMPTOM_MAX, TAG_MAX, CheckIn, Medication, SymptomRating
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse, day_only_onset
from fibromap.domain.records import Records
from fibromap.domain.vocabulary import BUILTIN_TERMS, Term, TermKind, key_for_label
from fibromap.errors import FibroMapError
from fibromap.exchange import flaredown, flaredown_answers
from fibromap.exchange.body_words import describe, read_symptom, words_of
from fibromap.exchange.flaredown import (
    KNOWN_MEDICATIONS,
    NON_DRUG_TREATMENTS,
    Entry,
    Layout,
    Person,
    is_rating,
    known,
)
from fibromap.exchange.flaredown_summary import (
    ANSWERED_TWICE,
    BLANK,
    NO_NAME,
    OTHER_KINDS,
    REPEATED,
    kept,
    not_imported,
)
from fibromap.exchange.formats import Parsed, ReadChoices
from fibromap.exchange.problems import Collector, ImportRefused, Problem
from fibromap.i18n import N_, _, formats, ngettext

SCALE = {0: 0, 1: 3, 2: 5, 3: 8, 4: 10}
SCALE_NOTE = N_("Flaredown rates 0–4 and FibroMap 0–10: ratings 0, 1, 2, 3, 4 became 0, 3, 5, "
                "8, 10 (times 2.5, halves rounded up)")
PERIOD_GAP = timedelta(days=7)   # longer between two entries ends a medication period
MIN_RUN = 3                      # entries in a row that make a regimen, not a dose when needed
MEDICATION_UNITS = ("mg", "mcg", "µg", "ug", "ml", "g", "iu", "unit", "units", "tablet",
                    "tablets", "tab", "tabs", "pill", "pills", "capsule", "capsules", "cap",
                    "caps", "drop", "drops", "puff", "puffs", "dose", "doses", "x")
TRIGGERS = {t.label.lower(): t.key for t in BUILTIN_TERMS if t.kind is TermKind.TRIGGER}
TRIGGERS |= {t.key.replace("_", " "): t.key for t in BUILTIN_TERMS if t.kind is TermKind.TRIGGER}
# Conditions whose rating a reader could take for overall pain: the import says it is not.
CONDITIONS_NOT_PAIN = frozenset(("fibromyalgia", "chronic fatigue syndrome", "me cfs",
                                 "myalgic encephalomyelitis"))


def to_ten(value: str) -> int:
    """A Flaredown 0–4 rating on FibroMap's 0–10 scale (documented in SCALE_NOTE)."""
    level = float(value)
    return SCALE[int(level)] if level.is_integer() else math.floor(level * 2.5 + 0.5)


@dataclass
class FlaredownImport:
    records: Records
    details: list[str] = field(default_factory=list)   # how the file was read, for the person
    symptoms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> regions used

    def summary(self) -> str:
        return "; ".join(self.details)


def recognises(text: str) -> bool:
    """Whether ``text`` is a Flaredown CSV export, of either layout (by its header)."""
    return flaredown.looks_like(text)


def people(text: str, source: str) -> list[Person]:
    """Whose records the file holds (a research file: several people's)."""
    return flaredown.read(text, source).people()


def read_records(text: str, source: str, choices: ReadChoices) -> Parsed:
    """The records of the person chosen (the only one, in a per-person export)."""
    layout = flaredown.read(text, source)
    person, entries = person_entries(layout, choices.person, source)
    built = build(layout, entries, source, choices.regions)
    return Parsed(built.records, built.details, built.symptoms, person)


def person_entries(layout: Layout, person: str | None, source: str) -> tuple[str, list[Entry]]:
    """The entries of the person asked for; a file of several people needs one named."""
    people = layout.people()
    if person is None:
        if len(people) > 1:
            shown = "; ".join(p.describe() for p in people[:20])
            if len(people) > 20:
                shown = _("{people}; and {n} more").format(people=shown,
                                                           n=formats.whole(len(people) - 20))
            raise ImportRefused(source, [Problem("user_id", ngettext(
                "the file holds the records of {n} person, and they are never merged into one "
                "record: choose one with --person ID (in the app, pick one in the import "
                "window). People: {people}",
                "the file holds the records of {n} people, and they are never merged into one "
                "record: choose one with --person ID (in the app, pick one in the import "
                "window). People: {people}", len(people)).format(
                n=formats.whole(len(people)), people=shown))])
        return (people[0].id, layout.entries[people[0].id]) if people else ("", [])
    if person not in layout.entries:
        raise ImportRefused(source, [Problem("user_id", _(
            "there is no person {person} in the file; it holds {people}").format(
            person=repr(person), people=", ".join(p.id for p in people[:20])))])
    return person, layout.entries[person]


def build(layout: Layout, entries: list[Entry], source: str,
          regions: dict[str, tuple[str, ...]] | None = None) -> FlaredownImport:
    """Records from one person's entries; ``regions`` overrides how a symptom is placed
    (an empty tuple: a daily rating only)."""
    day_by_day = _DayByDay(regions)
    for entry in entries:
        day_by_day.take(entry)
    day_by_day.problems.check(source)
    records = day_by_day.records([entry.day for entry in entries])
    answers = flaredown_answers.details(day_by_day.answered_by, day_by_day.conditions)
    return FlaredownImport(records, _details(layout, day_by_day.read_as, day_by_day.atlas,
                                             records, day_by_day.listed, answers)
                           + _occasional(records.medications, day_by_day.doses),
                           day_by_day.read_as)


class _DayByDay:
    """One person's entries gathered by day and kind, then made into records."""

    def __init__(self, regions: dict[str, tuple[str, ...]] | None):
        self.atlas, self.regions = load_atlas(), regions
        self.problems = Collector()
        self.listed: Counter[str] = Counter()
        self.ratings: dict[tuple[date, str], tuple[int, str, str]] = {}
        self.placed: dict[date, dict[str, int]] = defaultdict(dict)
        self.read_as: dict[str, tuple[str, ...]] = {}
        self.said: dict[date, list[str]] = defaultdict(list)
        self.triggers: dict[date, set[str]] = defaultdict(set)
        self.foods: dict[date, set[str]] = defaultdict(set)
        self.doses: dict[str, list[tuple[date, str]]] = defaultdict(list)
        self.uses: dict[date, list[TreatmentUse]] = defaultdict(list)
        self.terms: dict[str, str] = {}
        self.answers: dict[date, dict[str, int]] = defaultdict(dict)  # check-in answers
        self.answered_by: dict[str, str] = {}    # Flaredown name -> check-in field
        self.conditions: set[str] = set()        # conditions that are not overall pain

    def take(self, entry: Entry) -> None:
        if entry.kind in ("symptom", "condition"):
            self.rating(entry)
        elif entry.kind == "treatment":
            self.treatment(entry)
        elif entry.kind == "tag":
            self.said[entry.day].append(f"#{entry.name}")
            if entry.name.lower() in TRIGGERS:
                self.triggers[entry.day].add(TRIGGERS[entry.name.lower()])
        elif entry.kind == "food":
            food = entry.name.strip()  # as written; the check-in takes one spelling of each
            if len(food) > TAG_MAX:
                self.said[entry.day].append(f"food: {entry.name}")
            else:
                self.foods[entry.day].add(food)
        else:
            self.listed[OTHER_KINDS.get(entry.kind, entry.kind or "untyped")] += 1

    def rating(self, entry: Entry) -> None:
        """A symptom's or condition's rating; the highest of a day is kept."""
        if not is_rating(entry.value):
            self.problems.add(entry.where, (
                _("a condition needs a rating from 0 to 4, got {value}")
                if entry.kind == "condition" else
                _("a symptom needs a rating from 0 to 4, got {value}")).format(
                value=repr(entry.value)))
            return
        name = " ".join(entry.name.split())[:SYMPTOM_MAX] or "(no name)"
        field = flaredown_answers.checkin_field(name, entry.kind)
        if field is not None:
            self.answer(entry, name, field)
            return
        if entry.kind == "condition" and flaredown.known(name, CONDITIONS_NOT_PAIN):
            self.conditions.add(name)
        level = to_ten(entry.value)
        key = (entry.day, name.casefold())
        if key in self.ratings:
            self.listed[REPEATED] += 1
            if self.ratings[key][0] >= level:
                return
        self.ratings[key] = (level, name, entry.kind)
        if entry.kind == "symptom":
            self.place(name, entry.day, level)

    def answer(self, entry: Entry, name: str, field: str) -> None:
        """A symptom that is a check-in question: its day's answer (the highest given)."""
        value = flaredown_answers.answer(field, entry.value, to_ten)
        self.answered_by[name] = field
        day = self.answers[entry.day]
        if field in day:
            self.listed[ANSWERED_TWICE] += 1
        day[field] = max(value, day.get(field, value))
        if self.regions and self.regions.get(name):  # the person placed it on the map too
            self.place(name, entry.day, to_ten(entry.value))

    def place(self, name: str, day: date, level: int) -> None:
        """A symptom on the regions it names (or the person chose) that day."""
        if name not in self.read_as:
            self.read_as[name] = (self.regions[name] if self.regions and name in self.regions
                                  else read_symptom(name, self.atlas).regions)
        for region in self.read_as[name]:
            self.placed[day][region] = max(self.placed[day].get(region, 0), level)

    def treatment(self, entry: Entry) -> None:
        name = " ".join(entry.name.split())
        dose = " ".join(entry.value.split())
        self.said[entry.day].append(f"{name} {dose}".strip())
        if _medication(name, dose):
            self.doses[name[:120]].append((entry.day, dose[:120]))
            self.uses[entry.day].append(TreatmentUse("medication", None, name[:80], dose[:80]))
            return
        key = self.treatment_key(name)
        if key is not None:
            self.uses[entry.day].append(TreatmentUse(key))

    def treatment_key(self, name: str) -> str | None:
        """A treatment's word: FibroMap's own, or a new one (None: it has no name)."""
        key = NON_DRUG_TREATMENTS.get(name.lower())
        if key is not None:
            return key
        try:
            key = key_for_label(name)
        except FibroMapError:
            self.listed[NO_NAME] += 1
            return None
        self.terms.setdefault(key, name[:80])
        return key

    def records(self, days: list[date]) -> Records:
        """The records (``days``: the days the file has entries on)."""
        records = Records()
        records.terms = [Term(TermKind.TREATMENT, key, label)
                         for key, label in sorted(self.terms.items())]
        records.symptom_ratings = [
            SymptomRating(day, name, level, f"Flaredown {kind}, 0–4")
            for (day, _folded), (level, name, kind) in sorted(self.ratings.items())]
        records.flares = self.flares()
        records.checkins = self.checkins()
        records.medications = periods(self.doses, days)
        return records

    def flares(self) -> list[Flare]:
        """A day-only flare for each day a symptom was placed on the body map."""
        placed_ratings: dict[date, list[str]] = defaultdict(list)
        for (day, _folded), (level, name, kind) in self.ratings.items():
            if kind == "symptom" and self.read_as.get(name):
                placed_ratings[day].append(f"{name} {level}/10")
        flares = []
        for day in sorted(self.placed):
            sites = {region: level for region, level in self.placed[day].items() if level > 0}
            if not sites:
                continue
            flares.append(Flare(
                onset=day_only_onset(day), day_only=True,
                sites=tuple(SpasmSite(r, i) for r, i in sorted(sites.items())),
                triggers=frozenset(self.triggers.get(day, ())),
                treatments=tuple({(u.treatment, u.medication, u.dose): u
                                  for u in self.uses.get(day, [])}.values()),
                notes="Daily ratings from Flaredown (the time of day is not known): "
                      + ", ".join(sorted(placed_ratings[day])) + "."))
        return flares

    def checkins(self) -> list[CheckIn]:
        """A check-in for each day with check-in answers, tags, treatments or foods."""
        checkins = []
        for day in sorted(set(self.said) | set(self.foods) | set(self.answers)):
            said = self.said.get(day)
            note = ("From Flaredown: " + "; ".join(dict.fromkeys(said)) + ".") if said else ""
            checkins.append(CheckIn(day, foods=frozenset(self.foods.get(day, ())), notes=note,
                                    **self.answers.get(day, {})))
        return checkins


def _occasional(medications: list[Medication], doses: dict[str, list[tuple[date, str]]]
                ) -> list[str]:
    """A line on the doses taken now and then, kept on their days only."""
    regular: set[tuple[str, date]] = set()
    for m in medications:
        assert m.stop is not None, "a medication made from a run of doses ends on its last day"
        regular.update((m.name, d) for d in _days(m.start, m.stop))
    now_and_then = sum((name, day) not in regular for name, taken in doses.items()
                       for day, _dose in set(taken))
    return [ngettext("{n} dose taken now and then (fewer than {least} entries in a row) are "
                     "kept on their days, not as medication periods.",
                     "{n} doses taken now and then (fewer than {least} entries in a row) are "
                     "kept on their days, not as medication periods.", now_and_then).format(
        n=formats.whole(now_and_then), least=MIN_RUN)] if now_and_then else []


def _days(start: date, stop: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((stop - start).days + 1)]


# Words that name a treatment that is no medicine, whatever amount is written beside it
# ("Heating pad 10 mg" stays a heating pad, never a medication period).
NOT_MEDICINE_WORDS = frozenset({
    "heat", "heating", "pad", "ice", "cold", "massage", "stretch", "stretching", "bath",
    "tens", "yoga", "walk", "walking", "rest", "physio", "physiotherapy", "acupuncture",
    "meditation", "exercise", "swim", "swimming", "sauna", "shower", "foam", "roller",
    "brace", "compression", "pilates", "tai", "chi", "breathing", "hot", "water", "bottle"})


def _medication(name: str, dose: str) -> bool:
    if name.lower() in NON_DRUG_TREATMENTS:
        return False
    if known(name, KNOWN_MEDICATIONS):
        return True
    if any(word in NOT_MEDICINE_WORDS for word in words_of(name)):
        return False
    words = dose.lower().replace(".", " ").replace("(", " ").split()
    return any(word.strip("0123456789") in MEDICATION_UNITS for word in words)


def periods(doses: dict[str, list[tuple[date, str]]], days: list[date]) -> list[Medication]:
    """Runs of entries on one dose as medication periods: a new dose, a recorded day
    without it (``days`` are the days the file has entries on) or more than a week between
    entries ends a run. A run of fewer than MIN_RUN entries (a painkiller taken when
    needed) is no regimen: it stays on its days, in the flare and the check-in."""
    found, index = [], {day: i for i, day in enumerate(sorted(set(days)))}
    for name, taken in sorted(doses.items()):
        runs: list[list[tuple[date, str]]] = []
        for day, dose in sorted(set(taken)):
            run = runs[-1] if runs else None
            if (run is None or dose != run[-1][1] or day - run[-1][0] > PERIOD_GAP
                    or index[day] - index[run[-1][0]] > 1):
                runs.append([(day, dose)])
            else:
                run.append((day, dose))
        found += [Medication(name, run[0][1], run[0][0], run[-1][0])
                  for run in runs if len(run) >= MIN_RUN]
    return found


def _details(layout: Layout, read_as, atlas, records: Records, listed: Counter,
             answers: list[str]) -> list[str]:
    """How the file was read, a line each ("  " before the items of a list)."""
    lines = [_("Flaredown {layout}. {scale}.").format(layout=_(layout.name), scale=_(SCALE_NOTE))]
    if layout.columns:
        lines.append(_("How each column was read:"))
        lines += [f"  {column}" for column in layout.columns]
    if read_as:
        lines.append(_("Where each symptom was placed:"))
        lines += [f"  {name!r} → {describe(regions, atlas)}"
                  for name, regions in sorted(read_as.items())]
    lines += answers  # the symptoms that filled the check-in
    lines.append(kept(records))
    if layout.blank:
        listed[BLANK] += layout.blank
    if listed:
        lines.append(_("Not imported: {things}.").format(
            things=", ".join(not_imported(what, n) for what, n in listed.most_common())))
    return lines
