"""Sleep and steps from a watch, ring, band or phone, imported from its app's export.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device_sleep',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('app', sa.String(length=40), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('start_utc', sa.DateTime(), nullable=False),
    sa.Column('start_offset', sa.SmallInteger(), nullable=True),
    sa.Column('end_utc', sa.DateTime(), nullable=False),
    sa.Column('end_offset', sa.SmallInteger(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('in_bed_minutes', sa.SmallInteger(), nullable=False),
    sa.Column('asleep_minutes', sa.SmallInteger(), nullable=True),
    sa.Column('awake_minutes', sa.SmallInteger(), nullable=True),
    sa.Column('awakenings', sa.SmallInteger(), nullable=True),
    sa.Column('light_minutes', sa.SmallInteger(), nullable=True),
    sa.Column('deep_minutes', sa.SmallInteger(), nullable=True),
    sa.Column('rem_minutes', sa.SmallInteger(), nullable=True),
    sa.Column('nap', sa.Boolean(), nullable=False),
    sa.CheckConstraint('end_utc > start_utc', name=op.f('ck_device_sleep_ends_after_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_sleep')),
    sa.UniqueConstraint('app', 'device', 'start_utc', name='uq_device_sleep_start')
    )
    with op.batch_alter_table('device_sleep', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_sleep_day'), ['day'], unique=False)
    op.create_table('device_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('app', sa.String(length=40), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('steps', sa.Integer(), nullable=False),
    sa.CheckConstraint('steps >= 0', name=op.f('ck_device_steps_steps')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_steps')),
    sa.UniqueConstraint('app', 'device', 'day', name='uq_device_steps_day')
    )
    with op.batch_alter_table('device_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_steps_day'), ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('device_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_steps_day'))
    op.drop_table('device_steps')
    with op.batch_alter_table('device_sleep', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_sleep_day'))
    op.drop_table('device_sleep')
