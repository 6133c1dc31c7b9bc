"""Heat-map aggregates, trends, patterns, WPI/SSS and insights (no Qt, no SQLAlchemy)."""
