"""Answers to two of the questions a clinician asks, counted from the marks of a period:
do the spasms hit the same spot or move around, and how strong were they week by week.

A flare *touches* a region when it marks it in pain or as a referred zone not rated (as on
the body map, whose regions are those of the whole figure: a mark on a finger counts on
the palm). Intensities are of the marks in pain (above 0), each mark counted once: the
weekly mean and the period's mean are the same figure over different days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fibromap.analysis.periods import Period, weeks_ending
from fibromap.i18n import _
from fibromap.store.marks import Mark

TOP = 3                 # the most frequent regions a share is given for
SAME_SPOTS = 2 / 3      # at least this share of flares in the top regions: mostly the same spots
MOVING = 1 / 3          # at most this share: they move around
FEWEST = 5              # flares: fewer say nothing about moving around
SHORTEST_BAR = 4        # days: a shorter first stretch is told in words, not scaled to a week


@dataclass(frozen=True, slots=True)
class Places:
    """Where the flares of one period were: how concentrated on the most frequent regions."""

    flares: int                      # flares touching any region
    top: tuple[str, ...]             # the most frequent regions, most first
    in_top: int                      # flares touching at least one of them
    regions: int                     # different regions touched

    @property
    def share(self) -> float | None:
        return self.in_top / self.flares if self.flares else None

    @property
    def verdict(self) -> str:
        """In words: too few flares to tell, the same spots, or moving around."""
        share = self.share
        if share is None:
            return _("No flares")
        if self.flares < FEWEST:
            return _("Too few flares to tell")
        if self.regions <= TOP:
            return _("Always the same spots")
        if share >= SAME_SPOTS:
            return _("Mostly the same spots")
        if share <= MOVING:
            return _("They move around")
        return _("Some regular spots, and some that move around")


def places(marks: Iterable[Mark], rolled_up: Mapping[str, str]) -> Places:
    """How many flares touched the ``TOP`` regions touched by most flares (ties: region id)."""
    touched: dict[int, set[str]] = {}
    for mark in marks:
        touched.setdefault(mark.flare, set()).add(rolled_up.get(mark.region, mark.region))
    counts = Counter(region for regions in touched.values() for region in regions)
    top = tuple(sorted(counts, key=lambda r: (-counts[r], r))[:TOP])
    in_top = sum(1 for regions in touched.values() if regions & set(top))
    return Places(len(touched), top, in_top, len(counts))


@dataclass(frozen=True, slots=True)
class WeekBar:
    """Flares in one stretch of the weekly chart: a whole week, or the days left at the start."""

    days: Period
    flares: int
    mean_intensity: float | None     # of the marks in pain; None: none in pain
    # Days of the stretch with a record, when days without one are left out (None: every
    # day of the stretch counts).
    observed: int | None = None

    @property
    def rate_days(self) -> int:
        """The days the bar's rate is over."""
        return self.days.days if self.observed is None else self.observed

    @property
    def partial(self) -> bool:
        """Scaled from fewer than 7 days: a short first stretch, or days left out."""
        return self.rate_days < 7

    @property
    def per_week(self) -> float | None:
        """Flares scaled to 7 days, so a short first stretch (or a week with days left out)
        does not look like a drop; None for a week without any record."""
        return self.flares * 7 / self.rate_days if self.rate_days else None


@dataclass(frozen=True, slots=True)
class Weekly:
    bars: list[WeekBar]              # drawn: the whole weeks, after a first stretch of 4-6 days
    left_out: WeekBar | None         # a first stretch of 1-3 days: said in words, not scaled

    @property
    def whole(self) -> list[WeekBar]:
        """The whole 7-day weeks."""
        return [bar for bar in self.bars if bar.days.days == 7]

    def rates(self) -> list[float]:
        """Flares a week of each whole week with at least SHORTEST_BAR days recorded."""
        return [bar.per_week for bar in self.whole
                if bar.per_week is not None and bar.rate_days >= SHORTEST_BAR]


def weekly(period: Period, flares_on: Mapping[date, int], marks: Sequence[Mark],
           observed: Collection[date] | None = None) -> Weekly:
    """Whole 7-day weeks ending on the period's last day, after the days left at its start;
    days outside the period are left out (never counted in a week that is not theirs).
    ``observed``: the days with a record, when the others are left out of each rate."""
    weeks, rest = weeks_ending(period)
    stretches = ([rest] if rest else []) + weeks

    def stretch_of(day: date) -> Period | None:
        if not period.start <= day <= period.end:
            return None
        back = (period.end - day).days // 7  # whole weeks counted back from the last day
        return weeks[len(weeks) - 1 - back] if back < len(weeks) else rest

    flares = dict.fromkeys(stretches, 0)
    total = dict.fromkeys(stretches, 0)
    rated = dict.fromkeys(stretches, 0)
    for day, count in flares_on.items():
        if (stretch := stretch_of(day)) is not None:
            flares[stretch] += count
    for mark in marks:
        if mark.intensity and (stretch := stretch_of(mark.day)) is not None:
            total[stretch] += mark.intensity
            rated[stretch] += 1
    seen = None if observed is None else Counter(stretch_of(day) for day in observed)
    bars = [WeekBar(s, flares[s], total[s] / rated[s] if rated[s] else None,
                    None if seen is None else seen[s]) for s in stretches]
    if rest is not None and rest.days < SHORTEST_BAR:
        return Weekly(bars[1:], bars[0])
    return Weekly(bars, None)


def mean_intensity(marks: Iterable[Mark]) -> float | None:
    """The mean of the marks in pain (above 0), each mark once: the summary's mean."""
    values = [mark.intensity for mark in marks if mark.intensity]
    return sum(values) / len(values) if values else None
