"""The referral patterns corrected after Travell & Simons (issue 32), and zones felt on both
sides of the body: a pattern names them in ``both_sides`` (trigger_points.json), the
pattern of each side reaches them on the other side too, and everything that reads the
patterns honours it: the map's suggested sources and the `fibromap atlas` export."""

import json

import pytest

from fibromap.analysis.referral import suggest_sources
from fibromap.cli import main
from fibromap.domain.atlas import _patterns, load_atlas


def zones_of(muscle: str, source: str) -> set[str]:
    patterns = [p for p in load_atlas().patterns_from(source) if p.muscle == muscle]
    assert len(patterns) == 1, (muscle, source)
    return set(patterns[0].zones)


def test_the_gastrocnemius_reaches_the_arch_knee_calf_and_lower_thigh_not_the_heel():
    """Vol. 2, ch. 21: the instep (the arch of the sole), the back of the knee, the calf
    and the back of the thigh above the knee; the heel is the soleus's (ch. 22)."""
    zones = zones_of("gastrocnemius", "gastrocnemius.left")
    assert {"arch.left", "popliteal.left", "gastrocnemius.left", "hamstring_medial.left",
            "biceps_femoris.left"} <= zones
    assert not zones & {"heel.left", "heel_pad.left", "achilles.left", "peroneals.left"}
    assert {"heel.left", "achilles.left"} <= zones_of("soleus", "soleus.left")


def test_the_infraspinatus_reaches_the_front_and_thumb_side_of_the_arm_not_its_back():
    """Vol. 1, ch. 22: deep in the front of the shoulder, down the front and radial side
    of the arm and forearm to the thumb side of the hand."""
    zones = zones_of("infraspinatus", "infraspinatus.right")
    assert {"anterior_deltoid.right", "biceps.right", "brachioradialis.right",
            "thumb.right"} <= zones
    assert not zones & {"forearm_extensors.right", "hand_back.right", "wrist_back.right",
                        "triceps.right"}


def test_the_hamstrings_reach_the_gluteal_fold_and_the_back_of_the_knee():
    """Vol. 2, ch. 16: the medial hamstrings up to the lower buttock and gluteal fold and
    down to the back of the knee and upper calf; biceps femoris to the knee and below."""
    assert {"gluteus_maximus.left", "hamstring_medial.left", "popliteal.left",
            "gastrocnemius.left"} <= zones_of("hamstrings_medial", "hamstring_medial.left")
    assert {"popliteal.left", "gastrocnemius.left"} <= zones_of("biceps_femoris",
                                                                "biceps_femoris.left")


def test_the_fibularis_reaches_the_outer_ankle_and_foot_not_the_front_of_the_ankle():
    """Vol. 2, ch. 20: the lateral malleolus and the outer side of the foot."""
    zones = zones_of("fibularis", "peroneals.right")
    assert {"peroneals.right", "lateral_malleolus.right", "outer_sole.right"} <= zones
    assert not zones & {"ankle_front.right", "foot_top.right", "tibialis_anterior.right"}


def test_the_radial_wrist_extensors_reach_the_back_of_the_wrist():
    assert {"wrist_back.left", "hand_back.left"} <= zones_of("wrist_extensors_radial",
                                                             "wrist_extensors.left")


def test_rectus_abdominis_sends_pain_across_both_sides_of_the_back():
    """Vol. 1, abdominal muscles: a band across the back at the thoracolumbar level and
    across the sacroiliac and sacral level, on both sides, from a trigger point on one."""
    atlas = load_atlas()
    for side, other in (("left", "right"), ("right", "left")):
        (pattern,) = atlas.patterns_from(f"rectus_abdominis.{side}")
        assert {f"erector_mid.{side}", f"erector_mid.{other}", f"sacroiliac.{side}",
                f"sacroiliac.{other}", "sacrum", "upper_abdomen"} <= set(pattern.zones)
        assert pattern.crossed == (f"erector_mid.{other}", f"sacroiliac.{other}")
        assert f"erector_mid.{other}" in atlas.referral_zones(f"rectus_abdominis.{side}")
    # Every other pattern stays on its side.
    assert {p.muscle for p in atlas.patterns if p.crossed} == {"rectus_abdominis"}


def test_a_pattern_without_both_sides_reads_as_before_and_a_wrong_one_is_refused():
    """The field is optional: an entry in the earlier format stays on its side; one naming
    a zone it does not have, or one on the midline, is refused in one line."""
    paired = {"a": True, "b": True, "mid": False}
    entry = {"id": "m", "name": "M", "location": "", "sources": ["a"], "zones": ["b", "mid"]}
    left, right = _patterns({"patterns": [entry]}, paired)
    assert left.zones == ("b.left", "mid") and left.crossed == ()
    left, right = _patterns({"patterns": [dict(entry, both_sides=["b"])]}, paired)
    assert left.zones == ("b.left", "b.right", "mid") and left.crossed == ("b.right",)
    assert right.zones == ("b.right", "b.left", "mid") and right.crossed == ("b.left",)
    for wrong in ("mid", "a"):
        with pytest.raises(ValueError, match=f"m names '{wrong}' on both sides"):
            _patterns({"patterns": [dict(entry, both_sides=[wrong])]}, paired)


def test_a_zone_on_the_other_side_suggests_the_muscle_of_either_side():
    """Pain painted on the right mid back suggests the right rectus abdominis first, and the
    left one too; with the left one marked as the spasm, the left one first."""
    atlas = load_atlas()
    ranked = [s.name for s in suggest_sources({"erector_mid.right"}, atlas, limit=40)]
    assert "Right rectus abdominis" in ranked and "Left rectus abdominis" in ranked
    assert ranked.index("Right rectus abdominis") < ranked.index("Left rectus abdominis")
    marked = suggest_sources({"erector_mid.right", "sacroiliac.right"}, atlas,
                             marked_sources={"rectus_abdominis.left"})
    assert marked[0].name == "Left rectus abdominis"
    assert marked[0].matched_zones == ("erector_mid.right", "sacroiliac.right")


def test_the_atlas_export_carries_the_zones_on_both_sides(capsys):
    assert main(["atlas", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    zones = rows["rectus_abdominis.left"]["referral_zones"]
    assert {"erector_mid.left", "erector_mid.right", "sacroiliac.right"} <= set(zones)
    assert not any(zone.endswith(".right") for zone in rows["gastrocnemius.left"]["referral_zones"])


def test_the_pattern_table_gives_its_references_in_words_and_says_both_sides():
    """docs/referral-patterns.md: the two volumes by authors, title and edition, and each
    pattern's reference with the book's authors, title, volume and chapter."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "referral-patterns.md").read_text(
        encoding="utf-8")
    assert "David G. Simons, Janet G. Travell and Lois S. Simons" in text
    assert "*Upper Half of Body*, second edition" in text and "*The Lower Extremities*" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == len({p.muscle for p in load_atlas().patterns})
    for row in rows:
        reference = row.rstrip(" |").rsplit(" | ", 1)[1]
        assert "*The Trigger Point Manual*, vol. " in reference, row
    infraspinatus = next(row for row in rows if row.startswith("| Infraspinatus |"))
    assert infraspinatus.endswith("vol. 1, ch. 22: Infraspinatus muscle |")
    rectus = next(row for row in rows if row.startswith("| Rectus abdominis |"))
    assert "mid back (erector spinae), both sides" in rectus
