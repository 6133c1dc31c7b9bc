"""Flares known only to the day, and daily ratings of symptoms with no body part.

Both come from other apps' exports (Flaredown rates each symptom once a day): a day-only
flare is left out of hour-of-day figures, and a symptom such as fatigue or brain fog is
kept as a rating of its day instead of being dropped.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('flare', sa.Column('day_only', sa.Boolean(), server_default=sa.false(),
                                     nullable=False))
    op.create_table('symptom_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('symptom', sa.String(length=80), nullable=False),
    sa.Column('rating', sa.SmallInteger(), nullable=False),
    sa.Column('source', sa.String(length=80), nullable=False),
    sa.CheckConstraint('rating BETWEEN 0 AND 10', name=op.f('ck_symptom_rating_rating')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_symptom_rating')),
    sa.UniqueConstraint('day', 'symptom', name='uq_symptom_rating_day_symptom')
    )
    with op.batch_alter_table('symptom_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_symptom_rating_day'), ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('symptom_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_symptom_rating_day'))
    op.drop_table('symptom_rating')
    # A plain DROP COLUMN (SQLite 3.35+): the batch way would rebuild the flare table, and
    # dropping the old one would cascade to every site, referral and treatment.
    op.drop_column('flare', 'day_only')
