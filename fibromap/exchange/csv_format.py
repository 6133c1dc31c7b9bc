"""FibroMap CSV: one row per body region marked, with its flare's columns beside it.

Columns, in order (UTF-8, comma-separated, a header row first):

    flare_id            the same for every row of one flare (a fingerprint of it)
    onset               ISO 8601 with the UTC offset in force then, e.g. 2026-03-01T03:15:00+01:00
    local_date, local_time, utc_offset_minutes   the same onset, split for spreadsheets
                        (a flare known only to the day has just the date, 2026-03-01, as
                        its onset and local_date, and no local time or offset)
    duration_seconds    empty when no end was given (still going, or not recorded)
    context             what the person was doing (a word key, e.g. asleep)
    qualities, triggers word keys separated by "; "
    treatments          "key=relief" separated by "; ", relief empty if not given, the
                        medication and dose in brackets: "medication=6 [Ibuprofen|400 mg]"
    impacts             "area=level" (0 none – 3 could not) separated by "; "
    notes, created, modified
    region, region_name, intensity (0–10), role (spasm, trigger_point, referred)
    referred_from       for a referred zone: "source_region=intensity" separated by "; "
    sites_in_flare      how many rows the flare has: a file cut short inside a flare is
                        refused rather than imported as part of it

Text inside treatments that would clash with ; = [ ] | is percent-encoded. Rows end in
CRLF (RFC 4180), so a line break or a lone carriage return inside a note is quoted.
Whole numbers are plain digits. On import, local_date, local_time, utc_offset_minutes
and region_name must agree with onset and region (region_name may be a name the region
had when an older version wrote the file), and flare_id with the flare's contents.
Files written before sites_in_flare (18 columns after flare_id) are still read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TextIO
from urllib.parse import quote, unquote

from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite, TreatmentUse, day_only_onset
from fibromap.domain.records import Records, flare_fingerprint, in_export_order
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import EARLIEST, check_records, date_range_text, latest_day
from fibromap.exchange.formats import Parsed, ReadChoices
from fibromap.exchange.problems import Collector, csv_rows
from fibromap.store.bulk_flares import flares_in_chunks
from fibromap.store.store import Store

COLUMNS = ("flare_id", "onset", "local_date", "local_time", "utc_offset_minutes",
           "duration_seconds", "context", "qualities", "triggers", "treatments", "impacts",
           "notes", "created", "modified", "region", "region_name", "intensity", "role",
           "referred_from", "sites_in_flare")
COLUMNS_BEFORE_COUNTS = COLUMNS[:-1]
FLARE_COLUMNS = COLUMNS[:14]
ROLES = tuple(role.value for role in SiteRole)
DIGITS = re.compile(r"[0-9]{1,9}\Z")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# A Flare's complaint about a field, and the column that holds it.
FIELD_COLUMNS = {"sites": "region", "region": "region", "intensity": "intensity",
                 "role": "role", "referrals": "referred_from", "source": "referred_from",
                 "target": "referred_from", "duration in seconds": "duration_seconds",
                 "context": "context", "qualities": "qualities", "triggers": "triggers",
                 "treatment": "treatments", "treatments": "treatments", "relief": "treatments",
                 "impacts": "impacts", "notes": "notes", "onset": "onset",
                 "created": "created", "modified": "modified"}
# Left readable in a cell; everything else that could clash (; = [ ] | %) is percent-encoded.
SAFE = " -,'()/+*:&"


def _enc(text: str) -> str:
    return quote(text, safe=SAFE)


# A spreadsheet would run a cell that starts like a formula: such text gets a leading
# apostrophe on export, which import takes off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text_cell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _treatments(flare: Flare) -> str:
    parts = []
    for use in flare.treatments:
        part = f"{use.treatment}={'' if use.relief is None else use.relief}"
        if use.medication or use.dose:
            part += f" [{_enc(use.medication)}|{_enc(use.dose)}]"
        parts.append(part)
    return "; ".join(parts)


def write(handle: TextIO, flare_chunks: Iterable[list[tuple[Flare, str]]], atlas: Atlas) -> None:
    """The rows, written as they go (``flare_chunks`` of flares and their fingerprints,
    in export order)."""
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for chunk in flare_chunks:
        for flare, mark in chunk:
            day = flare.onset_local.date().isoformat()
            common = [
                mark, *((day, day, "", "") if flare.day_only else (
                    flare.onset.isoformat(), day, flare.onset_local.time().isoformat(),
                    flare.utc_offset_minutes)),
                "" if flare.duration_seconds is None else flare.duration_seconds,
                flare.context or "", "; ".join(sorted(flare.qualities)),
                "; ".join(sorted(flare.triggers)), _treatments(flare),
                "; ".join(f"{a.value}={v}" for a, v in sorted(flare.impacts.items())),
                _cell_text(flare.notes), flare.created.isoformat() if flare.created else "",
                flare.modified.isoformat() if flare.modified else "",
            ]
            writer.writerows(
                common + [site.region, atlas.name(site.region), site.intensity,
                          site.role.value,
                          "; ".join(f"{r.source}={r.intensity}" for r in flare.referrals
                                    if r.target == site.region), len(flare.sites)]
                for site in flare.sites)


def write_export(store: Store, handle: TextIO) -> None:
    """Every flare as FibroMap CSV, read a few thousand at a time."""
    write(handle, flares_in_chunks(store.database), load_atlas())


def dumps(records: Records, atlas: Atlas) -> str:
    out = io.StringIO()
    write(out, [[(flare, flare_fingerprint(flare))
                 for flare in in_export_order(records.flares)]], atlas)
    return out.getvalue()


def _whole(cell: str) -> int:
    if not DIGITS.match(cell):
        raise ValueError(f"{cell!r} is not a whole number (plain digits)")
    return int(cell)


def _keys(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _pairs(cell: str) -> list[tuple[str, str]]:
    pairs = []
    for part in _keys(cell):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"{part!r} should be name=value")
        pairs.append((key.strip(), value.strip()))
    return pairs


def _parse_treatments(cell: str) -> tuple[TreatmentUse, ...]:
    uses = []
    for key, rest in _pairs(cell):
        relief, _, bracket = rest.partition("[")
        medication = dose = ""
        if bracket:
            if not bracket.endswith("]") or "|" not in bracket:
                raise ValueError(f"medication in {rest!r} should look like [name|dose]")
            medication, dose = (unquote(v) for v in bracket[:-1].split("|", 1))
        relief = relief.strip()
        uses.append(TreatmentUse(key, _whole(relief) if relief else None, medication, dose))
    return tuple(uses)


class _CellProblem(Exception):
    def __init__(self, line: int, column: str, message: str):
        super().__init__(message)
        self.line, self.column = line, column


def _moment(cell: str, line: int, column: str) -> datetime | None:
    if not cell:
        return None
    try:
        moment = datetime.fromisoformat(cell)
    except ValueError:
        raise _CellProblem(line, column, f"{cell!r} is not a date and time") from None
    if moment.tzinfo is None:
        raise _CellProblem(line, column, f"{cell!r} has no UTC offset")
    return moment


def _cell(line: int, column: str, read, cell: str):
    """``read(cell)``, with any complaint placed at this line and column."""
    try:
        return read(cell)
    except (FibroMapError, ValueError, TypeError, OverflowError) as exc:
        raise _CellProblem(line, column, str(exc)) from None


def _onset(cell: str, line: int) -> tuple[datetime, bool]:
    """The onset, and whether it is known only to the day (a plain date)."""
    if DAY.match(cell):
        try:
            return day_only_onset(date.fromisoformat(cell)), True
        except ValueError:
            raise _CellProblem(line, "onset", f"{cell!r} is not a date") from None
    onset = _moment(cell, line, "onset")
    if onset is None:
        raise _CellProblem(line, "onset", "is empty")
    return onset, False


def _read_flare(rows: list[tuple[int, list[str]]], atlas: Atlas, counted: bool) -> Flare:
    first_line, first = rows[0]
    onset, day_only = _checked_onset(first_line, first)
    sites, referrals = _sites(rows, atlas, counted)
    duration = _cell(first_line, "duration_seconds", _whole, first[5]) if first[5] else None
    treatments = _cell(first_line, "treatments", _parse_treatments, first[9])
    impacts = _cell(first_line, "impacts", lambda c: {k: _whole(v) for k, v in _pairs(c)},
                    first[10])
    try:
        return Flare(
            onset=onset, day_only=day_only, duration_seconds=duration, sites=tuple(sites),
            referrals=tuple(referrals), context=first[6] or None,
            qualities=frozenset(_keys(first[7])), triggers=frozenset(_keys(first[8])),
            treatments=treatments, impacts=impacts, notes=_text_cell(first[11]),
            created=_moment(first[12], first_line, "created"),
            modified=_moment(first[13], first_line, "modified"))
    except FibroMapError as exc:
        field = getattr(exc, "field", None) or ""
        column = "impacts" if field.startswith("impact") else FIELD_COLUMNS.get(field, "onset")
        raise _CellProblem(first_line, column, str(exc)) from None


def _checked_onset(first_line: int, first: list[str]) -> tuple[datetime, bool]:
    """The onset of a flare's first row, in range and agreeing with its local columns."""
    onset, day_only = _onset(first[1], first_line)
    latest = latest_day()
    if not EARLIEST <= onset.date() <= latest:
        raise _CellProblem(first_line, "onset", f"{onset.date()} is outside "
                                                f"{date_range_text(latest)}")
    offset = onset.utcoffset()
    assert offset is not None, "_onset gives an aware time (one with no offset is refused)"
    local = {"local_date": onset.date().isoformat(), "local_time": onset.time().isoformat(),
             "utc_offset_minutes": str(int(offset.total_seconds()) // 60)}
    if day_only:
        local.update(local_time="", utc_offset_minutes="")
    for column, expected in local.items():
        cell = first[COLUMNS.index(column)]
        if cell != expected:
            raise _CellProblem(first_line, column, f"{cell!r} does not agree with the onset "
                                                   f"{first[1]} (expected {expected})")
    return onset, day_only


def _sites(rows: list[tuple[int, list[str]]], atlas: Atlas,
           counted: bool) -> tuple[list[SpasmSite], list[Referral]]:
    """A flare's sites and referrals, a row each; pain spreads only from its own sites."""
    sites, referrals, referred_on = [], [], []
    for line, row in rows:
        sites.append(_site(line, row, atlas))
        for source, value in _cell(line, "referred_from", _pairs, row[18]):
            if source not in atlas:
                raise _CellProblem(line, "referred_from", f"unknown body region {source!r}")
            referrals.append(_cell(line, "referred_from",
                                   lambda v, s=source, r=row[14]: Referral(s, r, _whole(v)),
                                   value))
            referred_on.append((line, source))
        if counted and _cell(line, "sites_in_flare", _whole, row[19]) != len(rows):
            raise _CellProblem(line, "sites_in_flare", f"says the flare has {row[19]} regions, "
                                                       f"but {len(rows)} of its rows are here: "
                                                       "the file may have been cut short")
    sources = {site.region for site in sites if site.role is not SiteRole.REFERRED}
    for line, source in referred_on:
        if source not in sources:
            raise _CellProblem(line, "referred_from", f"the pain cannot spread from {source}: "
                                                      "it is not a spasm or trigger point of "
                                                      "this flare")
    return sites, referrals


def _site(line: int, row: list[str], atlas: Atlas) -> SpasmSite:
    region = row[14]
    if region not in atlas:
        raise _CellProblem(line, "region", f"unknown body region {region!r}")
    if row[15] and not atlas.is_name_of(region, row[15]):  # a former name is fine too
        raise _CellProblem(line, "region_name", f"{row[15]!r} is not the name of {region} "
                                                f"({atlas.name(region)})")
    intensity = _cell(line, "intensity", _whole, row[16])
    if row[17] not in ROLES:
        raise _CellProblem(line, "role", f"unknown role {row[17]!r} (one of "
                                         f"{', '.join(ROLES)})")
    return _cell(line, "intensity", lambda c: SpasmSite(region, c, SiteRole(row[17])),
                 intensity)


def parse(text: str, source: str = "the file",
          progress: Callable[[int, int], None] | None = None) -> Records:
    """Records from FibroMap CSV; ``progress(done, total)`` hears how many characters of
    ``text`` have been read. A flare is built as soon as all its rows are in (its
    sites_in_flare says how many), so only the rows of unfinished flares are held."""
    problems = Collector()
    read = {"at": 0}
    rows = csv_rows(text, problems, read)
    _line, header = next(rows, (1, None))
    names = tuple(h.strip() for h in header) if header is not None else ()
    if names not in (COLUMNS, COLUMNS_BEFORE_COUNTS):
        problems.add("line 1", "the header is not FibroMap's CSV header (see the documentation)")
        problems.check(source)
    flares = _Flares(problems, names, lambda: progress(read["at"], len(text))
                     if progress is not None else None)
    for line_number, row in rows:
        if not flares.take(line_number, row):
            break
    records, lines = flares.finish()
    if not problems.problems:
        check_records(records, problems,
                      lambda _name, index, column: f"line {lines[index]}, column {column}")
    problems.check(source)
    return records


class _Flares:
    """The flares of a CSV file, each built once all its rows are in."""

    def __init__(self, problems: Collector, names: tuple[str, ...],
                 progress: Callable[[], None]):
        self.problems, self.names, self.progress = problems, names, progress
        self.counted = names == COLUMNS
        self.atlas = load_atlas()
        self.pending: dict[str, list[tuple[int, list[str]]]] = {}  # rows not all in yet
        self.finished: dict[str, int] = {}  # flares read, with their first lines
        self.built: list[tuple[int, Flare]] = []

    def take(self, line_number: int, row: list[str]) -> bool:
        """Take a row (a flare is built once it has them all); False: read no further."""
        if not any(cell.strip() for cell in row):
            return True
        if line_number > 2_000_000:
            self.problems.add(f"line {line_number}", "more rows than any export could hold")
            return False
        if len(row) != len(self.names):
            self.problems.add(f"line {line_number}",
                              f"has {len(row)} columns, expected {len(self.names)}")
            return True
        flare_id = row[0]
        if flare_id in self.finished:
            self.problems.add(f"line {line_number}, column sites_in_flare",
                              f"one row more of the flare on line {self.finished[flare_id]} "
                              "than its sites_in_flare says")
            return True
        group = self.pending.setdefault(flare_id, [])
        group.append((line_number, row))
        if self.counted and group[0][1][19] == str(len(group)):
            self.build(flare_id, self.pending.pop(flare_id))
        return True

    def build(self, flare_id: str, rows: list[tuple[int, list[str]]]) -> None:
        first_line, first = rows[0]
        self.finished[flare_id] = first_line
        if len(self.finished) % 1_000 == 0:
            self.progress()
        for line_number, row in rows[1:]:
            for index, column in enumerate(FLARE_COLUMNS):
                if row[index] != first[index]:
                    self.problems.add(f"line {line_number}, column {column}",
                                      f"differs from line {first_line} of the same flare "
                                      f"{flare_id}")
        try:
            flare = _read_flare(rows, self.atlas, self.counted)
        except _CellProblem as exc:
            self.problems.add(f"line {exc.line}, column {exc.column}", str(exc))
            return
        if flare_fingerprint(flare) != flare_id:
            self.problems.add(f"line {first_line}, column flare_id",
                              f"{flare_id!r} does not match this flare's onset, regions and "
                              "entries (flare_id is worked out from them: was a cell changed?)")
            return
        self.built.append((first_line, flare))

    def finish(self) -> tuple[Records, list[int]]:
        """The flares in the file's order, and the line each begins on."""
        for flare_id, group in self.pending.items():  # cut short, or without sites_in_flare
            self.build(flare_id, group)
        self.built.sort(key=lambda pair: pair[0])
        return (Records(flares=[flare for _line, flare in self.built]),
                [line for line, _flare in self.built])


def recognises(text: str) -> bool:
    """A FibroMap CSV export starts with its header."""
    return text.lstrip().startswith("flare_id,")


def read_records(text: str, source: str, choices: ReadChoices) -> Parsed:
    return Parsed(parse(text, source, choices.progress))
