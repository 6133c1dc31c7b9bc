"""Round numbers under a colour scale: worked out by hand for each case."""

import pytest

from fibromap.analysis.ticks import nice_step, nice_ticks, tick_text


@pytest.mark.parametrize("maximum, whole, expected", [
    (39, True, ["0", "10", "20", "30"]),          # not 0, 10, 20, 29, 39
    (10, False, ["0", "2", "4", "6", "8", "10"]),  # the 0–10 intensity scale
    (1, True, ["0", "1"]),                         # a single flare: no "0 0 0 1 1"
    (3, True, ["0", "1", "2", "3"]),
    (2.4, False, ["0.0", "0.5", "1.0", "1.5", "2.0"]),
    (29102, True, ["0", "5000", "10000", "15000", "20000", "25000"]),
    (0, True, ["0"]),                              # nothing recorded
])
def test_ticks_are_round_numbers_never_past_the_maximum(maximum, whole, expected):
    step = nice_step(maximum, whole=whole)
    labels = [tick_text(value, step) for value in nice_ticks(maximum, whole=whole)]
    assert labels == expected
    assert len(set(labels)) == len(labels)  # neighbours never read the same


def test_counts_never_get_a_step_below_one():
    assert nice_step(2, most=6, whole=True) == 1
    assert nice_step(2, most=6, whole=False) == 0.5


@pytest.mark.parametrize("maximum", [0.3, 1, 7, 13, 99, 101, 1234, 10 ** 6])
def test_at_most_six_ticks_in_steps_of_one_two_or_five(maximum):
    step = nice_step(maximum)
    ticks = nice_ticks(maximum)
    assert 2 <= len(ticks) <= 6
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 9) in (1, 2, 5)
    assert ticks[-1] <= maximum < ticks[-1] + step
