"""The figures behind heat-maps, patterns and scores, computed in SQL (GROUP BY).

Each function opens its own session, so it may run on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, distinct, extract, func, select
from sqlalchemy.orm import aliased

from fibromap.store.database import Database
from fibromap.store.flares import in_period
from fibromap.store.schema import FlareRow, ReferralRow, SiteRow


@dataclass(frozen=True, slots=True)
class RegionFigures:
    region: str
    flares: int              # flares that touched the region
    mean_intensity: float
    max_intensity: int
    burden: float            # sum of intensity x minutes (flares with a known duration)
    referred: int            # flares in which the region was a referred zone


def region_figures(database: Database, start: date | None = None,
                   end: date | None = None) -> dict[str, RegionFigures]:
    referred = func.sum(case((SiteRow.role == "referred", 1), else_=0))
    burden = func.sum(SiteRow.intensity * func.coalesce(FlareRow.duration_s, 0))
    query = in_period(
        select(SiteRow.region, func.count(distinct(SiteRow.flare_id)), func.avg(SiteRow.intensity),
               func.max(SiteRow.intensity), burden, referred)
        .join(FlareRow, FlareRow.id == SiteRow.flare_id), start, end).group_by(SiteRow.region)
    with database.transaction() as session:
        rows = session.execute(query).all()
    return {region: RegionFigures(region, flares, float(mean), peak, float(load or 0) / 60,
                                  int(ref or 0))
            for region, flares, mean, peak, load, ref in rows}


def referral_counts(database: Database, start: date | None = None,
                    end: date | None = None) -> list[tuple[str, str, int]]:
    """How often pain spread from one region to another, most frequent first."""
    source, target = aliased(SiteRow), aliased(SiteRow)
    count = func.count(ReferralRow.id).label("links")
    query = in_period(
        select(source.region, target.region, count)
        .select_from(ReferralRow)
        .join(FlareRow, FlareRow.id == ReferralRow.flare_id)
        .join(source, source.id == ReferralRow.source_site_id)
        .join(target, target.id == ReferralRow.target_site_id), start, end
    ).group_by(source.region, target.region).order_by(count.desc(), source.region, target.region)
    with database.transaction() as session:
        return [(s, t, n) for s, t, n in session.execute(query)]


def time_of_day(database: Database, start: date | None = None, end: date | None = None) -> list[int]:
    """Flares by the hour of the person's own clock at onset, 0–23."""
    hour = extract("hour", FlareRow.onset_local)
    query = in_period(select(hour, func.count(FlareRow.id)), start, end).group_by(hour)
    counts = [0] * 24
    with database.transaction() as session:
        for value, n in session.execute(query):
            counts[int(value)] = n
    return counts


def weekday_counts(database: Database, start: date | None = None,
                   end: date | None = None) -> list[int]:
    """Flares by weekday, Monday first."""
    dow = extract("dow", FlareRow.onset_local)  # 0 = Sunday on SQLite and PostgreSQL
    query = in_period(select(dow, func.count(FlareRow.id)), start, end).group_by(dow)
    counts = [0] * 7
    with database.transaction() as session:
        for value, n in session.execute(query):
            counts[(int(value) + 6) % 7] = n
    return counts


def regions_between(database: Database, start: date, end: date) -> set[str]:
    """Every region marked in a flare between two local days (for the WPI)."""
    query = in_period(select(SiteRow.region).join(FlareRow, FlareRow.id == SiteRow.flare_id)
                      .distinct(), start, end)
    with database.transaction() as session:
        return set(session.scalars(query))


def weekly_regions(database: Database, start: date, end: date) -> dict[date, set[str]]:
    """Regions marked in each Monday-to-Sunday week that overlaps [start, end]."""
    first = start - timedelta(days=start.weekday())
    day = func.date(FlareRow.onset_local)
    query = in_period(select(day, SiteRow.region).join(FlareRow, FlareRow.id == SiteRow.flare_id)
                      .distinct(), first, end)
    weeks: dict[date, set[str]] = {}
    monday = first
    while monday <= end:
        weeks[monday] = set()
        monday += timedelta(days=7)
    with database.transaction() as session:
        for value, region in session.execute(query):
            local = date.fromisoformat(str(value)[:10])
            weeks[local - timedelta(days=local.weekday())].add(region)
    return weeks
