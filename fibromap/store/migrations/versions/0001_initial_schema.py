"""Initial schema: flares with sites and referrals, vocabularies, check-ins, medications.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sleep_hours', sa.Float(), nullable=True),
    sa.Column('sleep_quality', sa.SmallInteger(), nullable=True),
    sa.Column('woken_by_spasms', sa.SmallInteger(), nullable=True),
    sa.Column('water_glasses', sa.SmallInteger(), nullable=True),
    sa.Column('stress', sa.SmallInteger(), nullable=True),
    sa.Column('fatigue', sa.SmallInteger(), nullable=True),
    sa.Column('mood', sa.SmallInteger(), nullable=True),
    sa.Column('activity_level', sa.SmallInteger(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('activity_level IS NULL OR activity_level BETWEEN 0 AND 10',
        name=op.f('ck_checkin_activity_level')),
    sa.CheckConstraint('fatigue IS NULL OR fatigue BETWEEN 0 AND 10', name=op.f('ck_checkin_fatigue')),
    sa.CheckConstraint('mood IS NULL OR mood BETWEEN 0 AND 10', name=op.f('ck_checkin_mood')),
    sa.CheckConstraint('sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24',
        name=op.f('ck_checkin_sleep_hours')),
    sa.CheckConstraint('sleep_quality IS NULL OR sleep_quality BETWEEN 0 AND 10',
        name=op.f('ck_checkin_sleep_quality')),
    sa.CheckConstraint('stress IS NULL OR stress BETWEEN 0 AND 10', name=op.f('ck_checkin_stress')),
    sa.CheckConstraint('water_glasses IS NULL OR water_glasses BETWEEN 0 AND 50',
        name=op.f('ck_checkin_water_glasses')),
    sa.CheckConstraint('woken_by_spasms IS NULL OR woken_by_spasms BETWEEN 0 AND 50',
        name=op.f('ck_checkin_woken_by_spasms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin')),
    sa.UniqueConstraint('day', name=op.f('uq_checkin_day'))
    )
    meta = op.create_table('fibromap_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_fibromap_meta'))
    )
    # The mark that tells FibroMap a database is its own.
    op.bulk_insert(meta, [{'key': 'application', 'value': 'fibromap'}])
    op.create_table('medication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('dose', sa.String(length=120), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('stop', sa.Date(), nullable=True),
    sa.CheckConstraint('stop IS NULL OR stop >= start', name=op.f('ck_medication_stop_after_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_medication'))
    )
    op.create_table('term',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('trigger', 'quality', 'treatment', 'context')", name=op.f('ck_term_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_term')),
    sa.UniqueConstraint('kind', 'key', name='uq_term_kind_key')
    )
    op.create_table('checkin_food',
    sa.Column('checkin_id', sa.Integer(), nullable=False),
    sa.Column('food', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['checkin_id'], ['checkin.id'],
        name=op.f('fk_checkin_food_checkin_id_checkin'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('checkin_id', 'food', name=op.f('pk_checkin_food'))
    )
    op.create_table('flare',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('onset_utc', sa.DateTime(), nullable=False),
    sa.Column('utc_offset_min', sa.Integer(), nullable=False),
    sa.Column('onset_local', sa.DateTime(), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('context_id', sa.Integer(), nullable=True),
    sa.Column('impact_walking', sa.SmallInteger(), nullable=True),
    sa.Column('impact_fine_motor', sa.SmallInteger(), nullable=True),
    sa.Column('impact_sleep', sa.SmallInteger(), nullable=True),
    sa.Column('impact_work', sa.SmallInteger(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.Column('modified_utc', sa.DateTime(), nullable=False),
    sa.CheckConstraint('duration_s IS NULL OR duration_s > 0', name=op.f('ck_flare_duration')),
    sa.CheckConstraint('impact_fine_motor IS NULL OR impact_fine_motor BETWEEN 0 AND 3',
        name=op.f('ck_flare_impact_fine_motor')),
    sa.CheckConstraint('impact_sleep IS NULL OR impact_sleep BETWEEN 0 AND 3',
        name=op.f('ck_flare_impact_sleep')),
    sa.CheckConstraint('impact_walking IS NULL OR impact_walking BETWEEN 0 AND 3',
        name=op.f('ck_flare_impact_walking')),
    sa.CheckConstraint('impact_work IS NULL OR impact_work BETWEEN 0 AND 3',
        name=op.f('ck_flare_impact_work')),
    sa.CheckConstraint('utc_offset_min BETWEEN -1080 AND 1080', name=op.f('ck_flare_utc_offset')),
    sa.ForeignKeyConstraint(['context_id'], ['term.id'],
        name=op.f('fk_flare_context_id_term'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flare'))
    )
    with op.batch_alter_table('flare', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flare_onset_local'), ['onset_local'], unique=False)
        batch_op.create_index(batch_op.f('ix_flare_onset_utc'), ['onset_utc'], unique=False)

    op.create_table('flare_term',
    sa.Column('flare_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['flare_id'], ['flare.id'],
        name=op.f('fk_flare_term_flare_id_flare'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'],
        name=op.f('fk_flare_term_term_id_term'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('flare_id', 'term_id', name=op.f('pk_flare_term'))
    )
    with op.batch_alter_table('flare_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flare_term_term_id'), ['term_id'], unique=False)

    op.create_table('site',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flare_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('region', sa.String(length=64), nullable=False),
    sa.Column('intensity', sa.SmallInteger(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.CheckConstraint("role IN ('spasm', 'trigger_point', 'referred')", name=op.f('ck_site_role')),
    sa.CheckConstraint('intensity BETWEEN 0 AND 10', name=op.f('ck_site_intensity')),
    sa.ForeignKeyConstraint(['flare_id'], ['flare.id'],
        name=op.f('fk_site_flare_id_flare'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site')),
    sa.UniqueConstraint('flare_id', 'region', name='uq_site_flare_region')
    )
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.create_index('ix_site_region', ['region'], unique=False)

    op.create_table('treatment_use',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flare_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('relief', sa.SmallInteger(), nullable=True),
    sa.Column('medication', sa.String(length=120), nullable=False),
    sa.Column('dose', sa.String(length=120), nullable=False),
    sa.CheckConstraint('relief IS NULL OR relief BETWEEN 0 AND 10', name=op.f('ck_treatment_use_relief')),
    sa.ForeignKeyConstraint(['flare_id'], ['flare.id'],
        name=op.f('fk_treatment_use_flare_id_flare'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['term.id'],
        name=op.f('fk_treatment_use_term_id_term'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_treatment_use'))
    )
    with op.batch_alter_table('treatment_use', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_treatment_use_flare_id'), ['flare_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_treatment_use_term_id'), ['term_id'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('flare_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('source_site_id', sa.Integer(), nullable=False),
    sa.Column('target_site_id', sa.Integer(), nullable=False),
    sa.Column('intensity', sa.SmallInteger(), nullable=False),
    sa.CheckConstraint('intensity BETWEEN 0 AND 10', name=op.f('ck_referral_intensity')),
    sa.CheckConstraint('source_site_id <> target_site_id', name=op.f('ck_referral_distinct_sites')),
    sa.ForeignKeyConstraint(['flare_id'], ['flare.id'],
        name=op.f('fk_referral_flare_id_flare'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_site_id'], ['site.id'],
        name=op.f('fk_referral_source_site_id_site'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_site_id'], ['site.id'],
        name=op.f('fk_referral_target_site_id_site'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral')),
    sa.UniqueConstraint('source_site_id', 'target_site_id', name='uq_referral_link')
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_flare_id'), ['flare_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_target_site_id'), ['target_site_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_target_site_id'))
        batch_op.drop_index(batch_op.f('ix_referral_flare_id'))

    op.drop_table('referral')
    with op.batch_alter_table('treatment_use', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_treatment_use_term_id'))
        batch_op.drop_index(batch_op.f('ix_treatment_use_flare_id'))

    op.drop_table('treatment_use')
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.drop_index('ix_site_region')

    op.drop_table('site')
    with op.batch_alter_table('flare_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flare_term_term_id'))

    op.drop_table('flare_term')
    with op.batch_alter_table('flare', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flare_onset_utc'))
        batch_op.drop_index(batch_op.f('ix_flare_onset_local'))

    op.drop_table('flare')
    op.drop_table('checkin_food')
    op.drop_table('term')
    op.drop_table('medication')
    op.drop_table('fibromap_meta')
    op.drop_table('checkin')
