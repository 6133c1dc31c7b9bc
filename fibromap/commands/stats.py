"""`fibromap stats`: headline figures for a period."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fibromap.config import Paths
from fibromap.errors import FibroMapError
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import decimal, whole

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
        raise FibroMapError(_("--from {start} is after --to {end}").format(start=args.start, end=args.end))
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
    summary, atlas, start, end = figures.summary, figures.atlas, figures.start, figures.end
    period = (ngettext("{start} to {end}, {n} day", "{start} to {end}, {n} days", summary.days)
              .format(start=start, end=end, n=whole(summary.days))
              if start else _("no flares recorded"))
    print(_("FibroMap summary ({period})").format(period=period))
    if summary.flares:
        rate = f": {summary.rate.words()}" if summary.days >= 7 else ""
        print(ngettext("Flares: {flares}, on {n} day{rate}", "Flares: {flares}, on {n} days{rate}",
                       summary.days_with_flares).format(
            flares=summary.flares, n=whole(summary.days_with_flares), rate=rate))
        if summary.sites:
            print(_marks_text(figures))
        else:
            print(_("Every region marked was rated 0 (no pain)"))
    else:
        print(_("Flares: none recorded"))
    print(_("Daily check-ins: {checkins}").format(checkins=summary.checkins))
    print(_("Widespread Pain Index, {start} to {end}: {wpi}; information for a clinician, not a "
            "diagnosis").format(start=end - timedelta(days=6), end=end, wpi=_wpi_text(figures)))
    if summary.top_regions:
        print(_("Most affected regions (flares):"))
        width = max(len(atlas.name(r.region)) for r in summary.top_regions)
        for rank, region in enumerate(summary.top_regions, 1):
            print(f"  {rank:2}. {atlas.name(region.region):<{width}}  {region.count}")


def _marks_text(figures: _Figures) -> str:
    summary = figures.summary
    regions = sum(1 for f in figures.regions.values() if f.max_intensity)
    text = ngettext(
        "Marks in pain (a region in one flare): {sites}, on {n} region; intensity mean {mean}, "
        "highest {highest} (0-10)",
        "Marks in pain (a region in one flare): {sites}, on {n} regions; intensity mean {mean}, "
        "highest {highest} (0-10)", regions).format(
        sites=whole(summary.sites), n=whole(regions), mean=decimal(summary.mean_intensity or 0),
        highest=summary.max_intensity)
    if summary.unrated_zones:
        text += ngettext("; {n} referred zone not rated, left out",
                         "; {n} referred zones not rated, left out",
                         summary.unrated_zones).format(n=whole(summary.unrated_zones))
    return text


def _wpi_text(figures: _Figures) -> str:
    from fibromap.analysis.scores import NO_RECORDS

    week = figures.week
    if week is None:
        return _("no WPI (no records in these 7 days; {reason})").format(reason=_(NO_RECORDS))
    if not week.areas:
        return ngettext("0 of 19 ({n} flare recorded, with no WPI area in pain)",
                        "0 of 19 ({n} flares recorded, with no WPI area in pain)",
                        figures.week_flares).format(n=whole(figures.week_flares))
    return (_("{score} of 19 (generalized pain)") if week.generalized
            else _("{score} of 19")).format(score=week.score)
