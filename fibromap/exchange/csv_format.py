"""FibroMap CSV: one row per body region marked, with its flare's columns beside it.

Columns, in order (UTF-8, comma-separated, a header row first):

    flare_id            the same for every row of one flare (a fingerprint of it)
    onset               ISO 8601 with the UTC offset in force then, e.g. 2026-03-01T03:15:00+01:00
    local_date, local_time, utc_offset_minutes   the same onset, split for spreadsheets
    duration_seconds    empty when no end was given (still going, or not recorded)
    context             what the person was doing (a word key, e.g. asleep)
    qualities, triggers word keys separated by "; "
    treatments          "key=relief" separated by "; ", relief empty if not given, the
                        medication and dose in brackets: "medication=6 [Ibuprofen|400 mg]"
    impacts             "area=level" (0 none – 3 could not) separated by "; "
    notes, created, modified
    region, region_name, intensity (0–10), role (spasm, trigger_point, referred)
    referred_from       for a referred zone: "source_region=intensity" separated by "; "

Text inside treatments that would clash with ; = [ ] | is percent-encoded.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from datetime import datetime
from urllib.parse import quote, unquote

from fibromap.domain.atlas import Atlas
from fibromap.domain.flare import Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse
from fibromap.domain.records import Records, flare_fingerprint
from fibromap.errors import FibroMapError
from fibromap.exchange.problems import Collector, csv_rows

COLUMNS = ("flare_id", "onset", "local_date", "local_time", "utc_offset_minutes",
           "duration_seconds", "context", "qualities", "triggers", "treatments", "impacts",
           "notes", "created", "modified", "region", "region_name", "intensity", "role",
           "referred_from")
FLARE_COLUMNS = COLUMNS[:14]
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


def dumps(records: Records, atlas: Atlas) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for flare in sorted(records.flares, key=lambda f: (f.onset_utc, f.regions)):
        common = [
            flare_fingerprint(flare), flare.onset.isoformat(), flare.onset_local.date().isoformat(),
            flare.onset_local.time().isoformat(), flare.utc_offset_minutes,
            "" if flare.duration_seconds is None else flare.duration_seconds,
            flare.context or "", "; ".join(sorted(flare.qualities)), "; ".join(sorted(flare.triggers)),
            _treatments(flare),
            "; ".join(f"{a.value}={v}" for a, v in sorted(flare.impacts.items())),
            _cell_text(flare.notes), flare.created.isoformat() if flare.created else "",
            flare.modified.isoformat() if flare.modified else "",
        ]
        for site in flare.sites:
            sources = "; ".join(f"{r.source}={r.intensity}" for r in flare.referrals
                                if r.target == site.region)
            writer.writerow(common + [site.region, atlas.name(site.region), site.intensity,
                                      site.role.value, sources])
    return out.getvalue()


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
        uses.append(TreatmentUse(key, int(relief) if relief else None, medication, dose))
    return tuple(uses)


def _moment(cell: str) -> datetime | None:
    return datetime.fromisoformat(cell) if cell else None


def parse(text: str, source: str = "the file") -> Records:
    problems = Collector()
    rows = csv_rows(text, problems)
    _line, header = next(rows, (1, None))
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        problems.add("line 1", "the header is not FibroMap's CSV header (see the documentation)")
        problems.check(source)
    groups: OrderedDict[str, list[tuple[int, list[str]]]] = OrderedDict()
    for line_number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if line_number > 2_000_000:
            problems.add(f"line {line_number}", "more rows than any export could hold")
            break
        if len(row) != len(COLUMNS):
            problems.add(f"line {line_number}", f"has {len(row)} columns, expected {len(COLUMNS)}")
            continue
        groups.setdefault(row[0], []).append((line_number, row))
    records = Records()
    for flare_id, rows in groups.items():
        first_line, first = rows[0]
        for line_number, row in rows[1:]:
            for index, column in enumerate(FLARE_COLUMNS):
                if row[index] != first[index]:
                    problems.add(f"line {line_number}, column {column}",
                                 f"differs from line {first_line} of the same flare {flare_id}")
        column = "onset"
        try:
            sites, referrals = [], []
            for line_number, row in rows:
                column = "intensity"
                sites.append(SpasmSite(row[14], int(row[16]), SiteRole(row[17])))
                column = "referred_from"
                referrals += [Referral(s, row[14], int(v)) for s, v in _pairs(row[18])]
            column = "onset"
            onset = datetime.fromisoformat(first[1])
            column = "duration_seconds"
            duration = int(first[5]) if first[5] else None
            column = "treatments"
            treatments = _parse_treatments(first[9])
            column = "impacts"
            impacts = {ImpactArea(k): int(v) for k, v in _pairs(first[10])}
            column = "created"
            records.flares.append(Flare(
                onset=onset, duration_seconds=duration, sites=tuple(sites), referrals=tuple(referrals),
                context=first[6] or None, qualities=frozenset(_keys(first[7])),
                triggers=frozenset(_keys(first[8])), treatments=treatments, impacts=impacts,
                notes=_text_cell(first[11]), created=_moment(first[12]),
                modified=_moment(first[13])))
        except (FibroMapError, ValueError, TypeError) as exc:
            problems.add(f"line {first_line}, column {column}", str(exc))
    problems.check(source)
    return records
