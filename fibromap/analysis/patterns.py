"""Do the spasms move around or hit the same spot? A plain-words answer with its figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from fibromap.domain.atlas import Atlas
from fibromap.i18n import _, formats, ngettext

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
        return Spread(0, 0.0, (), 0.0, 0, _("No flares in this period."))
    totals: Counter[str] = Counter()
    for counts in active.values():
        totals.update(counts)
    marks = sum(totals.values())
    top = tuple(region for region, _n in totals.most_common(TOP))
    share = sum(totals[r] for r in top) / marks
    per_week = sum(len(c) for c in active.values()) / len(active)
    names = _(", ").join(formats.in_sentence(atlas.name(r)) for r in top)
    weeks = len(active)
    if share >= 0.6:
        words = ngettext("Mostly the same spots: {names} account for {share} of the regions "
                         "marked (based on {weeks} week with flares).",
                         "Mostly the same spots: {names} account for {share} of the regions "
                         "marked (based on {weeks} weeks with flares).", weeks)
    elif share <= 0.35:
        words = ngettext("They move around: {regions} different regions, and even the three "
                         "most frequent ({names}) make up only {share} of the marks (based on "
                         "{weeks} week with flares).",
                         "They move around: {regions} different regions, and even the three "
                         "most frequent ({names}) make up only {share} of the marks (based on "
                         "{weeks} weeks with flares).", weeks)
    else:
        words = ngettext("A few regular spots and some that move around: {names} make up "
                         "{share} of the marks, with {regions} regions in all (based on "
                         "{weeks} week with flares).",
                         "A few regular spots and some that move around: {names} make up "
                         "{share} of the marks, with {regions} regions in all (based on "
                         "{weeks} weeks with flares).", weeks)
    summary = words.format(names=names, weeks=formats.whole(weeks), regions=len(totals),
                           share=formats.percent(share))
    return Spread(weeks, per_week, top, share, len(totals), summary)
