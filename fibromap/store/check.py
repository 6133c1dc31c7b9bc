"""`fibromap check`: is the database sound and up to date?"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from fibromap.domain.atlas import load_atlas
from fibromap.store.database import Database, head_revision
from fibromap.store.schema import Base, FlareRow, ReferralRow, SiteRow


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
    report = CheckReport(database.display_name, database.revision(), head_revision())
    if report.revision != report.head:
        report.problems.append(f"schema is at revision {report.revision}, this FibroMap uses "
                               f"{report.head}; start FibroMap once to upgrade it")
        return report
    with database.transaction() as session:
        for table in Base.metadata.sorted_tables:
            report.counts[table.name] = session.scalar(select(func.count()).select_from(table))
        if database.is_sqlite:
            integrity = [row[0] for row in session.connection().exec_driver_sql(
                "PRAGMA integrity_check")]
            if integrity != ["ok"]:
                report.problems += [f"integrity: {line}" for line in integrity[:10]]
            dangling = session.connection().exec_driver_sql("PRAGMA foreign_key_check").all()
            if dangling:
                report.problems.append(f"{len(dangling)} rows point at rows that do not exist "
                                       f"(first in table {dangling[0][0]})")
        empty = session.scalar(select(func.count(FlareRow.id)).where(
            ~select(SiteRow.id).where(SiteRow.flare_id == FlareRow.id).exists()))
        if empty:
            report.problems.append(f"{empty} flares have no body region")
        source, target = aliased(SiteRow), aliased(SiteRow)
        crossed = session.scalar(
            select(func.count(ReferralRow.id))
            .join(source, ReferralRow.source_site_id == source.id)
            .join(target, ReferralRow.target_site_id == target.id)
            .where((source.flare_id != ReferralRow.flare_id)
                   | (target.flare_id != ReferralRow.flare_id)
                   | (target.role != "referred")))
        if crossed:
            report.problems.append(f"{crossed} referrals link sites of another flare "
                                   "or a zone not marked as referred")
        atlas = load_atlas()
        unknown = sorted(region for region in session.scalars(select(SiteRow.region).distinct())
                         if region not in atlas)
        if unknown:
            report.problems.append(f"unknown body regions: {', '.join(unknown[:10])}")
    return report
