"""The time zone each device's times were placed in, where its export names none
(Gadgetbridge; a Fitbit file without the profile), so that importing again under another
time zone changes nothing.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('device_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('app', sa.String(length=40), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_zone')),
    sa.UniqueConstraint('app', 'device', name='uq_device_zone_source')
    )


def downgrade() -> None:
    op.drop_table('device_zone')
