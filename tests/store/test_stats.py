from datetime import date

from fibromap.domain.daily import CheckIn
from fibromap.domain.flare import Flare, Referral, SiteRole, SpasmSite
from fibromap.store.stats import RegionCount
from tests.helpers.records import at


def seed(store):
    """Three flares on two local days, worked out by hand below."""
    store.flares.add_many([
        Flare(onset=at(2026, 4, 1, 3, 0, offset_hours=2),
              sites=(SpasmSite("gastrocnemius.left", 8), SpasmSite("gastrocnemius.right", 6))),
        Flare(onset=at(2026, 4, 1, 23, 50, offset_hours=2),  # 21:50 UTC, still 1 April locally
              sites=(SpasmSite("upper_trapezius.left", 4), SpasmSite("temple.left", 2, SiteRole.REFERRED)),
              referrals=(Referral("upper_trapezius.left", "temple.left", 2),)),
        Flare(onset=at(2026, 4, 3, 0, 10, offset_hours=2),  # 2 April 22:10 UTC, 3 April locally
              sites=(SpasmSite("gastrocnemius.left", 10),)),
    ])
    store.checkins.put_many([CheckIn(date(2026, 4, d)) for d in (1, 2, 3, 4)])


def test_summary_of_everything(store):
    seed(store)
    summary = store.summary()
    assert (summary.flares, summary.sites) == (3, 5)
    assert summary.mean_intensity == (8 + 6 + 4 + 2 + 10) / 5
    assert summary.max_intensity == 10
    assert summary.days_with_flares == 2
    assert summary.days == 3  # 1 to 3 April
    assert summary.flares_per_week == 3 * 7 / 3
    assert summary.checkins == 4
    assert summary.top_regions == (
        RegionCount("gastrocnemius.left", 2), RegionCount("gastrocnemius.right", 1),
        RegionCount("temple.left", 1), RegionCount("upper_trapezius.left", 1))


def test_summary_uses_local_days(store):
    seed(store)
    first = store.summary(date(2026, 4, 1), date(2026, 4, 1))
    assert (first.flares, first.sites, first.max_intensity) == (2, 4, 8)
    assert first.mean_intensity == 5.0 and first.checkins == 1 and first.days == 1
    later = store.summary(date(2026, 4, 2), None)
    assert (later.flares, later.sites, later.checkins) == (1, 1, 3)
    assert later.top_regions == (RegionCount("gastrocnemius.left", 1),)


def test_summary_of_an_empty_period(store):
    seed(store)
    empty = store.summary(date(2025, 1, 1), date(2025, 1, 31))
    assert (empty.flares, empty.sites, empty.mean_intensity, empty.max_intensity) == (0, 0, None, None)
    assert empty.top_regions == () and empty.days == 31 and empty.flares_per_week == 0
