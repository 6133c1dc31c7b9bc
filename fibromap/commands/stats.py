"""`fibromap stats`: headline figures for a period."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fibromap.config import Paths
from fibromap.errors import FibroMapError

if TYPE_CHECKING:  # loaded when the command runs, not when the command line starts
    from fibromap.analysis.scores import WpiResult
    from fibromap.domain.atlas import Atlas
    from fibromap.store.aggregates import RegionFigures
    from fibromap.store.stats import PeriodSummary


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class _Figures:
    """What `fibromap stats` reads for a period, before it is written out."""

    start: date | None
    end: date
    summary: PeriodSummary
    week: WpiResult | None  # the last 7 days; None: no flare recorded in them
    week_flares: int        # flares recorded in those 7 days
    hours: list[int]
    regions: dict[str, RegionFigures]
    atlas: Atlas


def stats(args, url: str, paths: Paths) -> int:
    """`fibromap stats`: headline figures for a period, as text or JSON."""
    if args.start and args.end and args.start > args.end:
        raise FibroMapError(f"--from {args.start} is after --to {args.end}")
    figures = _read(args, url, paths)
    if args.json:
        print(json.dumps(_as_json(figures), indent=2))
    else:
        _print_text(figures)
    return 0


def _read(args, url: str, paths: Paths) -> _Figures:
    from fibromap.analysis.scores import week_wpi
    from fibromap.domain.atlas import load_atlas
    from fibromap.store import aggregates
    from fibromap.store.store import Store

    atlas = load_atlas()
    store = Store.open_read_only(url, paths)
    try:
        summary = store.summary(args.start, args.end)
        start = args.start or (summary.first_onset.date() if summary.first_onset else None)
        end = args.end or (summary.last_onset.date() if summary.last_onset else date.today())
        first = end - timedelta(days=6)
        week_flares = store.flares.count(first, end)
        week = week_wpi(aggregates.regions_between(store.database, first, end), week_flares, atlas)
        hours = aggregates.time_of_day(store.database, args.start, args.end)
        regions = aggregates.region_figures(store.database, args.start, args.end)
    finally:
        store.close()
    return _Figures(start, end, summary, week, week_flares, hours, regions, atlas)


def _as_json(figures: _Figures) -> dict:
    summary, week, atlas, start, end = (figures.summary, figures.week, figures.atlas,
                                        figures.start, figures.end)
    return {
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "days": summary.days,
        "flares": summary.flares,
        "flares_per_week": _round(summary.flares_per_week),
        # Which days the rate is over: "all days" (every day observed), "recorded days"
        # (days without a flare, check-in or "no spasms" mark left out) or "all days,
        # unknown as none" (no day without a flare recorded: unknown days count as none).
        "rate_over": summary.rate.basis.value,
        "days_observed": summary.observed_days,
        "flares_per_week_all_days": _round(summary.rate.per_week_all),
        "days_with_flares": summary.days_with_flares,
        "sites": summary.sites,  # marks in pain: a region in one flare, each counted
        "regions_in_pain": sum(1 for f in figures.regions.values() if f.max_intensity),
        "mean_intensity": _round(summary.mean_intensity),
        "max_intensity": summary.max_intensity,
        "referred_zones_not_rated": summary.unrated_zones,  # in neither figure above
        "checkins": summary.checkins,
        "top_regions": [{"region": r.region, "name": atlas.name(r.region), "count": r.count}
                        for r in summary.top_regions],
        # null when no flare was recorded in the 7 days: no records is not a WPI of 0.
        "wpi": None if week is None else {
            "score": week.score, "areas": list(week.areas), "generalized": week.generalized,
            "from": (end - timedelta(days=6)).isoformat(), "to": end.isoformat(),
            "note": "information for a clinician, not a diagnosis"},
        "wpi_window": {"from": (end - timedelta(days=6)).isoformat(), "to": end.isoformat(),
                       "flares": figures.week_flares},
        "time_of_day": figures.hours,
        "regions": [{"region": f.region, "flares": f.flares,
                     "mean_intensity": _round(f.mean_intensity), "max_intensity": f.max_intensity,
                     "referred": f.referred}
                    for f in sorted(figures.regions.values(), key=lambda f: (-f.flares, f.region))],
    }


def _print_text(figures: _Figures) -> None:
    from fibromap.domain.wording import counted  # small; loaded with the command it serves

    summary, atlas, start, end = figures.summary, figures.atlas, figures.start, figures.end
    period = f"{start} to {end}, {counted(summary.days, 'days')}" if start else "no flares recorded"
    print(f"FibroMap summary ({period})")
    if summary.flares:
        rate = f": {summary.rate.words()}" if summary.days >= 7 else ""
        print(f"Flares: {summary.flares}, on {counted(summary.days_with_flares, 'days')}{rate}")
        if summary.sites:
            regions = sum(1 for f in figures.regions.values() if f.max_intensity)
            print(f"Marks in pain (a region in one flare): {summary.sites:,}, on "
                  f"{counted(regions, 'regions')}; intensity mean "
                  f"{summary.mean_intensity:.1f}, highest {summary.max_intensity} (0-10)"
                  + (f"; {counted(summary.unrated_zones, 'referred zones')} not rated, left out"
                     if summary.unrated_zones else ""))
        else:
            print("Every region marked was rated 0 (no pain)")
    else:
        print("Flares: none recorded")
    print(f"Daily check-ins: {summary.checkins}")
    print(f"Widespread Pain Index, {end - timedelta(days=6)} to {end}: {_wpi_text(figures)}; "
          "information for a clinician, not a diagnosis")
    if summary.top_regions:
        print("Most affected regions (flares):")
        width = max(len(atlas.name(r.region)) for r in summary.top_regions)
        for rank, region in enumerate(summary.top_regions, 1):
            print(f"  {rank:2}. {atlas.name(region.region):<{width}}  {region.count}")


def _wpi_text(figures: _Figures) -> str:
    from fibromap.analysis.scores import NO_RECORDS
    from fibromap.domain.wording import counted

    week = figures.week
    if week is None:
        return f"no WPI (no records in these 7 days; {NO_RECORDS})"
    if not week.areas:
        return f"0 of 19 ({counted(figures.week_flares, 'flares')} recorded, with no WPI area in pain)"
    return f"{week.score} of 19" + (" (generalized pain)" if week.generalized else "")
