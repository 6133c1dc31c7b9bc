"""The heat-map's colour scale, chosen from the figures shown, so that the map keeps its
contrast over any period: a day's map of ones and twos and ten years' of ones to
thousands each use every colour.

Counts (flares, burden, times felt as referred pain) fall into up to five classes holding
about as many regions each (quantiles of the regions' figures, the limits rounded to two
significant digits); a class never holds nothing, and few distinct figures make as many
classes ("1", "2", "3–5"). The classes take colours spread over the whole scale, the lightest to the
darkest. Intensities keep their fixed 0–10 scale, the colours the body map uses for them
everywhere. No figures at all: no scale (None), and the map says so in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fibromap.analysis.heatmap import METRICS, Metric

CLASSES = 5  # the colours of the scale (fibromap/figure/colors.py SCALE)


@dataclass(frozen=True, slots=True)
class ColourClass:
    low: float    # the least figure the class holds
    high: float   # and the most
    colour: int   # which of the scale's colours, 0 (lightest) to CLASSES - 1

    def text(self, decimals: int = 0) -> str:
        """"3–5", or "3" for a class of one figure."""
        low, high = (f"{value:.{decimals}f}" for value in (self.low, self.high))
        return low if low == high else f"{low}–{high}"


@dataclass(frozen=True, slots=True)
class ColourScale:
    """``classes`` from the least figure to the most, or none for intensities' fixed scale
    from 0 to ``maximum``."""

    maximum: float
    classes: tuple[ColourClass, ...] = ()
    decimals: int = 0

    def position(self, value: float) -> float:
        """Where a figure's colour lies on the scale, 0 (lightest) to 1 (darkest)."""
        if not self.classes:
            return max(0.0, min(1.0, value / self.maximum)) if self.maximum else 0.0
        shown = round(value, self.decimals)
        chosen = next((c for c in self.classes if shown <= c.high), self.classes[-1])
        return chosen.colour / (CLASSES - 1)

    def texts(self) -> list[str]:
        return [c.text(self.decimals) for c in self.classes]


def colour_scale(metric: Metric, *value_sets: dict[str, float]) -> ColourScale | None:
    """The scale for ``metric`` over every set of figures given (the months of a year share
    one); None when there is no figure at all."""
    info = METRICS[metric]
    values = sorted(round(value, info.decimals) for values in value_sets
                    for value in values.values() if value > 0 or info.fixed_maximum)
    if not values:
        return None
    if info.fixed_maximum is not None:
        return ColourScale(info.fixed_maximum, decimals=info.decimals)
    return ColourScale(values[-1], _classes(values, info.decimals), info.decimals)


def _classes(values: list[float], decimals: int) -> tuple[ColourClass, ...]:
    """Up to CLASSES classes of the sorted ``values``, each limit the quantile that leaves
    as many regions for each class still to come (ties in the least figures leave the
    classes to the bigger ones), rounded to two significant digits; contiguous, none empty."""
    step = 10.0 ** -decimals
    limits: list[tuple[float, float]] = []
    remaining, low = values, values[0]
    while remaining:
        left = CLASSES - len(limits)
        high = remaining[-1] if left == 1 else max(
            remaining[0], _round(remaining[math.ceil(len(remaining) / left) - 1]))
        limits.append((low, high))
        remaining = [value for value in remaining if value > high]
        low = round(high + step, decimals)
    spread = len(limits) - 1
    return tuple(ColourClass(low, high, round(index * (CLASSES - 1) / spread) if spread else
                             (CLASSES - 1) // 2)
                 for index, (low, high) in enumerate(limits))


def _round(value: float) -> float:
    """Two significant digits: 37 stays, 137 is 140, 1234 is 1200."""
    if value < 100:
        return value
    power = 10.0 ** (math.floor(math.log10(value)) - 1)
    return round(value / power) * power
