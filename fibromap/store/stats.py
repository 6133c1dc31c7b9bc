"""Headline figures for a period, computed in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import distinct, func, select

from fibromap.domain.rates import FlareRate
from fibromap.store.database import Database
from fibromap.store.flares import PAIN, UNRATED, in_period
from fibromap.store.local_time import local_day
from fibromap.store.observed import observed_days
from fibromap.store.schema import CheckInRow, FlareRow, SiteRow

TOP_REGIONS = 10


@dataclass(frozen=True, slots=True)
class RegionCount:
    region: str
    count: int  # flares that touched the region


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    start: date | None
    end: date | None
    flares: int
    sites: int
    mean_intensity: float | None
    max_intensity: int | None
    days_with_flares: int
    checkins: int
    first_onset: datetime | None
    last_onset: datetime | None
    top_regions: tuple[RegionCount, ...]
    # Referred zones not rated: in no intensity and not among the regions in pain.
    unrated_zones: int = 0
    # Days of the period (as ``days`` counts them) with a flare, a check-in or a "no
    # spasms" mark.
    observed_days: int = 0

    @property
    def days(self) -> int:
        """Length of the period in days: as asked, or else spanned by the flares."""
        start = self.start or (self.first_onset.date() if self.first_onset else None)
        end = self.end or (self.last_onset.date() if self.last_onset else None)
        if start is None or end is None or end < start:
            return 0
        return (end - start).days + 1

    @property
    def rate(self) -> FlareRate:
        """Flares a week over the observed days (see fibromap.domain.rates)."""
        return FlareRate(self.flares, self.days, self.observed_days, self.days_with_flares)

    @property
    def flares_per_week(self) -> float | None:
        return self.rate.per_week


def period_summary(database: Database, start: date | None = None,
                   end: date | None = None) -> PeriodSummary:
    """Counts, intensities and the most affected regions for the local days [start, end]."""
    with database.reading() as session:
        flares, days, first, last = session.execute(in_period(select(
            func.count(FlareRow.id),
            func.count(distinct(local_day(FlareRow.onset_local))),
            func.min(FlareRow.onset_local),
            func.max(FlareRow.onset_local)), start, end)).one()
        site_query = select(func.count(SiteRow.id), func.avg(SiteRow.intensity),
                            func.max(SiteRow.intensity)).join(FlareRow).where(PAIN)
        sites, mean, peak = session.execute(in_period(site_query, start, end)).one()
        unrated = session.scalar(in_period(
            select(func.count(SiteRow.id)).join(FlareRow).where(UNRATED), start, end))
        flare_count = func.count(distinct(SiteRow.flare_id)).label("flares")
        top = session.execute(in_period(
            select(SiteRow.region, flare_count).join(FlareRow).where(PAIN), start, end)
            .group_by(SiteRow.region)
            .order_by(flare_count.desc(), SiteRow.region)
            .limit(TOP_REGIONS)).all()
        checkin_query = select(func.count(CheckInRow.id))
        if start:
            checkin_query = checkin_query.where(CheckInRow.day >= start)
        if end:
            checkin_query = checkin_query.where(CheckInRow.day <= end)
        checkins = session.scalars(checkin_query).one()
    first_day = start or (first.date() if first else None)
    last_day = end or (last.date() if last else None)
    observed = (len(observed_days(database, first_day, last_day))
                if first_day and last_day else 0)
    return PeriodSummary(
        start=start, end=end, flares=flares, sites=sites,
        mean_intensity=float(mean) if mean is not None else None,
        max_intensity=peak, days_with_flares=days, checkins=checkins,
        first_onset=first, last_onset=last,
        top_regions=tuple(RegionCount(region, count) for region, count in top),
        unrated_zones=unrated or 0, observed_days=observed)
