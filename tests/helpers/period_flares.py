"""A history whose edges fall on a period's edges, and its weekly counts worked out
without the store: for the tests that Patterns counts only the flares of its period."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from fibromap.analysis.periods import Period, last_days
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.store.bulk_flares import insert_many
from tests.helpers.records import at

TODAY = date(2026, 12, 13)           # a Sunday
PERIOD = last_days(90, TODAY)         # Tue 15 Sep – Sun 13 Dec 2026: it begins on no Monday
REGIONS = ("upper_trapezius.left", "upper_trapezius.right", "levator_scapulae.left",
           "soleus.left", "soleus.right", "gastrocnemius.left", "erector_lower.right",
           "piriformis.left", "masseter.right", "rhomboid.left")


def edge_history() -> list[Flare]:
    """Flares on both sides of each edge of PERIOD, and a realistic middle."""
    edges = [
        # Mon 14 Sep, the week's first day, before the period: regions it never holds.
        Flare(onset=at(2026, 9, 14, 10), sites=(SpasmSite("pectoralis.right", 6),
                                                 SpasmSite("biceps.left", 4))),
        Flare(onset=at(2026, 9, 14, 23, 59), sites=(SpasmSite("triceps.right", 5),)),
        # The first day at 00:00 and the last day at 23:59: inside.
        Flare(onset=at(2026, 9, 15, 0, 0), sites=(SpasmSite("adductors.left", 7),
                                                   SpasmSite("soleus.left", 3))),
        Flare(onset=at(2026, 12, 13, 23, 59), sites=(SpasmSite("soleus.right", 5),)),
        # The Monday after the last day (a Sunday) at 00:00: outside.
        Flare(onset=at(2026, 12, 14, 0, 0), sites=(SpasmSite("sartorius.right", 8),
                                                    SpasmSite("soleus.left", 6))),
        # A site marked 0 is no pain anywhere.
        Flare(onset=at(2026, 10, 7, 8), sites=(SpasmSite("soleus.left", 4),
                                                SpasmSite("masseter.left", 0))),
    ]
    draw = random.Random(31)
    middle = []
    for _ in range(60):
        day = PERIOD.start + timedelta(days=draw.randrange(PERIOD.days))
        hour, minute = draw.choice([(0, 0), (3, 10), (7, 45), (14, 0), (22, 30), (23, 59)])
        regions = draw.sample(REGIONS, draw.randint(1, 3))
        middle.append(Flare(onset=at(day.year, day.month, day.day, hour, minute),
                            sites=tuple(SpasmSite(r, draw.randint(1, 9)) for r in regions),
                            duration_seconds=draw.choice([None, 30, 300, 4000])))
    return edges + middle


def save_as_imported(store, flares: list[Flare]) -> None:
    """As an import (JSON, CSV, Flaredown, the demo) writes them: the plain bulk statement."""
    with store.database.transaction() as session:
        insert_many(session, flares)


def inside(flares: list[Flare], period: Period = PERIOD) -> list[Flare]:
    return [f for f in flares if period.start <= f.onset_local.date() <= period.end]


def weekly_counts(flares: list[Flare], period: Period = PERIOD) -> dict[date, Counter[str]]:
    """Flares per region in pain, by the Monday of each week with any, from the period's
    flares alone."""
    weeks: dict[date, Counter[str]] = {}
    for flare in inside(flares, period):
        day = flare.onset_local.date()
        monday = day - timedelta(days=day.weekday())
        weeks.setdefault(monday, Counter()).update(
            {site.region for site in flare.sites if site.intensity})
    return {monday: counts for monday, counts in weeks.items() if counts}
