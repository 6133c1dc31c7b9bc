"""Errors that carry a message meant for the person using FibroMap."""


class FibroMapError(Exception):
    """A problem the user can understand and act on.

    ``str(error)`` is one line, written for a person, never for a developer.
    """

    exit_code = 1


class ValidationError(FibroMapError, ValueError):
    """A value someone entered is out of range or malformed."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class DatabaseError(FibroMapError):
    """The database cannot be opened, read or written."""


class DatabaseRefused(DatabaseError):
    """The database is not one FibroMap may open: foreign, newer or unreadable.

    The file is left exactly as it was.
    """
