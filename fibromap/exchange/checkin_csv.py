"""FibroMap check-in CSV: one row per day with a check-in, for a spreadsheet.

Columns, in order (UTF-8, comma-separated, a header row first, rows ending in CRLF):

    day                 YYYY-MM-DD
    pain                overall pain that day, 0 (none) to 10 (worst imaginable)
    stiffness           0 (none) to 10 (very stiff)
    fibro_fog           thinking and memory, 0 (no problem), 1 (mild), 2 (moderate),
                        3 (severe): the ACR 2016 symptom severity levels
    waking_unrefreshed  0 to 3, the same levels
    sleep_hours         hours slept the night before (a decimal point, e.g. 6.5)
    sleep_quality       0 (very poor) to 10 (very good)
    woken_by_spasms     times woken by spasms that night
    water_glasses, stress (0–10), fatigue (0–10), mood (0–10), activity_level (0–10)
    foods               separated by "; " (a semicolon or backslash in a food written
                        after a backslash)
    notes

An empty cell is a question not answered that day, never 0; foods and notes follow the
apostrophe rule against spreadsheet formulas (csv_cells.py). The same file imports again;
a day that already has a check-in keeps it.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any, TextIO

from fibromap.domain.daily import SCALES, CheckIn
from fibromap.domain.records import Records
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import check_records
from fibromap.exchange.csv_cells import joined, split_joined, spreadsheet_text, text_of_cell
from fibromap.exchange.formats import Parsed, ReadChoices
from fibromap.exchange.problems import Collector, at_column, at_line, csv_rows
from fibromap.i18n import _, ngettext
from fibromap.store.store import Store

ANSWERS = ("pain", "stiffness", "fibro_fog", "waking_unrefreshed", "sleep_hours",
           "sleep_quality", "woken_by_spasms", "water_glasses", "stress", "fatigue", "mood",
           "activity_level")
COLUMNS = ("day", *ANSWERS, "foods", "notes")
WHOLE = re.compile(r"[0-9]{1,3}\Z")
DECIMAL = re.compile(r"[0-9]{1,2}(\.[0-9]{1,3})?\Z")
# A check-in's complaint names its field in words ("fibro fog must be…"): its column.
FIELD_COLUMNS = {label: name for name, label, _high in SCALES} | {
    "sleep hours": "sleep_hours", "times woken by spasms": "woken_by_spasms",
    "glasses of water": "water_glasses", "food": "foods", "foods": "foods", "notes": "notes"}
ROWS_MAX = 100_000  # more days than anyone has lived twice over: not a check-in file


def _number(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def write(handle: TextIO, checkins: list[CheckIn]) -> None:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in sorted(checkins, key=lambda c: c.day):
        writer.writerow([c.day.isoformat(), *(_number(getattr(c, n)) for n in ANSWERS),
                         spreadsheet_text(joined(sorted(c.foods))), spreadsheet_text(c.notes)])


def write_export(store: Store, handle: TextIO) -> None:
    """Every check-in, a row a day."""
    write(handle, store.checkins.between())


def dumps(checkins: list[CheckIn]) -> str:
    out = io.StringIO()
    write(out, checkins)
    return out.getvalue()


def recognises(text: str) -> bool:
    """A check-in CSV starts with its header's first columns."""
    return text.lstrip("\ufeff").lstrip().startswith("day,pain,")


def _answer(column: str, cell: str) -> float | int | None:
    cell = cell.strip()
    if not cell:
        return None
    if column == "sleep_hours":
        if not DECIMAL.match(cell):
            raise ValueError(_("{cell} is not a number of hours like 6.5").format(cell=repr(cell)))
        return float(cell)
    if not WHOLE.match(cell):
        raise ValueError(_("{cell} is not a whole number (plain digits), nor empty for "
                           "not answered").format(cell=repr(cell)))
    return int(cell)


def _checkin(line: int, row: list[str], problems: Collector) -> CheckIn | None:
    before = problems.total
    try:
        day = date.fromisoformat(row[0].strip())
    except ValueError:
        problems.add(at_column(line, "day"), _("{cell} is not a date like 2026-03-01").format(
            cell=repr(row[0])))
    answers: dict[str, Any] = {}
    for column, cell in zip(ANSWERS, row[1:], strict=False):
        try:
            answers[column] = _answer(column, cell)
        except ValueError as exc:
            problems.add(at_column(line, column), str(exc))
    if problems.total > before:
        return None
    foods = frozenset(split_joined(text_of_cell(row[-2])))
    try:
        return CheckIn(day, foods=foods, notes=text_of_cell(row[-1]), **answers)
    except FibroMapError as exc:
        field = getattr(exc, "field", None) or ""
        problems.add(at_column(line, FIELD_COLUMNS.get(field, field)), str(exc))
        return None


def parse(text: str, source: str | None = None) -> Records:
    """The check-ins of a check-in CSV, or ImportRefused naming each line and column."""
    source = _("the file") if source is None else source
    problems = Collector()
    rows = csv_rows(text.lstrip("\ufeff"), problems)
    _line, header = next(rows, (1, []))
    if tuple(h.strip() for h in header) != COLUMNS:
        problems.add(at_line(1), _("the header is not FibroMap's check-in CSV header (see the "
                                   "documentation)"))
        problems.check(source)
    checkins, lines = [], []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if line > ROWS_MAX:
            problems.add(at_line(line), _("more rows than any check-in export could hold"))
            break
        if len(row) != len(COLUMNS):
            problems.add(at_line(line), ngettext(
                "has {n} columns, expected {expected}", "has {n} columns, expected {expected}",
                len(row)).format(n=len(row), expected=len(COLUMNS)))
            continue
        checkin = _checkin(line, row, problems)
        if checkin is not None:
            checkins.append(checkin)
            lines.append(line)
    records = Records(checkins=checkins)
    if not problems.problems:
        check_records(records, problems,
                      lambda _name, index, column: at_column(lines[index], column))
    problems.check(source)
    return records


def read_records(text: str, source: str, choices: ReadChoices) -> Parsed:
    return Parsed(parse(text, source))
