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
    """The database cannot be opened, read or written.

    ``problem`` is what is wrong without the sentence that names the newest good backup
    and how to restore it, which the message may end with (the restore offer asks
    instead): each is a whole sentence in the person's language, never cut apart.
    """

    def __init__(self, message: str, problem: str | None = None):
        super().__init__(message)
        self.problem = message if problem is None else problem


class DatabaseRefused(DatabaseError):
    """The database is not one FibroMap may open: foreign, newer or unreadable.

    The file is left exactly as it was.
    """


class DatabaseDamaged(DatabaseRefused):
    """The database file is damaged; the newest good backup holds the records until then.

    The file is left exactly as it was.
    """


class ReadOnlyDatabase(DatabaseError):
    """The database is in a place FibroMap may not write: it can be read, not changed."""


class ChangedElsewhere(DatabaseError):
    """A record was changed or removed by another window or program since it was opened;
    the change was not saved, so nobody's work is overwritten.

    ``current`` is the record as it is saved now (None when it was deleted): making that
    the version one's change is based on lets a second save replace it knowingly.
    """

    def __init__(self, message: str, current=None):
        super().__init__(message)
        self.current = current


class DiskFull(DatabaseError):
    """There was no room on the disk to write: nothing was saved."""


class Cancelled(FibroMapError):
    """The person stopped the work; nothing was written."""
