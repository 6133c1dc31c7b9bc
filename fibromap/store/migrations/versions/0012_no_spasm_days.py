"""Days marked "no spasms today": a day observed with no flare, given in one click.

Without them a day with no record at all cannot be told from a day without spasms, so
the insights leave out every day that has no flare, no check-in and no such mark.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('no_spasm_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_no_spasm_day')),
    sa.UniqueConstraint('day', name=op.f('uq_no_spasm_day_day'))
    )


def downgrade() -> None:
    op.drop_table('no_spasm_day')
