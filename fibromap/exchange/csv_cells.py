"""Reading the cells of a FibroMap CSV file (exchange/csv_format.py): whole numbers,
ratings that may be empty, word lists, treatments, times; a complaint names its cell."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import unquote

from fibromap.domain.flare import TreatmentUse
from fibromap.errors import FibroMapError
from fibromap.i18n import _

DIGITS = re.compile(r"[0-9]{1,9}\Z")

# Text a spreadsheet would run as a formula starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The apostrophe rule, for every text cell (notes, foods): on export, text that starts with
# = + - @ tab CR, or with an apostrophe, gets an apostrophe in front (a spreadsheet shows
# the text and runs nothing); on import, exactly one leading apostrophe comes off again,
# so every text comes back as it was. A cell starting with an apostrophe and then anything
# else was never written so: it is from an export made before apostrophes were doubled
# (a note "'tis" left as it was) and is kept whole, as then.
ESCAPED_STARTS = (*FORMULA_STARTS, "'")


def spreadsheet_text(text: str) -> str:
    """A text as its cell is written (the apostrophe rule)."""
    return "'" + text if text.startswith(ESCAPED_STARTS) else text


def text_of_cell(cell: str) -> str:
    """The text a cell was written from (the apostrophe rule, undone)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(ESCAPED_STARTS) else cell


def joined(texts) -> str:
    """Texts in one cell, separated by "; "; a semicolon or backslash inside a text is
    written after a backslash (a food "tea; milk" stays one food)."""
    return "; ".join(text.replace("\\", "\\\\").replace(";", "\\;") for text in texts)


def split_joined(cell: str) -> list[str]:
    """The texts a cell was written from by ``joined`` (a backslash before anything but a
    semicolon or a backslash is kept: older exports wrote them bare)."""
    texts, part, index = [], [], 0
    while index < len(cell):
        char = cell[index]
        if char == "\\" and cell[index + 1:index + 2] in (";", "\\"):
            part.append(cell[index + 1])
            index += 2
            continue
        if char == ";":
            texts.append("".join(part))
            part = []
        else:
            part.append(char)
        index += 1
    texts.append("".join(part))
    return [text.strip() for text in texts if text.strip()]


def whole(cell: str) -> int:
    if not DIGITS.match(cell):
        raise ValueError(_("{cell} is not a whole number (plain digits)").format(cell=repr(cell)))
    return int(cell)


def rating(cell: str) -> int | None:
    """An intensity, or None for an empty cell (a referred zone not rated)."""
    return whole(cell) if cell else None


def truth(cell: str) -> bool:
    if cell not in ("true", "false"):
        raise ValueError(_("{cell} should be true or false").format(cell=repr(cell)))
    return cell == "true"


def word_keys(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def pairs(cell: str) -> list[tuple[str, str]]:
    pairs = []
    for part in word_keys(cell):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(_("{part} should be name=value").format(part=repr(part)))
        pairs.append((key.strip(), value.strip()))
    return pairs


def parse_treatments(cell: str) -> tuple[TreatmentUse, ...]:
    uses = []
    for key, rest in pairs(cell):
        relief, _sep, bracket = rest.partition("[")
        medication = dose = ""
        if bracket:
            if not bracket.endswith("]") or "|" not in bracket:
                raise ValueError(_("medication in {cell} should look like [name|dose]").format(
                    cell=repr(rest)))
            medication, dose = (unquote(v) for v in bracket[:-1].split("|", 1))
        relief = relief.strip()
        uses.append(TreatmentUse(key, whole(relief) if relief else None, medication, dose))
    return tuple(uses)


class CellProblem(Exception):
    def __init__(self, line: int, column: str, message: str):
        super().__init__(message)
        self.line, self.column = line, column


def moment(cell: str, line: int, column: str) -> datetime | None:
    if not cell:
        return None
    try:
        moment = datetime.fromisoformat(cell)
    except ValueError:
        raise CellProblem(line, column, _("{cell} is not a date and time").format(
            cell=repr(cell))) from None
    if moment.tzinfo is None:
        raise CellProblem(line, column, _("{cell} has no UTC offset").format(cell=repr(cell)))
    return moment


def at_cell(line: int, column: str, read, cell: str):
    """``read(cell)``, with any complaint placed at this line and column."""
    try:
        return read(cell)
    except (FibroMapError, ValueError, TypeError, OverflowError) as exc:
        raise CellProblem(line, column, str(exc)) from None
