"""Helpers shared by the tests: records, a PostgreSQL server, big histories, dialogs."""
