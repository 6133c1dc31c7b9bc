"""Round numbers for a colour scale or an axis: steps of 1, 2 or 5 times a power of ten.

A scale from 0 to 39 reads 0, 10, 20, 30, not 0, 10, 20, 29, 39; a count never shows
decimals, and every label differs from its neighbours.
"""

from __future__ import annotations

import math

STEPS = (1, 2, 5)


def nice_step(maximum: float, most: int = 6, whole: bool = False) -> float:
    """The smallest 1-2-5 step that puts at most ``most`` ticks on 0–``maximum``.

    ``whole``: the figures are counts, so the step is at least 1.
    """
    if maximum <= 0 or not math.isfinite(maximum):
        return 1.0
    exponent = math.floor(math.log10(maximum / max(1, most - 1)))
    while True:
        for base in STEPS:
            step = base * 10.0 ** exponent
            if whole and step < 1:
                continue
            if math.floor(maximum / step + 1e-9) + 1 <= most:
                return step
        exponent += 1


def nice_ticks(maximum: float, most: int = 6, whole: bool = False) -> list[float]:
    """Ticks from 0 up to ``maximum`` (never past it), ``nice_step`` apart."""
    step = nice_step(maximum, most, whole)
    count = math.floor(max(0.0, maximum) / step + 1e-9)
    return [round(index * step, 10) for index in range(count + 1)]


def tick_text(value: float, step: float) -> str:
    """A tick's label with just the decimals its step needs ("0.5", "10", "2000")."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    return f"{value:.{decimals}f}"
