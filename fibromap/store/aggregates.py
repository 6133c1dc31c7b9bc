"""The figures behind heat-maps, patterns and scores, computed in SQL (GROUP BY).

Each function opens its own session, so it may run on a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, distinct, func, or_, select
from sqlalchemy.orm import aliased

from fibromap.domain.vocabulary import shown_word
from fibromap.domain.wording import NOT_GIVEN_TEXT, STILL_GOING_TEXT
from fibromap.i18n import N_, _
from fibromap.store.database import Database
from fibromap.store.flares import FELT, PAIN, UNRATED, in_period
from fibromap.store.local_time import local_day, local_hour, local_weekday
from fibromap.store.schema import FlareRow, ReferralRow, SiteRow
from fibromap.store.vocabulary import label_of


@dataclass(frozen=True, slots=True)
class RegionFigures:
    region: str
    flares: int              # flares that touched the region (referred zones not rated too)
    mean_intensity: float | None  # of the rated marks; None: felt only as unrated referred pain
    max_intensity: int | None
    burden: float            # sum of intensity x minutes (flares with a known duration)
    referred: int            # flares in which the region was a referred zone


def _region(column, rolled_up: Mapping[str, str] | None):
    """A site's region, or with ``rolled_up`` ({detail region: whole-figure region}) the
    region of the whole figure it lies in (a mark on the thumb counts on the palm)."""
    if not rolled_up:
        return column
    return case(dict(rolled_up), value=column, else_=column)


def region_figures(database: Database, start: date | None = None, end: date | None = None,
                   rolled_up: Mapping[str, str] | None = None) -> dict[str, RegionFigures]:
    """Each region's figures; with ``rolled_up``, by whole-figure region, a flare that marked
    a region and its parts counted once. A referred zone not rated counts where the pain
    was felt (flares, referred) and in no intensity (SQL's averages skip its NULL)."""
    region = _region(SiteRow.region, rolled_up)
    referred = func.count(distinct(case((SiteRow.role == "referred", SiteRow.flare_id))))
    burden = func.sum(SiteRow.intensity * func.coalesce(FlareRow.duration_s, 0))
    query = in_period(
        select(region, func.count(distinct(SiteRow.flare_id)), func.avg(SiteRow.intensity),
               func.max(SiteRow.intensity), burden, referred)
        .join(FlareRow, FlareRow.id == SiteRow.flare_id).where(FELT), start, end
    ).group_by(region)
    with database.reading() as session:
        rows = session.execute(query).all()
    return {region: RegionFigures(region, flares, float(mean) if mean is not None else None,
                                  peak, float(load or 0) / 60, int(ref or 0))
            for region, flares, mean, peak, load, ref in rows}


def referral_counts(database: Database, start: date | None = None, end: date | None = None,
                    rolled_up: Mapping[str, str] | None = None) -> list[tuple[str, str, int]]:
    """How often pain spread from one region to another, most frequent first (with
    ``rolled_up``, between whole-figure regions, as region_figures)."""
    source, target = aliased(SiteRow), aliased(SiteRow)
    count = func.count(ReferralRow.id).label("links")
    from_region = _region(source.region, rolled_up)
    to_region = _region(target.region, rolled_up)
    query = in_period(
        select(from_region, to_region, count)
        .select_from(ReferralRow)
        .join(FlareRow, FlareRow.id == ReferralRow.flare_id)
        .join(source, source.id == ReferralRow.source_site_id)
        # A zone not rated still had pain spread to it; one marked 0 had none.
        .join(target, target.id == ReferralRow.target_site_id)
        .where(or_(target.intensity > 0, target.intensity.is_(None)))
        .where(from_region != to_region),  # the thumb to the palm is within the palm
        start, end
    ).group_by(from_region, to_region).order_by(count.desc(), from_region, to_region)
    with database.reading() as session:
        return [(s, t, n) for s, t, n in session.execute(query)]


def time_of_day(database: Database, start: date | None = None, end: date | None = None) -> list[int]:
    """Flares by the hour of the person's own clock at onset, 0–23 (flares known only to
    the day have no hour and are not counted)."""
    hour = local_hour(FlareRow.onset_local)
    query = in_period(select(hour, func.count(FlareRow.id)), start, end).where(
        FlareRow.day_only.is_(False)).group_by(hour)
    counts = [0] * 24
    with database.reading() as session:
        for value, n in session.execute(query):
            counts[int(value)] = n
    return counts


def weekday_counts(database: Database, start: date | None = None,
                   end: date | None = None) -> list[int]:
    """Flares by weekday, Monday first."""
    dow = local_weekday(FlareRow.onset_local)  # 0 = Sunday
    query = in_period(select(dow, func.count(FlareRow.id)), start, end).group_by(dow)
    counts = [0] * 7
    with database.reading() as session:
        for value, n in session.execute(query):
            counts[(int(value) + 6) % 7] = n
    return counts


def regions_between(database: Database, start: date, end: date) -> set[str]:
    """Every region marked in a flare between two local days (for the WPI)."""
    query = in_period(select(SiteRow.region).join(FlareRow, FlareRow.id == SiteRow.flare_id)
                      .where(PAIN).distinct(), start, end)
    with database.reading() as session:
        return set(session.scalars(query))


def regions_by_day(database: Database, start: date, end: date) -> dict[date, set[str]]:
    """The regions in pain on each local day between start and end (days with none left out)."""
    day = local_day(FlareRow.onset_local)
    query = in_period(select(day, SiteRow.region).join(FlareRow, FlareRow.id == SiteRow.flare_id)
                      .where(PAIN).distinct(), start, end)
    days: dict[date, set[str]] = {}
    with database.reading() as session:
        for value, region in session.execute(query):
            days.setdefault(_day(value), set()).add(region)
    return days


def _day(value) -> date:
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class DayFigures:
    day: date
    flares: int
    mean_intensity: float | None  # None when every site that day was marked 0
    max_intensity: int | None


def daily_figures(database: Database, start: date | None = None, end: date | None = None,
                  region: str | None = None) -> list[DayFigures]:
    """Flares per local day with the mean and highest intensity of their sites in pain
    (one region, or all); a day whose sites were all marked 0 (or left unrated as
    referred zones) has no intensity."""
    day = local_day(FlareRow.onset_local)
    pain = case((PAIN, SiteRow.intensity))  # NULL for 0: averages and maxima skip it
    query = in_period(
        select(day, func.count(distinct(FlareRow.id)), func.avg(pain), func.max(pain))
        .join(SiteRow, SiteRow.flare_id == FlareRow.id), start, end).group_by(day).order_by(day)
    if region:  # the flares that touched it: a referred zone not rated too (no intensity)
        query = query.where(SiteRow.region == region, FELT)
    with database.reading() as session:
        return [DayFigures(_day(d), n, float(mean) if mean is not None else None, peak)
                for d, n, mean, peak in session.execute(query)]


def night_flares(database: Database, start: date | None = None,
                 end: date | None = None) -> dict[date, int]:
    """Flares between midnight and 8 in the morning, by the day they fell on."""
    day = local_day(FlareRow.onset_local)
    query = in_period(select(day, func.count(FlareRow.id)), start, end).where(
        FlareRow.day_only.is_(False), local_hour(FlareRow.onset_local) < 8).group_by(day)
    with database.reading() as session:
        return {_day(d): n for d, n in session.execute(query)}


def day_only_days(database: Database, start: date | None = None,
                  end: date | None = None) -> set[date]:
    """Days with a flare known only to the day: whether it came at night is not known."""
    day = local_day(FlareRow.onset_local)
    query = in_period(select(day).where(FlareRow.day_only.is_(True)).distinct(), start, end)
    with database.reading() as session:
        return {_day(d) for (d,) in session.execute(query)}


def daily_terms(database: Database, kind: str, start: date | None = None,
                end: date | None = None) -> dict[date, set[str]]:
    """The triggers (or other words) logged on each local day."""
    from fibromap.store.schema import FlareTermRow, TermRow

    day = local_day(FlareRow.onset_local)
    query = in_period(
        select(day, TermRow.key).join(FlareTermRow, FlareTermRow.flare_id == FlareRow.id)
        .join(TermRow, TermRow.id == FlareTermRow.term_id).where(TermRow.kind == kind)
        .distinct(), start, end)
    days: dict[date, set[str]] = {}
    with database.reading() as session:
        for d, key in session.execute(query):
            days.setdefault(_day(d), set()).add(key)
    return days


DURATION_BINS = ((30, N_("under 30 s")), (120, N_("30 s – 2 min")), (600, N_("2 – 10 min")),
                 (3600, N_("10 – 60 min")), (6 * 3600, N_("1 – 6 h")), (None, N_("over 6 h")))


# A flare with no length is one of two things, never merged: said to be still going, or
# its length not given (domain.wording's words for them).
NO_LENGTH = (STILL_GOING_TEXT, NOT_GIVEN_TEXT)


def duration_counts(database: Database, start: date | None = None,
                    end: date | None = None) -> list[tuple[str, int]]:
    """How many flares lasted how long, in the bins of DURATION_BINS, then those still
    going, then those whose length was not given."""
    whens = []
    for index, (limit, _label) in enumerate(DURATION_BINS):
        if limit is not None:
            whens.append((FlareRow.duration_s < limit, index))
    no_length = FlareRow.duration_s.is_(None)
    bucket = case((no_length & FlareRow.still_going.is_(True), len(DURATION_BINS)),
                  (no_length, len(DURATION_BINS) + 1), *whens, else_=len(DURATION_BINS) - 1)
    query = in_period(select(bucket, func.count(FlareRow.id)), start, end).group_by(bucket)
    counts = [0] * (len(DURATION_BINS) + len(NO_LENGTH))
    with database.reading() as session:
        for index, n in session.execute(query):
            counts[int(index)] = n
    labels = [label for _limit, label in DURATION_BINS] + list(NO_LENGTH)
    return list(zip(labels, counts, strict=True))


def unrated_zones(database: Database, start: date | None = None,
                  end: date | None = None) -> int:
    """Referred zones left unrated in the period's flares: left out of every intensity
    figure, which says so where there are any."""
    query = in_period(select(func.count(SiteRow.id)).join(FlareRow, FlareRow.id == SiteRow.flare_id)
                      .where(UNRATED), start, end)
    with database.reading() as session:
        return session.scalar(query) or 0


def _shown(rows, kind: str) -> list[tuple]:
    """Rows of (key, stored label, ...) with each word as people read it (in the language of
    the moment: a built-in word not renamed by its key)."""
    return [(key, shown_word(kind, key, label_of(kind, key, label)), *rest)
            for key, label, *rest in rows]


def treatment_relief(database: Database, start: date | None = None,
                     end: date | None = None) -> list[tuple[str, str, int, float | None]]:
    """Per treatment: key, name as shown, times rated, mean relief (0–10); best first.

    Medication is split by the name typed ("Medication: Cyclobenzaprine"), since "a
    medication helped" says nothing to a clinician.
    """
    from fibromap.store.schema import TermRow, TreatmentUseRow

    rated = func.count(TreatmentUseRow.relief)
    mean = func.avg(TreatmentUseRow.relief)
    name = func.lower(func.trim(TreatmentUseRow.medication))
    query = in_period(
        select(TermRow.key, TermRow.label, name, func.min(TreatmentUseRow.medication), rated, mean)
        .select_from(TreatmentUseRow)
        .join(FlareRow, FlareRow.id == TreatmentUseRow.flare_id)
        .join(TermRow, TermRow.id == TreatmentUseRow.term_id), start, end
    ).group_by(TermRow.key, TermRow.label, name)
    with database.reading() as session:
        rows = [(key, _("{treatment}: {medication}").format(treatment=word, medication=typed.strip())
                 if typed and typed.strip() else word, n,
                 float(m) if m is not None else None)
                for key, word, _name, typed, n, m in _shown(session.execute(query), "treatment")]
    return sorted(rows, key=lambda r: (-(r[3] if r[3] is not None else -1), r[1]))


@dataclass(frozen=True, slots=True)
class ImpactFigures:
    area: str              # walking, fine_motor, sleep, work
    rated: int             # flares with this impact given
    levels: tuple[int, ...]  # flares at each level: none, a little, a lot, could not


def impact_figures(database: Database, start: date | None = None,
                   end: date | None = None) -> list[ImpactFigures]:
    """How much flares got in the way of walking, fine motor tasks, sleep and work."""
    areas = ("walking", "fine_motor", "sleep", "work")
    columns = [getattr(FlareRow, f"impact_{area}") for area in areas]
    counts = [func.sum(case((column == level, 1), else_=0)) for column in columns
              for level in range(4)]
    with database.reading() as session:
        row = session.execute(in_period(select(*counts), start, end)).one()
    results = []
    for index, area in enumerate(areas):
        levels = tuple(int(v or 0) for v in row[index * 4:(index + 1) * 4])
        results.append(ImpactFigures(area, sum(levels), levels))
    return results


def weekly_region_counts(database: Database, start: date, end: date) -> dict[date, dict[str, int]]:
    """Flares per region in each Monday-to-Sunday week overlapping [start, end], keyed by
    the week's Monday: only the flares of the period count, so the first and last weeks
    may be partial (a week's days before the start or after the end count nowhere)."""
    # A day outside the period counts nowhere, whatever the bounds' comparison with the
    # stored times says: the query reaches a day further each way and each flare's own
    # local day decides.
    day = local_day(FlareRow.onset_local)
    query = in_period(
        select(day, SiteRow.region, func.count(distinct(FlareRow.id)))
        .join(SiteRow, SiteRow.flare_id == FlareRow.id).where(PAIN),
        start - timedelta(days=1), end + timedelta(days=1)
    ).group_by(day, SiteRow.region)
    weeks: dict[date, dict[str, int]] = {}
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        weeks[monday] = {}
        monday += timedelta(days=7)
    with database.reading() as session:
        for d, region, n in session.execute(query):
            local = _day(d)
            if start <= local <= end:
                week = weeks[local - timedelta(days=local.weekday())]
                week[region] = week.get(region, 0) + n
    return weeks


def days_with_treatment(database: Database, start: date | None = None,
                        end: date | None = None) -> list[date]:
    """Local days on which some treatment was tried."""
    from fibromap.store.schema import TreatmentUseRow

    day = local_day(FlareRow.onset_local)
    query = in_period(select(day).select_from(TreatmentUseRow)
                      .join(FlareRow, FlareRow.id == TreatmentUseRow.flare_id).distinct(),
                      start, end)
    with database.reading() as session:
        return sorted(_day(d) for d in session.scalars(query))


def term_counts(database: Database, kind: str, start: date | None = None,
                end: date | None = None) -> list[tuple[str, str, int]]:
    """Per word (trigger, quality…): key, name as shown and the flares it was logged with; most first."""
    from fibromap.store.schema import FlareTermRow, TermRow

    flares = func.count(distinct(FlareTermRow.flare_id)).label("flares")
    query = in_period(
        select(TermRow.key, TermRow.label, flares).select_from(FlareTermRow)
        .join(FlareRow, FlareRow.id == FlareTermRow.flare_id)
        .join(TermRow, TermRow.id == FlareTermRow.term_id).where(TermRow.kind == kind),
        start, end).group_by(TermRow.key, TermRow.label).order_by(flares.desc(), TermRow.key)
    with database.reading() as session:
        return [(key, word, n) for key, word, n in _shown(session.execute(query), kind)]


def durations(database: Database, start: date | None = None, end: date | None = None) -> list[int]:
    """The known durations in seconds (flares still going, or whose length was not
    given, are left out)."""
    query = in_period(select(FlareRow.duration_s).where(FlareRow.duration_s.is_not(None)),
                      start, end).order_by(FlareRow.duration_s)
    with database.reading() as session:
        return list(session.scalars(query))


def recorded_span(database: Database) -> tuple[date, date] | None:
    """The first and last local day with a flare, a check-in, a symptom rating or a "no
    spasms" mark; None before any record."""
    from fibromap.store.schema import CheckInRow, NoSpasmDayRow, SymptomRatingRow

    day = local_day(FlareRow.onset_local)
    with database.reading() as session:
        spans = [session.execute(select(func.min(first), func.max(last))).one()
                 for first, last in ((day, day), (CheckInRow.day, CheckInRow.day),
                                     (SymptomRatingRow.day, SymptomRatingRow.day),
                                     (NoSpasmDayRow.day, NoSpasmDayRow.day))]
    firsts = [_day(span[0]) for span in spans if span[0] is not None]
    lasts = [_day(span[1]) for span in spans if span[1] is not None]
    return (min(firsts), max(lasts)) if firsts else None
