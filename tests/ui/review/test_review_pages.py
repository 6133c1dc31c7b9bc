"""Patterns and Insights on data worked out by hand, and on an empty database."""

import random
from datetime import date, timedelta

from fibromap.analysis.insight_words import lead
from fibromap.analysis.insights import ASSOCIATION
from fibromap.analysis.pattern_words import SAME
from fibromap.analysis.timeline import observed_words
from fibromap.domain.atlas import load_atlas
from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, SpasmSite, TreatmentUse
from fibromap.i18n import _, ngettext
from fibromap.i18n.formats import decimal, percent, whole
from fibromap.ui.review.insights_page import InsightsPage
from fibromap.ui.review.patterns_page import PatternsPage
from tests.helpers.records import at, poor_and_good_nights
from tests.helpers.refusals import fits, quoted

TODAY = date(2026, 6, 30)


def ready(qtbot, page):
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None)


def seed_patterns(store):
    # Mon 22 June 03:10 (x2 regions), Wed 24 June 05:30, Sat 27 June 14:00 (long)
    store.flares.add_many([
        Flare(onset=at(2026, 6, 22, 3, 10), duration_seconds=20,
              sites=(SpasmSite("soleus.left", 6), SpasmSite("soleus.right", 5))),
        Flare(onset=at(2026, 6, 24, 5, 30), duration_seconds=300, sites=(SpasmSite("soleus.left", 4),)),
        Flare(onset=at(2026, 6, 27, 14, 0), duration_seconds=7200,
              sites=(SpasmSite("soleus.left", 7),),
              treatments=(TreatmentUse("stretching", 8), TreatmentUse("heat", 4))),
    ])


def test_patterns_count_still_going_and_not_given_apart(qtbot, store):
    """Issue 30: Patterns had one bar, "no end given", for both."""
    from tests.helpers.records import temple_flare

    store.flares.add_many([temple_flare(onset=at(2026, 6, 20, 6)),
                           temple_flare(onset=at(2026, 6, 21, 6), still_going=False),
                           temple_flare(onset=at(2026, 6, 22, 6), still_going=False)])
    page = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    ready(qtbot, page)
    bars = dict(zip(page.durations.labels, page.durations.values, strict=True))
    assert (bars["still going"], bars["not given"]) == (1, 2)
    assert not any("no end" in label for label in bars)


def test_patterns_by_hour_weekday_duration_and_region(qtbot, store):
    seed_patterns(store)
    page = PatternsPage(store, load_atlas(), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    ready(qtbot, page)
    assert page.hours.values[3] == 1 and page.hours.values[5] == 1 and page.hours.values[14] == 1
    quoted(page.hours.title, percent(2 / 3))  # 2 of the 3 flares began before 8 am
    assert page.weekdays.values == [1, 0, 1, 0, 0, 1, 0]
    assert page.durations.values == [1, 0, 1, 0, 1, 0, 0, 0]  # then still going, not given
    assert page.summary.text() == _(SAME)
    names = fits(page.spread_figures.text(),
                 "{share} of the marks were on the {names}. {regions} in all, on average "
                 "{per_week} different regions a week, over {weeks} with flares.")["names"]
    assert names.startswith(load_atlas().name("soleus.left").lower())
    page.region.setCurrentIndex(page.region.findData("soleus.left"))
    qtbot.waitUntil(lambda: not page.worker.busy and page.data.region == "soleus.left")
    assert sum(page.region_chart.values) == 3
    assert page.region_chart.title.startswith(ngettext(
        "{region}: {count} flare, per week", "{region}: {count} flares, per week", 3).format(
        region=load_atlas().name("soleus.left"), count=whole(3)))


def test_insights_need_enough_days_and_say_association_not_cause(qtbot, store):
    seed_patterns(store)
    page = InsightsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    ready(qtbot, page)
    texts = [card.text() for card in page.cards]
    too_few = [lead(c) for c in page.data.comparisons if not c.enough]
    assert too_few and any(t.split("\n")[0] in too_few for t in texts)
    [label] = [label for key, label, _n, _mean in page.data.treatments if key == "stretching"]
    assert any(t.startswith(ngettext("{treatment}: {mean} (rated {count} time)",
                                     "{treatment}: {mean} (rated {count} times)", 1).format(
        treatment=label, mean=decimal(8.0), count=whole(1))) for t in texts)


def test_insights_with_enough_days(qtbot, store):
    poor_and_good_nights(store, TODAY)
    page = InsightsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.picker.choose("Last 90 days")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 90)
    sleep = page.data.sleep[0]
    # Today is not over, and the 24 h from waking yesterday end at 8 this morning: the
    # outcomes run to the day before yesterday's, 29 poor nights and 29 others.
    assert sleep.enough and (sleep.n_exposed, sleep.n_other) == (29, 29)
    assert sleep.mean_exposed == 3 and sleep.mean_other == 1
    card = next(card for card in page.cards if card.comparison is sleep)
    # The plain sentence first; the exact figures under it. Every poor night had 3 flares and
    # every other 1: nothing varied, so there is nothing to judge chance by.
    assert card.lead.text() == lead(sleep)
    quoted(card.lead.text(), whole(2), whole(29))  # about 2 more flares, on 29 such nights
    first = card.details.text()
    quoted(first, decimal(3.0, 2), decimal(1.0, 2), f"{whole(29)} + {whole(29)} = {whole(58)}",
           _(ASSOCIATION).capitalize())
    # Which days count, said where the period is: 30 days without any are left out.
    assert page.caption.text().endswith(observed_words(30))


def test_the_review_pages_render_an_empty_database(qtbot, store):
    for page in (PatternsPage(store, load_atlas()), InsightsPage(store)):
        qtbot.addWidget(page)
        page.show()
        ready(qtbot, page)
    assert page.cards  # the insights page explains there is nothing yet


def test_the_forest_plot_draws_each_comparison_with_its_interval(qtbot, store):
    start = TODAY - timedelta(days=89)
    checkins, flares = [], []
    poor_nights = set(random.Random(8).sample(range(90), 30))  # at random: see the CLI test
    for i in range(90):
        day = start + timedelta(days=i)
        poor = i in poor_nights
        checkins.append(CheckIn(day, sleep_hours=4.0 if poor else 8.0, water_glasses=2 + i % 6))
        for n in range((3 if poor else 1) + (i % 5 == 0)):
            flares.append(Flare(onset=at(day.year, day.month, day.day, 10 + n),
                                sites=(SpasmSite("soleus.left", 5),)))
    store.flares.add_many(flares)
    store.checkins.put_many(checkins)
    page = InsightsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.picker.choose("Last 90 days")
    page.show()
    qtbot.waitUntil(lambda: not page.worker.busy and page.data is not None
                    and page.data.period.days == 90 and page.forest.isVisible())
    drawn = [c for c in page.data.comparisons if c.enough and c.estimable]
    assert sorted(page.forest.rows, key=drawn.index) == drawn and len(drawn) >= 3
    top = page.forest.rows[0]
    assert top.title == _("Poor sleep and spasms {hours} h later").format(hours=24) and top.notable
    # Its label, its interval and its dot where its numbers say, on its group's scale.
    [placed, *_rest] = page.forest._layout(page.forest.width())
    _c, box, _lines = placed.rows[0]
    left, right = page.forest._plot_span(page.forest.width())
    low, high = (page.forest._x(placed, v, left, right) for v in (top.ci_low, top.ci_high))
    assert placed.low <= top.ci_low < top.ci_high <= placed.high and left <= low < high <= right
    image = page.forest.grab().toImage()
    y = round(box.center().y())
    red = [x for x in range(int(left), int(right)) if image.pixelColor(x, y).red() > 150
           and image.pixelColor(x, y).blue() < 100]  # notable: in red
    assert red and abs(min(red) - low) <= 3 and abs(max(red) - high) <= 3
    assert page.forest.row_at(box.center().y()) is top
    assert lead(top) in page.forest.accessibleDescription()  # read out by screen readers


def test_no_forest_plot_without_a_comparison_to_draw(qtbot, store):
    page = InsightsPage(store, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    ready(qtbot, page)
    assert not page.forest.isVisible() and not page.plot_title.isVisible()
    fits(page.standout.text(), "Nothing to compare yet: each comparison needs at least {days} days on "
         "both sides.")
