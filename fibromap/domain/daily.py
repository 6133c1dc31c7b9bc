"""The daily check-in and the medication regimen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from fibromap.domain.validation import optional_number, optional_whole_number, text
from fibromap.errors import ValidationError
from fibromap.i18n import _

TAG_MAX = 60
SSS_MAX = 3  # the ACR 2016 symptom severity levels: 0 no problem … 3 severe

# The answers on a scale, in the order the check-in asks them: (field, words, highest).
# Overall pain is the 0–10 numeric rating scale; stiffness is 0–10 as in the FIQR;
# waking unrefreshed and thinking/memory ("fibro fog") use the four levels of the ACR
# 2016 Symptom Severity Scale, asked of the day rather than of the past week.
SCALES = (("pain", "overall pain", 10), ("sleep_quality", "sleep quality", 10),
          ("waking_unrefreshed", "waking unrefreshed", SSS_MAX),
          ("stiffness", "stiffness", 10), ("fibro_fog", "fibro fog", SSS_MAX),
          ("stress", "stress", 10), ("fatigue", "fatigue", 10), ("mood", "mood", 10),
          ("activity_level", "activity level", 10))


def _tags(values: Iterable[str]) -> frozenset[str]:
    """Each food as the person wrote it (spaces tidied); the same food written in another
    case is one food, kept in the spelling that sorts first ("Bread" over "bread")."""
    if isinstance(values, str):
        raise ValidationError(_("foods must be a list of tags, got {value}").format(
            value=repr(values)), "foods")
    tags: dict[str, str] = {}
    for value in values:
        text("food", value, max_length=TAG_MAX, required=True)
        tag = " ".join(value.split())
        tags[tag.casefold()] = min(tag, tags.get(tag.casefold(), tag))
    return frozenset(tags.values())


@dataclass(frozen=True, slots=True)
class CheckIn:
    """How a day went. One per day; every answer is optional (None: not answered, which
    is never 0).

    Most scales are 0–10 (0 = none / very poor, 10 = worst / very good as labelled in the
    form): sleep quality and mood count up as better; overall pain, stiffness, stress and
    fatigue as worse. Waking unrefreshed and fibro fog are 0–3 (SCALES).
    """

    day: date
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    woken_by_spasms: int | None = None
    water_glasses: int | None = None
    stress: int | None = None
    fatigue: int | None = None
    mood: int | None = None
    activity_level: int | None = None
    foods: frozenset[str] = frozenset()
    notes: str = ""
    pain: int | None = None
    stiffness: int | None = None
    fibro_fog: int | None = None
    waking_unrefreshed: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.day, date):
            raise ValidationError(_("day must be a date, got {value}").format(
                value=repr(self.day)), "day")
        object.__setattr__(self, "sleep_hours",
                           optional_number("sleep hours", self.sleep_hours, 0, 24))
        for name, label, high in (
            *SCALES,
            ("woken_by_spasms", "times woken by spasms", 50),
            ("water_glasses", "glasses of water", 50),
        ):
            object.__setattr__(self, name, optional_whole_number(label, getattr(self, name), 0, high))
        object.__setattr__(self, "foods", _tags(self.foods))
        text("notes", self.notes)


@dataclass(frozen=True, slots=True)
class Medication:
    """A medication taken from ``start`` until ``stop`` (None while still taken).

    A dose change is recorded by stopping one entry and starting another.
    """

    name: str
    dose: str
    start: date
    stop: date | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        text("medication name", self.name, max_length=120, required=True)
        text("dose", self.dose, max_length=120)
        if not isinstance(self.start, date):
            raise ValidationError(_("start date must be a date, got {value}").format(
                value=repr(self.start)), "start")
        if self.stop is not None:
            if not isinstance(self.stop, date):
                raise ValidationError(_("stop date must be a date, got {value}").format(
                    value=repr(self.stop)), "stop")
            if self.stop < self.start:
                raise ValidationError(
                    _("stop date {stop} is before start date {start}").format(
                        stop=self.stop.isoformat(), start=self.start.isoformat()), "stop")

    def taken_on(self, day: date) -> bool:
        return self.start <= day and (self.stop is None or day <= self.stop)

    @property
    def same_as(self) -> tuple[str, str, date]:
        """What makes two entries the same medication: name, dose and start, as typed."""
        return (self.name, self.dose, self.start)

    def described(self) -> str:
        """"Cyclobenzaprine 5 mg at night from 2026-01-05" (no dose, no gap)."""
        what = f"{self.name} {self.dose}" if self.dose else self.name
        return _("{medication} from {start}").format(medication=what, start=self.start.isoformat())


def later_stop(stops: Iterable[date | None]) -> date | None:
    """The stop date of entries of the same medication merged into one: a stop date typed
    beats the "still taking" a copy was left with, and of two stop dates the later (so
    every day an entry said it was taken stays taken)."""
    given = [stop for stop in stops if stop is not None]
    return max(given) if given else None


def merge_repeats(medications: Iterable[Medication]) -> tuple[list[Medication], list[Medication]]:
    """Each medication once (by ``same_as``), in the order first given, with later_stop of
    its copies; and the medications that were given more than once, as merged."""
    groups: dict[tuple[str, str, date], list[Medication]] = {}
    for medication in medications:
        groups.setdefault(medication.same_as, []).append(medication)
    merged = [group[0] if len(group) == 1 else
              replace(group[0], stop=later_stop(m.stop for m in group))
              for group in groups.values()]
    return merged, [m for m, group in zip(merged, groups.values(), strict=True) if len(group) > 1]


SYMPTOM_MAX = 80
RATING_MAX = 10


@dataclass(frozen=True, slots=True)
class SymptomRating:
    """How strong a symptom with no body part was on a day (fatigue, brain fog, muscle
    spasms), 0–10. ``source`` says where the rating came from and on which scale it was
    first given ("Flaredown, 0–4"); empty when typed in FibroMap."""

    day: date
    symptom: str
    rating: int
    source: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.day, date):
            raise ValidationError(_("day must be a date, got {value}").format(
                value=repr(self.day)), "day")
        text("symptom", self.symptom, max_length=SYMPTOM_MAX, required=True)
        object.__setattr__(self, "symptom", " ".join(self.symptom.split()))
        object.__setattr__(self, "rating",
                           optional_whole_number("rating", self.rating, 0, RATING_MAX))
        if self.rating is None:
            raise ValidationError(_("a symptom rating needs a number from 0 to 10"), "rating")
        text("source", self.source, max_length=SYMPTOM_MAX)
