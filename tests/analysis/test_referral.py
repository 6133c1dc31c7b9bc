from fibromap.analysis.referral import suggest_sources
from fibromap.domain.atlas import load_atlas


def test_neck_to_temple_and_eye_suggests_the_upper_trapezius_first():
    ranked = suggest_sources({"temple.left", "brow_eye.left", "posterior_neck.left"}, load_atlas())
    assert ranked[0].muscle == "upper_trapezius"
    assert set(ranked[0].matched_zones) == {"temple.left", "brow_eye.left", "posterior_neck.left"}
    assert ranked[0].source_regions == ("upper_trapezius.left",)
    assert all(r.endswith(".left") for s in ranked for r in s.source_regions)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True) and len(ranked) <= 5


def test_heel_and_achilles_suggest_the_soleus():
    ranked = suggest_sources({"heel.right", "achilles.right"}, load_atlas())
    assert ranked[0].muscle == "soleus" and ranked[0].source_regions == ("soleus.right",)
    # The gastrocnemius sends pain to the arch, not the heel (that is the soleus's).
    assert "gastrocnemius" not in {s.muscle for s in ranked}
    # Tibialis posterior reaches both as well, with the sole besides (more zones not marked).
    assert ranked[1].muscle == "tibialis_posterior" and ranked[1].score < ranked[0].score


def test_nothing_marked_or_nothing_matching_gives_no_suggestion():
    assert suggest_sources([], load_atlas()) == []
    # Every pattern reaching the forearm flexors covers the one zone (recall 1); the fewest
    # other zones wins: serratus anterior reaches 7 zones (0.7 + 0.3 / 7 = 0.743), pectoralis
    # minor 8 since it reaches three fingers (0.7 + 0.3 / 8 = 0.738).
    best = suggest_sources({"forearm_flexors.left"}, load_atlas())
    assert [(s.muscle, len(s.pattern_zones), s.score) for s in best[:2]] == [
        ("serratus_anterior", 7, 0.7429), ("pectoralis_major", 8, 0.7375)]
    assert suggest_sources({"oblique.left"}, load_atlas()) == []  # no typical pattern reaches it
    assert suggest_sources({"upper_abdomen"}, load_atlas())[0].muscle == "external_oblique"


def test_a_marked_source_muscle_ranks_first():
    zones = {"cheek.right"}
    plain = suggest_sources(zones, load_atlas())
    assert plain[0].muscle != "masseter"
    boosted = suggest_sources(zones, load_atlas(), marked_sources={"masseter.right"})
    assert boosted[0].muscle == "masseter" and boosted[0].source_regions == ("masseter.right",)


def test_a_zone_marked_in_a_detail_view_is_reached_through_the_region_it_lies_in():
    atlas = load_atlas()
    # No pattern names the middle of the palm; those reaching the palm reach it.
    middle = suggest_sources({"palm_centre.left"}, atlas, limit=20)
    palm = suggest_sources({"palm.left"}, atlas, limit=20)
    assert [s.muscle for s in middle] == [s.muscle for s in palm]
    assert {"pectoralis_major", "scalenes", "finger_flexors"} <= {s.muscle for s in middle}
    assert all(s.matched_zones == ("palm_centre.left",) for s in middle)
    # The thumb: the patterns naming it and those reaching the palm; none of the foot's.
    thumb = {s.muscle for s in suggest_sources({"thumb.right"}, atlas, limit=40)}
    assert {"scalenes", "thumb_muscles", "finger_flexors", "pectoralis_major"} <= thumb
    assert "abductor_hallucis" not in thumb
