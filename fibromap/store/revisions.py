"""FibroMap's schema revisions (Alembic's, in migrations/) and what messages call a
database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The newest schema revision (the last file in migrations/versions/): known without
# loading Alembic, which a start only needs when the schema must change (checked against
# Alembic's own head by tests/store/test_database.py).
HEAD_REVISION = "0014"


def alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD_REVISION


def known_revision(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def describe_url(url: URL) -> str:
    """What the status bar and messages call this database (never a password)."""
    if url.get_backend_name() == "sqlite":
        from fibromap.i18n import _  # here: the schema's head above is edited by many branches

        return url.database or _("in-memory database")
    return url.render_as_string(hide_password=True)
