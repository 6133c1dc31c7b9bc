"""The heat-map's colour classes, worked out by hand: about as many regions in each, the
limits rounded, none empty, contiguous, the colours spread from the lightest to the darkest;
intensities keep 0–10; no figures, no scale."""

from fibromap.analysis.colour_scale import CLASSES, colour_scale
from fibromap.analysis.heatmap import Metric


def figures(*counts: int) -> dict[str, float]:
    return {f"region{index}": float(count) for index, count in enumerate(counts)}


def test_ten_regions_make_five_classes_of_two():
    scale = colour_scale(Metric.FLARES, figures(1, 1, 2, 3, 5, 8, 13, 40, 41, 3180))
    assert scale is not None
    assert scale.texts() == ["1", "2–3", "4–8", "9–40", "41–3180"]
    assert [c.colour for c in scale.classes] == [0, 1, 2, 3, 4]
    assert [scale.position(v) for v in (1, 3, 8, 40, 41, 3180)] == [0, 0.25, 0.5, 0.75, 1, 1]


def test_ties_in_the_least_leave_the_classes_to_the_bigger_figures():
    # 20 ones, then 9 bigger: the first class's quantile (the 6th of 29) is a one, so the
    # ones are one class and the 9 others share the other four: the 3rd of 9 (3), the 2nd
    # of 6 (5), the 2nd of 4 (11), the rest.
    scale = colour_scale(Metric.FLARES, figures(*[1] * 20, 2, 2, 3, 4, 5, 8, 11, 15, 33))
    assert scale is not None
    assert scale.texts() == ["1", "2–3", "4–5", "6–11", "12–33"]


def test_limits_round_to_two_significant_digits_and_never_leave_a_class_empty():
    counts = [130 + 17 * i for i in range(20)] + [4567]
    scale = colour_scale(Metric.BURDEN, figures(*counts))
    assert scale is not None
    highs = [c.high for c in scale.classes]
    assert highs[:-1] == [round(h, -1) for h in highs[:-1]] and highs[-1] == 4567
    for low, high in ((c.low, c.high) for c in scale.classes):
        assert any(low <= value <= high for value in counts)
    assert all(b.low == a.high + 1 for a, b in zip(scale.classes, scale.classes[1:], strict=False))


def test_few_figures_make_as_many_classes_spread_over_the_colours():
    assert colour_scale(Metric.FLARES, figures(1, 1, 1)).texts() == ["1"]
    two = colour_scale(Metric.FLARES, figures(1, 2, 1))
    assert two.texts() == ["1", "2"] and [c.colour for c in two.classes] == [0, CLASSES - 1]
    three = colour_scale(Metric.REFERRED, figures(1, 2, 5))
    assert three.texts() == ["1", "2", "3–5"] and [c.colour for c in three.classes] == [0, 2, 4]


def test_months_share_one_scale_and_intensities_keep_theirs():
    shared = colour_scale(Metric.FLARES, figures(1, 2), figures(3, 4, 5, 6))
    assert shared.texts() == ["1–2", "3", "4", "5", "6"]
    mean = colour_scale(Metric.MEAN, figures(2, 7))
    assert mean.classes == () and mean.maximum == 10 and mean.position(5) == 0.5


def test_nothing_to_colour_is_no_scale():
    assert colour_scale(Metric.FLARES, {}) is None
    assert colour_scale(Metric.FLARES, {}, {}) is None
