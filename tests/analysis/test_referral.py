from fibromap.analysis.referral import suggest_sources
from fibromap.domain.atlas import load_atlas


def test_neck_to_temple_and_eye_suggests_the_upper_trapezius_first():
    ranked = suggest_sources({"temple.left", "brow_eye.left", "posterior_neck.left"}, load_atlas())
    assert ranked[0].name == "Left upper trapezius"
    assert set(ranked[0].matched_zones) == {"temple.left", "brow_eye.left", "posterior_neck.left"}
    assert ranked[0].source_regions == ("upper_trapezius.left",)
    assert all(s.name.startswith("Left") for s in ranked)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) <= 5


def test_heel_and_achilles_suggest_the_soleus():
    ranked = suggest_sources({"heel.right", "achilles.right"}, load_atlas())
    assert ranked[0].muscle == "soleus" and ranked[0].source_regions == ("soleus.right",)
    assert ranked[1].muscle == "gastrocnemius"  # the heel alone


def test_nothing_marked_or_nothing_matching_gives_no_suggestion():
    assert suggest_sources([], load_atlas()) == []
    assert suggest_sources({"forearm_flexors.left"}, load_atlas())[0].muscle == "pectoralis_minor"
    assert suggest_sources({"chin"}, load_atlas()) == []  # no typical pattern reaches the chin
    assert suggest_sources({"upper_abdomen"}, load_atlas())[0].muscle == "external_oblique"


def test_a_marked_source_muscle_ranks_first():
    zones = {"cheek.right"}
    plain = suggest_sources(zones, load_atlas())
    assert plain[0].muscle != "masseter"
    boosted = suggest_sources(zones, load_atlas(), marked_sources={"masseter.right"})
    assert boosted[0].muscle == "masseter" and boosted[0].source_regions == ("masseter.right",)
