"""What a heat-map can show for each region, from the SQL figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from fibromap.i18n import N_
from fibromap.store.aggregates import RegionFigures


class Metric(StrEnum):
    FLARES = "flares"
    MEAN = "mean"
    MAX = "max"
    BURDEN = "burden"
    REFERRED = "referred"


# The figures made of intensities: a referred zone not rated has none, and is left out.
INTENSITY_METRICS = frozenset({Metric.MEAN, Metric.MAX, Metric.BURDEN})


@dataclass(frozen=True, slots=True)
class MetricInfo:
    label: str
    unit: str
    value: Callable[[RegionFigures], float | None]  # None: felt, but never rated
    fixed_maximum: float | None  # intensities keep the 0–10 scale; counts get classes (colour_scale.py)
    decimals: int


METRICS: dict[Metric, MetricInfo] = {
    Metric.FLARES: MetricInfo(N_("Flares touching the region"), "flares", lambda f: f.flares, None, 0),
    Metric.MEAN: MetricInfo(N_("Mean intensity"), "0–10", lambda f: f.mean_intensity, 10, 1),
    Metric.MAX: MetricInfo(N_("Highest intensity"), "0–10", lambda f: f.max_intensity, 10, 0),
    Metric.BURDEN: MetricInfo(N_("Burden (intensity × minutes)"), "intensity·min",
                              lambda f: f.burden, None, 0),
    Metric.REFERRED: MetricInfo(N_("Felt here as referred pain"), "times",
                                lambda f: f.referred, None, 0),
}


def metric_values(figures: dict[str, RegionFigures], metric: Metric) -> dict[str, float]:
    """Each region's figure for ``metric``; regions where it is zero are left out, and from
    the intensities those felt only as referred pain not rated (they have none)."""
    info = METRICS[metric]
    values = {region: info.value(f) for region, f in figures.items()}
    return {region: float(value) for region, value in values.items()
            if value is not None and (value > 0 or metric in (Metric.MEAN, Metric.MAX))}


def format_value(metric: Metric, value: float) -> str:
    decimals = METRICS[metric].decimals
    return f"{value:.{decimals}f}" if decimals else f"{value:.0f}"


ARROWS = 12    # referral patterns drawn as arrows on a heat-map, at most
PER_ZONE = 2   # arrows ending at one region, at most (their heads would pile on its number)

Link = tuple[str, str, int]  # source, zone, how many times


def arrows_drawn(links: list[Link], most: int = ARROWS,
                 per_zone: int = PER_ZONE) -> tuple[list[Link], list[Link]]:
    """The referral patterns drawn as arrows, one per source and zone: the most frequent
    first, at most ``per_zone`` ending at one region and ``most`` in all; and the rest,
    most frequent first, to be named in words."""
    drawn: list[Link] = []
    rest: list[Link] = []
    into: dict[str, int] = {}
    for link in sorted(links, key=lambda each: (-each[2], each[0], each[1])):
        source, zone, _count = link
        if len(drawn) < most and into.get(zone, 0) < per_zone and source != zone:
            drawn.append(link)
            into[zone] = into.get(zone, 0) + 1
        else:
            rest.append(link)
    return drawn, rest
