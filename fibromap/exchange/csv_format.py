"""FibroMap CSV: one row per body region marked, with its flare's columns beside it.

Columns, in order (UTF-8, comma-separated, a header row first):

    flare_id            the same for every row of one flare (a fingerprint of it)
    onset               ISO 8601 with the UTC offset in force then, e.g. 2026-03-01T03:15:00+01:00
    local_date, local_time, utc_offset_minutes   the same onset, split for spreadsheets
                        (a flare known only to the day has just the date, 2026-03-01, as
                        its onset and local_date, and no local time or offset)
    duration_seconds    empty when no length was given (see still_going)
    context             what the person was doing (a word key, e.g. asleep)
    qualities, triggers word keys separated by "; "
    treatments          "key=relief" separated by "; ", relief empty if not given, the
                        medication and dose in brackets: "medication=6 [Ibuprofen|400 mg]"
    impacts             "area=level" (0 none – 3 could not) separated by "; "
    notes, created, modified
    region, region_name, intensity (0–10; empty for a referred zone not rated),
    role (spasm, trigger_point, referred)
    referred_from       for a referred zone: "source_region=intensity" separated by "; "
                        (the intensity empty when the zone was not rated)
    sites_in_flare      how many rows the flare has: a file cut short inside a flare is
                        refused rather than imported as part of it
    still_going         true when the person said the flare had not ended; with an empty
                        duration_seconds and false, its length was not given

Text inside treatments that would clash with ; = [ ] | is percent-encoded. Rows end in
CRLF (RFC 4180), so a line break or a lone carriage return inside a note is quoted.
A note follows the apostrophe rule (csv_cells.py): one starting with = + - @ tab CR or an
apostrophe is written with an apostrophe in front, which import takes off again. Words are
named by their ids only: one the database does not know is added on import as the
person's own, its label made from the id (exchange/files.py).
Whole numbers are plain digits. On import, local_date, local_time, utc_offset_minutes
and region_name must agree with onset and region (region_name may be a name the region
had when an older version wrote the file), and flare_id with the flare's contents.
Files written before still_going (a flare with no length reads as not given), or before
sites_in_flare too (18 columns after flare_id), are still read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TextIO
from urllib.parse import quote

from fibromap.domain.atlas import Atlas, load_atlas
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite, day_only_onset
from fibromap.domain.records import Records, flare_fingerprint, in_export_order
from fibromap.errors import FibroMapError
from fibromap.exchange.checks import EARLIEST, check_records, date_range_text, latest_day
from fibromap.exchange.csv_cells import (
    CellProblem,
    at_cell,
    moment,
    pairs,
    parse_treatments,
    rating,
    spreadsheet_text,
    text_of_cell,
    truth,
    whole,
    word_keys,
)
from fibromap.exchange.formats import Parsed, ReadChoices
from fibromap.exchange.problems import Collector, at_column, at_line, csv_rows
from fibromap.i18n import _, ngettext
from fibromap.store.bulk_flares import flares_in_chunks
from fibromap.store.store import Store

COLUMNS = ("flare_id", "onset", "local_date", "local_time", "utc_offset_minutes",
           "duration_seconds", "context", "qualities", "triggers", "treatments", "impacts",
           "notes", "created", "modified", "region", "region_name", "intensity", "role",
           "referred_from", "sites_in_flare", "still_going")
HEADERS = (COLUMNS, COLUMNS[:-1], COLUMNS[:-2])  # now, before still_going, before counts
FLARE_COLUMNS = COLUMNS[:14]
ROLES = tuple(role.value for role in SiteRole)
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# A Flare's complaint about a field, and the column that holds it.
FIELD_COLUMNS = {"sites": "region", "region": "region", "intensity": "intensity",
                 "role": "role", "referrals": "referred_from", "source": "referred_from",
                 "target": "referred_from", "duration in seconds": "duration_seconds",
                 "context": "context", "qualities": "qualities", "triggers": "triggers",
                 "treatment": "treatments", "treatments": "treatments", "relief": "treatments",
                 "impacts": "impacts", "notes": "notes", "onset": "onset",
                 "still_going": "still_going",
                 "created": "created", "modified": "modified"}
# Left readable in a cell; everything else that could clash (; = [ ] | %) is percent-encoded.
SAFE = " -,'()/+*:&"


def _enc(text: str) -> str:
    return quote(text, safe=SAFE)


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
                spreadsheet_text(flare.notes), flare.created.isoformat() if flare.created else "",
                flare.modified.isoformat() if flare.modified else "",
            ]
            writer.writerows(
                common + [site.region, atlas.name(site.region), _blank(site.intensity),
                          site.role.value,
                          "; ".join(f"{r.source}={_blank(r.intensity)}" for r in flare.referrals
                                    if r.target == site.region), len(flare.sites),
                          "true" if flare.still_going else "false"]
                for site in flare.sites)


def _blank(value: int | None) -> int | str:
    """A rating, or an empty cell for one not given."""
    return "" if value is None else value


def write_export(store: Store, handle: TextIO) -> None:
    """Every flare as FibroMap CSV, read a few thousand at a time."""
    write(handle, flares_in_chunks(store.database), load_atlas())


def dumps(records: Records, atlas: Atlas) -> str:
    out = io.StringIO()
    write(out, [[(flare, flare_fingerprint(flare))
                 for flare in in_export_order(records.flares)]], atlas)
    return out.getvalue()


def _onset(cell: str, line: int) -> tuple[datetime, bool]:
    """The onset, and whether it is known only to the day (a plain date)."""
    if DAY.match(cell):
        try:
            return day_only_onset(date.fromisoformat(cell)), True
        except ValueError:
            raise CellProblem(line, "onset", _("{cell} is not a date").format(cell=repr(cell))) from None
    onset = moment(cell, line, "onset")
    if onset is None:
        raise CellProblem(line, "onset", _("is empty"))
    return onset, False


def _read_flare(rows: list[tuple[int, list[str]]], atlas: Atlas, counted: bool) -> Flare:
    first_line, first = rows[0]
    onset, day_only = _checked_onset(first_line, first)
    sites, referrals = _sites(rows, atlas, counted)
    duration = at_cell(first_line, "duration_seconds", whole, first[5]) if first[5] else None
    still_going = len(first) > 20 and at_cell(first_line, "still_going", truth, first[20])
    treatments = at_cell(first_line, "treatments", parse_treatments, first[9])
    impacts = at_cell(first_line, "impacts", lambda c: {k: whole(v) for k, v in pairs(c)},
                    first[10])
    try:
        return Flare(
            onset=onset, day_only=day_only, duration_seconds=duration, still_going=still_going,
            sites=tuple(sites),
            referrals=tuple(referrals), context=first[6] or None,
            qualities=frozenset(word_keys(first[7])), triggers=frozenset(word_keys(first[8])),
            treatments=treatments, impacts=impacts, notes=text_of_cell(first[11]),
            created=moment(first[12], first_line, "created"),
            modified=moment(first[13], first_line, "modified"))
    except FibroMapError as exc:
        field = getattr(exc, "field", None) or ""
        column = "impacts" if field.startswith("impact") else FIELD_COLUMNS.get(field, "onset")
        raise CellProblem(first_line, column, str(exc)) from None


def _checked_onset(first_line: int, first: list[str]) -> tuple[datetime, bool]:
    """The onset of a flare's first row, in range and agreeing with its local columns."""
    onset, day_only = _onset(first[1], first_line)
    latest = latest_day()
    if not EARLIEST <= onset.date() <= latest:
        raise CellProblem(first_line, "onset", _("{day} is outside {span}").format(
            day=onset.date(), span=date_range_text(latest)))
    offset = onset.utcoffset()
    assert offset is not None, "_onset gives an aware time (one with no offset is refused)"
    local = {"local_date": onset.date().isoformat(), "local_time": onset.time().isoformat(),
             "utc_offset_minutes": str(int(offset.total_seconds()) // 60)}
    if day_only:
        local.update(local_time="", utc_offset_minutes="")
    for column, expected in local.items():
        cell = first[COLUMNS.index(column)]
        if cell != expected:
            raise CellProblem(first_line, column, _("{cell} does not agree with the onset "
                                                     "{onset} (expected {expected})").format(
                cell=repr(cell), onset=first[1], expected=expected))
    return onset, day_only


def _sites(rows: list[tuple[int, list[str]]], atlas: Atlas,
           counted: bool) -> tuple[list[SpasmSite], list[Referral]]:
    """A flare's sites and referrals, a row each; pain spreads only from its own sites."""
    sites, referrals, referred_on = [], [], []
    for line, row in rows:
        sites.append(_site(line, row, atlas))
        for source, value in at_cell(line, "referred_from", pairs, row[18]):
            if source not in atlas:
                raise CellProblem(line, "referred_from", _("unknown body region {region}").format(
                    region=repr(source)))
            referrals.append(at_cell(line, "referred_from",
                                   lambda v, s=source, r=row[14]: Referral(s, r, rating(v)),
                                   value))
            referred_on.append((line, source))
        if counted and at_cell(line, "sites_in_flare", whole, row[19]) != len(rows):
            raise CellProblem(line, "sites_in_flare", ngettext(
                "says the flare has {said} regions, but {n} of its rows are here: the file "
                "may have been cut short",
                "says the flare has {said} regions, but {n} of its rows are here: the file "
                "may have been cut short", len(rows)).format(said=row[19], n=len(rows)))
    sources = {site.region for site in sites if site.role is not SiteRole.REFERRED}
    for line, source in referred_on:
        if source not in sources:
            raise CellProblem(line, "referred_from", _(
                "the pain cannot spread from {region}: it is not a spasm or trigger point of "
                "this flare").format(region=source))
    return sites, referrals


def _site(line: int, row: list[str], atlas: Atlas) -> SpasmSite:
    region = row[14]
    if region not in atlas:
        raise CellProblem(line, "region", _("unknown body region {region}").format(
            region=repr(region)))
    if row[15] and not atlas.is_name_of(region, row[15]):  # a former name is fine too
        raise CellProblem(line, "region_name", _("{name} is not the name of {region} "
                                                  "({known})").format(
            name=repr(row[15]), region=region, known=atlas.name(region)))
    intensity = at_cell(line, "intensity", rating, row[16])
    if row[17] not in ROLES:
        raise CellProblem(line, "role", _("unknown role {role} (one of {roles})").format(
            role=repr(row[17]), roles=", ".join(ROLES)))
    return at_cell(line, "intensity", lambda c: SpasmSite(region, c, SiteRole(row[17])),
                 intensity)


def parse(text: str, source: str | None = None,
          progress: Callable[[int, int], None] | None = None) -> Records:
    """Records from FibroMap CSV; ``progress(done, total)`` hears how many characters of
    ``text`` have been read. A flare is built as soon as all its rows are in (its
    sites_in_flare says how many), so only the rows of unfinished flares are held."""
    source = _("the file") if source is None else source
    problems = Collector()
    read = {"at": 0}
    rows = csv_rows(text, problems, read)
    _line, header = next(rows, (1, None))
    names = tuple(h.strip() for h in header) if header is not None else ()
    if names not in HEADERS:
        problems.add(at_line(1), _("the header is not FibroMap's CSV header (see the "
                                   "documentation)"))
        problems.check(source)
    flares = _Flares(problems, names, lambda: progress(read["at"], len(text))
                     if progress is not None else None)
    for line_number, row in rows:
        if not flares.take(line_number, row):
            break
    records, lines = flares.finish()
    if not problems.problems:
        check_records(records, problems,
                      lambda _name, index, column: at_column(lines[index], column))
    problems.check(source)
    return records


class _Flares:
    """The flares of a CSV file, each built once all its rows are in."""

    def __init__(self, problems: Collector, names: tuple[str, ...],
                 progress: Callable[[], None]):
        self.problems, self.names, self.progress = problems, names, progress
        self.counted = len(names) > len(HEADERS[2])
        self.atlas = load_atlas()
        self.pending: dict[str, list[tuple[int, list[str]]]] = {}  # rows not all in yet
        self.finished: dict[str, int] = {}  # flares read, with their first lines
        self.built: list[tuple[int, Flare]] = []

    def take(self, line_number: int, row: list[str]) -> bool:
        """Take a row (a flare is built once it has them all); False: read no further."""
        if not any(cell.strip() for cell in row):
            return True
        if line_number > 2_000_000:
            self.problems.add(at_line(line_number), _("more rows than any export could hold"))
            return False
        if len(row) != len(self.names):
            self.problems.add(at_line(line_number), ngettext(
                "has {n} columns, expected {expected}", "has {n} columns, expected {expected}",
                len(row)).format(n=len(row), expected=len(self.names)))
            return True
        flare_id = row[0]
        if flare_id in self.finished:
            self.problems.add(at_column(line_number, "sites_in_flare"),
                              _("one row more of the flare on line {line} than its "
                                "sites_in_flare says").format(line=self.finished[flare_id]))
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
            for index, column in enumerate(self.names):
                if column in FLARE_COLUMNS + ("still_going",) and row[index] != first[index]:
                    self.problems.add(at_column(line_number, column),
                                      _("differs from line {line} of the same flare "
                                        "{flare}").format(line=first_line, flare=flare_id))
        try:
            flare = _read_flare(rows, self.atlas, self.counted)
        except CellProblem as exc:
            self.problems.add(at_column(exc.line, exc.column), str(exc))
            return
        if flare_fingerprint(flare) != flare_id:
            self.problems.add(at_column(first_line, "flare_id"),
                              _("{flare} does not match this flare's onset, regions and "
                                "entries (flare_id is worked out from them: was a cell "
                                "changed?)").format(flare=repr(flare_id)))
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
