"""Each flare's fingerprint, unique: the same flare is stored once.

Duplicates left by two imports at the same moment are removed (the first kept), then
every flare gets its fingerprint, computed as domain.records.fingerprint does, and a
unique index. Plain SQL throughout: the models of later versions never run here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from fibromap.domain.flare import aware_from_utc
from fibromap.domain.records import fingerprint

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

IMPACTS = ("walking", "fine_motor", "sleep", "work")


def _fingerprints(connection) -> dict[int, str]:
    terms = {tid: (kind, key) for tid, kind, key in
             connection.execute(sa.text("SELECT id, kind, key FROM term"))}
    sites, regions = defaultdict(list), {}
    for sid, fid, region, intensity, role in connection.execute(sa.text(
            "SELECT id, flare_id, region, intensity, role FROM site")):
        sites[fid].append((region, intensity, role))
        regions[sid] = region
    referrals = defaultdict(list)
    for fid, source, target, intensity in connection.execute(sa.text(
            "SELECT flare_id, source_site_id, target_site_id, intensity FROM referral")):
        referrals[fid].append((regions[source], regions[target], intensity))
    words: defaultdict[int, dict[str, list[str]]] = defaultdict(lambda: {"quality": [], "trigger": []})
    for fid, tid in connection.execute(sa.text("SELECT flare_id, term_id FROM flare_term")):
        kind, key = terms[tid]
        if kind in ("quality", "trigger"):
            words[fid][kind].append(key)
    treatments = defaultdict(list)
    for fid, tid, relief, medication, dose in connection.execute(sa.text(
            "SELECT flare_id, term_id, relief, medication, dose FROM treatment_use")):
        treatments[fid].append((terms[tid][1], relief, medication or "", dose or ""))
    flare = sa.table("flare", sa.column("id"), sa.column("onset_utc", sa.DateTime),
                     sa.column("utc_offset_min"), sa.column("duration_s"),
                     sa.column("context_id"), sa.column("notes"),
                     *(sa.column(f"impact_{a}") for a in IMPACTS))
    marks = {}
    for row in connection.execute(sa.select(flare)):
        fid, onset, offset, duration, context, notes, *levels = row
        marks[fid] = fingerprint(
            onset_utc=aware_from_utc(onset, offset), offset=offset, duration=duration,
            sites=sites[fid], referrals=referrals[fid],
            context=terms[context][1] if context else None,
            qualities=words[fid]["quality"], triggers=words[fid]["trigger"],
            treatments=treatments[fid],
            impacts=[(area, level) for area, level in zip(IMPACTS, levels, strict=True) if level is not None],
            notes=notes or "")
    return marks


def upgrade() -> None:
    connection = op.get_bind()
    op.add_column('flare', sa.Column('fingerprint', sa.String(length=20), nullable=True))
    marks = _fingerprints(connection)
    first: dict[str, int] = {}
    for fid in sorted(marks):
        first.setdefault(marks[fid], fid)
    duplicates = [fid for fid, mark in marks.items() if first[mark] != fid]
    for fid in duplicates:  # their sites, referrals, words and treatments go with them
        for table in ("referral", "treatment_use", "flare_term", "site"):
            connection.execute(sa.text(f"DELETE FROM {table} WHERE flare_id = :f"), {"f": fid})
        connection.execute(sa.text("DELETE FROM flare WHERE id = :f"), {"f": fid})
    for mark, fid in first.items():
        connection.execute(sa.text("UPDATE flare SET fingerprint = :m WHERE id = :f"),
                           {"m": mark, "f": fid})
    op.create_index(op.f('uq_flare_fingerprint'), 'flare', ['fingerprint'], unique=True)


def downgrade() -> None:
    op.drop_index(op.f('uq_flare_fingerprint'), table_name='flare')
    # Not batch mode: rebuilding the flare table would cascade-delete its sites. SQLite
    # has dropped columns in place since 3.35.
    op.execute("ALTER TABLE flare DROP COLUMN fingerprint")
