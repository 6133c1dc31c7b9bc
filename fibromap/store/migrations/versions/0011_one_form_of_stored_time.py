"""One form of stored time: every time on SQLite as text with its microseconds.

Times written by the bulk paths (imports, the demo, device data) were stored by the
driver's own adapter, as '2026-12-01 00:00:00' when the microseconds were 0, while the
ORM and every period filter write '2026-12-01 00:00:00.000000'. As text the first sorts
before the second, so a flare at exactly midnight fell out of the day it belongs to.
Every such time gets its microseconds; PostgreSQL stores real timestamps and has nothing
to change.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Every DateTime column (store/schema.py), by table.
TIMES = {
    "flare": ("onset_utc", "onset_local", "created_utc", "modified_utc"),
    "note": ("modified_utc",),
    "device_sleep": ("start_utc", "end_utc"),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in TIMES.items():
        for column in columns:
            # 'YYYY-MM-DD HH:MM:SS' is 19 characters; the full form adds '.ffffff'.
            op.execute(f"UPDATE {table} SET {column} = {column} || '.000000' "
                       f"WHERE length({column}) = 19")


def downgrade() -> None:
    """Nothing to undo: every FibroMap reads the full form."""
