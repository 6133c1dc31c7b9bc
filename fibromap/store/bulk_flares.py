"""Writing and reading many flares at once (an import, an export): a few plain
statements per thousand flares instead of one ORM object per row. 100,000 flares take
seconds, not minutes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fibromap.domain.flare import (
    Flare,
    Referral,
    SiteRole,
    SpasmSite,
    TreatmentUse,
    aware_from_utc,
    day_only_onset,
    stored,
    utc_now,
)
from fibromap.domain.records import flare_fingerprint
from fibromap.domain.vocabulary import TermKind
from fibromap.store.database import Database
from fibromap.store.flares import IMPACT_COLUMNS, TermLookup, check_regions, naive_utc
from fibromap.store.plain_rows import CHUNK, among, insert_rows, placeholder
from fibromap.store.schema import FlareRow, FlareTermRow, ReferralRow, SiteRow, TermRow, TreatmentUseRow

FLARE_INSERT = ("onset_utc", "utc_offset_min", "onset_local", "duration_s", "context_id",
                *(column for _area, column in IMPACT_COLUMNS), "notes", "fingerprint",
                "day_only", "still_going", "created_utc", "modified_utc")


def insert_many(session: Session, flares: Sequence[Flare],
                fingerprints: Sequence[str] | None = None,
                progress: Callable[[int, int], None] | None = None,
                terms: TermLookup | None = None) -> int:
    """Add ``flares`` (their creation times kept when given); returns how many.
    ``progress(done, total)`` hears of each chunk written (and may raise to stop);
    ``terms``: the words' ids, when the caller has them."""
    terms = terms or TermLookup(session)
    now = naive_utc(utc_now())
    for start in range(0, len(flares), CHUNK):
        part = flares[start:start + CHUNK]
        marks = (list(fingerprints[start:start + CHUNK]) if fingerprints is not None
                 else [flare_fingerprint(flare) for flare in part])
        insert_rows(session, FlareRow, FLARE_INSERT,
                    [_flare_row(flare, mark, terms, now) for flare, mark in zip(part, marks, strict=True)])
        # The new ids are found by fingerprint, which is unique.
        found = dict(among(session, "SELECT fingerprint, id FROM flare WHERE fingerprint IN ({})",
                           marks))
        _insert_details(session, list(zip([found[mark] for mark in marks], part, strict=True)), terms)
        if progress is not None:
            progress(start + len(part), len(flares))
    return len(flares)


def _flare_row(flare: Flare, mark: str, terms: TermLookup, now: datetime) -> tuple:
    """The values of FLARE_INSERT for ``flare`` (its regions checked first)."""
    check_regions(flare)
    return (naive_utc(flare.onset), flare.utc_offset_minutes, flare.onset_local,
            flare.duration_seconds,
            terms(TermKind.CONTEXT, flare.context) if flare.context else None,
            *(flare.impacts.get(area) for area, _column in IMPACT_COLUMNS),
            flare.notes, mark, flare.day_only, flare.still_going,
            naive_utc(flare.created) if flare.created else now,
            naive_utc(flare.modified) if flare.modified else now)


def _insert_details(session: Session, stored: list[tuple[int, Flare]],
                    terms: TermLookup) -> None:
    """The sites, referrals, words and treatments of flares just stored (id, flare)."""
    sites, words, uses = [], [], []
    for flare_id, flare in stored:
        sites += [(flare_id, position, site.region, site.intensity, site.role.value)
                  for position, site in enumerate(flare.sites)]
        words += [(flare_id, terms(kind, key))
                  for kind, keys in ((TermKind.QUALITY, flare.qualities),
                                     (TermKind.TRIGGER, flare.triggers))
                  for key in sorted(keys)]
        uses += [(flare_id, position, terms(TermKind.TREATMENT, use.treatment), use.relief,
                  use.medication, use.dose)
                 for position, use in enumerate(flare.treatments)]
    insert_rows(session, SiteRow, ("flare_id", "position", "region", "intensity", "role"), sites)
    insert_rows(session, ReferralRow, ("flare_id", "position", "source_site_id",
                                       "target_site_id", "intensity"),
                _referral_rows(session, stored))
    insert_rows(session, FlareTermRow, ("flare_id", "term_id"), words)
    insert_rows(session, TreatmentUseRow, ("flare_id", "position", "term_id", "relief",
                                           "medication", "dose"), uses)


def _referral_rows(session: Session, stored: list[tuple[int, Flare]]) -> list[tuple]:
    """The referrals of flares just stored, pointing at their sites (stored before)."""
    linked = [flare_id for flare_id, flare in stored if flare.referrals]
    if not linked:
        return []
    site_ids = {(flare_id, region): site_id for site_id, flare_id, region in among(
        session, "SELECT id, flare_id, region FROM site WHERE flare_id IN ({})", linked)}
    return [(flare_id, position, site_ids[flare_id, referral.source],
             site_ids[flare_id, referral.target], referral.intensity)
            for flare_id, flare in stored
            for position, referral in enumerate(flare.referrals)]


def read_all_flares(database: Database) -> list[Flare]:
    """Every flare, oldest first (see flares_in_chunks)."""
    return [flare for chunk in flares_in_chunks(database) for flare, _mark in chunk]


def flares_in_chunks(database: Database, size: int = 5_000) -> Iterator[list[tuple[Flare, str]]]:
    """Every flare with its fingerprint (as stored: see records.flare_fingerprint), in
    export order (onset, then regions), ``size`` at a time, each chunk read with one plain
    query per table: an export of 100,000 flares never holds them all, and builds no ORM
    object. One read transaction: a consistent snapshot."""
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
            yield _read_chunk(session, [flare_id for flare_id, _ in order[start:end]], keys)
            start = end


FLARE_COLUMNS = ("id", "fingerprint", "onset_utc", "utc_offset_min", "duration_s", "context_id",
                 *(column for _area, column in IMPACT_COLUMNS), "notes", "day_only",
                 "still_going", "created_utc", "modified_utc")


ROLES = {role.value: role for role in SiteRole}


def _moment(value) -> datetime:
    """A stored UTC time: SQLite hands back text, PostgreSQL a datetime."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC)


def _read_chunk(session: Session, ids: list[int], keys: dict) -> list[tuple[Flare, str]]:
    """The flares ``ids`` and their fingerprints, in export order, read with plain driver
    statements (no ORM rows, no type processing: 100,000 flares in seconds)."""
    connection = session.connection()
    mark = placeholder(connection.dialect)
    among = f"IN ({', '.join([mark] * len(ids))})"
    params = tuple(ids)

    cursor = connection.connection.cursor()  # the driver's own rows, not wrapped

    def rows(sql: str) -> Sequence[tuple]:
        cursor.execute(sql, params)
        return cursor.fetchall()

    sites, referrals, words, uses = (defaultdict(list) for _ in range(4))
    for flare_id, region, intensity, role in rows(
            f"SELECT flare_id, region, intensity, role FROM site WHERE flare_id {among} "
            "ORDER BY flare_id, position"):
        sites[flare_id].append(stored(SpasmSite, region, intensity, ROLES[role]))
    for flare_id, start, end, intensity in rows(
            "SELECT r.flare_id, s.region, t.region, r.intensity FROM referral r "
            "JOIN site s ON r.source_site_id = s.id JOIN site t ON r.target_site_id = t.id "
            f"WHERE r.flare_id {among} ORDER BY r.flare_id, r.position"):
        referrals[flare_id].append(stored(Referral, start, end, intensity))
    for flare_id, term_id in rows(f"SELECT flare_id, term_id FROM flare_term WHERE flare_id {among}"):
        words[flare_id].append(keys[term_id])
    for flare_id, term_id, relief, medication, dose in rows(
            "SELECT flare_id, term_id, relief, medication, dose FROM treatment_use "
            f"WHERE flare_id {among} ORDER BY flare_id, position"):
        uses[flare_id].append(stored(TreatmentUse, keys[term_id][1], relief, medication, dose))
    # (stored onset, flare, fingerprint) for each row of FLARE_COLUMNS
    flares = [(row[2], _flare(row, sites, referrals, words, uses, keys), row[1])
              for row in rows(f"SELECT {', '.join(FLARE_COLUMNS)} FROM flare WHERE id {among}")]
    flares.sort(key=lambda row: (row[0], row[1].regions))  # stored UTC: text or naive, in order
    return [(flare, mark) for _onset, flare, mark in flares]


def _flare(row: tuple, sites: dict, referrals: dict, words: dict, uses: dict,
           keys: dict) -> Flare:
    """A flare from its row of FLARE_COLUMNS and its parts read by _read_chunk."""
    flare_id, _mark, stamp, offset, duration, context, *rest = row
    levels, (notes, day_only, still_going, created, modified) = (rest[:len(IMPACT_COLUMNS)],
                                                                 rest[-5:])
    said = words.get(flare_id, ())
    onset = (day_only_onset(_moment(stamp).date()) if day_only
             else aware_from_utc(_moment(stamp), offset))
    return stored(
        Flare, onset, tuple(sites[flare_id]), duration,
        tuple(referrals.get(flare_id, ())), keys[context][1] if context else None,
        frozenset(k for kind, k in said if kind == TermKind.QUALITY),
        frozenset(k for kind, k in said if kind == TermKind.TRIGGER),
        tuple(uses.get(flare_id, ())),
        {area: level for (area, _c), level in zip(IMPACT_COLUMNS, levels, strict=True)
         if level is not None},
        notes, bool(day_only), bool(still_going), flare_id, _moment(created), _moment(modified),
        None)
