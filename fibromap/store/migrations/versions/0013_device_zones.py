"""The time zone each device's times were placed in, where its export names none
(Gadgetbridge; a Fitbit file without the profile), so that importing again under another
time zone changes nothing.

The Gadgetbridge and Fitbit devices already stored were placed in a zone not remembered
(this computer's then, or a profile's, or none): each is marked with a zone whose name is
not known (''), so that its next import counts its days once, in the zone it names.

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

PLACED_BY_THE_IMPORT = ("Gadgetbridge", "Fitbit")  # apps whose exports name no zone (all or some)


def upgrade() -> None:
    zones = op.create_table('device_zone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('app', sa.String(length=40), nullable=False),
    sa.Column('device', sa.String(length=120), nullable=False),
    sa.Column('zone', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_zone')),
    sa.UniqueConstraint('app', 'device', name='uq_device_zone_source')
    )
    sources: set[tuple[str, str]] = set()
    connection = op.get_bind()
    for name in ("device_sleep", "device_steps"):
        table = sa.table(name, sa.column("app"), sa.column("device"))
        sources |= {(app, device) for app, device in connection.execute(
            sa.select(table.c.app, table.c.device).distinct()
            .where(table.c.app.in_(PLACED_BY_THE_IMPORT)))}
    if sources:
        connection.execute(zones.insert(), [{"app": app, "device": device, "zone": ""}
                                            for app, device in sorted(sources)])


def downgrade() -> None:
    op.drop_table('device_zone')
