"""Records moved by a JSON or CSV export keep every flare on its own day (issue 31): flares at
00:00:00 and 23:59:59.999999 give the same stats, WPI, Overview, heat map, trends,
patterns, insights and report after the move as before it, for every period around them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from fibromap.analysis.periods import Period
from fibromap.analysis.report_data import load_report
from fibromap.analysis.review import load_insights, load_patterns, load_scores
from fibromap.analysis.trends import load_trends
from fibromap.config import Paths, database_url
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.exchange.files import export_text, import_text
from fibromap.store.store import Store

FIRST = date(2025, 10, 6)   # a Monday, three weeks before the autumn clock change
DAYS = 70


def _store(home) -> Store:
    paths = Paths(home, home / "b", home / "l", home / "s.ini")
    return Store.open(database_url(paths), paths)


def _history() -> tuple[list[Flare], list[CheckIn]]:
    """Every third day a flare at 00:00 exactly (one region) and every fourth day one at
    23:59:59.999999 (another); a check-in each day, so every day is observed."""
    flares = []
    for n in range(DAYS):
        day = FIRST + timedelta(days=n)
        offset = timezone(timedelta(hours=2 if day < date(2025, 10, 26) else 1))
        if n % 3 == 0:
            flares.append(Flare(onset=datetime(day.year, day.month, day.day, tzinfo=offset),
                                sites=(SpasmSite("upper_trapezius.left", 6),
                                       SpasmSite(("soleus.right", "gluteus_medius.left",
                                                  "masseter.right")[n % 9 // 3], 4)),
                                duration_seconds=600, triggers=frozenset({"cold"})))
        if n % 4 == 1:
            flares.append(Flare(onset=datetime(day.year, day.month, day.day, 23, 59, 59, 999_999,
                                               tzinfo=offset),
                                sites=(SpasmSite("gastrocnemius.left", 3),), duration_seconds=60))
    checkins = [CheckIn(day=FIRST + timedelta(days=n), sleep_hours=4.5 if n % 5 == 0 else 7.5,
                        fatigue=n % 4) for n in range(DAYS)]
    return flares, checkins


def _periods() -> list[Period]:
    """1-day and 7-day periods ending on each day around the clock change (Sunday 26
    October 2025), and the four weeks up to it."""
    ends = [FIRST + timedelta(days=n) for n in range(19, 23)]
    return [Period(end - timedelta(days=length - 1), end) for end in ends for length in (1, 7)] \
        + [Period(FIRST + timedelta(days=-7), FIRST + timedelta(days=20))]


def _figures(store: Store, period: Period) -> dict:
    atlas = load_atlas()
    return {
        "stats": store.summary(period.start, period.end),
        "scores": load_scores(store, period, atlas),
        "trends": load_trends(store, period),
        "patterns": load_patterns(store, period, atlas, today=period.end),
        "insights": load_insights(store, period, today=period.end),
        "report": load_report(store, period, atlas),
    }


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    store = _store(tmp_path_factory.mktemp("original"))
    flares, checkins = _history()
    store.flares.add_many(flares)
    for checkin in checkins:
        store.checkins.put(checkin)
    yield store
    store.close()


def test_a_history_moved_by_json_gives_the_same_figures_on_every_kind_of_database(original, store):
    """Into a plain or protected SQLite file or a PostgreSQL database."""
    _same_figures_after_a_move(original, store, "json")


def test_a_history_moved_by_csv_gives_the_same_figures(original, tmp_path):
    moved = _store(tmp_path / "moved")
    _same_figures_after_a_move(original, moved, "csv")
    moved.close()


def _same_figures_after_a_move(original: Store, moved: Store, fmt: str) -> None:
    for part in (["json"] if fmt == "json" else ["csv", "checkins"]):
        import_text(moved, export_text(original, part), f"the {part} export")
    for flare, again in zip(original.flares.between(), moved.flares.between(), strict=True):
        assert again.onset_local == flare.onset_local
    for period in _periods()[::1 if fmt == "json" else 2]:
        before, after = _figures(original, period), _figures(moved, period)
        for name in before:
            assert after[name] == before[name], f"{name} of {period}"


def test_the_overview_and_heat_map_are_the_same_after_a_move(qtbot, original, tmp_path):
    from fibromap.ui.review.heatmap_page import load_heat_data
    from fibromap.ui.review.overview import OverviewPage

    moved = _store(tmp_path / "moved")
    import_text(moved, export_text(original, "json"), "the export")
    for today in (FIRST + timedelta(days=n) for n in (27, 28, 29, 30)):
        pages = [OverviewPage(store, today=lambda today=today: today) for store in (original, moved)]
        for page in pages:
            qtbot.addWidget(page)
        assert [(p.week.text(), p.score.text()) for p in pages[1:]] == \
            [(pages[0].week.text(), pages[0].score.text())]
        assert "0 flares" not in pages[0].week.text()
        period = Period(today - timedelta(days=6), today)
        for by_month in (False, True):
            assert load_heat_data(moved, period, by_month) == load_heat_data(original, period, by_month)
    moved.close()
