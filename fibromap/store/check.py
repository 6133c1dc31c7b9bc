"""`fibromap check`: is the database sound and up to date?"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from fibromap.domain.atlas import load_atlas
from fibromap.domain.day_bounds import latest_day
from fibromap.domain.device_bounds import sleep_out_of_bounds, steps_out_of_bounds
from fibromap.domain.device_data import (
    SLEEP_MARKED,
    STEPS_MARKED,
    DeviceSource,
    DeviceSteps,
    device_fingerprint,
)
from fibromap.domain.records import flare_fingerprint
from fibromap.errors import FibroMapError, ValidationError
from fibromap.i18n import _, formats, ngettext
from fibromap.store import wal
from fibromap.store.database import Database, head_revision
from fibromap.store.device_merging import sleep_of
from fibromap.store.flares import LOAD_WHOLE, flare_from_row
from fibromap.store.schema import (
    Base,
    DeviceSleepRow,
    DeviceStepsRow,
    FlareRow,
    MedicationRow,
    ReferralRow,
    SiteRow,
)
from fibromap.store.sqlite_files import friendly_operational_error


@dataclass
class CheckReport:
    database: str
    revision: str | None
    head: str
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(database: Database) -> CheckReport:
    """Everything that can be checked, each problem in a line; damage that stops the check
    itself is a problem too, never an error."""
    report = CheckReport(database.display_name, None, head_revision())
    report.problems += _damaged_logs(database)
    try:
        report.revision = database.revision()
        if report.revision != report.head:
            report.problems.append(_("schema is at revision {revision}, this FibroMap uses "
                                     "{head}; start FibroMap once to upgrade it").format(
                revision=report.revision, head=report.head))
            return report
        _check_contents(database, report)
    except FibroMapError as exc:
        report.problems.append(str(exc))
    except (SQLAlchemyError, ValueError, TypeError, OverflowError, UnicodeDecodeError) as exc:
        report.problems.append(_("the database cannot be read: {reason}").format(
            reason=friendly_operational_error(exc)))
    return report


def _check_contents(database: Database, report: CheckReport) -> None:
    with database.reading() as session:
        for table in Base.metadata.sorted_tables:
            report.counts[table.name] = session.scalars(select(func.count()).select_from(table)).one()
            report.problems += _unreadable_rows(session, table)
        if database.is_sqlite:
            integrity = [row[0] for row in session.connection().exec_driver_sql(
                "PRAGMA integrity_check")]
            if integrity != ["ok"]:
                report.problems += [_("integrity: {line}").format(line=line)
                                    for line in integrity[:10]]
            dangling = _Few(1)
            for row in session.connection().exec_driver_sql("PRAGMA foreign_key_check"):
                dangling.add(row[0])
            if dangling.count:
                report.problems.append(ngettext(
                    "{n} row points at a row that does not exist (first in table {table})",
                    "{n} rows point at rows that do not exist (first in table {table})",
                    dangling.count).format(n=dangling.count, table=dangling.first[0]))
        empty = session.scalar(select(func.count(FlareRow.id)).where(
            ~select(SiteRow.id).where(SiteRow.flare_id == FlareRow.id).exists()))
        if empty:
            report.problems.append(ngettext("{n} flare has no body region",
                                            "{n} flares have no body region", empty).format(
                n=formats.whole(empty)))
        source, target = aliased(SiteRow), aliased(SiteRow)
        crossed = session.scalar(
            select(func.count(ReferralRow.id))
            .join(source, ReferralRow.source_site_id == source.id)
            .join(target, ReferralRow.target_site_id == target.id)
            .where((source.flare_id != ReferralRow.flare_id)
                   | (target.flare_id != ReferralRow.flare_id)
                   | (target.role != "referred")))
        if crossed:
            report.problems.append(ngettext(
                "{n} referral links sites of another flare or a zone not marked as referred",
                "{n} referrals link sites of another flare or a zone not marked as referred",
                crossed).format(n=crossed))
        atlas = load_atlas()
        unknown = sorted(region for region in session.scalars(select(SiteRow.region).distinct())
                         if region not in atlas)
        if unknown:
            report.problems.append(_("unknown body regions: {regions}").format(
                regions=", ".join(unknown[:10])))
        report.problems += _changed_flares(session)
        report.problems += _changed_device_records(session)
        report.problems += _device_records_out_of_bounds(session)
        report.problems += _repeated_medications(session)


# The storage classes SQLite may hold for each kind of column (NULL aside).
_STORED_AS = {"INTEGER": ("integer",), "SMALLINT": ("integer",), "BOOLEAN": ("integer",),
              "FLOAT": ("real", "integer"), "VARCHAR": ("text",), "TEXT": ("text",),
              "DATETIME": ("text",), "DATE": ("text",)}

# The one text form of a time and of a day on SQLite (SQLAlchemy's): the period filters
# compare as text, so a time in any other form falls outside the periods it belongs to.
_DIGITS = "[0-9]"
_DAY_FORM = "-".join(_DIGITS * n for n in (4, 2, 2))
_STORED_FORM = {"DATE": _DAY_FORM,
                "DATETIME": f"{_DAY_FORM} {':'.join([_DIGITS * 2] * 3)}.{_DIGITS * 6}"}


def _unreadable_rows(session, table) -> list[str]:
    """Rows of ``table`` (every table, device data too) that cannot be read back: a value
    stored as another kind than its column's (SQLite), or one that does not parse (a date,
    a time). A value changed to another of its kind cannot be seen here; flares carry a
    fingerprint for that (_changed_flares)."""
    problems = []
    if session.bind.dialect.name == "sqlite":
        for column in table.columns:
            kinds = _STORED_AS.get(column.type.compile(session.bind.dialect).split("(")[0])
            if kinds is None:
                continue
            allowed = ", ".join(f"'{kind}'" for kind in (*kinds, "null"))
            wrong = session.execute(select(func.count()).select_from(table).where(
                text(f'typeof("{column.name}") NOT IN ({allowed})'))).scalar_one()
            if wrong:
                problems.append(ngettext(
                    "{n} row of {table} with a {column} of the wrong kind (damaged on disk)",
                    "{n} rows of {table} with a {column} of the wrong kind (damaged on disk)",
                    wrong).format(n=formats.whole(wrong), table=table.name, column=column.name))
            problems += _other_forms(session, table, column)
    try:
        for _row in session.execute(select(table)).yield_per(2000):
            pass
    except (ValueError, TypeError, OverflowError) as exc:
        problems.append(_("a row of {table} cannot be read back ({reason})").format(
            table=table.name, reason=exc))
    return problems


def _other_forms(session, table, column) -> list[str]:
    """Days and times of ``column`` stored as text in another form than the one the
    period filters compare with (SQLite)."""
    form = _STORED_FORM.get(column.type.compile(session.bind.dialect).split("(")[0])
    if form is None:
        return []
    other = session.execute(select(func.count()).select_from(table).where(
        text(f"typeof(\"{column.name}\") = 'text' AND \"{column.name}\" NOT GLOB '{form}'"))
    ).scalar_one()
    if not other:
        return []
    return [ngettext("{n} row of {table} with its {column} stored in another form than "
                     "FibroMap's (such a time can fall outside the periods it belongs to)",
                     "{n} rows of {table} with its {column} stored in another form than "
                     "FibroMap's (such a time can fall outside the periods it belongs to)",
                     other).format(n=formats.whole(other), table=table.name, column=column.name)]


def _damaged_logs(database: Database) -> list[str]:
    """Damage in the write-ahead log now (found on opening), and damaged logs kept from an
    earlier start, whose lost saves stay missing until a backup is restored."""
    problems = [database.damage] if database.damage else []
    path = database.sqlite_path
    if path is None:
        return problems
    for kept in sorted(path.parent.glob(f"{path.name}-wal.damaged*")):
        found = wal.inspect(kept)
        lost = (ngettext("{n} save in it could not be read", "{n} saves in it could not be read",
                         found.lost).format(n=formats.whole(found.lost)) if found
                else _("it was damaged"))
        problems.append(_("the write-ahead log was damaged and is kept as {name} ({lost}); once "
                          "you have restored a backup or made sure nothing you need is "
                          "missing, remove that file").format(name=kept.name, lost=lost))
    return problems


def _changed_device_records(session) -> list[str]:
    """Nights and days of steps whose values no longer match the fingerprint they were
    imported with (a value changed on disk to another of its kind)."""
    problems = []
    for row_type, marked, said in ((DeviceSleepRow, SLEEP_MARKED, _changed_sleep),
                                   (DeviceStepsRow, STEPS_MARKED, _changed_steps)):
        columns = [getattr(row_type, name) for name in marked]
        changed = _Few()
        for row_id, mark, *values in session.execute(
                select(row_type.id, row_type.fingerprint, *columns).order_by(row_type.id)
                .execution_options(yield_per=READ_AT_ONCE)):
            if mark != device_fingerprint(values):
                changed.add(row_id)
        if changed.count:
            problems.append(said(changed.count).format(
                n=formats.whole(changed.count), ids=", ".join(map(str, changed.first))))
    return problems


def _device_records_out_of_bounds(session) -> list[str]:
    """Nights and days of steps an import leaves out today (domain.device_bounds): dated
    outside 1900 to tomorrow, more steps than a day holds, minutes a day cannot hold; a
    database written by an earlier FibroMap, or changed from outside, can hold them."""
    latest = latest_day()

    def sleep_problem(row) -> str | None:
        try:
            return sleep_out_of_bounds(sleep_of(row), latest)
        except ValidationError as exc:
            return _("a sleep of {device}: {reason}").format(device=row.device, reason=exc)

    def steps_problem(row) -> str | None:
        try:
            return steps_out_of_bounds(DeviceSteps(DeviceSource(row.app, row.device), row.day,
                                                   row.steps), latest)
        except ValidationError:
            return ngettext("{n} step of {device} on {day}, not a count a day can hold",
                            "{n} steps of {device} on {day}, not a count a day can hold",
                            row.steps).format(n=formats.whole(row.steps), device=row.device,
                                              day=row.day)

    problems = []
    for row_type, judge, said in ((DeviceSleepRow, sleep_problem, _out_sleep),
                                  (DeviceStepsRow, steps_problem, _out_steps)):
        try:
            found = [(row.id, why) for row in session.scalars(select(row_type).order_by(row_type.id))
                     if (why := judge(row)) is not None]
        except (ValueError, TypeError, OverflowError):  # said by _unreadable_rows
            continue
        if found:
            which = "; ".join(_("id {id} ({why})").format(id=row_id, why=why)
                              for row_id, why in found[:5])
            if len(found) > 5:
                which = _("{which} and {n} more").format(which=which, n=len(found) - 5)
            problems.append(said(len(found)).format(n=formats.whole(len(found)),
                                                               which=which))
    return problems


def _repeated_medications(session) -> list[str]:
    """The same medication (name, dose, start) recorded more than once: its unique index
    stops that, so only a database changed from outside can hold one."""
    key = (MedicationRow.name, MedicationRow.dose, MedicationRow.start)
    repeated = session.execute(select(*key).group_by(*key).having(func.count() > 1)
                               .order_by(MedicationRow.start, MedicationRow.name)).all()
    described = []
    for name, dose, start in repeated[:5]:
        numbers = session.scalars(select(MedicationRow.id).where(
            MedicationRow.name == name, MedicationRow.dose == dose, MedicationRow.start == start)
            .order_by(MedicationRow.id)).all()
        what = " ".join(part for part in (name, dose) if part)
        described.append(_("{what} from {start} (numbers {numbers})").format(
            what=what, start=start.isoformat(), numbers=", ".join(map(str, numbers))))
    if not repeated:
        return []
    return [ngettext("{n} medication recorded more than once: {which}; `fibromap medications "
                     "delete NUMBER` removes a copy",
                     "{n} medications recorded more than once: {which}; `fibromap medications "
                     "delete NUMBER` removes a copy", len(repeated)).format(
        n=formats.whole(len(repeated)), which="; ".join(described))]


def _changed_sleep(n: int) -> str:
    return ngettext("{n} sleep record from a device changed on disk since imported (the values "
                    "no longer match the fingerprint): ids {ids}",
                    "{n} sleep records from a device changed on disk since imported (the "
                    "values no longer match the fingerprint): ids {ids}", n)


def _changed_steps(n: int) -> str:
    return ngettext("{n} daily step count from a device changed on disk since imported (the "
                    "values no longer match the fingerprint): ids {ids}",
                    "{n} daily step counts from a device changed on disk since imported (the "
                    "values no longer match the fingerprint): ids {ids}", n)


def _out_sleep(n: int) -> str:
    return ngettext("{n} sleep record from a device out of bounds: {which}",
                    "{n} sleep records from a device out of bounds: {which}", n)


def _out_steps(n: int) -> str:
    return ngettext("{n} daily step count from a device out of bounds: {which}",
                    "{n} daily step counts from a device out of bounds: {which}", n)


READ_AT_ONCE = 2_000  # flares rebuilt in one go: the check's memory stays the same for any number


class _Few:
    """How many of something were found, and the first few of them."""

    def __init__(self, kept: int = 10):
        self.count, self.kept = 0, kept
        self.first: list[Any] = []

    def add(self, item: Any) -> None:
        self.count += 1
        if len(self.first) < self.kept:
            self.first.append(item)


def _changed_flares(session) -> list[str]:
    """Flares that no longer read back as they were saved: each is rebuilt (which checks
    every value's range) and its fingerprint recomputed, so a bit changed on disk shows.
    They are read a couple of thousand at a time, each lot forgotten before the next."""
    unreadable, changed, unmarked = _Few(5), _Few(), _Few()
    last = None
    while True:
        query = select(FlareRow).options(*LOAD_WHOLE).order_by(FlareRow.id).limit(READ_AT_ONCE)
        rows = session.scalars(query if last is None else query.where(FlareRow.id > last)).all()
        if not rows:
            break
        for row in rows:
            _judge(row, unreadable, changed, unmarked)
        last = rows[-1].id
        session.expunge_all()
    problems = []
    if unreadable.count:
        problems.append(ngettext(
            "{n} flare cannot be read back as saved (a value out of range or a part missing): "
            "{which}",
            "{n} flares cannot be read back as saved (a value out of range or a part missing): "
            "{which}", unreadable.count).format(n=formats.whole(unreadable.count),
                                                which="; ".join(unreadable.first)))
    if changed.count:
        problems.append(ngettext(
            "{n} flare changed on disk after saving (the content no longer matches the "
            "fingerprint): ids {ids}",
            "{n} flares changed on disk after saving (the content no longer matches the "
            "fingerprint): ids {ids}", changed.count).format(
            n=formats.whole(changed.count), ids=", ".join(map(str, changed.first))))
    if unmarked.count:
        problems.append(ngettext("{n} flare has no fingerprint", "{n} flares have no fingerprint",
                                 unmarked.count).format(n=formats.whole(unmarked.count)))
    return problems


def _judge(row: FlareRow, unreadable: _Few, changed: _Few, unmarked: _Few) -> None:
    try:
        flare = flare_from_row(row)
    except (FibroMapError, ValueError, KeyError, AttributeError, TypeError) as exc:
        unreadable.add(_("flare {id} ({reason})").format(id=row.id,
                                                         reason=exc or type(exc).__name__))
        return
    offset = timedelta(minutes=row.utc_offset_min)
    if row.onset_local != row.onset_utc + offset:
        changed.add(row.id)
    elif row.fingerprint is None:
        unmarked.add(row.id)
    elif flare_fingerprint(flare) != row.fingerprint:
        changed.add(row.id)

