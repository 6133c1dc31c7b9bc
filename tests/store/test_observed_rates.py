"""Flares a week over the observed days (issue 31, deliverable 2): days with no flare, no
check-in and no "no spasms" mark are left out of the rate when the person records days
without flares, and the words say how many; a person who records only flares keeps the
rate over all the days, and is told that the days without a record count as none."""

import json
from datetime import date, timedelta

import pytest

from fibromap.analysis.answers import weekly
from fibromap.analysis.periods import Period
from fibromap.cli import main
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite
from fibromap.domain.rates import Basis
from fibromap.store.store import Store
from tests.helpers.records import at

FIRST = date(2026, 1, 1)
DAYS = 70
GAP = range(20, 40)          # the 21st to the 40th day: nothing written down at all
RECORDED = [FIRST + timedelta(days=n) for n in range(DAYS) if n not in GAP]
FLARE_DAYS = RECORDED[::2]   # every other recorded day: 25 flares on 50 recorded days


def history(url, paths, quiet_days: str):
    """25 flares; the recorded days without a flare have a check-in, a "no spasms" mark or
    nothing (``quiet_days``)."""
    store = Store.open(url, paths)
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 9),
                                 sites=(SpasmSite("soleus.left", 5),)) for d in FLARE_DAYS])
    quiet = [d for d in RECORDED if d not in FLARE_DAYS]
    if quiet_days == "check-in":
        # a check-in every recorded day, flare or not
        store.checkins.put_many([CheckIn(day=day, sleep_hours=7.0) for day in RECORDED])
    elif quiet_days == "no spasms":
        store.no_spasms.put_many(quiet)
    return store


def stats(capsys, url, *extra):
    assert main(["--database", url, "stats", "--from", FIRST.isoformat(), "--to",
                 (FIRST + timedelta(days=DAYS - 1)).isoformat(), *extra]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("quiet_days", ["check-in", "no spasms"])
def test_a_gap_in_the_records_is_left_out_of_the_rate(capsys, sqlite_url, paths, quiet_days):
    history(sqlite_url, paths, quiet_days).close()
    figures = json.loads(stats(capsys, sqlite_url, "--json"))
    # By hand: 25 flares over the 50 recorded days; the 20-day gap is left out. Over all 70
    # days (what it said before) the rate was 2.5, as if the gap had no flares.
    assert figures["flares_per_week"] == pytest.approx(25 * 7 / 50, abs=0.01)
    assert (figures["rate_over"], figures["days_observed"]) == ("recorded days", 50)
    assert figures["flares_per_week_all_days"] == pytest.approx(25 * 7 / 70, abs=0.01)
    assert ("Flares: 25, on 25 days: 3.5 a week over the 50 days with a record; 20 days "
            "without any are left out (counting them as days without flares: 2.5 a week)"
            ) in stats(capsys, sqlite_url)


def test_a_person_who_records_only_flares_keeps_every_day(capsys, sqlite_url, paths):
    history(sqlite_url, paths, "nothing").close()
    figures = json.loads(stats(capsys, sqlite_url, "--json"))
    # Leaving out the unrecorded days would leave only flare days: 7 a week.
    assert figures["flares_per_week"] == pytest.approx(25 * 7 / 70, abs=0.01)
    assert figures["rate_over"] == "all days, unknown as none"
    assert ("2.5 a week; the 45 days without any record count as days without flares (most "
            "days without a flare have no check-in or “no spasms” mark)") in stats(capsys, sqlite_url)


@pytest.mark.plain_only("the rule is the same on every kind of file")
def test_a_rare_check_in_does_not_make_every_other_day_unknown(capsys, sqlite_url, paths):
    """One check-in on a day without a flare is no habit of marking quiet days: leaving the
    other 44 out would make the rate 25 flares over 26 days, nearly 7 a week."""
    store = history(sqlite_url, paths, "nothing")
    store.checkins.put(CheckIn(day=RECORDED[1], sleep_hours=7.0))
    store.close()
    figures = json.loads(stats(capsys, sqlite_url, "--json"))
    assert figures["flares_per_week"] == pytest.approx(25 * 7 / 70, abs=0.01)
    assert figures["days_observed"] == 26


@pytest.mark.plain_only("the rule is the same on every kind of file")
def test_every_day_recorded_gives_the_plain_rate(capsys, sqlite_url, paths):
    store = history(sqlite_url, paths, "check-in")
    store.checkins.put_many([CheckIn(day=FIRST + timedelta(days=n), sleep_hours=7.0) for n in GAP])
    store.close()
    assert "Flares: 25, on 25 days: 2.5 a week\n" in stats(capsys, sqlite_url)


@pytest.mark.plain_only("the rule is the same on every kind of file")
def test_the_weekly_bars_leave_the_gap_out(sqlite_url, paths):
    """A week with no record has no bar (not a bar of 0); a week with some days left out is
    scaled from its recorded days and marked partial."""
    store = history(sqlite_url, paths, "check-in")
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))  # 10 whole weeks
    flares_on = {d: 1 for d in FLARE_DAYS}
    summary = store.summary(period.start, period.end)
    assert summary.rate.basis is Basis.RECORDED
    store.close()
    bars = weekly(period, flares_on, [], set(RECORDED)).bars
    recorded = set(RECORDED)
    for bar in bars:
        seen = sum(1 for n in range(bar.days.days) if bar.days.start + timedelta(days=n) in recorded)
        flares = sum(1 for d in FLARE_DAYS if bar.days.start <= d <= bar.days.end)
        assert bar.per_week == (pytest.approx(flares * 7 / seen) if seen else None)
        assert bar.partial == (seen < 7)
    assert [b.per_week for b in bars].count(None) == 2  # the gap's two whole weeks


@pytest.mark.plain_only("the rule is the same on every kind of file")
def test_the_overview_names_the_days_left_out(qtbot, sqlite_url, paths):
    from fibromap.ui.review.overview import OverviewPage

    store = history(sqlite_url, paths, "check-in")
    page = OverviewPage(store, today=lambda: FIRST + timedelta(days=DAYS))
    qtbot.addWidget(page)
    # The Overview's rate runs from the first flare to the last: 69 days, 49 of them recorded.
    assert ("3.6 a week on average over the 49 days with a record; 20 days without any are "
            "left out") in page._details.text()
    store.close()


@pytest.mark.plain_only("the rule is the same on every kind of file")
def test_trends_leave_the_gap_out_of_the_flares(qtbot, sqlite_url, paths):
    """The daily flares have a gap (not zeros) where nothing was recorded; each week's flares
    are scaled from its recorded days, a week with none has no mark, and the caption says so."""
    import math

    from PySide6.QtCore import QDate

    from fibromap.analysis.trends import load_trends, weekly_sums
    from fibromap.domain.atlas import load_atlas
    from fibromap.ui.review.trends_page import TrendsPage

    store = history(sqlite_url, paths, "check-in")
    period = Period(FIRST, FIRST + timedelta(days=DAYS - 1))
    data = load_trends(store, period)
    gap = {FIRST + timedelta(days=n) for n in GAP}
    assert [math.isnan(v) for v in data.flares] == [d in gap for d in data.days]
    assert data.total_flares == 25 and data.left_out == 20
    mondays, sums = weekly_sums(data.days, data.flares)
    for monday, value in zip(mondays, sums, strict=True):
        week = [d for d in data.days if monday <= d <= monday + timedelta(days=6)]
        seen = [d for d in week if d not in gap]
        flares = sum(1 for d in FLARE_DAYS if d in week)
        assert (math.isnan(value) if not seen else value == pytest.approx(flares * len(week) / len(seen)))
    page = TrendsPage(store, load_atlas(), today=lambda: period.end)
    qtbot.addWidget(page)
    page.show()
    page.picker.choose("Custom")
    page.picker.start.setDate(QDate(period.start.year, period.start.month, period.start.day))
    page.picker.end.setDate(QDate(period.end.year, period.end.month, period.end.day))
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period == period)
    assert "20 days without any record (no flare, check-in or “no spasms” mark): left out" in (
        page.caption.text())
    store.close()
