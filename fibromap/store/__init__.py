"""Persistence: SQLAlchemy models, queries and Alembic migrations (no Qt)."""
