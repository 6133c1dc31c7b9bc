"""Flares with every field filled, for round-trip tests."""

from datetime import UTC, datetime, timedelta, timezone

from fibromap.domain.flare import Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse


def full_flare(**changes) -> Flare:
    fields = dict(
        onset=datetime(2026, 3, 29, 1, 45, 12, tzinfo=timezone(timedelta(hours=1))),
        sites=(SpasmSite("upper_trapezius.left", 8),
               SpasmSite("levator_scapulae.left", 6, SiteRole.TRIGGER_POINT),
               SpasmSite("temple.left", 5, SiteRole.REFERRED),
               SpasmSite("brow_eye.left", 3, SiteRole.REFERRED)),
        referrals=(Referral("upper_trapezius.left", "temple.left", 5),
                   Referral("upper_trapezius.left", "brow_eye.left", 2),
                   Referral("levator_scapulae.left", "temple.left", 4)),
        duration_seconds=5400,
        context="asleep",
        qualities=frozenset({"vice_like", "twitching"}),
        triggers=frozenset({"poor_sleep", "cold"}),
        treatments=(TreatmentUse("heat", 7),
                    TreatmentUse("medication", 4, "Cyclobenzaprine", "5 mg"),
                    TreatmentUse("stretching")),
        impacts={ImpactArea.SLEEP: 3, ImpactArea.WORK: 1, ImpactArea.FINE_MOTOR: 0},
        notes="Woke at 01:45 — neck locked.\nSecond line with ünïcödé ✓ and 'quotes'.",
    )
    fields.update(changes)
    return Flare(**fields)


def at(year, month, day, hour=12, minute=0, offset_hours=1) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone(timedelta(hours=offset_hours)))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def temple_flare(**changes) -> Flare:
    """Issue 30's flare: the jaw in spasm (7), its pain felt at the temple, which was never
    rated; still going when it was recorded."""
    fields = dict(
        onset=datetime(2026, 3, 30, 6, 10, tzinfo=timezone(timedelta(hours=2))),
        sites=(SpasmSite("masseter.left", 7), SpasmSite("temple.left", None, SiteRole.REFERRED)),
        referrals=(Referral("masseter.left", "temple.left", None),),
        still_going=True,
    )
    fields.update(changes)
    return Flare(**fields)


def store_from(empty_database, home):
    """A store on a copy of the empty database made once for the session (tests/conftest.py:
    empty_database), in ``home``: a database besides the person's, at no migration's cost."""
    import shutil

    from fibromap.config import Paths
    from fibromap.store.store import Store

    paths = Paths(home, home / "backups", home / "logs", home / "settings.ini")
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(empty_database, paths.database_file)
    return Store.open(f"sqlite:///{paths.database_file}", paths)


def poor_and_good_nights(store, today, days: int = 60) -> None:
    """``days`` up to ``today`` in turn after a poor night (4 h slept, 3 flares the next day)
    and a good one (8 h, 1 flare): a shift an insight finds."""
    from fibromap.domain.daily import CheckIn

    start = today - timedelta(days=days - 1)
    flares, checkins = [], []
    for i in range(days):
        day = start + timedelta(days=i)
        poor = i % 2 == 0
        checkins.append(CheckIn(day, sleep_hours=4.0 if poor else 8.0))
        for n in range(3 if poor else 1):
            flares.append(Flare(onset=at(day.year, day.month, day.day, 10 + n),
                                sites=(SpasmSite("soleus.left", 5),)))
    store.flares.add_many(flares)
    store.checkins.put_many(checkins)
