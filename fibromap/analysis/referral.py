"""Which muscles might be sending pain to the zones a person marked.

Ranks the typical trigger-point referral patterns (resources/atlas/trigger_points.json)
by how well they match the marked zones. A match is a typical pattern, not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fibromap.domain.atlas import Atlas
from fibromap.i18n import N_

DISCLAIMER = N_("typical pattern, not a diagnosis")  # an English id, shown through _


@dataclass(frozen=True, slots=True)
class SourceSuggestion:
    muscle: str
    name: str
    location: str
    source_regions: tuple[str, ...]
    matched_zones: tuple[str, ...]
    pattern_zones: tuple[str, ...]
    score: float


def suggest_sources(zones: Iterable[str], atlas: Atlas, limit: int = 5,
                    marked_sources: Iterable[str] = ()) -> list[SourceSuggestion]:
    """Patterns that cover the marked zones, best first.

    The score rewards covering many of the marked zones (recall) and, less, a pattern
    whose zones are mostly marked (precision), and a muscle in a region already marked
    as a spasm or trigger point; ties go to the pattern reaching fewer of them on the
    other side of the body (a zone felt on both sides suggests the muscle on its own side
    first, then the other), then to the muscle name. A zone marked in a detail view counts
    as reached by a pattern that reaches the region it lies in (the thumb, by one reaching
    the palm).
    """
    marked = set(zones)
    sources = set(marked_sources)
    if not marked:
        return []
    found: list[tuple[tuple[float, int, str], SourceSuggestion]] = []
    for pattern in atlas.patterns:
        hit = tuple(z for z in pattern.zones if z in marked) + tuple(
            z for z in sorted(marked) if z not in pattern.zones and _reaches(pattern.zones, z, atlas))
        if not hit:
            continue
        recall = len(hit) / len(marked)
        precision = min(1.0, len(hit) / len(pattern.zones))
        suggestion = SourceSuggestion(
            pattern.muscle, pattern.name, pattern.location, pattern.sources, hit,
            pattern.zones,
            round(0.7 * recall + 0.3 * precision + (0.2 if sources & set(pattern.sources) else 0), 4))
        crossed = sum(_reaches(pattern.crossed, zone, atlas) for zone in hit)
        found.append(((-suggestion.score, crossed, suggestion.name), suggestion))
    found.sort(key=lambda each: each[0])
    return [suggestion for _key, suggestion in found[:limit]]


def _reaches(pattern_zones: tuple[str, ...], zone: str, atlas: Atlas) -> bool:
    """Whether a pattern reaches a marked zone, or the whole-figure region it lies in."""
    return zone in pattern_zones or atlas.on_figure(zone) in pattern_zones
