"""Every mark of a period, one row per region felt in a flare: the rows the report's answers
are counted from (which regions each flare touched, the intensities of the week), in SQL
with no aggregate, so each figure is summed in one place (fibromap/analysis/answers.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from fibromap.store.database import Database
from fibromap.store.flares import FELT, in_period
from fibromap.store.schema import FlareRow, SiteRow


@dataclass(frozen=True, slots=True)
class Mark:
    flare: int               # the flare's id
    day: date                # the local day of its onset
    region: str
    intensity: int | None    # None: a referred zone not rated


def felt_marks(database: Database, start: date, end: date) -> list[Mark]:
    """The marks felt (rated above 0, or referred and not rated) in flares whose onset falls
    on the local days [start, end], in the order of the flares."""
    day = func.date(FlareRow.onset_local)
    query = in_period(select(SiteRow.flare_id, day, SiteRow.region, SiteRow.intensity)
                      .join(FlareRow, FlareRow.id == SiteRow.flare_id).where(FELT), start, end
                      ).order_by(FlareRow.onset_utc, SiteRow.flare_id, SiteRow.region)
    with database.reading() as session:
        return [Mark(flare, date.fromisoformat(str(value)[:10]), region, intensity)
                for flare, value, region, intensity in session.execute(query)]
