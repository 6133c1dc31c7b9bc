"""Referred zones may be left unrated, and "still going" is kept apart from "not given".

- ``flare.still_going``: the person said the flare had not ended when they recorded it.
  A flare with no duration and not still going has its length "not given".
- ``site.intensity`` and ``referral.intensity`` may be NULL for a referred zone the person
  did not rate (a spasm or trigger point is still always rated: the site's CHECK says so).

Existing rows, honestly mapped:

- A flare with no duration becomes "not given", whatever its age. The store could not tell
  "still going" from "not given" (both were a NULL duration); History used to guess
  "still going" for one begun in the last day, and this version stops guessing. Marking
  the newest flares still going would put words in the person's mouth; a flare that is in
  fact still going is corrected with one tick in the Log.
- Referred zones keep their stored intensity. Older versions gave a new zone its
  source's intensity, so a zone never rated separately reads the same as one rated at
  the source's value: the two cannot be told apart, and none is made unrated by guessing.

No fingerprint changes on upgrade (domain.records.fingerprint adds still_going only when
true, and no intensity changes). Downgrading gives an unrated zone (and its referrals)
its sources' highest intensity, as older versions stored it, drops still_going, and
works out again the fingerprints of the flares it changed.

On SQLite a column's NOT NULL goes only by rebuilding its table, and dropping the old
``site`` table would take every referral with it (ON DELETE CASCADE, with foreign keys
on inside the migration's transaction): the referrals are kept aside and put back.
Plain SQL tables throughout: the models of later versions never run here.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from fibromap.domain.flare import aware_from_utc
from fibromap.domain.records import fingerprint

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

IMPACTS = ("walking", "fine_motor", "sleep", "work")
SITE_RATED = ("(intensity IS NOT NULL AND intensity BETWEEN 0 AND 10) "
              "OR (intensity IS NULL AND role = 'referred')")
REFERRAL_RATED = "intensity IS NULL OR intensity BETWEEN 0 AND 10"
REFERRAL_COLUMNS = "id, flare_id, position, source_site_id, target_site_id, intensity"


def _site_table(nullable: bool, rated: str) -> sa.Table:
    """The site table as 0007 made it, but for its intensity's NULL and CHECK (``rated``)."""
    return sa.Table(
        'site', sa.MetaData(),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('flare_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.SmallInteger(), nullable=False),
        sa.Column('region', sa.String(length=64), nullable=False),
        sa.Column('intensity', sa.SmallInteger(), nullable=nullable),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.CheckConstraint("role IN ('spasm', 'trigger_point', 'referred')", name='ck_site_role'),
        sa.CheckConstraint(rated, name='ck_site_intensity'),
        sa.ForeignKeyConstraint(['flare_id'], ['flare.id'], name='fk_site_flare_id_flare',
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_site'),
        sa.UniqueConstraint('flare_id', 'region', name='uq_site_flare_region'),
        sa.Index('ix_site_region', 'region'),
    )


def _referral_table(nullable: bool, rated: str) -> sa.Table:
    """The referral table as 0007 made it, but for its intensity's NULL and CHECK."""
    return sa.Table(
        'referral', sa.MetaData(),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('flare_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.SmallInteger(), nullable=False),
        sa.Column('source_site_id', sa.Integer(), nullable=False),
        sa.Column('target_site_id', sa.Integer(), nullable=False),
        sa.Column('intensity', sa.SmallInteger(), nullable=nullable),
        sa.CheckConstraint(rated, name='ck_referral_intensity'),
        sa.CheckConstraint('source_site_id <> target_site_id', name='ck_referral_distinct_sites'),
        sa.ForeignKeyConstraint(['flare_id'], ['flare.id'], name='fk_referral_flare_id_flare',
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['source_site_id'], ['site.id'],
                                name='fk_referral_source_site_id_site', ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['target_site_id'], ['site.id'],
                                name='fk_referral_target_site_id_site', ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name='pk_referral'),
        sa.UniqueConstraint('source_site_id', 'target_site_id', name='uq_referral_link'),
        sa.Index('ix_referral_flare_id', 'flare_id'),
        sa.Index('ix_referral_target_site_id', 'target_site_id'),
    )


RATED = "intensity BETWEEN 0 AND 10"  # both CHECKs before this revision
TABLES = (("site", _site_table, SITE_RATED), ("referral", _referral_table, REFERRAL_RATED))


def _intensities(nullable: bool) -> None:
    """Let both intensities be NULL (or no longer), each with its CHECK."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # dropping the old site table cascades to the referrals: keep them aside
        op.execute(f"CREATE TEMPORARY TABLE referral_kept AS SELECT {REFERRAL_COLUMNS} FROM referral")
    for name, table, unrated_allowed in TABLES:
        now, wanted = (RATED, unrated_allowed) if nullable else (unrated_allowed, RATED)
        with op.batch_alter_table(name, copy_from=table(not nullable, now) if sqlite else None) as batch:
            batch.alter_column('intensity', existing_type=sa.SmallInteger(), nullable=nullable)
            batch.drop_constraint(op.f(f'ck_{name}_intensity'), type_='check')
            batch.create_check_constraint(op.f(f'ck_{name}_intensity'), wanted)
    if sqlite:
        op.execute("DELETE FROM referral")  # emptied by the cascade already
        op.execute(f"INSERT INTO referral ({REFERRAL_COLUMNS}) "
                   f"SELECT {REFERRAL_COLUMNS} FROM referral_kept")
        op.execute("DROP TABLE referral_kept")


def upgrade() -> None:
    op.add_column('flare', sa.Column('still_going', sa.Boolean(), server_default=sa.false(),
                                     nullable=False))
    _intensities(True)


def downgrade() -> None:
    connection = op.get_bind()
    changed = {fid for (fid,) in connection.execute(sa.text(
        "SELECT flare_id FROM site WHERE intensity IS NULL UNION "
        "SELECT id FROM flare WHERE still_going"))}
    # An unrated zone takes its sources' highest intensity, as older versions stored it.
    connection.execute(sa.text(
        "UPDATE site SET intensity = (SELECT max(s.intensity) FROM referral r JOIN site s "
        "ON s.id = r.source_site_id WHERE r.target_site_id = site.id) "
        "WHERE intensity IS NULL"))
    connection.execute(sa.text(  # a zone with no referral at all (none the app makes)
        "UPDATE site SET intensity = 0 WHERE intensity IS NULL"))
    connection.execute(sa.text(
        "UPDATE referral SET intensity = (SELECT intensity FROM site "
        "WHERE site.id = referral.target_site_id) WHERE intensity IS NULL"))
    op.drop_column('flare', 'still_going')
    _intensities(False)
    for fid, mark in _fingerprints(connection, changed).items():
        connection.execute(sa.text("UPDATE flare SET fingerprint = :m WHERE id = :f"),
                           {"m": mark, "f": fid})


def _fingerprints(connection, ids: set[int]) -> dict[int, str]:
    """The fingerprints of the flares ``ids`` as 0007 works them out (as in 0004)."""
    if not ids:
        return {}
    among = f"IN ({', '.join(str(int(fid)) for fid in ids)})"
    terms = {tid: (kind, key) for tid, kind, key in
             connection.execute(sa.text("SELECT id, kind, key FROM term"))}
    sites, referrals = _sites(connection, among)
    words, treatments = _words(connection, among, terms)
    flare = sa.table("flare", sa.column("id"), sa.column("onset_utc", sa.DateTime),
                     sa.column("utc_offset_min"), sa.column("duration_s"),
                     sa.column("context_id"), sa.column("notes"), sa.column("day_only", sa.Boolean),
                     *(sa.column(f"impact_{a}") for a in IMPACTS))
    marks = {}
    for row in connection.execute(sa.select(flare).where(flare.c.id.in_(sorted(ids)))):
        fid, onset, offset, duration, context, notes, day_only, *levels = row
        marks[fid] = fingerprint(
            onset_utc=aware_from_utc(onset, offset), offset=offset, duration=duration,
            sites=sites[fid], referrals=referrals[fid],
            context=terms[context][1] if context else None,
            qualities=words[fid]["quality"], triggers=words[fid]["trigger"],
            treatments=treatments[fid],
            impacts=[(a, v) for a, v in zip(IMPACTS, levels, strict=True) if v is not None],
            notes=notes or "", day_only=bool(day_only))
    return marks


def _sites(connection, among: str) -> tuple[defaultdict, defaultdict]:
    """Each flare's sites (region, intensity, role) and referrals (source, zone, intensity)."""
    sites, regions = defaultdict(list), {}
    for sid, fid, region, intensity, role in connection.execute(sa.text(
            f"SELECT id, flare_id, region, intensity, role FROM site WHERE flare_id {among}")):
        sites[fid].append((region, intensity, role))
        regions[sid] = region
    referrals = defaultdict(list)
    for fid, source, target, intensity in connection.execute(sa.text(
            "SELECT flare_id, source_site_id, target_site_id, intensity FROM referral "
            f"WHERE flare_id {among}")):
        referrals[fid].append((regions[source], regions[target], intensity))
    return sites, referrals


def _words(connection, among: str, terms: dict) -> tuple[defaultdict, defaultdict]:
    """Each flare's qualities and triggers, and its treatments (key, relief, medication, dose)."""
    words: defaultdict[int, dict[str, list[str]]] = defaultdict(lambda: {"quality": [], "trigger": []})
    for fid, tid in connection.execute(sa.text(
            f"SELECT flare_id, term_id FROM flare_term WHERE flare_id {among}")):
        kind, key = terms[tid]
        if kind in ("quality", "trigger"):
            words[fid][kind].append(key)
    treatments = defaultdict(list)
    for fid, tid, relief, medication, dose in connection.execute(sa.text(
            "SELECT flare_id, term_id, relief, medication, dose FROM treatment_use "
            f"WHERE flare_id {among}")):
        treatments[fid].append((terms[tid][1], relief, medication or "", dose or ""))
    return words, treatments
