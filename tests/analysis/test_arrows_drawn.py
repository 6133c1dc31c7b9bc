"""Which referral patterns a heat-map draws as arrows, worked out by hand: the most
frequent first, at most two ending at one region, at most twelve; the rest kept, most
frequent first, to be named."""

from fibromap.analysis.heatmap import arrows_drawn


def test_at_most_two_arrows_end_at_one_region():
    links = [("ql.right", "groin.right", 30), ("ql.right", "buttock.right", 29),
             ("erector.right", "groin.right", 28), ("psoas.right", "groin.right", 27),
             ("jaw.right", "temple.right", 5)]
    drawn, rest = arrows_drawn(links)
    assert drawn == [("ql.right", "groin.right", 30), ("ql.right", "buttock.right", 29),
                     ("erector.right", "groin.right", 28), ("jaw.right", "temple.right", 5)]
    assert rest == [("psoas.right", "groin.right", 27)]


def test_twelve_at_most_and_the_rest_most_frequent_first():
    links = [(f"source{i}", f"zone{i}", 100 - i) for i in range(20)]
    drawn, rest = arrows_drawn(list(reversed(links)))
    assert drawn == links[:12] and rest == links[12:]
    assert arrows_drawn([("a", "a", 3)]) == ([], [("a", "a", 3)])  # never to itself
