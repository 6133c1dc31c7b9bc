"""Built-in words are known by their ids and shown in the person's language.

A built-in word (trigger, pain quality, treatment, activity) whose stored label is still
its English built-in label has nothing of its own: its label becomes '' ("not renamed"),
and FibroMap shows it by its key in the chosen language (domain.vocabulary.shown_word).
A built-in word the person renamed keeps the name they gave it, and the words the person
added keep theirs, as typed. Flares name words by their ids already: nothing else changes.

'' rather than NULL: making ``term.label`` nullable would rebuild the table on SQLite,
and dropping the old ``term`` is refused there while flares refer to its rows (ON DELETE
RESTRICT, foreign keys on inside the migration's transaction). The column stays as it is
on both SQLite and PostgreSQL; only rows change.

Downgrading gives each '' its English label again, as older versions stored it. The
labels are those of this revision, written out here: a later version's own English may
differ, and its data must still upgrade and downgrade as stored at 0013.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

NOT_RENAMED = ""
BUILTIN = {
    "trigger": (
        ("stress", "Stress"), ("anxiety", "Anxiety"), ("poor_sleep", "Poor sleep"),
        ("overexertion", "Overexertion"), ("standing_long", "Standing too long"),
        ("sitting_long", "Sitting too long"), ("bump", "A bump or knock"),
        ("weather_change", "Weather change"), ("cold", "Cold"), ("dehydration", "Dehydration"),
        ("caffeine", "Caffeine"), ("meal", "A meal"),
    ),
    "quality": (
        ("cramping", "Cramping"), ("vice_like", "Vice-like squeezing"),
        ("stabbing", "Stabbing / knife-like"), ("shooting", "Shooting / lightning"),
        ("throbbing", "Throbbing"), ("burning", "Burning"), ("aching", "Aching"),
        ("twitching", "Twitching or rippling beforehand"),
    ),
    "treatment": (
        ("heat", "Heat"), ("ice", "Ice"), ("stretching", "Stretching"),
        ("massage", "Massage / foam roller / ball"), ("epsom_bath", "Epsom salt bath"),
        ("topical_cream", "Topical cream"), ("water", "Water"), ("walk", "A walk"),
        ("medication", "Medication"),
    ),
    "context": (
        ("lying", "Lying down"), ("sitting", "Sitting"), ("standing", "Standing"),
        ("walking", "Walking"), ("driving", "Driving"), ("exercising", "Exercising"),
        ("asleep", "Asleep"),
    ),
}
TERM = sa.table("term", sa.column("id", sa.Integer()), sa.column("kind", sa.String()),
                sa.column("key", sa.String()), sa.column("label", sa.String()),
                sa.column("builtin", sa.Boolean()))
WORDS = [{"w_kind": kind, "w_key": key, "w_label": label}
         for kind, pairs in BUILTIN.items() for key, label in pairs]


def _matching(label) -> sa.Update:
    return sa.update(TERM).where(TERM.c.kind == sa.bindparam("w_kind"),
                                 TERM.c.key == sa.bindparam("w_key"), TERM.c.label == label)


def upgrade() -> None:
    op.get_bind().execute(_matching(sa.bindparam("w_label")).where(TERM.c.builtin.is_(True))
                          .values(label=NOT_RENAMED), WORDS)


def downgrade() -> None:
    connection = op.get_bind()
    connection.execute(_matching(NOT_RENAMED).values(label=sa.bindparam("w_label")), WORDS)
    # None should be left (every built-in word of 0014 is above); a label from the key
    # rather than an empty one, which older versions refuse.
    for row_id, key in connection.execute(sa.select(TERM.c.id, TERM.c.key)
                                          .where(TERM.c.label == NOT_RENAMED)).all():
        connection.execute(sa.update(TERM).where(TERM.c.id == row_id)
                           .values(label=key.replace("_", " ").capitalize()))
