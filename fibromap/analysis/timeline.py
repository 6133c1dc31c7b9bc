"""When each flare began, and which days were observed: the outcomes of the insights,
counted in windows that begin when the exposure ends.

A night ends on waking: a measured waking time where a device gave one, else 8 in the
morning, where the app's nights end (midnight to 8 a.m. is "night-time"). So the spasms
"24 h after a poor night" are those from waking that day to waking the next, never the
night's own spasms, which may have caused the poor night rather than followed it.

A day is observed when it has a flare, a check-in or a "no spasms today" mark; a window
counts only when every day it touches is observed and none of them has a flare known only
to the day (whether it fell inside the window is not known).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from fibromap.i18n import N_, _, formats, ngettext

WAKING = time(8)          # where the app's nights end
DAY = timedelta(days=1)
OBSERVED_RULE = N_("Days with a flare, a check-in or a “no spasms” mark count; a day "
                 "without any of them is left out, never taken as a day without spasms.")


def observed_words(left_out: int, recorded: int | None = None) -> str:
    """Which days count, and how many of the period's were left out (``recorded``: the
    period's days observed, when known)."""
    if recorded == 0:
        return _("Nothing is recorded in this period yet: days with a flare, a check-in or a "
                 "“no spasms” mark will count.")
    if not left_out:
        return _("Days with a flare, a check-in or a “no spasms” mark count: every day of "
                 "this period so far has one.")
    return ngettext("Days with a flare, a check-in or a “no spasms” mark count; {count} day "
                    "without any is left out.",
                    "Days with a flare, a check-in or a “no spasms” mark count; {count} days "
                    "without any are left out.", left_out).format(count=formats.whole(left_out))


@dataclass(frozen=True)
class Observed:
    """The days whose outcome counts: complete (before today), inside the recorded span,
    observed (``days``: those with a flare, a check-in or a "no spasms" mark; None: every
    day of the span) and not left out (``unknown``: days whose outcome cannot be known)."""

    first: date
    last: date
    unknown: frozenset[date] = frozenset()
    days: frozenset[date] | None = None

    def __contains__(self, day: date) -> bool:  # type: ignore[override]  # days only
        return (self.first <= day <= self.last and day not in self.unknown
                and (self.days is None or day in self.days))

    @classmethod
    def of(cls, span: tuple[date, date] | None, today: date,
           days: Iterable[date] | None = None) -> Observed:
        """The recorded span up to yesterday; with ``days``, only those days."""
        if span is None:
            return cls(date.max, date.min)  # nothing observed
        return cls(span[0], min(span[1], today - DAY),
                   days=None if days is None else frozenset(days))

    def complete(self) -> Observed:
        """Every complete day of the span, observed or not: where a rating is the outcome,
        the rating itself says the day was observed."""
        return Observed(self.first, self.last, self.unknown)

    def left_out(self, start: date, end: date, today: date) -> int:
        """The complete days from ``start`` to ``end`` (before ``today``) not observed."""
        total = max(0, (min(end, today - DAY) - start).days + 1)
        return total - sum(1 for i in range(total) if start + timedelta(days=i) in self)


def waking(day: date) -> datetime:
    """8 in the morning of ``day``: where a night with no measured waking time ends."""
    return datetime.combine(day, WAKING)


@dataclass(frozen=True)
class Timeline:
    """Flares by onset on the person's own clock (timed ones), with the days that had a
    flare known only to the day, and every flare's day."""

    onsets: tuple[datetime, ...] = ()
    untimed: frozenset[date] = frozenset()
    by_day: dict[date, int] = field(default_factory=dict)

    @classmethod
    def of(cls, flares: Iterable[tuple[datetime, bool]]) -> Timeline:
        """From (onset, known only to the day) pairs, as the store gives them."""
        timed, untimed, days = [], set(), Counter[date]()
        for onset, day_only in flares:
            days[onset.date()] += 1
            if day_only:
                untimed.add(onset.date())
            else:
                timed.append(onset)
        return cls(tuple(sorted(timed)), frozenset(untimed), dict(days))

    def on(self, day: date) -> int:
        """Every flare of ``day`` (timed or not)."""
        return self.by_day.get(day, 0)

    def between(self, start: datetime, end: datetime) -> int:
        """Timed flares from ``start`` up to (not including) ``end``."""
        return bisect_left(self.onsets, end) - bisect_left(self.onsets, start)

    def window(self, start: datetime, end: datetime, observed) -> int | None:
        """The flares from ``start`` to ``end``; None when a day it touches was not
        observed or had a flare known only to the day."""
        day, last = start.date(), (end - timedelta(microseconds=1)).date()
        while day <= last:
            if day not in observed or day in self.untimed:
                return None
            day += DAY
        return self.between(start, end)

    def nights(self) -> dict[date, int]:
        """Flares from midnight to 8 in the morning, by the day they fell on."""
        counts = Counter[date]()
        for onset in self.onsets:
            if onset.time() < WAKING:
                counts[onset.date()] += 1
        return dict(counts)
