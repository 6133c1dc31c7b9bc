"""Each device record's fingerprint, so that `fibromap check` sees a value changed on disk.

Every stored night and day of steps gets domain.device_data.device_fingerprint of its
values, read as they are stored. Plain SQL tables throughout: the models of later versions
never run here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

from fibromap.domain.device_data import SLEEP_MARKED, STEPS_MARKED, device_fingerprint

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TYPES = {"start_utc": sa.DateTime, "end_utc": sa.DateTime, "day": sa.Date, "nap": sa.Boolean}


def _mark(name: str, columns: tuple[str, ...]) -> None:
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=20), nullable=True))
    table = sa.table(name, sa.column("id"), sa.column("fingerprint"),
                     *(sa.column(c, TYPES[c]()) if c in TYPES else sa.column(c) for c in columns))
    connection = op.get_bind()
    rows = connection.execute(sa.select(table.c.id, *(table.c[c] for c in columns))).all()
    marks = [{"row": row[0], "mark": device_fingerprint(row[1:])} for row in rows]
    if marks:
        connection.execute(table.update().where(table.c.id == sa.bindparam("row"))
                           .values(fingerprint=sa.bindparam("mark")), marks)


def upgrade() -> None:
    _mark("device_sleep", SLEEP_MARKED)
    _mark("device_steps", STEPS_MARKED)


def downgrade() -> None:
    for name in ("device_steps", "device_sleep"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('fingerprint')
