from datetime import datetime, timedelta, timezone

import pytest

from fibromap.domain.atlas import load_atlas
from fibromap.domain.draft import DraftLink, DraftSite, DraftTreatment, FlareDraft
from fibromap.errors import ValidationError
from tests.helpers.records import full_flare, temple_flare
from tests.helpers.refusals import begins, refused, says


def test_a_saved_flare_survives_draft_and_json_and_back():
    flare = full_flare(id=7)
    draft = FlareDraft.from_flare(flare)
    again = FlareDraft.from_json(draft.to_json())
    assert again == draft
    assert again.to_flare(load_atlas()) == flare


def test_an_unfinished_draft_keeps_what_is_missing():
    draft = FlareDraft(onset=datetime(2026, 5, 1, 3, 0, tzinfo=timezone(timedelta(hours=2))),
                       sites=[DraftSite("soleus.left", None), DraftSite("heel.left", 3, "referred")],
                       links=[DraftLink("soleus.left", "heel.left", None)],
                       treatments=[DraftTreatment("medication")], notes="ünïcode ✓")
    again = FlareDraft.from_json(draft.to_json())
    assert again == draft and again.onset.utcoffset() == timedelta(hours=2)
    with refused(ValidationError, "sites") as told:
        again.to_flare(load_atlas())
    says(told.value, "give an intensity (0–10) for {region}",
         region=load_atlas().name("soleus.left").lower())
    assert not again.is_empty and FlareDraft(onset=again.onset).is_empty


def test_a_referred_zone_left_unrated_is_saved_unrated_and_still_going_as_said():
    """Before: an unrated zone could not be saved (so the source's intensity was copied to
    it), and "still going" was not kept: a draft from a saved flare read a NULL length as
    still going."""
    onset = datetime(2026, 5, 1, 3, 0, tzinfo=timezone(timedelta(hours=2)))
    draft = FlareDraft(onset=onset, still_going=True,
                       sites=[DraftSite("masseter.left", 7), DraftSite("temple.left", None, "referred")],
                       links=[DraftLink("masseter.left", "temple.left", None)])
    flare = draft.to_flare(load_atlas())
    assert flare.unrated_zones == ("temple.left",) and flare.still_going
    assert FlareDraft.from_flare(flare).still_going
    unsaid = temple_flare(still_going=False)
    assert not FlareDraft.from_flare(unsaid).still_going
    assert FlareDraft.from_flare(unsaid).to_flare(load_atlas()) == unsaid
    draft.sites[0].intensity = None  # a source is still rated before saving
    with refused(ValidationError, "sites") as told:
        draft.to_flare(load_atlas())
    says(told.value, "give an intensity (0–10) for {region}",
         region=load_atlas().name("masseter.left").lower())


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": 99, "draft": {}}',
                                  '{"format": 1, "draft": {"onset": "yesterday"}}',
                                  '{"format": 1}'])
def test_a_damaged_draft_is_a_clear_error(text):
    with refused(ValidationError) as told:
        FlareDraft.from_json(text)
    begins(told.value, "the unsaved flare could not be read back ({reason})")
