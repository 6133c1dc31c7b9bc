"""Saving, finding, changing and deleting flares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, case, delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from fibromap.domain.atlas import load_atlas
from fibromap.domain.flare import (
    Flare,
    ImpactArea,
    Referral,
    SiteRole,
    SpasmSite,
    TreatmentUse,
    aware_from_utc,
    utc_now,
)
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.errors import ChangedElsewhere, ValidationError
from fibromap.i18n import _, formats
from fibromap.store.database import Database
from fibromap.store.schema import FlareRow, FlareTermRow, ReferralRow, SiteRow, TermRow, TreatmentUseRow
from fibromap.store.vocabulary import UNKNOWN_WORD, term_ids

LOAD_WHOLE = (
    selectinload(FlareRow.sites),
    selectinload(FlareRow.referrals),
    selectinload(FlareRow.terms),
    selectinload(FlareRow.treatments).selectinload(TreatmentUseRow.term),
    selectinload(FlareRow.context),
)


def naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def local_day_bounds(start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """[start 00:00, day after end 00:00) on the person's own clock."""
    low = datetime.combine(start, time()) if start else None
    high = datetime.combine(end + timedelta(days=1), time()) if end else None
    return low, high


# A site marked 0 means "no pain there": it counts nowhere as pain (regions, intensities,
# the WPI), though the flare it belongs to is still a flare. A referred zone not rated
# (NULL) is not PAIN either: how much it hurt was not said, so it is left out of every
# intensity figure and of "regions in pain"; it is FELT, and counted where pain was felt
# (flares touching a region, referred pain felt there).
PAIN = SiteRow.intensity > 0
FELT = or_(PAIN, SiteRow.intensity.is_(None))
UNRATED = SiteRow.intensity.is_(None)


def in_period(query: Select, start: date | None, end: date | None) -> Select:
    low, high = local_day_bounds(start, end)
    if low is not None:
        query = query.where(FlareRow.onset_local >= low)
    if high is not None:
        query = query.where(FlareRow.onset_local < high)
    return query


@dataclass(frozen=True, slots=True)
class FlareFilter:
    """Which flares the History view lists."""

    start: date | None = None
    end: date | None = None
    region: str | None = None
    trigger: str | None = None

    def apply(self, query: Select) -> Select:
        query = in_period(query, self.start, self.end)
        if self.region:  # the region, or any part of it marked in a detail view
            regions = [self.region, *(part.id for part in load_atlas().parts(self.region))]
            query = query.where(FlareRow.id.in_(
                select(SiteRow.flare_id).where(SiteRow.region.in_(regions))))
        if self.trigger:
            query = query.where(FlareRow.id.in_(
                select(FlareTermRow.flare_id).join(TermRow, TermRow.id == FlareTermRow.term_id)
                .where(TermRow.kind == TermKind.TRIGGER.value, TermRow.key == self.trigger)))
        return query


@dataclass(frozen=True, slots=True)
class FlareSummary:
    """One line of the History table."""

    id: int
    onset: datetime
    regions: tuple[str, ...]
    max_intensity: int | None       # of the rated regions (a flare has one: Flare checks it)
    duration_seconds: int | None
    position: tuple[datetime, int]  # where the next page starts
    day_only: bool = False          # known only to the day: no time to show
    referred: tuple[str, ...] = ()  # the regions among ``regions`` where pain spread to
    still_going: bool = False       # no length: said to be still going (else not given)
    unrated: tuple[str, ...] = ()   # the referred zones among ``regions`` not rated


class TermLookup:
    """Term keys to ids for one session, with messages naming the unknown word."""

    def __init__(self, session: Session):
        self._ids = {kind: term_ids(session, kind) for kind in TermKind}

    def __call__(self, kind: TermKind, key: str) -> int:
        try:
            return self._ids[kind][key]
        except KeyError:
            raise ValidationError(_(UNKNOWN_WORD[kind]).format(key=repr(key)),
                                  kind.value) from None


def check_regions(flare: Flare) -> None:
    """Refuse a flare that names a region the atlas does not know."""
    atlas = load_atlas()
    for region in flare.regions:
        atlas.region(region)


def _fill_row(row: FlareRow, flare: Flare, terms: TermLookup, session: Session) -> None:
    row.onset_utc = naive_utc(flare.onset)
    row.utc_offset_min = flare.utc_offset_minutes
    row.onset_local = flare.onset_local
    row.duration_s = flare.duration_seconds
    row.context_id = terms(TermKind.CONTEXT, flare.context) if flare.context else None
    for area in ImpactArea:
        setattr(row, f"impact_{area.value}", flare.impacts.get(area))
    row.notes = flare.notes
    row.day_only = flare.day_only
    row.still_going = flare.still_going
    term_rows = [session.get_one(TermRow, terms(TermKind.QUALITY, key)) for key in sorted(flare.qualities)]
    term_rows += [session.get_one(TermRow, terms(TermKind.TRIGGER, key)) for key in sorted(flare.triggers)]
    row.terms = term_rows
    row.sites = [SiteRow(position=i, region=site.region, intensity=site.intensity,
                         role=site.role.value) for i, site in enumerate(flare.sites)]
    by_region = {site.region: site for site in row.sites}
    row.referrals = [ReferralRow(position=i, source=by_region[ref.source],
                                 target=by_region[ref.target], intensity=ref.intensity)
                     for i, ref in enumerate(flare.referrals)]
    row.treatments = [TreatmentUseRow(position=i, term_id=terms(TermKind.TREATMENT, use.treatment),
                                      relief=use.relief, medication=use.medication, dose=use.dose)
                      for i, use in enumerate(flare.treatments)]
    row.fingerprint = flare_fingerprint(flare)


IMPACT_COLUMNS = tuple((area, f"impact_{area.value}") for area in ImpactArea)


def impacts_of(row) -> dict[ImpactArea, int]:
    """The impacts a flare row (ORM or plain) records."""
    levels = ((area, getattr(row, column)) for area, column in IMPACT_COLUMNS)
    return {area: level for area, level in levels if level is not None}


def flare_from_row(row: FlareRow) -> Flare:
    def utc(moment: datetime) -> datetime:
        return moment.replace(tzinfo=UTC)

    return Flare(
        id=row.id,
        onset=aware_from_utc(row.onset_utc, row.utc_offset_min),
        duration_seconds=row.duration_s,
        sites=tuple(SpasmSite(s.region, s.intensity, SiteRole(s.role)) for s in row.sites),
        referrals=tuple(Referral(r.source.region, r.target.region, r.intensity)
                        for r in row.referrals),
        context=row.context.key if row.context else None,
        qualities=frozenset(t.key for t in row.terms if t.kind == TermKind.QUALITY),
        triggers=frozenset(t.key for t in row.terms if t.kind == TermKind.TRIGGER),
        treatments=tuple(TreatmentUse(u.term.key, u.relief, u.medication, u.dose)
                         for u in row.treatments),
        impacts=impacts_of(row),
        notes=row.notes,
        day_only=row.day_only,
        still_going=row.still_going,
        created=utc(row.created_utc),
        modified=utc(row.modified_utc),
    )


def insert_flares(session: Session, flares: Iterable[Flare]) -> list[FlareRow]:
    """Add flares within the caller's transaction (their creation times kept when given)."""
    now = naive_utc(utc_now())
    terms = TermLookup(session)
    rows = []
    for flare in flares:
        check_regions(flare)
        row = FlareRow(created_utc=naive_utc(flare.created) if flare.created else now,
                       modified_utc=naive_utc(flare.modified) if flare.modified else now)
        _fill_row(row, flare, terms, session)
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


class FlareRepository:
    def __init__(self, database: Database):
        self._db = database

    def add(self, flare: Flare) -> Flare:
        """Save a new flare; returns it with its id and creation time."""
        return self.add_many([flare])[0]

    def add_many(self, flares: Iterable[Flare]) -> list[Flare]:
        """Save many flares in one transaction: all of them or none."""
        with self._db.transaction() as session:
            return [flare_from_row(row) for row in insert_flares(session, flares)]

    def update(self, flare: Flare) -> Flare:
        """Replace a saved flare's contents, keeping its creation time.

        When ``flare.modified`` is given it is the version the change was made to: if the
        flare was changed or deleted since (in another window, or on another computer
        sharing the database), nothing is saved and ChangedElsewhere says so.
        """
        if flare.id is None:
            raise ValidationError(_("this flare has not been saved yet"), "id")
        check_regions(flare)
        with self._db.transaction() as session:
            row = session.get(FlareRow, flare.id, options=LOAD_WHOLE, with_for_update=True)
            if row is None:
                raise ChangedElsewhere(_("this flare was deleted in another window or program "
                                         "after you opened it, so the correction was not saved; "
                                         "save again to keep it as a new flare"))
            if flare.modified is not None and row.modified_utc != naive_utc(flare.modified):
                current = flare_from_row(row)
                changed = current.modified
                assert changed is not None  # a stored flare has the time it was saved
                raise ChangedElsewhere(_(
                    "this flare was changed in another window or program at {time} on {day} "
                    "after you opened it, so your correction was not saved over it; save again "
                    "to replace that change with yours, or open the flare again from History to "
                    "see it").format(time=formats.clock(changed.astimezone()),
                                     day=formats.dated(changed.astimezone(), "%d %b", "dMMM")),
                    current)
            # Old sites go first so the (flare, region) uniqueness holds for the new ones.
            row.referrals = []
            row.sites = []
            row.treatments = []
            session.flush()
            _fill_row(row, flare, TermLookup(session), session)
            row.modified_utc = naive_utc(utc_now())
            session.flush()
            return flare_from_row(row)

    def get(self, flare_id: int) -> Flare:
        with self._db.reading() as session:
            return flare_from_row(self._row(session, flare_id))

    def delete(self, flare_id: int) -> Flare:
        """Delete a flare and return it, so that the deletion can be undone."""
        with self._db.transaction() as session:
            flare = flare_from_row(self._row(session, flare_id))
            session.execute(delete(FlareRow).where(FlareRow.id == flare_id))
            return flare

    def restore(self, flare: Flare) -> Flare:
        """Put a deleted flare back with its original creation and modification times."""
        return self.add_many([flare])[0]

    def between(self, start: date | None = None, end: date | None = None) -> list[Flare]:
        """Flares whose onset falls within the local days [start, end], oldest first."""
        query = in_period(select(FlareRow).options(*LOAD_WHOLE), start, end)
        with self._db.reading() as session:
            rows = session.scalars(query.order_by(FlareRow.onset_utc, FlareRow.id)).all()
            return [flare_from_row(row) for row in rows]

    def latest(self) -> Flare | None:
        with self._db.reading() as session:
            row = session.scalars(select(FlareRow).options(*LOAD_WHOLE)
                                  .order_by(FlareRow.onset_utc.desc(), FlareRow.id.desc())
                                  .limit(1)).first()
            return flare_from_row(row) if row else None

    def summaries(self, where: FlareFilter = FlareFilter(), *, after: tuple[datetime, int] | None = None,
                  limit: int = 200) -> list[FlareSummary]:
        """A page of flares, newest first, summarised in SQL; ``after`` continues a listing.

        Paging by position rather than offset keeps the 500th page as fast as the first.
        """
        newest_first = (FlareRow.onset_utc.desc(), FlareRow.id.desc())
        # First the page's flares (walking the onset index), then their sites: grouping
        # every flare before taking 200 made the first pages of a long history slow.
        page = where.apply(select(FlareRow.id)).order_by(*newest_first).limit(limit)
        if after is not None:
            moment, last_id = after
            # The plain range on onset_utc lets the index do the skipping.
            page = page.where(FlareRow.onset_utc <= moment,
                              or_(FlareRow.onset_utc < moment, FlareRow.id < last_id))
        query = (
            select(FlareRow.id, FlareRow.onset_utc, FlareRow.utc_offset_min, FlareRow.duration_s,
                   func.max(SiteRow.intensity), func.aggregate_strings(SiteRow.region, ","),
                   FlareRow.day_only, FlareRow.still_going,
                   # NULL for the other roles, which the aggregate skips.
                   func.aggregate_strings(case((SiteRow.role == SiteRole.REFERRED.value,
                                                SiteRow.region)), ","),
                   func.aggregate_strings(case((UNRATED, SiteRow.region)), ","))
            .join(SiteRow, SiteRow.flare_id == FlareRow.id)
            .where(FlareRow.id.in_(page.scalar_subquery()))
            .group_by(FlareRow.id, FlareRow.onset_utc, FlareRow.utc_offset_min, FlareRow.duration_s,
                      FlareRow.day_only, FlareRow.still_going)
            .order_by(*newest_first))
        with self._db.reading() as session:
            rows = session.execute(query).all()
        return [FlareSummary(flare_id, aware_from_utc(onset, offset), tuple(regions.split(",")),
                             peak, duration, (onset, flare_id), bool(day_only),
                             _listed(referred), bool(still_going), _listed(unrated))
                for (flare_id, onset, offset, duration, peak, regions, day_only, still_going,
                     referred, unrated) in rows]

    def count_matching(self, where: FlareFilter = FlareFilter()) -> int:
        with self._db.reading() as session:
            return session.scalar(where.apply(select(func.count(FlareRow.id))))

    def count(self, start: date | None = None, end: date | None = None) -> int:
        with self._db.reading() as session:
            return session.scalar(in_period(select(func.count(FlareRow.id)), start, end))

    @staticmethod
    def _row(session: Session, flare_id: int) -> FlareRow:
        row = session.get(FlareRow, flare_id, options=LOAD_WHOLE)
        if row is None:
            raise ValidationError(_("there is no flare number {number}").format(number=flare_id),
                                  "id")
        return row


def _listed(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(",")) if joined else ()
