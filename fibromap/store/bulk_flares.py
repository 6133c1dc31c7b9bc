"""Writing and reading many flares at once (an import, an export): a few plain
statements per thousand flares instead of one ORM object per row. 100,000 flares take
seconds, not minutes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from fibromap.domain.flare import (
    Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse, aware_from_utc, utc_now,
)
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.store.database import Database
from fibromap.store.flares import IMPACT_COLUMNS, TermLookup, check_regions, naive_utc
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
    """Every flare, oldest first (see flares_in_chunks)."""
    return [flare for chunk in flares_in_chunks(database) for flare in chunk]


def flares_in_chunks(database: Database, size: int = 5_000) -> Iterator[list[Flare]]:
    """Every flare in export order (onset, then regions), ``size`` at a time, each chunk
    read with one plain query per table: an export of 100,000 flares never holds them
    all, and builds no ORM object. One read transaction: a consistent snapshot."""
    with database.reading() as session:
        keys = {term_id: (kind, key) for term_id, kind, key in
                session.execute(select(TermRow.id, TermRow.kind, TermRow.key))}
        order = [(flare_id, onset) for flare_id, onset in session.execute(
            select(FlareRow.id, FlareRow.onset_utc).order_by(FlareRow.onset_utc, FlareRow.id))]
        start = 0
        while start < len(order):
            end = min(start + size, len(order))
            # Flares at the same instant stay in one chunk, to be ordered by their regions.
            while end < len(order) and order[end][1] == order[end - 1][1]:
                end += 1
            chunk = _read_chunk(session, [flare_id for flare_id, _ in order[start:end]], keys)
            yield sorted(chunk, key=lambda f: (f.onset_utc, f.regions))
            start = end


FLARE_COLUMNS = ("id", "onset_utc", "utc_offset_min", "duration_s", "context_id",
                 *(column for _area, column in IMPACT_COLUMNS), "notes", "day_only",
                 "created_utc", "modified_utc")


def _moment(value) -> datetime:
    """A stored UTC time: SQLite hands back text, PostgreSQL a datetime."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


def _read_chunk(session: Session, ids: list[int], keys: dict) -> list[Flare]:
    """The flares ``ids``, read with plain driver statements (no ORM rows, no type
    processing: 100,000 flares in seconds)."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    among = f"IN ({', '.join([mark] * len(ids))})"
    params = tuple(ids)

    def rows(sql: str):
        return connection.exec_driver_sql(sql, params).fetchall()

    sites, referrals, words, uses = (defaultdict(list) for _ in range(4))
    for flare_id, region, intensity, role in rows(
            f"SELECT flare_id, region, intensity, role FROM site WHERE flare_id {among} "
            "ORDER BY flare_id, position"):
        sites[flare_id].append(SpasmSite(region, intensity, SiteRole(role)))
    for flare_id, start, end, intensity in rows(
            "SELECT r.flare_id, s.region, t.region, r.intensity FROM referral r "
            "JOIN site s ON r.source_site_id = s.id JOIN site t ON r.target_site_id = t.id "
            f"WHERE r.flare_id {among} ORDER BY r.flare_id, r.position"):
        referrals[flare_id].append(Referral(start, end, intensity))
    for flare_id, term_id in rows(f"SELECT flare_id, term_id FROM flare_term WHERE flare_id {among}"):
        words[flare_id].append(keys[term_id])
    for flare_id, term_id, relief, medication, dose in rows(
            "SELECT flare_id, term_id, relief, medication, dose FROM treatment_use "
            f"WHERE flare_id {among} ORDER BY flare_id, position"):
        uses[flare_id].append(TreatmentUse(keys[term_id][1], relief, medication, dose))
    flares = []
    for (flare_id, onset, offset, duration, context, *rest) in rows(
            f"SELECT {', '.join(FLARE_COLUMNS)} FROM flare WHERE id {among}"):
        levels, (notes, day_only, created, modified) = rest[:len(IMPACT_COLUMNS)], rest[-4:]
        said = words.get(flare_id, ())
        flares.append(Flare(
            id=flare_id, onset=aware_from_utc(_moment(onset), offset),
            duration_seconds=duration, sites=tuple(sites[flare_id]),
            referrals=tuple(referrals.get(flare_id, ())),
            context=keys[context][1] if context else None,
            qualities=frozenset(k for kind, k in said if kind == TermKind.QUALITY),
            triggers=frozenset(k for kind, k in said if kind == TermKind.TRIGGER),
            treatments=tuple(uses.get(flare_id, ())),
            impacts={area: level for (area, _c), level in zip(IMPACT_COLUMNS, levels)
                     if level is not None},
            notes=notes, day_only=bool(day_only),
            created=_moment(created), modified=_moment(modified)))
    return flares
