"""Flares a week, over the days that were observed.

A day is observed when it has a flare, a check-in or a "no spasms today" mark. A day with
none of them is unknown: the person may have had no spasms, or not written them down.

- Every day of the period observed: the rate is over all of them.
- Some days unknown, and the person marks most quiet days (a check-in or a "no spasms"
  mark on at least half of the days without a flare): the unknown days are left out, and
  the words say how many, with the rate they would give if they had no flares.
- Some days unknown, and quiet days are seldom or never marked: the days recorded are
  mostly flare days, so leaving the others out would make nearly every day a flare day
  (one check-in in a month would turn 2 flares a week into 7). The rate is then over all
  the days, and the words say that days without a record count as days without flares.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from fibromap.i18n import _, formats, ngettext


class Basis(Enum):
    ALL = "all days"                # every day of the period observed
    RECORDED = "recorded days"      # the unknown days left out
    ASSUMED = "all days, unknown as none"   # no quiet day recorded: unknown days as none


@dataclass(frozen=True, slots=True)
class FlareRate:
    flares: int
    days: int          # the period's days
    observed: int      # of them, days with a flare, a check-in or a "no spasms" mark
    flare_days: int    # of them, days with a flare

    @property
    def unknown(self) -> int:
        """Days of the period with no record at all."""
        return max(self.days - self.observed, 0)

    @property
    def basis(self) -> Basis:
        if not self.unknown:
            return Basis.ALL
        quiet_marked = self.observed - self.flare_days
        return (Basis.RECORDED if quiet_marked and 2 * quiet_marked >= self.days - self.flare_days
                else Basis.ASSUMED)

    @property
    def rate_days(self) -> int:
        """The days the rate is over."""
        return self.observed if self.basis is Basis.RECORDED else self.days

    @property
    def per_week(self) -> float | None:
        return self.flares * 7 / self.rate_days if self.rate_days else None

    @property
    def per_week_all(self) -> float | None:
        """Over every day of the period, unknown days as days without flares."""
        return self.flares * 7 / self.days if self.days else None

    def words(self, after: str = "", on_average: bool = False) -> str:
        """The rate with the days it rests on: "2.1 a week" when every day is observed,
        else with the unknown days named. ``on_average``: "2.1 a week on average";
        ``after``: English words right after the rate (kept for callers not yet
        translated: prefer ``on_average``)."""
        if self.per_week is None:
            return _("no days to count")
        number = formats.decimal(self.per_week, 1)
        rate = (_("{rate} a week on average").format(rate=number) if on_average
                else _("{rate} a week").format(rate=number) + after)
        if self.basis is Basis.ALL:
            return rate
        unknown = self.unknown
        if self.basis is Basis.RECORDED:
            return ngettext(
                "{rate} over the {observed} with a record; {unknown} day without any is left "
                "out (counting it as a day without flares: {rate_all} a week)",
                "{rate} over the {observed} with a record; {unknown} days without any are left "
                "out (counting them as days without flares: {rate_all} a week)", unknown).format(
                rate=rate, unknown=formats.whole(unknown),
                observed=ngettext("{count} day", "{count} days", self.observed).format(
                    count=formats.whole(self.observed)),
                rate_all=formats.decimal(self.per_week_all or 0.0, 1))
        return ngettext(
            "{rate}; the {unknown} day without any record counts as a day without flares "
            "(most days without a flare have no check-in or “no spasms” mark)",
            "{rate}; the {unknown} days without any record count as days without flares "
            "(most days without a flare have no check-in or “no spasms” mark)", unknown).format(
            rate=rate, unknown=formats.whole(unknown))
