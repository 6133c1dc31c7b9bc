"""Which regions changed since the previous period of the same length, and only those
whose change is beyond what small counts give by chance.

Flares touching a region in two periods of equal length are two counts; with no real
change, each flare of the two falls in either period with even odds. The exact binomial
test of that (the conditional test for two Poisson counts) gives each region a p-value,
and Benjamini–Hochberg adjusts them for the number of regions compared. A comparison is
made only when both periods are long enough and the previous one lies wholly inside the
time the person has been recording: before the first record is not "no flares".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fibromap.analysis.distributions import sign_test
from fibromap.analysis.periods import Period
from fibromap.analysis.statistics import FDR, benjamini_hochberg
from fibromap.i18n import _, formats, ngettext

MIN_DAYS = 14  # shorter periods are day-to-day noise


@dataclass(frozen=True, slots=True)
class RegionChange:
    region: str
    kind: str            # "new", "worse" or "better"
    before: int          # flares touching the region in the previous period
    now: int
    q_value: float       # adjusted p-value of the difference


@dataclass(frozen=True)
class PeriodComparison:
    previous: Period
    changes: list[RegionChange]
    compared: int              # regions with a flare in either period
    refused: str = ""          # why no comparison was made ("" when one was)

    @property
    def made(self) -> bool:
        return not self.refused


def compare_periods(period: Period, before: dict[str, int], now: dict[str, int],
                    recorded_from: date | None,
                    records: tuple[int, int] | None = None) -> PeriodComparison:
    """Regions whose flare counts differ between the previous period and this one.
    ``records``: how many records (flares, check-ins, ratings) the previous period and this
    one hold; a period without any is not recorded, and nothing is compared with it."""
    previous = previous_period(period)
    if period.days < MIN_DAYS:
        return PeriodComparison(previous, [], 0, ngettext(
            "A period of {count} day is too short to compare with the one before (at least "
            "{needed} days are needed).",
            "A period of {count} days is too short to compare with the one before (at least "
            "{needed} days are needed).", period.days).format(
            count=formats.whole(period.days), needed=MIN_DAYS))
    if recorded_from is None or recorded_from > previous.start:
        words = (_("Records began on {day}, so the previous {days} days ({period}) are not "
                   "fully recorded: no comparison is possible.") if recorded_from else
                 _("Records have not begun, so the previous {days} days ({period}) are not "
                   "fully recorded: no comparison is possible."))
        return PeriodComparison(previous, [], 0, words.format(
            day=formats.day(recorded_from) if recorded_from else "", days=period.days,
            period=previous.label()))
    if records is not None and 0 in records:
        return PeriodComparison(previous, [], 0, _not_recorded(records))
    regions = sorted(set(before) | set(now))
    p_values = [sign_test(now.get(r, 0), before.get(r, 0) + now.get(r, 0)) for r in regions]
    changes = []
    for region, q in zip(regions, benjamini_hochberg(p_values), strict=True):
        b, n = before.get(region, 0), now.get(region, 0)
        if q is None or q >= FDR:
            continue
        kind = "new" if b == 0 else ("worse" if n > b else "better")
        changes.append(RegionChange(region, kind, b, n, q))
    order = {"new": 0, "worse": 1, "better": 2}
    changes.sort(key=lambda c: (order[c.kind], -abs(c.now - c.before), c.region))
    return PeriodComparison(previous, changes, len(regions))



def previous_period(period: Period) -> Period:
    """The same number of days just before ``period``."""
    return Period(period.start - timedelta(days=period.days), period.start - timedelta(days=1))


def _not_recorded(records: tuple[int, int]) -> str:
    """Why nothing is compared when a period holds no record at all."""
    if records == (0, 0):
        return _("There are no records at all in either period (no flare, check-in or rating), "
                 "so no comparison is possible: no records is not the same as no flares.")
    if records[0] == 0:
        return _("There are no records at all in the previous period (no flare, check-in or "
                 "rating), so no comparison is possible: no records is not the same as no "
                 "flares.")
    return _("There are no records at all in this period (no flare, check-in or rating), so "
             "no comparison is possible: no records is not the same as no flares.")
