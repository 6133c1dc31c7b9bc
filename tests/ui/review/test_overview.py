"""The Overview: the last week against the one before, today's check-in, the week's WPI."""

from fibromap.analysis.scores import NOT_A_DIAGNOSIS
from fibromap.i18n import _
from fibromap.store.store import Store


def test_overview_shows_the_last_week_todays_checkin_and_leads_on(qtbot, sqlite_url, paths):
    from datetime import date, timedelta

    from fibromap.domain.flare import Flare, SpasmSite
    from fibromap.ui.review.overview import OverviewPage
    from tests.helpers.records import at

    today = date(2026, 6, 10)
    store = Store.open(sqlite_url, paths)
    days = [today - timedelta(days=n) for n in (0, 1, 2, 9)]
    store.flares.add_many([Flare(onset=at(d.year, d.month, d.day, 3),
                                 sites=(SpasmSite("soleus.left", 6), SpasmSite("soleus.right", 4)))
                           for d in days])
    page = OverviewPage(store, today=lambda: today)
    qtbot.addWidget(page)
    assert page.week.text().startswith("Last 7 days: 3 flares, 2 more than the week before (1).")
    assert "Most often: left lower calf (soleus) (3)." in page.week.text()
    assert page.checkin_state.text().startswith("Today's check-in: not yet")
    assert "Widespread Pain Index, last 7 days: 2 of 19" in page.score.text()  # both lower legs
    assert _(NOT_A_DIAGNOSIS) in page.score.text()
    assert page.map.region_items["soleus.left"].value == 3  # the same 7 days as the cards
    seen = []
    page.navigate.connect(seen.append)
    page.checkin_button.click()
    page.log_button.click()
    assert seen == ["checkin", "log"]


def test_an_empty_week_gives_no_wpi_rather_than_zero(qtbot, sqlite_url, paths):
    from datetime import date

    from fibromap.ui.review.overview import OverviewPage

    store = Store.open(sqlite_url, paths)
    page = OverviewPage(store, today=lambda: date(2026, 6, 10))
    qtbot.addWidget(page)
    assert "0 of 19" not in page.score.text()
    assert page.score.text().startswith("Widespread Pain Index, last 7 days: none, as no flare "
                                        "was recorded")
    assert _(NOT_A_DIAGNOSIS) in page.score.text()
    store.close()


def test_a_week_of_flares_with_no_wpi_area_in_pain_is_a_measured_zero(qtbot, sqlite_url, paths):
    from datetime import date

    from fibromap.domain.flare import Flare, SpasmSite
    from fibromap.ui.review.overview import OverviewPage
    from tests.helpers.records import at

    store = Store.open(sqlite_url, paths)
    store.flares.add(Flare(onset=at(2026, 6, 9, 9), sites=(SpasmSite("upper_trapezius.left", 0),)))
    page = OverviewPage(store, today=lambda: date(2026, 6, 10))
    qtbot.addWidget(page)
    assert page.score.text().startswith("Widespread Pain Index, last 7 days: 0 of 19 — flares "
                                        "were recorded, with no WPI area in pain.")
    store.close()


def test_the_overview_speaks_of_one_period_its_map_and_its_cards_alike(qtbot, sqlite_url, paths):
    """The map's heading said "last 30 days" beside cards about the last 7: now both name
    the same days, and the map counts only the flares of those days."""
    import re
    from datetime import date, timedelta

    from fibromap.domain.flare import Flare, SpasmSite
    from fibromap.ui.review.overview import OverviewPage
    from tests.helpers.records import at

    today = date(2026, 6, 10)
    store = Store.open(sqlite_url, paths)
    for back, region in ((2, "soleus.left"), (6, "soleus.left"), (7, "biceps.right"),
                         (20, "biceps.right")):
        day = today - timedelta(days=back)
        store.flares.add(Flare(onset=at(day.year, day.month, day.day, 9),
                               sites=(SpasmSite(region, 5),)))
    page = OverviewPage(store, today=lambda: today)
    qtbot.addWidget(page)
    said = {match.lower() for label in (page.map_title, page.week, page.score)
            for match in re.findall(r"[Ll]ast \d+ days", label.text())}
    assert said == {"last 7 days"}
    assert page.map.region_items["soleus.left"].value == 2   # 2 and 6 days back
    assert page.map.region_items["biceps.right"].value is None  # 7 and 20 days back
    assert page.week.text().startswith("Last 7 days: 2 flares")
    store.close()
