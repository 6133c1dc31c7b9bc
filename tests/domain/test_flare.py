from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, strategies as st

from fibromap.domain.flare import (
    DURATION_MAX_SECONDS, Flare, ImpactArea, Referral, SiteRole, SpasmSite, TreatmentUse,
)
from fibromap.errors import ValidationError
from tests.helpers.refusals import refused

CET = timezone(timedelta(hours=1))


def flare(**changes) -> Flare:
    fields = dict(onset=datetime(2026, 1, 10, 4, 15, tzinfo=CET),
                  sites=(SpasmSite("upper_trapezius.left", 7),))
    fields.update(changes)
    return Flare(**fields)


@pytest.mark.parametrize("value", [11, -1, 7.5, "7", True])
def test_intensity_outside_0_to_10_is_refused_naming_the_value_given(value):
    with refused(ValidationError, "intensity", f"got {value!r}"):
        SpasmSite("upper_trapezius.left", value)


def test_intensity_bounds_are_accepted():
    assert SpasmSite("calf", 0).intensity == 0
    assert SpasmSite("calf", 10).intensity == 10
    assert SpasmSite("calf", 6.0).intensity == 6


def test_unknown_role_is_refused():
    with refused(ValidationError, "role", "cramp"):
        SpasmSite("calf", 3, "cramp")


def test_onset_keeps_utc_and_local_offset():
    f = flare(onset=datetime(2026, 7, 1, 23, 30, tzinfo=timezone(timedelta(hours=2))))
    assert f.onset_utc == datetime(2026, 7, 1, 21, 30, tzinfo=UTC)
    assert f.utc_offset_minutes == 120
    assert f.onset_local == datetime(2026, 7, 1, 23, 30)


def test_onset_without_offset_is_refused():
    with refused(ValidationError, "onset"):
        flare(onset=datetime(2026, 1, 10, 4, 15))


def test_a_flare_needs_a_region_and_a_region_only_once():
    with refused(ValidationError, "sites") as told:
        flare(sites=())
    assert "calf" not in str(told.value)
    with refused(ValidationError, "sites", "calf"):
        flare(sites=(SpasmSite("calf", 3), SpasmSite("calf", 5)))


@pytest.mark.parametrize("seconds, ok", [(1, True), (DURATION_MAX_SECONDS, True), (None, True),
                                         (0, False), (DURATION_MAX_SECONDS + 1, False)])
def test_duration_is_seconds_up_to_a_week_or_none(seconds, ok):
    if ok:
        assert flare(duration_seconds=seconds).length_given is (seconds is not None)
    else:
        with refused(ValidationError, "duration in seconds", f"got {seconds}"):
            flare(duration_seconds=seconds)


def test_a_length_given_still_going_and_not_given_are_three_states():
    assert (flare(duration_seconds=60).still_going, flare(duration_seconds=60).length_given) == (
        False, True)
    going, unsaid = flare(still_going=True), flare()
    assert going.length_given and going.duration_seconds is None
    assert not unsaid.length_given and not unsaid.still_going
    assert going != unsaid
    with refused(ValidationError, "still_going"):
        flare(duration_seconds=60, still_going=True)
    with refused(ValidationError, "still_going", "'yes'"):
        flare(still_going="yes")


def test_only_a_referred_zone_may_be_left_unrated_and_it_is_in_no_intensity():
    zone = SpasmSite("temple.left", None, SiteRole.REFERRED)
    f = flare(sites=(SpasmSite("upper_trapezius.left", 7), zone),
              referrals=(Referral("upper_trapezius.left", "temple.left", None),))
    assert not zone.rated and f.unrated_zones == ("temple.left",) and f.max_intensity == 7
    for role in (SiteRole.SPASM, SiteRole.TRIGGER_POINT):
        with refused(ValidationError, "intensity"):
            SpasmSite("calf", None, role)
    with refused(ValidationError, "sites"):
        flare(sites=(zone,))


def test_referral_links_a_source_to_a_zone_marked_as_referred():
    sites = (SpasmSite("upper_trapezius.left", 7), SpasmSite("temple.left", 4, SiteRole.REFERRED))
    good = flare(sites=sites, referrals=(Referral("upper_trapezius.left", "temple.left", 5),))
    assert good.referrals[0].intensity == 5
    with refused(ValidationError, "referrals", "temple.left"):
        flare(sites=(SpasmSite("upper_trapezius.left", 7), SpasmSite("temple.left", 4)),
              referrals=(Referral("upper_trapezius.left", "temple.left", 5),))
    with refused(ValidationError, "referrals", "masseter.left"):
        flare(sites=sites, referrals=(Referral("masseter.left", "temple.left", 5),))
    with refused(ValidationError, "referral intensity", "got 12"):
        Referral("upper_trapezius.left", "temple.left", 12)
    with refused(ValidationError, "referrals", "upper_trapezius.left", "temple.left"):
        flare(sites=sites, referrals=(Referral("upper_trapezius.left", "temple.left", 5),) * 2)
    with refused(ValidationError, "referral", "temple.left"):
        Referral("temple.left", "temple.left", 3)


def test_treatment_relief_is_0_to_10_or_not_yet_known():
    assert TreatmentUse("heat").relief is None
    assert TreatmentUse("medication", 6, "Cyclobenzaprine", "5 mg").dose == "5 mg"
    with refused(ValidationError, "relief", "got 11"):
        TreatmentUse("heat", 11)


def test_impacts_are_on_known_areas_and_levels():
    f = flare(impacts={"sleep": 3, ImpactArea.WALKING: 0})
    assert f.impacts == {ImpactArea.SLEEP: 3, ImpactArea.WALKING: 0}
    with refused(ValidationError, "impact on fine motor", "got 4"):
        flare(impacts={"fine_motor": 4})
    with refused(ValidationError, "impacts", "typing"):
        flare(impacts={"typing": 1})


def test_words_must_be_vocabulary_keys_and_notes_have_no_length_limit():
    f = flare(qualities={"cramping"}, triggers=["stress", "stress"], notes="n" * 1_000_000)
    assert f.triggers == frozenset({"stress"})
    assert len(f.notes) == 1_000_000
    with refused(ValidationError, "triggers", "'Bad Weather'"):
        flare(triggers={"Bad Weather"})
    with refused(ValidationError, "triggers", "'stress'"):
        flare(triggers="stress")
    with refused(ValidationError, "context", "'on a bike!'"):
        flare(context="on a bike!")


def test_max_intensity_and_regions():
    f = flare(sites=(SpasmSite("a.left", 3), SpasmSite("b", 8)))
    assert f.max_intensity == 8
    assert f.regions == ("a.left", "b")




@given(st.integers(-10**6, 10**6))
def test_any_whole_number_is_accepted_exactly_when_within_0_to_10(value):
    if 0 <= value <= 10:
        assert SpasmSite("calf", value).intensity == value
    else:
        with refused(ValidationError, "intensity", f"got {value}"):
            SpasmSite("calf", value)
