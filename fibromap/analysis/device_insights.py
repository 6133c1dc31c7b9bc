"""Insights from what a device measured, with the same care as the others (insights.py):
short and broken nights against spasms in the 24, 48 and 72 hours from the waking time the
device measured, and days of many more steps than the person's own usual against flares
and fatigue one to three days later, a possible post-exertional pattern; irregular
bedtimes against the spasms between going to bed and waking. Association, not cause;
each rests on the days it says.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from datetime import date, timedelta

from fibromap.analysis.devices import clock_minutes, clock_text
from fibromap.analysis.insights import (
    AFTER_WAKING,
    FLARES_A_DAY,
    Comparison,
    Observed,
    _rows,
    compare,
    shifted,
)
from fibromap.analysis.timeline import Timeline, waking
from fibromap.domain.daily import CheckIn
from fibromap.domain.device_data import DeviceDay
from fibromap.i18n import N_, _, formats, ngettext

SHORT_NIGHT_HOURS = 6     # measured asleep fewer hours than this: a short night
BROKEN_NIGHT = 3          # this many awakenings or more: a broken night
USUAL_DAYS = 28           # the usual: the median of the steps of the 28 days before
USUAL_AT_LEAST = 14       # days of steps among those 28 for a usual to be known
ABOVE_USUAL = 1.5         # more than this times the usual: a busy day
PEM = N_("a possible post-exertional pattern")   # said of a notable rise after busy days
FATIGUE_AFTER = N_("fatigue (0–10, mean of the rated days)")
BEDTIME_FLARES = N_("flares from bedtime to waking")


def busy_words() -> str:
    """What a busy day is, in the reader's words."""
    return _("after days with more than {times}× your usual steps (the median of the "
             "{days} days before)").format(times=formats.decimal(ABOVE_USUAL, 1),
                                           days=USUAL_DAYS)


def measured_sleep_comparisons(days: dict[date, DeviceDay], flares: Timeline,
                               observed: Observed, first: date = date.min) -> list[Comparison]:
    """A night counts for the day it ended; the 24 h from its measured waking, and the two
    24 h after those, are compared (nights from ``first`` on: those before give the usual
    only). A night's own spasms are never its next day's."""
    nights = sorted(d for d, day in days.items() if day.asleep_minutes is not None and d >= first)
    results = []
    for name, exposed, other, test, kind, terms in (
        (N_("Measured sleep and spasms {hours} h later"),
         _("after a short night (under {hours} h asleep, as measured)").format(
             hours=SHORT_NIGHT_HOURS), _("after a longer night"),
         lambda day: day.asleep_minutes < SHORT_NIGHT_HOURS * 60, "measured.short",
         {"hours": str(SHORT_NIGHT_HOURS)}),
        (N_("Measured awakenings and spasms {hours} h later"),
         _("after a broken night ({awakenings} or more awakenings, as measured)").format(
             awakenings=BROKEN_NIGHT), _("after a less broken night"),
         lambda day: None if day.awakenings is None else day.awakenings >= BROKEN_NIGHT,
         "measured.broken", {"awakenings": str(BROKEN_NIGHT)}),
    ):
        for hours in (24, 48, 72):
            rows = []
            for d in nights:
                flag = test(days[d])
                if flag is None:
                    continue
                start = (days[d].wake_time or waking(d)) + timedelta(hours=hours - 24)
                count = flares.window(start, start + timedelta(hours=24), observed)
                if count is not None:
                    rows.append((d, bool(flag), float(count)))
            compared = compare(_(name).format(hours=hours), exposed, other, AFTER_WAKING, rows,
                               kind=f"{kind}.{hours // 24}")
            results.append(replace(compared, terms=tuple(terms.items())))
    return results


def busy_days(days: dict[date, DeviceDay]) -> dict[date, bool]:
    """Each day with steps whose usual is known: whether it was well above the usual."""
    steps = {d: day.steps.steps for d, day in days.items() if day.steps is not None}
    out = {}
    for d, count in steps.items():
        before = [steps[d - timedelta(days=k)] for k in range(1, USUAL_DAYS + 1)
                  if d - timedelta(days=k) in steps]
        if len(before) >= USUAL_AT_LEAST:
            out[d] = count > ABOVE_USUAL * statistics.median(before)
    return out


def exertion_comparisons(days: dict[date, DeviceDay], flares_on: dict[date, int],
                         checkins: list[CheckIn], observed: Observed,
                         first: date = date.min) -> list[Comparison]:
    """Busy days from ``first`` on against the others: flares 1, 2 and 3 days later, and
    the mean fatigue rating of the three days after (days with no rating left out)."""
    busy = {d: b for d, b in busy_days(days).items() if d >= first}
    ordered = sorted(busy)
    results = []
    for lag in (1, 2, 3):
        rows = _rows(ordered, busy.get, shifted(timedelta(days=lag)), lambda d: flares_on.get(d, 0),
                     observed)
        results.append(compare(ngettext("Busy days and flares {lag} day later",
                                        "Busy days and flares {lag} days later", lag).format(lag=lag),
                               busy_words(), _("after other days"), FLARES_A_DAY, rows, PEM,
                               kind=f"busy.flares.{lag}"))
    fatigue = {c.day: c.fatigue for c in checkins if c.fatigue is not None}
    rows = []
    for d in ordered:
        after = [d + timedelta(days=k) for k in (1, 2, 3)]
        rated = [fatigue[a] for a in after if a in fatigue and a in observed]
        if rated:
            rows.append((d, busy[d], sum(rated) / len(rated)))
    results.append(compare(_("Busy days and fatigue over the next 3 days"), busy_words(),
                           _("after other days"), FATIGUE_AFTER, rows,
                           PEM, kind="busy.fatigue"))
    return results


IRREGULAR_MINUTES = 60   # a bedtime this far from the usual: an irregular night


def irregular_bedtimes(days: dict[date, DeviceDay]) -> dict[date, bool]:
    """Each night whose usual bedtime is known (the median of the 28 nights before, 14 of
    them measured): whether it began more than an hour from it."""
    bed = {d: clock_minutes(day.bedtime, True) for d, day in days.items() if day.bedtime is not None}
    out = {}
    for d, minutes in bed.items():
        before = [bed[d - timedelta(days=k)] for k in range(1, USUAL_DAYS + 1)
                  if d - timedelta(days=k) in bed]
        if len(before) >= USUAL_AT_LEAST:
            out[d] = abs(minutes - statistics.median(before)) > IRREGULAR_MINUTES
    return out


def bedtime_comparison(days: dict[date, DeviceDay], flares: Timeline,
                       observed: Observed, first: date = date.min) -> Comparison:
    """Irregular bedtimes from ``first`` on against the spasms between going to bed and
    waking (a spasm before bedtime may be what kept the person up: it is not counted)."""
    irregular = {d: b for d, b in irregular_bedtimes(days).items() if d >= first}
    rows = []
    for d, late in sorted(irregular.items()):
        bedtime, wake = days[d].bedtime, days[d].wake_time
        count = (flares.window(bedtime, wake, observed)
                 if bedtime is not None and wake is not None else None)
        if count is not None:
            rows.append((d, late, float(count)))
    return compare(_("Irregular bedtime and spasms that night"),
                   _("after bedtimes more than {minutes} min from your usual (the median of the "
                     "{nights} nights before)").format(minutes=IRREGULAR_MINUTES, nights=USUAL_DAYS),
                   _("after bedtimes near it"), BEDTIME_FLARES, rows, kind="bedtime",
                   minutes=str(IRREGULAR_MINUTES))


@dataclass(frozen=True)
class Rhythm:
    """How regular the measured nights were, and irregular bedtimes against night spasms
    (said in words by analysis/pattern_words.py)."""

    nights: int
    bedtime: tuple[str, str, str]     # lower quartile, median, upper quartile ("22:25")
    wake_time: tuple[str, str, str]
    comparison: Comparison


def _quartiles(minutes: list[int], noon_based: bool) -> tuple[str, str, str]:
    if len(minutes) == 1:
        return (clock_text(minutes[0], noon_based),) * 3
    quartiles = statistics.quantiles(minutes, n=4, method="inclusive")
    low, middle, high = (clock_text(q, noon_based) for q in quartiles)
    return low, middle, high


def rhythm(days: dict[date, DeviceDay], flares: Timeline, observed: Observed,
           first: date = date.min) -> Rhythm | None:
    nights = [day for d, day in days.items() if day.night and d >= first]
    if not nights:
        return None
    return Rhythm(len(nights),
                  _quartiles([clock_minutes(n.bedtime, True) for n in nights if n.bedtime is not None], True),
                  _quartiles([clock_minutes(n.wake_time, False) for n in nights if n.wake_time is not None],
                             False),
                  bedtime_comparison(days, flares, observed, first))
