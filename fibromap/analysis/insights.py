"""Honest comparisons: is there more spasm after X than after not-X?

Every insight shows how many days it rests on, the size of the difference with a 95 %
confidence interval that allows for runs of good and bad days (shifts.py), a p-value
adjusted for the number of comparisons made, and the words "association, not cause". One
that rests on too few days is not shown; it says how many more days it needs.

Which days count (timeline.py): a day whose exposure is unknown (no check-in, nothing
recorded) is missing, not "no"; an outcome counts only when it is over (before today) and
every day it touches was observed: a day with a flare, a check-in or a "no spasms" mark.
A day with none of them is left out, never taken as a day without spasms. An outcome
begins when its exposure ends: after waking, for a night.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, timedelta

from fibromap.analysis.comparison_words import ASSOCIATION as ASSOCIATION  # where others find it
from fibromap.analysis.comparison_words import sentence
from fibromap.analysis.shifts import shifted_difference
from fibromap.analysis.statistics import FDR, Difference, benjamini_hochberg
from fibromap.analysis.timeline import OBSERVED_RULE, Timeline, waking
from fibromap.analysis.timeline import Observed as Observed  # where the insights find it
from fibromap.domain.daily import CheckIn, Medication, SymptomRating
from fibromap.i18n import N_, _, formats, ngettext

MIN_DAYS = 10  # in each group
POOR_SLEEP_HOURS = 6      # fewer hours than this is a poor night
POOR_SLEEP_QUALITY = 3    # or a quality of this or less (0–10)
LITTLE_WATER = 4          # glasses or fewer
HIGH_STRESS = 7           # or more (0–10)
POOR_NIGHT_WORDS = N_("under {hours} h of sleep or sleep quality {quality} of 10 or less")
POOR_NIGHT = POOR_NIGHT_WORDS.format(hours=POOR_SLEEP_HOURS, quality=POOR_SLEEP_QUALITY)
METHOD_WORDS = N_(
    "Difference in daily means. How large a difference chance alone gives is "
    "found by sliding the exposure along your own days (every shift that no longer "
    "matches the real days), which keeps the runs of good and bad weeks in both; the "
    "95 % interval and the p-value use Student's t on that spread. p-values are "
    "adjusted across all comparisons shown by Benjamini–Hochberg, and only adjusted p "
    "below {fdr} is called notable. Spasms after a night are counted from waking "
    "(8 a.m., or the waking time a device measured), so a night's own spasms are never "
    "counted as its next day's.")
# English (the insights command's JSON and the ui); method() in the reader's words.
METHOD = METHOD_WORDS.format(fdr=f"{FDR:g}") + " " + OBSERVED_RULE


def poor_night_words() -> str:
    """What a poor night is, in the reader's words."""
    return _(POOR_NIGHT_WORDS).format(hours=POOR_SLEEP_HOURS, quality=POOR_SLEEP_QUALITY)


def method() -> str:
    """METHOD in the reader's words."""
    return _(METHOD_WORDS).format(fdr=formats.decimal(FDR, 2)) + " " + _(OBSERVED_RULE)


@dataclass(frozen=True)
class Comparison:
    title: str
    exposed: str                 # e.g. "after a poor night (…)"
    other: str                   # e.g. "after a better night"
    outcome: str                 # e.g. "flares a day"
    result: Difference
    q_value: float | None = None  # Benjamini–Hochberg adjusted p-value
    tests: int = 0                # how many comparisons the adjustment covered
    pattern: str = ""             # named only when notable and in its direction
    rating: bool = False          # the outcome is a rating (higher/lower), not a count
    # Which plain sentence tells it (analysis/insight_words.py) and the names it needs there.
    kind: str = ""
    terms: tuple[tuple[str, str], ...] = ()

    @property
    def n_exposed(self) -> int:
        return self.result.n_a

    @property
    def n_other(self) -> int:
        return self.result.n_b

    @property
    def mean_exposed(self) -> float | None:
        return self.result.mean_a

    @property
    def mean_other(self) -> float | None:
        return self.result.mean_b

    @property
    def difference(self) -> float | None:
        return self.result.difference

    @property
    def ci_low(self) -> float | None:
        return self.result.ci_low

    @property
    def ci_high(self) -> float | None:
        return self.result.ci_high

    @property
    def p_value(self) -> float | None:
        return self.result.p_value

    @property
    def days(self) -> int:
        return self.n_exposed + self.n_other

    @property
    def enough(self) -> bool:
        return min(self.n_exposed, self.n_other) >= MIN_DAYS

    @property
    def estimable(self) -> bool:
        return self.result.se is not None

    @property
    def notable(self) -> bool:
        return self.q_value is not None and self.q_value < FDR

    @property
    def more_days_needed(self) -> int:
        return max(0, MIN_DAYS - self.n_exposed) + max(0, MIN_DAYS - self.n_other)

    def sentence(self) -> str:
        return sentence(self, MIN_DAYS)



def compare(title: str, exposed: str, other: str, outcome: str,
            days: Iterable[tuple[date, bool, float]], pattern: str = "",
            rating: bool = False, background: Mapping[date, float] | None = None,
            strata: Mapping[date, int] | None = None, kind: str = "",
            **terms: str) -> Comparison:
    """Exposed days against the others, each row (day, exposed, outcome); ``rating``: the
    outcome is a rating, said to be higher or lower, not more or fewer; ``background``:
    the outcome on other observed days, where chance is looked for too; ``strata``:
    groups of days compared within (shifts.py). ``kind`` and ``terms`` choose and fill its
    plain sentence (insight_words.py)."""
    result = shifted_difference(list(days), background, strata)
    return Comparison(title, exposed, other, outcome, result, pattern=pattern, rating=rating,
                      kind=kind, terms=tuple(terms.items()))


def adjust(comparisons: list[Comparison]) -> list[Comparison]:
    """Benjamini–Hochberg over the comparisons that are shown (enough days, an interval)."""
    shown = [c.p_value if c.enough and c.estimable else None for c in comparisons]
    tests = sum(p is not None for p in shown)
    return [replace(c, q_value=q, tests=tests if q is not None else 0)
            for c, q in zip(comparisons, benjamini_hochberg(shown), strict=True)]


def shifted(by: timedelta) -> Callable[[date], date]:
    """The day ``by`` after a day: where a comparison looks for its outcome."""
    return lambda day: day + by


def since(start: date) -> Callable[[date], bool]:
    """Whether a day is on or after ``start`` (the day a medication started)."""
    return lambda day: day >= start


def _rows(days: Iterable[date], exposed: Callable[[date], bool | None],
          outcome_day: Callable[[date], date], outcome: Callable[[date], float],
          observed: Observed) -> list[tuple[date, bool, float]]:
    """(day, exposed, outcome) for days whose exposure is known and outcome observed."""
    rows = []
    for day in days:
        flag = exposed(day)
        if flag is None:
            continue
        later = outcome_day(day)
        if later in observed:
            rows.append((day, flag, outcome(later)))
    return rows


def poor_night(checkin: CheckIn) -> bool | None:
    if checkin.sleep_hours is None and checkin.sleep_quality is None:
        return None
    return ((checkin.sleep_hours is not None and checkin.sleep_hours < POOR_SLEEP_HOURS)
            or (checkin.sleep_quality is not None and checkin.sleep_quality <= POOR_SLEEP_QUALITY))


AFTER_WAKING = N_("flares a day, counted from waking")
NIGHT_FLARES = N_("night-time flares")
FLARES_A_DAY = N_("flares a day")


def sleep_comparisons(checkins: list[CheckIn], flares: Timeline,
                      observed: Observed) -> list[Comparison]:
    """A check-in records the night before its day: compare the 24 h from waking that day
    (8 a.m.), and the two 24 h after those; never the night's own spasms."""
    by_day = {c.day: c for c in checkins}
    results = []
    for hours in (24, 48, 72):
        rows = []
        for day in sorted(by_day):
            poor = poor_night(by_day[day])
            if poor is None:
                continue
            start = waking(day) + timedelta(hours=hours - 24)
            count = flares.window(start, start + timedelta(hours=24), observed)
            if count is not None:
                rows.append((day, poor, float(count)))
        results.append(compare(_("Poor sleep and spasms {hours} h later").format(hours=hours),
                               _("after a poor night ({poor_night})").format(
                                   poor_night=poor_night_words()), _("after a better night"),
                               AFTER_WAKING, rows, kind=f"sleep.flares.{hours // 24}"))
    return results


ALIKE_DAYS = 6  # triggers: days of 1, 2, … 5 flares, and of 6 or more, compared apart


def following_night_comparisons(days: list[date], checkins: list[CheckIn],
                                triggers_on: dict[date, set[str]], nights: dict[date, int],
                                trigger_labels: dict[str, str], recorded: set[date],
                                observed: Observed,
                                untimed: AbstractSet[date] = frozenset(),
                                day_flares: Mapping[date, int] | None = None
                                ) -> list[Comparison]:
    """Each trigger, little water, high stress and each food against the following night.

    ``recorded`` holds the observed days: a day with nothing says nothing about triggers.
    ``untimed`` days had a flare known only to the day, so whether their night had one is
    not known: they are no outcome. A trigger is named on a flare, so a day with more
    flares has more chances of naming it, and a bad spell makes bad nights too: with
    ``day_flares`` (each day's flares), a trigger's days are compared with the other
    days that had as many flares, never with days that had none to name it on.
    """
    observed = replace(observed, unknown=observed.unknown | frozenset(untimed))

    def next_day(d: date) -> date:
        return d + timedelta(days=1)

    def night(d: date) -> float:
        return nights.get(d, 0)

    results = _trigger_comparisons(days, triggers_on, trigger_labels, recorded, observed,
                                   next_day, night, day_flares)
    by_day = {c.day: c for c in checkins}
    checked = [d for d in days if d in by_day]
    for title, exposed, other, test, kind, level in (
        (_("Little water and the following night"),
         _("after days with {level} glasses of water or fewer").format(level=LITTLE_WATER),
         _("after days with more"),
         lambda c: None if c.water_glasses is None else c.water_glasses <= LITTLE_WATER,
         "water", LITTLE_WATER),
        (_("High stress and the following night"),
         _("after days with stress {level} of 10 or more").format(level=HIGH_STRESS),
         _("after calmer days"),
         lambda c: None if c.stress is None else c.stress >= HIGH_STRESS, "stress", HIGH_STRESS),
    ):
        def exposed_on(d: date, t: Callable[[CheckIn], bool | None] = test) -> bool | None:
            return t(by_day[d])

        rows = _rows(checked, exposed_on, next_day, night, observed)
        results.append(compare(title, exposed, other, NIGHT_FLARES, rows, kind=kind,
                               level=str(level)))
    for key, food in _foods(checkins).items():
        def eaten(d: date, k: str = key) -> bool:
            return any(f.casefold() == k for f in by_day[d].foods)

        rows = _rows(checked, eaten, next_day, night, observed)
        results.append(compare(_("{Food} and the following night").format(
                                   Food=food[:1].upper() + food[1:]),
                               _("after days with {food}").format(food=food),
                               _("after days without"), NIGHT_FLARES, rows, kind="food",
                               food=food))
    return results


def _foods(checkins: list[CheckIn]) -> dict[str, str]:
    """Each food eaten (the same in any case is one), by its case-folded name, in the
    spelling used most often."""
    spellings: dict[str, Counter[str]] = {}
    for checkin in checkins:
        for food in checkin.foods:
            spellings.setdefault(food.casefold(), Counter())[food] += 1
    return {key: max(sorted(counts), key=counts.__getitem__)
            for key, counts in sorted(spellings.items())}


def _trigger_comparisons(days: list[date], triggers_on: dict[date, set[str]],
                         trigger_labels: dict[str, str], recorded: set[date],
                         observed: Observed, next_day: Callable[[date], date],
                         night: Callable[[date], float],
                         day_flares: Mapping[date, int] | None) -> list[Comparison]:
    """Each trigger ever logged against the following night (following_night_comparisons)."""
    results = []
    for key, label in sorted(trigger_labels.items(), key=lambda kv: kv[1]):
        if not any(key in terms for terms in triggers_on.values()):
            continue

        def logged(d: date, k: str = key) -> bool | None:
            if d not in recorded or (day_flares is not None and not day_flares.get(d)):
                return None
            return k in triggers_on.get(d, set())

        rows = _rows(days, logged, next_day, night, observed)
        alike = (None if day_flares is None else
                 {d: min(day_flares.get(d, 0), ALIKE_DAYS) for d, _x, _y in rows})
        results.append(compare(_("{trigger} and the following night").format(trigger=label),
                               _("after days with {trigger} logged").format(
                                   trigger=formats.in_sentence(label)),
                               _("after other days with as many flares") if alike is not None
                               else _("after other days"), NIGHT_FLARES, rows,
                               strata=alike, kind="trigger", trigger=label.lower()))
    return results


def window_sides(window: int) -> tuple[str, str]:
    """The two sides of a medication's comparison: "in the 30 days after", "... before"."""
    return (ngettext("in the {count} day after", "in the {count} days after", window).format(
                count=window),
            ngettext("in the {count} day before", "in the {count} days before", window).format(
                count=window))


def around(start: date, first_day: date, last_day: date, window: int = 30) -> list[date]:
    """The ``window`` days before ``start`` and the ``window`` from it, within the period."""
    days = (start + timedelta(days=i) for i in range(-window, window))
    return [d for d in days if first_day <= d <= last_day]


def medication_comparisons(medications: list[Medication], flares_on: Mapping[date, int],
                           first_day: date, last_day: date, observed: Observed,
                           window: int = 30) -> list[Comparison]:
    """Daily flares in the ``window`` days before a medication started against after, on
    the observed days; chance is judged by the same change at every other date."""
    everyday = {first_day + timedelta(days=i): float(flares_on.get(first_day + timedelta(days=i), 0))
                for i in range((last_day - first_day).days + 1)}
    background = {d: y for d, y in everyday.items() if d in observed}
    results = []
    for medication in medications:
        start = medication.start
        rows = _rows(around(start, first_day, last_day, window), since(start), lambda d: d,
                     everyday.__getitem__, observed)
        if not rows:
            continue
        results.append(compare(_("{medication} started {day}").format(
                                   medication=f"{medication.name} {medication.dose}".strip(),
                                   day=formats.day(start)),
                               *window_sides(window), FLARES_A_DAY, rows,
                               background=background, kind="medication.flares",
                               medication=medication.name, window=str(window)))
    return results


SYMPTOMS_COMPARED = 3  # the most often rated symptoms, so a long list does not drown the rest


def symptom_comparisons(ratings: list[SymptomRating], checkins: list[CheckIn],
                        medications: list[Medication], first_day: date, last_day: date,
                        observed: Observed, window: int = 30) -> list[Comparison]:
    """Daily symptom ratings (fatigue, muscle spasms…) as outcomes: after a poor night
    against a better one, and before a medication started against after. A day without a
    rating is not recorded, never 0; a day with one was observed."""
    by_symptom: dict[str, dict[date, int]] = {}
    for rating in ratings:
        by_symptom.setdefault(rating.symptom, {})[rating.day] = rating.rating
    rated = sorted(by_symptom, key=lambda s: (-len(by_symptom[s]), s))
    rated = [s for s in rated if len(by_symptom[s]) >= 2 * MIN_DAYS][:SYMPTOMS_COMPARED]
    nights = {c.day: c for c in checkins}
    complete = observed.complete()
    results = []
    for symptom in rated:
        level = by_symptom[symptom]
        rows = _rows(sorted(set(nights) & set(level)), lambda d: poor_night(nights[d]),
                     lambda d: d, level.__getitem__, complete)
        results.append(compare(_("Poor sleep and {symptom} the same day").format(
                                   symptom=symptom.lower()),
                               _("after a poor night ({poor_night})").format(
                                   poor_night=poor_night_words()), _("after a better night"),
                               f"{symptom.lower()} rating (0–10)", rows, rating=True,
                               kind="sleep.symptom", symptom=symptom.lower()))
        background = {d: float(y) for d, y in level.items()
                      if first_day <= d <= last_day and d in complete}
        for medication in medications:
            start = medication.start
            rows = _rows([d for d in around(start, first_day, last_day, window) if d in level],
                         since(start), lambda d: d, level.__getitem__, complete)
            if rows:
                results.append(compare(
                    _("{medication} started {day}: {symptom}").format(
                        medication=f"{medication.name} {medication.dose}".strip(),
                        day=formats.day(start), symptom=symptom.lower()),
                    *window_sides(window),
                    f"{symptom.lower()} rating (0–10)", rows, rating=True,
                    background=background, kind="medication.symptom",
                    medication=medication.name, symptom=symptom.lower(), window=str(window)))
    return results
