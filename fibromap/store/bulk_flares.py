"""Writing and reading many flares at once (an import, an export): a few plain
statements per thousand flares instead of one ORM object per row. 100,000 flares take
seconds, not minutes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from fibromap.domain.flare import (
    Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse, aware_from_utc, utc_now,
)
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.store.database import Database
from fibromap.store.flares import TermLookup, check_regions, impacts_of, naive_utc
from fibromap.store.schema import (
    FlareRow, FlareTermRow, ReferralRow, SiteRow, TermRow, TreatmentUseRow,
)

CHUNK = 2_000  # flares per round of statements: bounded memory, few round trips


def insert_many(session: Session, flares: Sequence[Flare],
                fingerprints: Sequence[str] | None = None,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Add ``flares`` (their creation times kept when given); returns how many.
    ``progress(done, total)`` hears of each chunk written (and may raise to stop)."""
    terms = TermLookup(session)
    now = naive_utc(utc_now())
    for start in range(0, len(flares), CHUNK):
        part = flares[start:start + CHUNK]
        marks = (list(fingerprints[start:start + CHUNK]) if fingerprints is not None
                 else [flare_fingerprint(flare) for flare in part])
        rows = []
        for flare, mark in zip(part, marks):
            check_regions(flare)
            rows.append({
                "onset_utc": naive_utc(flare.onset), "utc_offset_min": flare.utc_offset_minutes,
                "onset_local": flare.onset_local, "duration_s": flare.duration_seconds,
                "context_id": terms(TermKind.CONTEXT, flare.context) if flare.context else None,
                **{f"impact_{area.value}": flare.impacts.get(area) for area in ImpactArea},
                "notes": flare.notes, "fingerprint": mark, "day_only": flare.day_only,
                "created_utc": naive_utc(flare.created) if flare.created else now,
                "modified_utc": naive_utc(flare.modified) if flare.modified else now})
        # Plain executemany (the fastest path on both databases); the new ids are then
        # found by fingerprint, which is unique.
        session.execute(insert(FlareRow.__table__), rows)
        found = {mark: flare_id for mark, flare_id in session.execute(
            select(FlareRow.fingerprint, FlareRow.id).where(FlareRow.fingerprint.in_(marks)))}
        ids = [found[mark] for mark in marks]
        sites, words, uses = [], [], []
        for flare_id, flare in zip(ids, part):
            for position, site in enumerate(flare.sites):
                sites.append({"flare_id": flare_id, "position": position, "region": site.region,
                              "intensity": site.intensity, "role": site.role.value})
            words += [{"flare_id": flare_id, "term_id": terms(kind, key)}
                      for kind, keys in ((TermKind.QUALITY, flare.qualities),
                                         (TermKind.TRIGGER, flare.triggers))
                      for key in sorted(keys)]
            uses += [{"flare_id": flare_id, "position": position,
                      "term_id": terms(TermKind.TREATMENT, use.treatment), "relief": use.relief,
                      "medication": use.medication, "dose": use.dose}
                     for position, use in enumerate(flare.treatments)]
        session.execute(insert(SiteRow.__table__), sites)
        linked = [flare_id for flare_id, flare in zip(ids, part) if flare.referrals]
        site_ids = {(flare_id, region): site_id for site_id, flare_id, region in session.execute(
            select(SiteRow.id, SiteRow.flare_id, SiteRow.region)
            .where(SiteRow.flare_id.in_(linked)))} if linked else {}
        referrals = [{"flare_id": flare_id, "position": position,
                      "source_site_id": site_ids[flare_id, referral.source],
                      "target_site_id": site_ids[flare_id, referral.target],
                      "intensity": referral.intensity}
                     for flare_id, flare in zip(ids, part)
                     for position, referral in enumerate(flare.referrals)]
        for table, values in ((ReferralRow, referrals), (FlareTermRow, words),
                              (TreatmentUseRow, uses)):
            if values:
                session.execute(insert(table.__table__), values)
        if progress is not None:
            progress(start + len(part), len(flares))
    return len(flares)


def read_all_flares(database: Database) -> list[Flare]:
    """Every flare, oldest first, read with one plain query per table (an export of
    100,000 flares builds no ORM object)."""
    source, target = aliased(SiteRow), aliased(SiteRow)
    with database.reading() as session:
        keys = {term_id: (kind, key) for term_id, kind, key in
                session.execute(select(TermRow.id, TermRow.kind, TermRow.key))}
        sites, referrals, words, uses = (defaultdict(list) for _ in range(4))
        for flare_id, region, intensity, role in session.execute(
                select(SiteRow.flare_id, SiteRow.region, SiteRow.intensity, SiteRow.role)
                .order_by(SiteRow.flare_id, SiteRow.position)):
            sites[flare_id].append(SpasmSite(region, intensity, SiteRole(role)))
        for flare_id, start, end, intensity in session.execute(
                select(ReferralRow.flare_id, source.region, target.region, ReferralRow.intensity)
                .join(source, ReferralRow.source_site_id == source.id)
                .join(target, ReferralRow.target_site_id == target.id)
                .order_by(ReferralRow.flare_id, ReferralRow.position)):
            referrals[flare_id].append(Referral(start, end, intensity))
        for flare_id, term_id in session.execute(
                select(FlareTermRow.flare_id, FlareTermRow.term_id)):
            words[flare_id].append(keys[term_id])
        for flare_id, term_id, relief, medication, dose in session.execute(
                select(TreatmentUseRow.flare_id, TreatmentUseRow.term_id, TreatmentUseRow.relief,
                       TreatmentUseRow.medication, TreatmentUseRow.dose)
                .order_by(TreatmentUseRow.flare_id, TreatmentUseRow.position)):
            uses[flare_id].append(TreatmentUse(keys[term_id][1], relief, medication, dose))
        flares = []
        for row in session.execute(select(FlareRow.__table__).order_by(FlareRow.onset_utc,
                                                                        FlareRow.id)):
            said = words.get(row.id, ())
            flares.append(Flare(
                id=row.id, onset=aware_from_utc(row.onset_utc, row.utc_offset_min),
                duration_seconds=row.duration_s, sites=tuple(sites[row.id]),
                referrals=tuple(referrals.get(row.id, ())),
                context=keys[row.context_id][1] if row.context_id else None,
                qualities=frozenset(k for kind, k in said if kind == TermKind.QUALITY),
                triggers=frozenset(k for kind, k in said if kind == TermKind.TRIGGER),
                treatments=tuple(uses.get(row.id, ())),
                impacts=impacts_of(row),
                notes=row.notes, day_only=bool(row.day_only),
                created=row.created_utc.replace(tzinfo=UTC),
                modified=row.modified_utc.replace(tzinfo=UTC)))
    return flares
