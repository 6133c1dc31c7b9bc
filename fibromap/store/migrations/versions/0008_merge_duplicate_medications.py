"""The same medication is stored once: copies merged, then a unique index.

Pressing Add twice used to store a medication (name, dose and start, as typed) twice, and
an export of such a database was refused on import. The copies of each are merged into the
first (the lowest id): its stop date becomes a stop date typed in any copy, the later if
several (a stop typed beats the "still taking" a copy was left with), as
domain.daily.later_stop does. Nothing points at a medication row (a flare's treatment
names its medication in words), so nothing else changes. Plain SQL throughout: the models
of later versions never run here.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

MEDICATION = sa.table("medication", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("dose", sa.String), sa.column("start", sa.Date),
                      sa.column("stop", sa.Date))


def upgrade() -> None:
    connection = op.get_bind()
    table = MEDICATION
    groups: dict[tuple, list] = {}
    for row in connection.execute(sa.select(table.c.id, table.c.name, table.c.dose,
                                            table.c.start, table.c.stop).order_by(table.c.id)):
        groups.setdefault((row.name, row.dose, row.start), []).append(row)
    for rows in groups.values():
        if len(rows) == 1:
            continue
        stops = [row.stop for row in rows if row.stop is not None]
        connection.execute(table.update().where(table.c.id == rows[0].id)
                           .values(stop=max(stops) if stops else None))
        connection.execute(table.delete().where(table.c.id.in_([row.id for row in rows[1:]])))
    op.create_index('uq_medication_name_dose_start', 'medication', ['name', 'dose', 'start'],
                    unique=True)


def downgrade() -> None:
    # The merged copies stay merged: which one a stop date came from is not kept.
    op.drop_index('uq_medication_name_dose_start', table_name='medication')
