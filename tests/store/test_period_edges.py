"""Every query that takes a period, at its edges (issue 31): a flare at 00:00:00 belongs to
its own day, one at 23:59:59.999999 to its own, on both sides of both clock changes, on
SQLite and PostgreSQL, whichever way the flares were written (one by one as the app saves
them, or in bulk as imports and the demo do).

The oracle: the same query, without a period, on a database holding only the flares whose
own clock puts them inside the period, each moved to noon of its day (so that no edge of a
day is near: SQLite's own date functions round 23:59:59.9995 up to the next day). The
hour of each flare is checked against Python's reading of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from fibromap.config import Paths, database_url
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse
from fibromap.store import aggregates
from fibromap.store.bulk_flares import insert_many
from fibromap.store.store import Store

WIDE = (date(2000, 1, 1), date(2100, 12, 31))


def _at(day: date, hour: int, minute: int = 0, second: int = 0, micro: int = 0,
        offset: int = 1) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, micro,
                    tzinfo=timezone(timedelta(hours=offset)))


# (local moment, a region of its own): Europe/Berlin's clock (+1 in winter, +2 in summer).
MOMENTS = [
    _at(date(2026, 11, 30), 23, 59, 59, 999_999),      # Monday's last instant
    _at(date(2026, 12, 1), 0),                          # Tuesday's first
    _at(date(2026, 12, 1), 0, 0, 0, 1),
    _at(date(2026, 10, 24), 23, 59, 59, 999_999, offset=2),
    _at(date(2026, 10, 25), 0, offset=2),               # the autumn change day begins
    _at(date(2026, 10, 25), 2, 30, offset=2),           # the repeated hour, first time
    _at(date(2026, 10, 25), 2, 30, offset=1),           # ... and second time
    _at(date(2026, 3, 28), 23, 59, 59, 999_999),
    _at(date(2026, 3, 29), 0),                          # the spring change day begins
    _at(date(2026, 3, 29), 3, 0, offset=2),             # just after the missing hour
    _at(date(2026, 3, 30), 0, offset=2),
]
REGIONS = ["gastrocnemius.left", "gastrocnemius.right", "soleus.left", "soleus.right",
           "upper_trapezius.left", "upper_trapezius.right", "masseter.left", "masseter.right",
           "levator_scapulae.left", "levator_scapulae.right", "quadratus_lumborum.left"]

PERIODS = [(date(2026, 11, 30), date(2026, 11, 30)), (date(2026, 12, 1), date(2026, 12, 1)),
           (date(2026, 12, 1), date(2026, 12, 7)), (date(2026, 11, 24), date(2026, 11, 30)),
           (date(2026, 10, 24), date(2026, 10, 24)), (date(2026, 10, 25), date(2026, 10, 25)),
           (date(2026, 3, 28), date(2026, 3, 28)), (date(2026, 3, 29), date(2026, 3, 29)),
           (date(2026, 3, 29), date(2026, 3, 30))]


def flares() -> list[Flare]:
    return [Flare(onset=moment, sites=(SpasmSite(region, 3 + index % 6),),
                  duration_seconds=60 * (index + 1), triggers=frozenset({"cold"}),
                  treatments=(TreatmentUse("heat", index % 10),))
            for index, (moment, region) in enumerate(zip(MOMENTS, REGIONS, strict=True))]


def _write(store: Store, chosen: list[Flare], way: str) -> None:
    if way == "one by one":
        for flare in chosen:
            store.flares.add(flare)
    else:
        with store.database.transaction() as session:
            insert_many(session, chosen)


# Every query of the store that takes a period, called on (database, start, end).
QUERIES = {
    "summary": lambda store, start, end: store.summary(start, end),
    "between": lambda store, start, end: sorted(
        (f.sites[0].region, f.sites[0].intensity) for f in store.flares.between(start, end)),
    "count": lambda store, start, end: store.flares.count(start, end),
    "region_figures": lambda store, start, end: aggregates.region_figures(store.database, start, end),
    "referral_counts": lambda store, start, end: aggregates.referral_counts(store.database, start, end),
    "weekday_counts": lambda store, start, end: aggregates.weekday_counts(store.database, start, end),
    "daily_figures": lambda store, start, end: aggregates.daily_figures(store.database, start, end),
    "day_only_days": lambda store, start, end: aggregates.day_only_days(store.database, start, end),
    "daily_terms": lambda store, start, end: aggregates.daily_terms(store.database, "trigger", start, end),
    "duration_counts": lambda store, start, end: aggregates.duration_counts(store.database, start, end),
    "unrated_zones": lambda store, start, end: aggregates.unrated_zones(store.database, start, end),
    "treatment_relief": lambda store, start, end: aggregates.treatment_relief(store.database, start, end),
    "impact_figures": lambda store, start, end: aggregates.impact_figures(store.database, start, end),
    "days_with_treatment": lambda store, start, end: aggregates.days_with_treatment(
        store.database, start, end),
    "term_counts": lambda store, start, end: aggregates.term_counts(store.database, "trigger", start, end),
    "durations": lambda store, start, end: sorted(aggregates.durations(store.database, start, end)),
    "regions_between": lambda store, start, end: aggregates.regions_between(
        store.database, start or WIDE[0], end or WIDE[1]),
    "regions_by_day": lambda store, start, end: aggregates.regions_by_day(
        store.database, start or WIDE[0], end or WIDE[1]),
}


def _comparable(value):
    """A summary's figures without the period it names (the oracle's has none)."""
    if hasattr(value, "flares") and hasattr(value, "days"):
        return {name: getattr(value, name) for name in ("flares", "days_with_flares", "sites",
                                                        "mean_intensity", "max_intensity")}
    return value


def _inside(start: date, end: date) -> list[Flare]:
    return [f for f in flares() if start <= f.onset_local.date() <= end]


@pytest.fixture(scope="module")
def oracles(tmp_path_factory) -> dict[tuple[date, date], Store]:
    """For each period, an SQLite database of only the flares inside it, on their own
    clock (written one by one, through the ORM)."""
    opened = {}
    for start, end in PERIODS:
        home = tmp_path_factory.mktemp(f"oracle-{start}-{end}")
        paths = Paths(home, home / "b", home / "l", home / "s.ini")
        store = Store.open(database_url(paths), paths)
        _write(store, [replace(f, onset=f.onset.replace(hour=12, minute=0, second=0, microsecond=0))
                       for f in _inside(start, end)], "one by one")
        opened[(start, end)] = store
    yield opened
    for store in opened.values():
        store.close()


@pytest.mark.parametrize("way", ["one by one", "in bulk"])
def test_every_period_query_keeps_each_flare_on_its_own_day(store, oracles, way):
    _write(store, flares(), way)
    wrong = []
    for (start, end), oracle in oracles.items():
        for name, query in QUERIES.items():
            got, expected = _comparable(query(store, start, end)), _comparable(query(oracle, None, None))
            if got != expected:
                wrong.append(f"{name} {start}..{end}: {got!r} != {expected!r}")
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("way", ["one by one", "in bulk"])
def test_the_hour_of_each_flare_is_its_own_clock_s(store, way):
    _write(store, flares(), way)
    for start, end in PERIODS:
        inside = _inside(start, end)
        hours = Counter(f.onset_local.hour for f in inside)
        assert aggregates.time_of_day(store.database, start, end) == [hours[h] for h in range(24)]
        nights = Counter(f.onset_local.date() for f in inside if f.onset_local.hour < 8)
        assert aggregates.night_flares(store.database, start, end) == dict(nights)


def test_the_midnight_flare_is_stored_as_the_app_stores_any_time(store):
    """The bulk path writes times in the same form as a flare saved in the app."""
    _write(store, flares()[:2], "in bulk")
    _write(store, [Flare(onset=_at(date(2026, 12, 2), 0), sites=(SpasmSite("soleus.left", 2),))],
           "one by one")
    assert [f.onset_local.date() for f in store.flares.between(date(2026, 12, 1), date(2026, 12, 2))] \
        == [date(2026, 12, 1), date(2026, 12, 2)]
    if store.database.is_sqlite:
        with store.database.reading() as session:
            stored = session.connection().exec_driver_sql(
                "SELECT onset_local, onset_utc, created_utc FROM flare ORDER BY id").all()
        assert {len(value) for row in stored for value in row} == {len("2026-12-01 00:00:00.000000")}
