"""What is wrong with a file being imported, in words that point at the place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fibromap.errors import FibroMapError
from fibromap.i18n import _, formats, ngettext

SHOWN = 10


@dataclass(frozen=True, slots=True)
class Problem:
    where: str      # "line 12, column intensity" or "flares[3].sites[0]"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportRefused(FibroMapError):
    """The file has problems; nothing was written. ``problems`` holds the first ones."""

    def __init__(self, source: str, problems: list[Problem], total: int | None = None):
        self.problems = problems[:SHOWN]
        self.total = total if total is not None else len(problems)
        first = self.problems[:3]
        listed = "; ".join(map(str, first))
        if self.total > len(first):
            more = self.total - len(first)
            listed = ngettext("{problems} (and {n} more)", "{problems} (and {n} more)",
                              more).format(problems=listed, n=formats.whole(more))
        super().__init__(_("{source} was not imported, nothing was written: {problems}").format(
            source=source, problems=listed))


def at_line(line: int) -> str:
    """Where a problem is: "line 12", in the person's language."""
    return _("line {n}").format(n=line)


def at_column(line: int | str, column: str) -> str:
    """"line 12, column intensity" (the column's name as the file has it)."""
    return _("line {n}, column {column}").format(n=line, column=column)


def csv_rows(text: str, problems: Collector, read: dict[str, int] | None = None):
    """(line number, cells) for each CSV row of ``text``, numbered by the line it starts
    on (a quoted cell may span lines); a row the csv module cannot read is a problem.
    ``read["at"]``, if given, follows how many characters have been read."""
    import csv

    # A note may be long (the module's default limit is 128 KiB a field); the file's own
    # size is capped before it is read.
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(_lines(text, {} if read is None else read))
    while True:
        starts = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.add(at_line(starts), _("not valid CSV ({reason})").format(reason=exc))
            return
        yield starts, row


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


def _lines(text: str, read: dict[str, int]) -> Iterator[str]:
    """The lines of ``text`` one at a time, each with its ending, as a file opened with
    newline="" gives them to the csv module, without copying the text (a StringIO of it
    would take four bytes a character)."""
    for match in _LINE.finditer(text):
        if not match.end() > match.start():
            return
        read["at"] = match.end()
        yield match.group()


LONGEST = 200  # characters of one reason


class Collector:
    """Gathers problems while a file is read, so the person sees the first few at once:
    those are kept, the rest only counted (a file of a million wrong flares does not
    make a million problems in memory)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []  # the first SHOWN
        self.total = 0

    def add(self, where: str, message: str) -> None:
        """A problem at ``where``; a reason quoting a huge value is cut short."""
        self.total += 1
        if len(self.problems) >= SHOWN:
            return
        if len(message) > LONGEST:
            message = message[:LONGEST - 1] + "…"
        self.problems.append(Problem(where, message))

    def check(self, source: str) -> None:
        if self.problems:
            raise ImportRefused(source, self.problems, self.total)
