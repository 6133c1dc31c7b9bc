"""Do the spasms move around or hit the same spot? A plain-words answer with its figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from fibromap.domain.atlas import Atlas

TOP = 3


@dataclass(frozen=True, slots=True)
class Spread:
    weeks_with_flares: int
    regions_per_week: float          # distinct regions marked in a week with flares, on average
    top_regions: tuple[str, ...]
    top_share: float                 # share of all region marks that fall on the top regions
    distinct_regions: int
    summary: str


def spread(weekly: dict[date, dict[str, int]], atlas: Atlas) -> Spread:
    active = {week: counts for week, counts in weekly.items() if counts}
    if not active:
        return Spread(0, 0.0, (), 0.0, 0, "No flares in this period.")
    totals: Counter[str] = Counter()
    for counts in active.values():
        totals.update(counts)
    marks = sum(totals.values())
    top = tuple(region for region, _n in totals.most_common(TOP))
    share = sum(totals[r] for r in top) / marks
    per_week = sum(len(c) for c in active.values()) / len(active)
    names = ", ".join(atlas.name(r).lower() for r in top)
    weeks = len(active)
    basis = f" (based on {weeks} week{'s' if weeks != 1 else ''} with flares)"
    if share >= 0.6:
        summary = (f"Mostly the same spots: {names} account for {share:.0%} of the regions "
                   f"marked{basis}.")
    elif share <= 0.35:
        summary = (f"They move around: {len(totals)} different regions, and even the three most "
                   f"frequent ({names}) make up only {share:.0%} of the marks{basis}.")
    else:
        summary = (f"A few regular spots and some that move around: {names} make up {share:.0%} "
                   f"of the marks, with {len(totals)} regions in all{basis}.")
    return Spread(weeks, per_week, top, share, len(totals), summary)
