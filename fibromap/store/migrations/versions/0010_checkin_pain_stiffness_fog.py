"""The check-in asks what clinicians and other pain diaries ask: overall pain today (0–10),
stiffness (0–10), thinking and memory ("fibro fog", 0–3) and waking unrefreshed (0–3).

Four nullable columns: a check-in saved before has them unanswered (NULL), never 0. On
SQLite each column is added with its check in one ALTER TABLE: batch mode would rebuild
the table, and dropping the old one (foreign keys on) would cascade to every check-in's
foods.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

COLUMNS = (("pain", 10), ("stiffness", 10), ("fibro_fog", 3), ("waking_unrefreshed", 3))


def _check(column: str, high: int) -> str:
    return f"{column} IS NULL OR {column} BETWEEN 0 AND {high}"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, high in COLUMNS:
        if sqlite:
            op.execute(f"ALTER TABLE checkin ADD COLUMN {column} SMALLINT "
                       f"CONSTRAINT ck_checkin_{column} CHECK ({_check(column, high)})")
        else:
            op.add_column('checkin', sa.Column(column, sa.SmallInteger(), nullable=True))
            op.create_check_constraint(op.f(f'ck_checkin_{column}'), 'checkin',
                                       _check(column, high))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, _high in reversed(COLUMNS):
        if not sqlite:  # SQLite's check belongs to the column and goes with it
            op.drop_constraint(op.f(f'ck_checkin_{column}'), 'checkin', type_='check')
        # A plain DROP COLUMN (SQLite 3.35+), for the same reason as above.
        op.drop_column('checkin', column)
